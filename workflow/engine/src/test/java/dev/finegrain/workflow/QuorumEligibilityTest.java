package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static dev.finegrain.workflow.Fixtures.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Team;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who counts toward a stage's quorum: an approval counts while the member it was cast for may vote
 * in the stage. One kept from a member who left the team, lost the role, or was eligible only
 * through an escalation the stage lost by reopening does not count, under any quorum; it counts
 * again once they may vote again. A delegated approval is the delegator's.
 */
class QuorumEligibilityTest {
  /** The shop team, and wu, a third copywriter, and zhao, a third designer. */
  private static final Team WITH_WU_AND_ZHAO = Fixtures.teamWith(member("wu", "copywriter"),
      member("zhao", "designer"));
  private static final ReviewContext BEFORE = ReviewContext.of(WITH_WU_AND_ZHAO);
  /** wu and zhao left. */
  private static final ReviewContext AFTER = Fixtures.context();

  /** Copy by every copywriter, image by a majority of designers, then compliance and 2 managers. */
  private static ReviewWorkflow everyCopywriter() {
    return ReviewWorkflow.builder().from(Fixtures.listingReview())
        .phases(List.of(Phase.of(Stage.builder().from(Fixtures.copy()).quorum(Quorum.all()).build(),
                Stage.builder().from(Fixtures.image()).quorum(Quorum.majority()).build()),
            Phase.of(Fixtures.compliance()), Phase.of(Fixtures.manager())))
        .build();
  }

  private static CaseDriver submitted(ReviewWorkflow workflow) {
    CaseDriver d = new CaseDriver(workflow, BEFORE, "listing-42");
    d.accept(d.submit("chen", listing("apparel", 20)));
    return d;
  }

  private static StageProgress progress(CaseDriver d, String stageId) {
    return Reviews.progress(d.workflow, d.context, d.state).stream().filter(p -> p.stageId().equals(stageId))
        .findFirst().orElseThrow();
  }

  @Test
  void anAllQuorumIsNotMetByTheApprovalOfAMemberWhoLeftWhileAnEligibleMemberHasNotApproved() {
    // given: wu and lin approved copy (2 of 3 copywriters); then wu left
    CaseDriver d = submitted(everyCopywriter());
    d.accept(d.approve("wu", "copy"));
    d.accept(d.approve("lin", "copy"));
    d = d.with(AFTER).after(Duration.ofDays(1));

    // when: the platform ticks the case after the team change
    d.accept(d.tick());

    // then: copy waits for zhou, the copywriter who has not approved; wu's approval does not count
    assertEquals(StageStatus.OPEN, d.status("copy"));
    StageProgress copy = progress(d, "copy");
    assertEquals(1, copy.approvals(), copy.toString());
    assertEquals(2, copy.required());
    assertEquals(List.of("zhou"), copy.canStillVote());
    assertEquals(2, d.state.stage("copy").approvals(), "wu's approval is still in the log and the state");
    d.accept(d.approve("zhou", "copy"));
    assertEquals(StageStatus.APPROVED, d.status("copy"));
  }

  @Test
  void anAllQuorumDoesNotCountTheApprovalOfAMemberWhoLostTheRole() {
    CaseDriver d = submitted(everyCopywriter());
    d.accept(d.approve("lin", "copy"));
    d.accept(d.approve("zhou", "copy"));
    // lin becomes a designer; wu left too: zhou is the only copywriter, and approved
    Team moved = Team.builder().from(Fixtures.team()).members(Fixtures.team().members().stream()
        .map(m -> m.id().equals("lin") ? member("lin", "designer") : m).toList()).build();
    d = d.with(ReviewContext.of(moved));

    d.accept(d.tick());

    assertEquals(StageStatus.APPROVED, d.status("copy"), "zhou, every copywriter now, approved");

    CaseDriver other = submitted(everyCopywriter());
    other.accept(other.approve("lin", "copy"));
    other.accept(other.approve("wu", "copy"));
    Team linMoved = Team.builder().from(WITH_WU_AND_ZHAO).members(WITH_WU_AND_ZHAO.members().stream()
        .map(m -> m.id().equals("lin") ? member("lin", "designer") : m).toList()).build();
    other = other.with(ReviewContext.of(linMoved));
    other.accept(other.tick());
    assertEquals(StageStatus.OPEN, other.status("copy"), "zhou and wu are the copywriters; zhou has not approved");
    assertEquals(1, progress(other, "copy").approvals());
  }

  @Test
  void aMajorityIsOfTheMembersWhoMayVoteNow() {
    // given: zhao approved image (1 of 3 designers, 2 needed); then zhao left: wang and li remain
    CaseDriver d = submitted(everyCopywriter());
    d.accept(d.approve("zhao", "image"));
    d = d.with(AFTER);

    // when: wang approves
    d.accept(d.approve("wang", "image"));

    // then: 1 of wang and li is no majority of them
    assertEquals(StageStatus.OPEN, d.status("image"));
    assertEquals("image: 1 of 2 approvals; can still vote [li]", progress(d, "image").toString());
    d.accept(d.approve("li", "image"));
    assertEquals(StageStatus.APPROVED, d.status("image"));
  }

  @Test
  void aCountQuorumCountsOnlyMembersWhoMayVoteNowAndAMemberWhoComesBackCountsAgain() {
    // given: manager approval needs 2 managers; ma approved, then left
    CaseDriver d = submitted(Fixtures.listingReview());
    d.accept(d.approve("lin", "copy"));
    d.accept(d.approve("wang", "image"));
    d.accept(d.approve("ma", "manager"));
    d = d.with(ReviewContext.of(Fixtures.without(Fixtures.team(), "ma")));

    // when: guo approves
    d.accept(d.approve("guo", "manager"));

    // then: one approval of a manager who may vote; ma's counts again once ma is back, with the next tick
    assertEquals(StageStatus.OPEN, d.status("manager"));
    assertEquals(1, progress(d, "manager").approvals());
    d = d.with(AFTER);
    d.accept(d.tick());
    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
  }

  @Test
  void aRejectionUnderUnlessQuorumReachableRejectsOnceOnlyMembersWhoMayVoteCouldNotReachIt() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("image").name("Image").addReviewerRole("designer")
            .quorum(Quorum.majority()).vetoPolicy(VetoPolicy.UNLESS_QUORUM_REACHABLE).build()))
        .build();
    // zhao approved (1 of 3, 2 needed), then left: wang and li must both approve now
    CaseDriver d = submitted(workflow);
    d.accept(d.approve("zhao", "image"));
    d = d.with(AFTER);

    d.accept(d.reject("wang", "image", "blurry"));

    assertEquals(Outcome.REJECTED, d.state.outcome().orElseThrow(), "li alone cannot make a majority of 2");
  }

  @Test
  void aRejectionOnRecordRejectsOnceATeamChangeMakesTheQuorumUnreachableWithNoFurtherVote() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("m").name("Managers").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).vetoPolicy(VetoPolicy.UNLESS_QUORUM_REACHABLE).build()))
        .build();
    // ma approved and guo rejected: ma and tang could still make 2, so the stage stayed open
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "listing-42");
    d.accept(d.submit("chen", listing("apparel", 20)));
    d.accept(d.approve("ma", "m"));
    d.accept(d.reject("guo", "m", "price too high"));
    assertEquals(StageStatus.OPEN, d.status("m"));

    // when: ma leaves the team, and the platform ticks the case
    d = d.with(ReviewContext.of(Fixtures.without(Fixtures.team(), "ma"))).after(Duration.ofHours(1));
    d.accept(d.tick());

    // then: tang alone cannot make 2: guo's rejection stands, as it would have had ma left before it
    assertEquals(Outcome.REJECTED, d.state.outcome().orElseThrow(),
        "before, the stage stayed open for good once tang approved, with no one left to vote");
    String reason = d.state.closeReason().orElseThrow();
    assertTrue(reason.contains("stage 'm' rejected by guo"), reason);
  }

  @Test
  void aDelegatedApprovalCountsForTheDelegatorWhoMayVoteWhereverTheDelegateIs() {
    // given: lin delegated to boss (no copywriter), who approved copy for lin; then boss left the team
    CaseDriver d = submitted(everyCopywriter());
    d.accept(d.delegate("lin", "lin", "boss", Duration.ofDays(2)));
    d.accept(d.approve("boss", "copy"));
    assertEquals(1, progress(d, "copy").approvals(), "boss voted for lin");
    d.accept(d.approve("wu", "copy"));
    d = d.with(ReviewContext.of(Fixtures.without(WITH_WU_AND_ZHAO, "boss")));

    // when: zhou approves
    d.accept(d.approve("zhou", "copy"));

    // then: lin's approval, cast by boss, counts with zhou's and wu's
    assertEquals(StageStatus.APPROVED, d.status("copy"));
  }

  @Test
  void aDelegatedApprovalForAMemberWhoLeftDoesNotCount() {
    CaseDriver d = submitted(everyCopywriter());
    d.accept(d.delegate("wu", "wu", "boss", Duration.ofDays(2)));
    d.accept(d.approve("boss", "copy"));
    d.accept(d.approve("lin", "copy"));
    d = d.with(AFTER);

    d.accept(d.tick());

    assertEquals(StageStatus.OPEN, d.status("copy"), "boss voted for wu, who left; zhou has not approved");
    assertEquals(List.of("zhou"), progress(d, "copy").canStillVote());
  }

  /**
   * Copy by every copywriter, escalating to the designers after an hour, keeping approvals
   * through resubmissions: designers who approved it escalated are no copywriters once it reopens
   * un-escalated, so the copywriters must approve; when it escalates again, the designers'
   * approvals count again.
   */
  @Test
  void approvalsKeptFromAnEscalationDoNotCountOnceTheStageReopensUnescalated() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter")
            .quorum(Quorum.all()).reReview(ReReview.keep()).deadline(Deadline.builder()
                .escalateAfter(Duration.ofHours(1)).escalationRole("designer").build()).build()))
        .build();
    CaseDriver d = new CaseDriver(workflow, AFTER, "c");
    d.accept(d.submit("chen", listing("tea", 20)));
    d.accept(d.after(Duration.ofHours(2)).tick());
    d.accept(d.approve("wang", "copy"));
    d.accept(d.approve("li", "copy"));
    d.accept(d.requestChanges("lin", "copy", "shorter"));

    d.accept(d.resubmit("chen", listing("tea", 20)));

    assertEquals(StageStatus.OPEN, d.status("copy"), "no copywriter approved it");
    StageProgress copy = progress(d, "copy");
    assertEquals("copy: 0 of 2 approvals; can still vote [lin, zhou]; escalates at " + d.now.plus(Duration.ofHours(1)),
        copy.toString());
    d.accept(d.approve("lin", "copy"));
    d.accept(d.approve("zhou", "copy"));
    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());

    // the same case, left to escalate again: wang's and li's approvals count once they may vote again
    CaseDriver late = new CaseDriver(workflow, AFTER, "late");
    late.accept(late.submit("chen", listing("tea", 20)));
    late.accept(late.after(Duration.ofHours(2)).tick());
    late.accept(late.approve("wang", "copy"));
    late.accept(late.approve("li", "copy"));
    late.accept(late.requestChanges("lin", "copy", "shorter"));
    late.accept(late.resubmit("chen", listing("tea", 20)));
    late.accept(late.after(Duration.ofHours(2)).tick());
    assertEquals("copy: 2 of 4 approvals; can still vote [lin, zhou]; escalated", progress(late, "copy").toString());
    late.accept(late.approve("zhou", "copy"));
    late.accept(late.approve("lin", "copy"));
    assertEquals(Outcome.APPROVED, late.state.outcome().orElseThrow());
  }

  @Test
  void theEngineKeepsTheStageOpenAfterTheTeamChangeAndWhyBlockedSaysWhichApprovalDoesNotCount() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter").quorum(Quorum.all())
            .build()))
        .build();
    EventStore store = EventStores.inMemory();
    EngineDriver before = new EngineDriver(ReviewEngine.builder(BEFORE).register(workflow).store(store).build());
    before.accept(before.submit("k1", "chen", listing("food", 20)));
    before.accept(before.approve("k1", "wu", "copy"));
    before.accept(before.approve("k1", "lin", "copy"));
    // wu leaves: the platform builds its engine with the team as it is now, over the same store
    ReviewEngine after = ReviewEngine.builder(AFTER).register(workflow).store(store).build();
    before.after(Duration.ofDays(1));

    ReviewOutcome tick = after.handle(Tick.builder().commandId(before.id()).caseId("k1").actor(ReviewEvent.SYSTEM)
        .at(before.now).build());

    assertTrue(tick.isAccepted(), tick::toString);
    assertEquals(List.of(), tick.events(), "nothing to record: zhou has not approved");
    assertEquals(CaseStatus.IN_REVIEW, after.state("k1").status());
    String why = after.whyBlocked("k1", before.now).text();
    assertTrue(why.contains("Copy [copy]: 1 of 2 approvals, 1 more needed"), why);
    assertTrue(why.contains("wu approved at " + Fixtures.T0 + " (revision 1; does not count: wu may not vote in"
        + " the stage now); lin approved at " + Fixtures.T0 + " (revision 1)"), why);
    assertTrue(why.contains("can still vote: zhou (Zhou)"), why);
    assertEquals(List.of("k1"), after.inbox("zhou", before.now).stream().map(InboxItem::caseId).toList());

    after.handle(before.approve("k1", "zhou", "copy"));
    assertEquals(Outcome.APPROVED, after.state("k1").outcome().orElseThrow());
  }
}
