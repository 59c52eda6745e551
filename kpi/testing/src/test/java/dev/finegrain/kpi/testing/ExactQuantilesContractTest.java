package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;
import static dev.finegrain.kpi.testing.Values.oneOf;

import dev.finegrain.kpi.accumulator.ExactQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import org.quicktheories.core.Gen;

/** Exact quantiles, with many repeated values and any long, obey the accumulator laws. */
class ExactQuantilesContractTest extends AccumulatorContract<ExactQuantiles, QuantileResult, Long> {
  @Override
  protected ExactQuantiles create() {
    return ExactQuantiles.create();
  }

  @Override
  protected Gen<Long> values() {
    return oneOf(longs(-5, 20), longs());
  }

  @Override
  protected void add(ExactQuantiles accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected ExactQuantiles fromBytes(byte[] bytes) {
    return ExactQuantiles.fromBytes(bytes);
  }
}
