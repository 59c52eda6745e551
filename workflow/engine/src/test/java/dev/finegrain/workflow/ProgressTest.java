package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
