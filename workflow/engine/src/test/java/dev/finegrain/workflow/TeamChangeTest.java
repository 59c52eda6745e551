package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static dev.finegrain.workflow.Fixtures.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Team;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.command.Withdraw;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The team is not in the log: a platform builds its engine with the team as it is now. When members
 * leave, a stage's quorum can be met by the approvals already cast: the next accepted command
 * records the approval.
 */
class TeamChangeTest {
  /** The shop team, and wu, a third copywriter. */
  private static final Team WITH_WU = Fixtures.teamWith(member("wu", "copywriter"));

  /** The listing review with copy review needing every copywriter. */
  private static ReviewWorkflow everyCopywriter() {
    return ReviewWorkflow.builder().from(Fixtures.listingReview())
        .phases(List.of(Phase.of(Stage.builder().from(Fixtures.copy()).quorum(Quorum.all()).build(), Fixtures.image()),
            Phase.of(Fixtures.compliance()), Phase.of(Fixtures.manager())))
        .build();
  }

  /** lin and zhou approved copy (2 of 3 copywriters), wang the image; then wu left the team. */
  private static CaseDriver afterWuLeft() {
    CaseDriver before = new CaseDriver(everyCopywriter(), ReviewContext.of(WITH_WU), "listing-42");
    before.accept(before.submit("chen", listing("apparel", 20)));
    before.accept(before.approve("lin", "copy"));
    before.accept(before.approve("zhou", "copy"));
    before.accept(before.approve("wang", "image"));
    assertEquals(StageStatus.OPEN, before.status("copy"), "2 of 3 copywriters");
    return before.with(Fixtures.context()).after(Duration.ofDays(30));
  }

  private static List<Class<?>> types(List<ReviewEvent> events) {
    return events.stream().<Class<?>>map(e -> e.getClass().getSuperclass()).toList();
  }

  @Test
  void aStageWhoseApprovalsMeetItsQuorumOnceAMemberLeftIsApprovedByTheNextTick() {
    CaseDriver d = afterWuLeft();

    List<ReviewEvent> events = d.accept(d.tick());

    assertEquals(List.of(StageApproved.class, StageSkipped.class, StageOpened.class), types(events));
    assertEquals(ReviewEvent.SYSTEM, events.get(0).actor());
    assertEquals(d.now, events.get(0).at());
    assertEquals(StageStatus.APPROVED, d.status("copy"));
    assertEquals(StageStatus.OPEN, d.status("manager"));
    assertEquals(d.state, ReviewCase.replay(d.log), "the log replays to the state without the team");
    assertEquals(List.of(), d.accept(d.tick()), "recorded once");
  }

  @Test
  void anyAcceptedCommandRecordsTheApprovalFirstAndIsDecidedOnTheCaseAfterIt() {
    CaseDriver d = afterWuLeft();

    List<ReviewEvent> events = d.accept(d.approve("ma", "manager"));

    assertEquals(List.of(StageApproved.class, StageSkipped.class, StageOpened.class, VoteCast.class), types(events));
    assertEquals(1, d.state.stage("manager").approvals());
    assertEquals(d.state, ReviewCase.replay(d.log));
  }

  @Test
  void aVoteInTheStageTheTeamChangeDecidedIsRefusedAndRecordsNothing() {
    CaseDriver d = afterWuLeft();

    Refusal refusal = d.refuse(d.approve("lin", "copy"));

    assertEquals(RefusalReason.STAGE_NOT_OPEN, refusal.reason());
    assertEquals("stage 'copy' of case listing-42 is approved, not open for votes", refusal.message());
    assertEquals(StageStatus.OPEN, d.status("copy"), "a refusal records nothing; the next accepted command will");
  }

  @Test
  void theEngineRecordsTheApprovalWithTheNextTickAndWhyBlockedSaysSoBefore() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing").leadRole("lead")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter").quorum(Quorum.all())
            .build()))
        .build();
    EventStore store = EventStores.inMemory();
    EngineDriver before = new EngineDriver(ReviewEngine.builder(ReviewContext.of(WITH_WU)).register(workflow)
        .store(store).build());
    before.accept(before.submit("k1", "chen", listing("food", 20)));
    before.accept(before.approve("k1", "lin", "copy"));
    before.accept(before.approve("k1", "zhou", "copy"));
    // wu leaves: the platform builds its engine with the team as it is now, over the same store
    ReviewEngine after = ReviewEngine.builder(Fixtures.context()).register(workflow).store(store).build();
    before.after(Duration.ofDays(30));

    WhyBlocked why = after.whyBlocked("k1", before.now);
    assertEquals(CaseStatus.CLOSED, why.status(), why.text());
    assertEquals(List.of(), why.stages(), why.text());
    Refusal withdraw = after.handle(Withdraw.builder().commandId(before.id()).caseId("k1").actor("chen")
        .at(before.now).build()).refusal().orElseThrow();
    assertEquals(RefusalReason.CASE_CLOSED, withdraw.reason());
    assertEquals("case k1 was approved before " + before.now + " (the phase passed)", withdraw.message());
    assertEquals(CaseStatus.IN_REVIEW, after.state("k1").status(), "a refusal records nothing");

    ReviewOutcome tick = after.handle(Tick.builder().commandId(before.id()).caseId("k1").actor(ReviewEvent.SYSTEM)
        .at(before.now).build());

    assertEquals(List.of(StageApproved.class, CaseClosed.class), types(tick.events().stream()
        .map(e -> e.event()).toList()));
    assertEquals(Optional.of(Outcome.APPROVED), after.state("k1").outcome());
    assertEquals(why.status(), after.state("k1").status(), "why-blocked foretold the tick");
    assertTrue(after.verify("k1").intact());
    ReviewEngine withWuBack = ReviewEngine.builder(ReviewContext.of(WITH_WU)).register(workflow).store(store).build();
    assertEquals(after.state("k1"), withWuBack.state("k1"), "the log, not the team, says what happened");
  }
}
