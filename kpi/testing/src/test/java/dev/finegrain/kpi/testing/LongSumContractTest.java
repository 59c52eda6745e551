package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;

import dev.finegrain.kpi.accumulator.LongSum;
import org.quicktheories.core.Gen;

/** Exact long sums, up to 10^18 per value, obey the accumulator laws. */
class LongSumContractTest extends AccumulatorContract<LongSum, LongSum.Result, Long> {
  @Override
  protected LongSum create() {
    return LongSum.create();
  }

  @Override
  protected Gen<Long> values() {
    return longs(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
  }

  @Override
  protected void add(LongSum accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected LongSum fromBytes(byte[] bytes) {
    return LongSum.fromBytes(bytes);
  }
}
