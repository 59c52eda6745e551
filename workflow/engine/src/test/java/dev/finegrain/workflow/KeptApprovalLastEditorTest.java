package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.T0;
import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Approvals kept through a resubmission where the last editor may not approve: a kept approval by
 * (or for) the member who edited the new revision does not count toward it, whichever re-review
 * policy kept it. A stage still open keeps waiting; a stage approved before the case was sent back
 * opens again, with its approvals, when its phase comes. The same approval counts again in a later
 * revision someone else edited. Through the engine, as a platform drives it.
 */
class KeptApprovalLastEditorTest {
  private static final String CASE = "l-1";

  /**
   * Copy by any copywriter (lin, zhou; reset by a resubmission), then manager approval by the
   * managers (ma, guo, tang) with {@code quorum} and {@code reReview}, then the director's (boss)
   * final check; the last editor may not approve.
   */
  private static ReviewWorkflow workflow(ReReview reReview, Quorum quorum) {
    return ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .lastEditorMayNotApprove(true)
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
            .quorum(quorum).reReview(reReview).build()))
        .addPhase(Phase.of(Stage.builder().id("final").name("Final check").addReviewerRole("director").build()))
        .build();
  }

  private static EngineDriver engine(ReviewWorkflow workflow) {
    return new EngineDriver(ReviewEngine.builder(Fixtures.context()).register(workflow).build());
  }

  private static Resubmit resubmitEditedBy(EngineDriver d, Artifact subject, String editor) {
    return Resubmit.builder().from(d.resubmit(CASE, "chen", subject)).editedBy(editor).build();
  }

  private static StageStatus status(EngineDriver d, String stage) {
    return d.engine.state(CASE).stageStatus(stage);
  }

  /** chen submits; lin approves copy and ma manager approval, which any manager approves; boss requests changes. */
  private static EngineDriver managerApprovedByMaThenSentBack(ReReview reReview) {
    EngineDriver d = engine(workflow(reReview, Quorum.any()));
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.requestChanges(CASE, "boss", "final", "the photo is of another tea"));
    d.after(Duration.ofHours(1));
    return d;
  }

  @Test
  void aStageApprovedOnlyByTheEditorsKeptApprovalOpensAgainWhenItsPhaseComes() {
    // given: ma approved manager approval of revision 1, then edited revision 2; approvals are kept
    EngineDriver d = managerApprovedByMaThenSentBack(ReReview.keep());
    d.accept(resubmitEditedBy(d, listing("tea", 20), "ma"));
    assertEquals(StageStatus.OPEN, status(d, "copy"));
    assertEquals(StageStatus.APPROVED, status(d, "manager"), "its phase has not come");

    // when: copy is approved again, and manager approval's phase comes
    List<RecordedEvent> events = d.accept(d.approve(CASE, "lin", "copy")).events();

    // then: manager approval opens again, holding ma's approval, which does not count toward revision 2
    assertEquals(List.of(VoteCast.class, StageApproved.class, StageOpened.class),
        events.stream().map(e -> e.event().getClass().getSuperclass()).toList(), events::toString);
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    String why = d.engine.whyBlocked(CASE, d.now).text();
    assertTrue(why.contains("Manager approval [manager]: 0 of 1 approval, 1 more needed"), why);
    assertTrue(why.contains("votes so far: ma approved at " + T0 + " (revision 1; does not count: ma edited"
        + " revision 2)"), why);
    assertTrue(why.contains("can still vote: guo (Guo), tang (Tang)"), why);
    assertEquals(RefusalReason.ALREADY_VOTED, d.send(d.approve(CASE, "ma", "manager")).refusal().orElseThrow()
        .reason());

    d.accept(d.approve(CASE, "guo", "manager"));
    assertEquals(StageStatus.APPROVED, status(d, "manager"));
    assertEquals(StageStatus.OPEN, status(d, "final"));
  }

  @Test
  void anOpenStageDoesNotCountTheEditorsKeptApproval() {
    // given: 2 managers needed; ma approved revision 1, tang requested changes; ma edited revision 2
    EngineDriver d = engine(workflow(ReReview.keep(), Quorum.atLeast(2)));
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.requestChanges(CASE, "tang", "manager", "price it lower"));
    d.accept(resubmitEditedBy(d, listing("tea", 18), "ma"));
    d.accept(d.approve(CASE, "lin", "copy"));
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    assertEquals(0, d.engine.whyBlocked(CASE, d.now).stages().get(0).progress().approvals());

    // when: guo approves
    d.accept(d.approve(CASE, "guo", "manager"));

    // then: guo's is the one approval that counts; tang's is still needed
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    String why = d.engine.whyBlocked(CASE, d.now).text();
    assertTrue(why.contains("Manager approval [manager]: 1 of 2 approvals, 1 more needed"), why);
    assertTrue(why.contains("ma approved at " + T0 + " (revision 1; does not count: ma edited revision 2)"), why);
    d.accept(d.approve(CASE, "tang", "manager"));
    assertEquals(StageStatus.APPROVED, status(d, "manager"));
  }

  @Test
  void resetIfChangedKeepsAndSoReopensWhenNoWatchedFieldChanged() {
    // the price is watched and did not change: ma's approval is kept, and does not count
    EngineDriver d = managerApprovedByMaThenSentBack(ReReview.resetIfChanged("price"));
    d.accept(resubmitEditedBy(d, listing("tea", 20).with("title", "Longjing 250 g"), "ma"));
    d.accept(d.approve(CASE, "lin", "copy"));
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    assertEquals(1, d.engine.state(CASE).stage("manager").approvals(), "kept, in the state and the log");
    d.accept(d.approve(CASE, "tang", "manager"));
    assertEquals(StageStatus.OPEN, status(d, "final"));

    // the price changed: the approval is reset, as it always was, and ma may not approve revision 2
    EngineDriver changed = managerApprovedByMaThenSentBack(ReReview.resetIfChanged("price"));
    changed.accept(resubmitEditedBy(changed, listing("tea", 18), "ma"));
    changed.accept(changed.approve(CASE, "lin", "copy"));
    assertEquals(List.of(), changed.engine.state(CASE).stage("manager").votes());
    assertEquals(RefusalReason.LAST_EDITOR, changed.send(changed.approve(CASE, "ma", "manager")).refusal()
        .orElseThrow().reason());
  }

  @Test
  void aResettingPolicyLeavesTheEditorNothingToCount() {
    EngineDriver d = managerApprovedByMaThenSentBack(ReReview.reset());
    d.accept(resubmitEditedBy(d, listing("tea", 20), "ma"));
    d.accept(d.approve(CASE, "lin", "copy"));
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    assertEquals(List.of(), d.engine.state(CASE).stage("manager").votes());
    assertEquals(RefusalReason.LAST_EDITOR, d.send(d.approve(CASE, "ma", "manager")).refusal().orElseThrow()
        .reason());
  }

  @Test
  void aStageOpenedAgainCountsTheOtherKeptApprovals() {
    // given: 2 of 3 managers; ma's approval of revision 1 was kept through revision 2 (edited by chen),
    // where tang approved too; then boss sent revision 2 back and ma edited revision 3
    EngineDriver d = engine(workflow(ReReview.keep(), Quorum.atLeast(2)));
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.requestChanges(CASE, "guo", "manager", "price it lower"));
    d.accept(d.resubmit(CASE, "chen", listing("tea", 18)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "tang", "manager"));
    d.accept(d.requestChanges(CASE, "boss", "final", "the photo is of another tea"));
    d.accept(resubmitEditedBy(d, listing("tea", 18), "ma"));

    // when: manager approval's phase comes
    d.accept(d.approve(CASE, "lin", "copy"));

    // then: it opens again with ma's and tang's approvals; tang's counts, and 1 of 2 is not enough
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    String why = d.engine.whyBlocked(CASE, d.now).text();
    assertTrue(why.contains("Manager approval [manager]: 1 of 2 approvals, 1 more needed"), why);
    assertTrue(why.contains("can still vote: guo (Guo)"), why);
    d.accept(d.approve(CASE, "guo", "manager"));
    assertEquals(StageStatus.OPEN, status(d, "final"));
  }

  @Test
  void theEditorsKeptApprovalCountsAgainInARevisionSomeoneElseEdited() {
    // given: ma's approval kept through revision 2, which ma edited and guo sent back
    EngineDriver d = engine(workflow(ReReview.keep(), Quorum.atLeast(2)));
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.requestChanges(CASE, "tang", "manager", "price it lower"));
    d.accept(resubmitEditedBy(d, listing("tea", 18), "ma"));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.requestChanges(CASE, "guo", "manager", "and the title shorter"));

    // when: chen edits revision 3
    d.accept(d.resubmit(CASE, "chen", listing("tea", 18).with("title", "Longjing")));
    d.accept(d.approve(CASE, "lin", "copy"));

    // then: ma may approve revision 3, and so ma's kept approval counts toward it
    String why = d.engine.whyBlocked(CASE, d.now).text();
    assertTrue(why.contains("Manager approval [manager]: 1 of 2 approvals, 1 more needed"), why);
    assertTrue(why.contains("votes so far: ma approved at " + T0 + " (revision 1)"), why);
    d.accept(d.approve(CASE, "guo", "manager"));
    assertEquals(StageStatus.APPROVED, status(d, "manager"));
  }

  @Test
  void aKeptApprovalCastByOrForTheEditorDoesNotCount() {
    // given: guo delegated to ma, who approved manager approval for guo; ma edits revision 2
    EngineDriver d = engine(workflow(ReReview.keep(), Quorum.any()));
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.delegate(CASE, "guo", "guo", "ma", Duration.ofDays(30)));
    d.accept(d.approveFor(CASE, "ma", "guo", "manager"));
    d.accept(d.requestChanges(CASE, "boss", "final", "the photo is of another tea"));
    d.accept(resubmitEditedBy(d, listing("tea", 20), "ma"));

    d.accept(d.approve(CASE, "lin", "copy"));

    // then: the approval ma cast does not count, as ma could not cast it now
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    String why = d.engine.whyBlocked(CASE, d.now).text();
    assertTrue(why.contains("ma for guo approved at " + T0 + " (revision 1; does not count: ma edited revision 2)"),
        why);

    // and an approval cast for the editor by a delegate: tang for ma
    EngineDriver e = engine(workflow(ReReview.keep(), Quorum.any()));
    e.accept(e.submit(CASE, "chen", listing("tea", 20)));
    e.accept(e.approve(CASE, "lin", "copy"));
    e.accept(e.delegate(CASE, "ma", "ma", "tang", Duration.ofDays(30)));
    e.accept(e.approveFor(CASE, "tang", "ma", "manager"));
    e.accept(e.requestChanges(CASE, "boss", "final", "the photo is of another tea"));
    e.accept(resubmitEditedBy(e, listing("tea", 20), "ma"));
    e.accept(e.approve(CASE, "lin", "copy"));
    assertEquals(StageStatus.OPEN, status(e, "manager"));
    why = e.engine.whyBlocked(CASE, e.now).text();
    assertTrue(why.contains("tang for ma approved at " + T0 + " (revision 1; does not count: ma edited revision 2)"),
        why);
  }

  /**
   * The distinct-approver rule already looks at kept approvals: one kept on either stage bars its
   * member from approving the other, in a revision anyone edited. Where that member edited the
   * revision, the last-editor rule bars them first, and their kept approval does not count.
   */
  @Test
  void aKeptApprovalOnOneDistinctApproverStageBarsItsMemberFromTheOtherInEitherOrder() {
    ReviewWorkflow strict = ReviewWorkflow.builder().from(Fixtures.listingReview()).lastEditorMayNotApprove(true)
        .build();
    // tang's approval of compliance is kept (its watched fields did not change), manager's approvals too
    EngineDriver d = engine(strict);
    d.accept(d.submit(CASE, "chen", listing("food", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "wang", "image"));
    d.accept(d.approve(CASE, "tang", "compliance"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.requestChanges(CASE, "guo", "manager", "a better photo"));
    d.accept(d.resubmit(CASE, "chen", listing("food", 20).with("images", List.of("new.jpg"))));
    assertEquals(StageStatus.APPROVED, status(d, "compliance"), "kept: nobody kept on it edited revision 2");
    assertEquals(StageStatus.OPEN, status(d, "manager"));
    assertEquals(RefusalReason.SAME_APPROVER, d.send(d.approve(CASE, "tang", "manager")).refusal().orElseThrow()
        .reason());

    // the reverse: tang's approval of manager is kept; compliance is reset (the category changed)
    EngineDriver r = engine(strict);
    r.accept(r.submit(CASE, "chen", listing("food", 20)));
    r.accept(r.approve(CASE, "lin", "copy"));
    r.accept(r.approve(CASE, "wang", "image"));
    r.accept(r.approve(CASE, "xu", "compliance"));
    r.accept(r.approve(CASE, "tang", "manager"));
    r.accept(r.requestChanges(CASE, "guo", "manager", "it is cosmetics, not food"));
    r.accept(r.resubmit(CASE, "chen", listing("cosmetics", 20)));
    assertEquals(StageStatus.OPEN, status(r, "compliance"));
    assertEquals(RefusalReason.SAME_APPROVER, r.send(r.approve(CASE, "tang", "compliance")).refusal().orElseThrow()
        .reason());

    // tang edits revision 3: barred as the last editor, and tang's kept approval of manager does not count
    r.accept(r.requestChanges(CASE, "xu", "compliance", "list the ingredients"));
    r.accept(resubmitEditedBy(r, listing("cosmetics", 20).with("ingredients", "tea"), "tang"));
    assertEquals(RefusalReason.LAST_EDITOR, r.send(r.approve(CASE, "tang", "compliance")).refusal().orElseThrow()
        .reason());
    r.accept(r.approve(CASE, "xu", "compliance"));
    assertEquals(StageStatus.OPEN, status(r, "manager"));
    String why = r.engine.whyBlocked(CASE, r.now).text();
    assertTrue(why.contains("Manager approval [manager]: 0 of 2 approvals, 2 more needed"), why);
    assertTrue(why.contains("(revision 1; does not count: tang edited revision 3)"), why);
    r.accept(r.approve(CASE, "ma", "manager"));
    r.accept(r.approve(CASE, "guo", "manager"));
    assertEquals(Outcome.APPROVED, r.engine.state(CASE).outcome().orElseThrow());
  }

  @Test
  void anOutvotedRejectionOfTheRevisionBeforeDoesNotComeBackWhenAnApprovedStageReopens() {
    // given: 2 managers needed, a rejection stands only once that is out of reach; ma approves,
    // tang rejects, guo approves: manager approval is approved over tang's rejection
    ReviewWorkflow workflow = ReviewWorkflow.builder().from(workflow(ReReview.keep(), Quorum.atLeast(2)))
        .phases(List.of(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()),
            Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
                .quorum(Quorum.atLeast(2)).reReview(ReReview.keep())
                .vetoPolicy(VetoPolicy.UNLESS_QUORUM_REACHABLE).build()),
            Phase.of(Stage.builder().id("final").name("Final check").addReviewerRole("director").build())))
        .build();
    EngineDriver d = new EngineDriver(ReviewEngine.builder(Fixtures.context()).register(workflow).build());
    d.accept(d.submit(CASE, "chen", listing("tea", 20)));
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.approve(CASE, "ma", "manager"));
    d.accept(d.reject(CASE, "tang", "manager", "too cheap"));
    d.accept(d.approve(CASE, "guo", "manager"));
    d.accept(d.requestChanges(CASE, "boss", "final", "another photo"));

    // when: ma edits revision 2; copy is approved again, and manager approval reopens
    d.after(Duration.ofHours(1));
    d.accept(Resubmit.builder().from(d.resubmit(CASE, "chen", listing("tea", 20))).editedBy("ma").build());
    d.accept(d.approve(CASE, "lin", "copy"));
    d.accept(d.comment(CASE, "chen", "new photo attached"));

    // then: it waits for a second approval besides ma's; tang's rejection of revision 1 is not kept
    // (before, it came back and rejected the case at the next command, "with the current team")
    assertEquals(StageStatus.OPEN, d.engine.state(CASE).stage("manager").status());
    assertTrue(d.engine.state(CASE).stage("manager").votes().stream().noneMatch(v -> v.voter().equals("tang")));
    d.accept(d.approve(CASE, "tang", "manager"));
    assertEquals(StageStatus.APPROVED, d.engine.state(CASE).stage("manager").status());
  }
}

