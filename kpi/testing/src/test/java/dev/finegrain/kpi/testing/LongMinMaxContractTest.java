package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;

import dev.finegrain.kpi.accumulator.LongMinMax;
import org.quicktheories.core.Gen;

/** Minimum and maximum over all longs obey the accumulator laws. */
class LongMinMaxContractTest extends AccumulatorContract<LongMinMax, LongMinMax.Result, Long> {
  @Override
  protected LongMinMax create() {
    return LongMinMax.create();
  }

  @Override
  protected Gen<Long> values() {
    return longs();
  }

  @Override
  protected void add(LongMinMax accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected LongMinMax fromBytes(byte[] bytes) {
    return LongMinMax.fromBytes(bytes);
  }
}
