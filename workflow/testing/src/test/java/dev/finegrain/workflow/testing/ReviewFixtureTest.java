package dev.finegrain.workflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.CaseStatus;
import dev.finegrain.workflow.Refusal;
import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.VoteCast;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ReviewFixtureTest {
  private static final Instant T0 = ContractSamples.T0;
  private final ReviewFixture review = ReviewFixture.of(ContractSamples.listingReview(), ContractSamples.context());

  private static Submit submit() {
    return Submit.builder().commandId("c-1").caseId("listing-42").actor("lin").at(T0)
        .subject(ContractSamples.listing(1)).build();
  }

  private static Approve approve(String id, String actor, String stage) {
    return Approve.builder().commandId(id).caseId("listing-42").actor(actor).at(T0.plusSeconds(60)).stageId(stage)
        .build();
  }

  @Test
  void aCopyApprovalOpensTheManagerStage() {
    review.given(submit())
        .when(approve("c-2", "zhou", "copy"))
        .thenEventTypes(VoteCast.class, StageApproved.class, StageOpened.class)
        .thenState(state -> assertEquals(CaseStatus.IN_REVIEW, state.status()));
  }

  @Test
  void theSubmitterMayNotReviewTheirOwnCase() {
    Refusal refusal = review.given(submit()).when(approve("c-2", "lin", "copy"))
        .thenRefused(RefusalReason.SELF_REVIEW);

    assertTrue(refusal.message().contains("lin"), refusal.message());
  }

  @Test
  void givenEventsGiveTheSameCaseAsTheCommandsThatRecordedThem() {
    ReviewFixture.Given byCommands = review.given(submit(), approve("c-2", "zhou", "copy"));
    ReviewFixture.Given byEvents = review.givenEvents(byCommands.history().toArray(ReviewEvent[]::new));

    assertEquals(byCommands.state(), byEvents.state());
    Commented expected = Commented.builder().caseId("listing-42").sequence(byEvents.state().version() + 1)
        .at(T0.plusSeconds(90)).actor("ma").text("fine").build();
    byEvents.when(Comment.builder().commandId("c-3").caseId("listing-42").actor("ma").at(T0.plusSeconds(90))
        .text("fine").build()).thenEvents(expected);
  }

  @Test
  void aTickWithNoDeadlineDueRecordsNothing() {
    review.given(submit()).when(Tick.builder().commandId("t-1").caseId("listing-42").actor(ReviewEvent.SYSTEM)
        .at(T0.plusSeconds(5)).build()).thenNothingHappens();
  }

  @Test
  void eachExpectationFailsWithWhatWasDecided() {
    ReviewFixture.Then refused = review.given(submit()).when(approve("c-2", "lin", "copy"));
    ReviewFixture.Then accepted = review.given(submit()).when(approve("c-2", "zhou", "copy"));

    AssertionFailedError notAccepted = assertThrows(AssertionFailedError.class, () -> refused.thenEventTypes());
    assertTrue(notAccepted.getMessage().contains("refused"), notAccepted.getMessage());
    assertThrows(AssertionFailedError.class, () -> accepted.thenRefused(RefusalReason.SELF_REVIEW));
    assertThrows(AssertionFailedError.class, () -> accepted.thenEventTypes(VoteCast.class));
    assertThrows(AssertionFailedError.class, () -> refused.thenRefused(RefusalReason.NOT_ELIGIBLE));
    AssertionFailedError history = assertThrows(AssertionFailedError.class,
        () -> review.given(submit(), approve("c-2", "lin", "copy")));
    assertTrue(history.getMessage().startsWith("given:"), history.getMessage());
  }
}
