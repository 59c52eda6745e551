package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.doubles;
import static dev.finegrain.kpi.testing.Values.oneOf;
import static dev.finegrain.kpi.testing.Values.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.kpi.accumulator.MeanVariance;
import java.util.List;
import org.quicktheories.core.Gen;

/** Mean and variance obey the accumulator laws within the tolerance documented on {@link MeanVariance}. */
class MeanVarianceContractTest extends AccumulatorContract<MeanVariance, MeanVariance.Result, Double> {
  @Override
  protected MeanVariance create() {
    return MeanVariance.create();
  }

  @Override
  protected Gen<Double> values() {
    // any values, values with a large mean and a small spread, and a few small whole ones
    return oneOf(doubles(-1e6, 1e6, 6), doubles(1e9, 1e9 + 100, 6), pick(0.0, 1.0, 2.0));
  }

  @Override
  protected void add(MeanVariance accumulator, Double value) {
    accumulator.add(value);
  }

  @Override
  protected MeanVariance fromBytes(byte[] bytes) {
    return MeanVariance.fromBytes(bytes);
  }

  @Override
  protected boolean exact() {
    return false;
  }

  @Override
  protected void assertAgrees(MeanVariance.Result onePass, MeanVariance.Result merged, List<Double> values) {
    assertEquals(onePass.count(), merged.count());
    assertEquals(onePass.mean().isPresent(), merged.mean().isPresent());
    assertEquals(onePass.variance().isPresent(), merged.variance().isPresent());
    double scale = Math.max(1, values.stream().mapToDouble(Math::abs).max().orElse(0));
    if (onePass.mean().isPresent()) {
      double tolerance = 1e-9 * scale;
      assertTrue(Math.abs(onePass.mean().getAsDouble() - merged.mean().getAsDouble()) <= tolerance,
          "mean " + merged.mean() + " differs from one pass " + onePass.mean() + " by more than " + tolerance);
    }
    if (onePass.variance().isPresent()) {
      double tolerance = 1e-9 * scale * scale;
      assertTrue(Math.abs(onePass.variance().getAsDouble() - merged.variance().getAsDouble()) <= tolerance,
          "variance " + merged.variance() + " differs from one pass " + onePass.variance() + " by more than "
              + tolerance);
    }
  }
}
