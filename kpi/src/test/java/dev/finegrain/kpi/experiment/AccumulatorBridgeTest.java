package dev.finegrain.kpi.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.MeanVariance;
import org.junit.jupiter.api.Test;

class AccumulatorBridgeTest {
  @Test
  void welchTestReadsMergedMeanVarianceAccumulators() {
    // two partitions of the control sample {1, 2, 3, 4} merged: mean 2.5, sample variance 5/3
    MeanVariance left = MeanVariance.create();
    left.add(1);
    left.add(2);
    MeanVariance right = MeanVariance.create();
    right.add(3);
    right.add(4);

    SampleSummary summary = SampleSummary.from(left.merge(right));

    assertEquals(4, summary.n());
    assertEquals(2.5, summary.mean(), 1e-12);
    assertEquals(5.0 / 3, summary.variance(), 1e-12);
  }

  @Test
  void aSummaryNeedsTwoValues() {
    MeanVariance one = MeanVariance.create();
    one.add(7);

    assertEquals("accumulator: expected at least 2 values for a sample variance, got 1",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.from(one)).getMessage());
  }

  @Test
  void aMissingAccumulatorIsNamed() {
    assertEquals("accumulator: expected a value, got null",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.from(null)).getMessage());
    assertEquals("accumulator: expected a value, got null",
        assertThrows(IllegalArgumentException.class, () -> Conversions.from(null)).getMessage());
  }

  @Test
  void conversionsReadARatioOfConvertedSessions() {
    LongRatio sessions = LongRatio.create();
    for (int i = 0; i < 10; i++) {
      sessions.add(i < 3);
    }

    assertEquals(Conversions.of(10, 3), Conversions.from(sessions));
  }
}
