package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Orders above 1000 need a manager's review; smaller orders pass at once. */
class OrderReviewScenarioTest {
  private final CaseDriver review = new CaseDriver(Fixtures.orderReview(), Fixtures.context(), "order-9001");

  @Test
  void anOrderOfAtMostTheThresholdIsApprovedOnSubmission() {
    List<ReviewEvent> events = review.accept(review.submit("chen", order(1000)));

    assertEquals(3, events.size());
    assertEquals(StageStatus.SKIPPED, review.status("order"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void anOrderAboveTheThresholdWaitsForAManager() {
    review.accept(review.submit("chen", order(1500)));
    assertEquals(StageStatus.OPEN, review.status("order"));

    review.accept(review.approve("ma", "order"));

    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void aManagerRejectsASuspiciousOrder() {
    review.accept(review.submit("chen", order(25_000)));

    review.accept(review.reject("guo", "order", "new customer, unusual amount"));

    assertEquals(Optional.of(Outcome.REJECTED), review.state.outcome());
  }
}
