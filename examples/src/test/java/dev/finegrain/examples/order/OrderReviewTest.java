package dev.finegrain.examples.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.order.OrderReview.Figures;
import dev.finegrain.examples.order.OrderReview.Order;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The order review's figures, recomputed here from the generated orders with plain predicates and
 * from the engine's raw events with plain loops, not with the scenario's code.
 */
class OrderReviewTest {
  private static final OrderReview.Day DAY = OrderReview.simulate();
  private static final Figures FIGURES = OrderReview.figures(DAY);

  private static boolean highValue(Order o) {
    return o.amount() >= 2000;
  }

  private static boolean newBuyerNewAddress(Order o) {
    return o.newBuyer() && o.addressChanged();
  }

  private static boolean risky(Order o) {
    return o.category().equals("gift-card") || o.category().equals("aged-puer");
  }

  private static boolean flagged(Order o) {
    return highValue(o) || newBuyerNewAddress(o) || risky(o);
  }

  private static List<ReviewEvent> events(Order o) {
    return DAY.engine().events(o.id()).stream().map(RecordedEvent::event).toList();
  }

  @Test
  void theRulesFlagExactlyTheOrdersThePredicatesDo() {
    List<Order> orders = DAY.orders();

    assertEquals(400, orders.size());
    assertEquals(orders.stream().filter(OrderReviewTest::highValue).count(),
        (long) FIGURES.flaggedByRule().get("high-value"));
    assertEquals(orders.stream().filter(OrderReviewTest::newBuyerNewAddress).count(),
        (long) FIGURES.flaggedByRule().get("new-buyer-changed-address"));
    assertEquals(orders.stream().filter(OrderReviewTest::risky).count(),
        (long) FIGURES.flaggedByRule().get("risky-category"));
    assertEquals(orders.stream().filter(OrderReviewTest::flagged).count(), FIGURES.held());
    assertEquals(orders.stream().filter(o -> !flagged(o)).count(), FIGURES.autoPassed());
    assertEquals(orders.stream().filter(OrderReviewTest::highValue).count(),
        (long) FIGURES.heldByStage().get("finance"));
    assertEquals(orders.stream().filter(o -> newBuyerNewAddress(o) || risky(o)).count(),
        (long) FIGURES.heldByStage().get("risk"));
  }

  @Test
  void cleanOrdersSkipBothStagesAndAreApprovedWhenPlaced() {
    for (Order o : DAY.orders()) {
      if (flagged(o)) {
        continue;
      }
      List<ReviewEvent> events = events(o);
      assertEquals(2, events.stream().filter(e -> e instanceof StageSkipped).count(), o.id());
      CaseClosed closed = (CaseClosed) events.get(events.size() - 1);
      assertEquals(Outcome.APPROVED, closed.outcome());
      assertEquals(o.placedAt(), closed.at());
    }
  }

  @Test
  void timeHeldAndTheServiceLevelMatchTheRawEvents() {
    List<Long> minutes = new ArrayList<>();
    int released = 0;
    for (Order o : DAY.orders()) {
      List<ReviewEvent> events = events(o);
      if (events.stream().noneMatch(e -> e instanceof StageOpened)) {
        continue;
      }
      CaseSubmitted submitted = (CaseSubmitted) events.get(0);
      CaseClosed closed = (CaseClosed) events.get(events.size() - 1);
      minutes.add(Duration.between(submitted.at(), closed.at()).toMinutes());
      released += closed.outcome() == Outcome.APPROVED ? 1 : 0;
    }
    Collections.sort(minutes);
    int n = minutes.size();

    assertEquals(FIGURES.held(), n);
    assertEquals(minutes.get((int) Math.ceil(0.5 * n) - 1), FIGURES.p50Minutes(), "nearest-rank p50");
    assertEquals(minutes.get((int) Math.ceil(0.9 * n) - 1), FIGURES.p90Minutes(), "nearest-rank p90");
    assertEquals((double) minutes.stream().filter(m -> m <= 120).count() / n, FIGURES.decidedInTwoHours(), 1e-12);
    assertEquals((double) n / 400, FIGURES.holdRate(), 1e-12);
    assertEquals(released, FIGURES.released());
    assertEquals(n - released, FIGURES.cancelled());
    assertEquals((double) released / n, FIGURES.releaseRate(), 1e-12);
  }

  @Test
  void votesPerReviewerMatchTheRawEventsAndFallInWorkingHours() {
    Map<String, int[]> votes = new TreeMap<>();
    for (Order o : DAY.orders()) {
      for (ReviewEvent e : events(o)) {
        if (e instanceof VoteCast v) {
          votes.computeIfAbsent(v.actor(), k -> new int[2])[v.vote() == VoteKind.APPROVE ? 0 : 1]++;
          LocalTime local = v.at().atZone(OrderReview.ZONE).toLocalTime();
          assertTrue(!local.isBefore(LocalTime.of(9, 5)) && local.isBefore(LocalTime.of(21, 26)),
              () -> o.id() + " voted at " + local);
        }
      }
    }

    assertEquals(votes.keySet(), FIGURES.votesByReviewer().keySet());
    votes.forEach((member, v) -> {
      assertEquals(v[0], FIGURES.votesByReviewer().get(member)[0], member + " approvals");
      assertEquals(v[1], FIGURES.votesByReviewer().get(member)[1], member + " turn-downs");
    });
  }

  @Test
  void printsTheFiguresItComputed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OrderReview.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(text.contains("Passed automatically: " + FIGURES.autoPassed() + "; held for review: "
        + FIGURES.held()), text);
    assertTrue(text.contains("p50 " + OrderReview.duration(FIGURES.p50Minutes()) + ", p90 "
        + OrderReview.duration(FIGURES.p90Minutes())), text);
    assertTrue(text.contains(FIGURES.released() + " released to fulfilment, " + FIGURES.cancelled() + " cancelled"),
        text);
  }

  @Test
  void durationsReadInOneFormat() {
    assertEquals("45 min", OrderReview.duration(45));
    assertEquals("2 h", OrderReview.duration(120));
    assertEquals("12 h 30 min", OrderReview.duration(750));
  }
}
