package dev.finegrain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's methods compute the same KPIs; JMH itself does not run in CI. */
class KpiAggregationBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"dayChannel", "dayChannelMember"})
  void allMethodsDuckDbIncludedAgreeOnEveryGroupsSixKpis(String groupBy) {
    int groups = KpiAggregationBenchmark.checkAgreement(10_000, groupBy);

    // 720 day-channel groups are all hit by 10,000 orders; day-channel-member ones mostly once
    assertTrue(groupBy.equals("dayChannel") ? groups == 720 : groups > 5_000, "groups: " + groups);
  }

  @Test
  void p90IsTheValueAtNearestRankCeilingOfNineTenthsN() {
    assertEquals(1, KpiAggregationBenchmark.nearestRankP90(1));
    assertEquals(9, KpiAggregationBenchmark.nearestRankP90(10));
    assertEquals(10, KpiAggregationBenchmark.nearestRankP90(11));
    assertEquals(90, KpiAggregationBenchmark.nearestRankP90(100));
  }
}
