package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.workflow.command.Submit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Why blocked" and the inbox are computed from the case state, the workflow and the team. */
class ProgressTest {
  private final CaseDriver review = CaseDriver.listing();

  private List<StageProgress> progress() {
    return Reviews.progress(review.workflow, review.context, review.state);
  }

  @Test
  void showsVotesSoFarStillNeededWhoCanStillVoteAndTheDeadline() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.after(Duration.ofHours(1)).accept(review.approve("ma", "manager"));

    List<StageProgress> progress = progress();

    assertEquals(1, progress.size());
    StageProgress manager = progress.get(0);
    assertEquals("manager", manager.stageId());
    assertEquals(1, manager.approvals());
    assertEquals(1, manager.stillNeeded());
    assertEquals(List.of("guo", "tang"), manager.canStillVote());
    assertEquals(Optional.of(Fixtures.T0.plus(Duration.ofHours(48))), manager.escalatesAt());
    assertEquals(Optional.of(Fixtures.T0.plus(Duration.ofHours(96))), manager.expiresAt());
    assertEquals("manager: 1 of 2 approvals; can still vote [guo, tang]; escalates at 2026-03-04T09:00:00Z;"
        + " expires at 2026-03-06T09:00:00Z", manager.toString());
  }

  @Test
  void canStillApproveLeavesOutTheLastEditorAndAnApproverOfAnotherDistinctApproverStage() {
    // given: lin edited the food listing chen submits, where the last editor may not approve
    CaseDriver d = new CaseDriver(ReviewWorkflow.builder().from(Fixtures.listingReview()).lastEditorMayNotApprove(true)
        .build(), Fixtures.context(), "listing-42");
    d.accept(Submit.builder().from(d.submit("chen", listing("food", 20))).editedBy("lin").build());

    StageProgress copy = Reviews.progress(d.workflow, d.context, d.state).get(0);
    assertEquals(List.of("lin", "zhou"), copy.canStillVote());
    assertEquals(List.of("zhou"), copy.canStillApprove(), "lin edited revision 1");
    assertEquals(RefusalReason.LAST_EDITOR, d.refuse(d.approve("lin", "copy")).reason());

    // when: tang approves compliance, which needs other approvers than manager approval
    d.accept(d.approve("zhou", "copy"));
    d.accept(d.approve("wang", "image"));
    d.accept(d.approve("tang", "compliance"));

    // then: tang may still vote in manager approval, but not approve it
    StageProgress manager = Reviews.progress(d.workflow, d.context, d.state).get(0);
    assertEquals(List.of("ma", "guo", "tang"), manager.canStillVote());
    assertEquals(List.of("ma", "guo"), manager.canStillApprove());
    assertEquals("manager: 0 of 2 approvals; can still vote [ma, guo, tang], of whom may approve [ma, guo];"
        + " escalates at 2026-03-04T09:00:00Z; expires at 2026-03-06T09:00:00Z", manager.toString());
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("tang", "manager")).reason());
    assertEquals(List.of("manager"), Reviews.awaiting(d.workflow, d.context, d.state, "tang", d.now),
        "tang may still reject: the stage is in tang's inbox");
  }

  @Test
  void canStillApproveMustBeAmongCanStillVoteInItsOrder() {
    assertThrows(IllegalArgumentException.class, () -> new StageProgress("s", List.of(), 0, 1, List.of("a", "b"),
        List.of("b", "a"), false, Optional.empty(), Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new StageProgress("s", List.of(), 0, 1, List.of("a"),
        List.of("c"), false, Optional.empty(), Optional.empty()));
    assertEquals(List.of("b"), new StageProgress("s", List.of(), 0, 1, List.of("a", "b"), List.of("b"), false,
        Optional.empty(), Optional.empty()).canStillApprove());
  }

  @Test
  void listsParallelStagesAndNothingOnceTheCaseWaitsOrCloses() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertEquals(List.of("copy", "image"), progress().stream().map(StageProgress::stageId).toList());
    review.accept(review.requestChanges("lin", "copy", "shorter title"));
    assertEquals(List.of(), progress());
  }

  @Test
  void theInboxOfAMemberHoldsTheStagesTheyMayVoteInThemselvesOrAsDelegate() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.delegate("tang", "tang", "boss", Duration.ofDays(2)));

    assertEquals(List.of("manager"), Reviews.awaiting(review.workflow, review.context, review.state, "ma", review.now));
    assertEquals(List.of("manager"), Reviews.awaiting(review.workflow, review.context, review.state, "boss",
        review.now));
    assertEquals(List.of(), Reviews.awaiting(review.workflow, review.context, review.state, "boss",
        review.now.plus(Duration.ofDays(3))));
    assertEquals(List.of(), Reviews.awaiting(review.workflow, review.context, review.state, "lin", review.now));
  }
}
