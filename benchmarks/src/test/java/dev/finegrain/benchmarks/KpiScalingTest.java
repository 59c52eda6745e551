package dev.finegrain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-JVM scaling probe times every call of every round and summarises by window. */
class KpiScalingTest {
  @Test
  void everyRoundTimesAllFourCallsAndTheLastSummaryLeavesOutTheFirstWindow() {
    List<KpiScaling.Round> rounds = KpiScaling.measure(300_000, 5);

    assertEquals(5, rounds.size());
    for (KpiScaling.Round r : rounds) {
      assertTrue(r.columns() > 0 && r.columnsTwo() > 0 && r.hand() > 0 && r.handTwo() > 0, r.toString());
    }
    List<KpiScaling.Summary> s = KpiScaling.summarise(rounds, 2);
    assertEquals(4, s.size()); // 0-2, 2-4, 4-5, then 2-5
    assertEquals(2, s.get(3).from());
    assertEquals(5, s.get(3).to());
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<KpiScaling.Round> rounds = List.of(new KpiScaling.Round(1, 1, 1, 1), new KpiScaling.Round(4, 1, 1, 1),
        new KpiScaling.Round(2, 1, 1, 1), new KpiScaling.Round(3, 1, 1, 1));

    assertEquals(2.5, KpiScaling.median(rounds, KpiScaling.Round::columnsSpeedUp));
  }
}
