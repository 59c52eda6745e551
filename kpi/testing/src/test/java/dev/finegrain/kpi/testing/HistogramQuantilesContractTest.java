package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;
import static dev.finegrain.kpi.testing.Values.oneOf;
import static dev.finegrain.kpi.testing.Values.pick;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import org.quicktheories.core.Gen;

/**
 * Array-backed quantile histograms obey the accumulator laws, around the exact limits (−2048 and
 * 2047) too, over negative values and the extremes of a long.
 */
class HistogramQuantilesContractTest extends AccumulatorContract<HistogramQuantiles, QuantileResult, Long> {
  @Override
  protected HistogramQuantiles create() {
    return HistogramQuantiles.create();
  }

  @Override
  protected Gen<Long> values() {
    return oneOf(longs(0, 5000), longs(0, 1_000_000), pick(0L, 2047L, 2048L, 2049L), longs(-1_000_000, 5000),
        pick(-1L, -2048L, -2049L, -2050L, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Override
  protected void add(HistogramQuantiles accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected HistogramQuantiles fromBytes(byte[] bytes) {
    return HistogramQuantiles.fromBytes(bytes);
  }
}
