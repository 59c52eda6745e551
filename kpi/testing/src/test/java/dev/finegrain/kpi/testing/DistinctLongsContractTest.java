package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;
import static dev.finegrain.kpi.testing.Values.oneOf;

import dev.finegrain.kpi.accumulator.DistinctLongs;
import org.quicktheories.core.Gen;

/** Distinct counts of longs, with many repeats, obey the accumulator laws. */
class DistinctLongsContractTest extends AccumulatorContract<DistinctLongs, Long, Long> {
  @Override
  protected DistinctLongs create() {
    return DistinctLongs.create();
  }

  @Override
  protected Gen<Long> values() {
    return oneOf(longs(-30, 30), longs());
  }

  @Override
  protected void add(DistinctLongs accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected DistinctLongs fromBytes(byte[] bytes) {
    return DistinctLongs.fromBytes(bytes);
  }
}
