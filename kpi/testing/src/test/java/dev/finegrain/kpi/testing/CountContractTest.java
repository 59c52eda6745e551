package dev.finegrain.kpi.testing;

import dev.finegrain.kpi.accumulator.Count;
import org.quicktheories.core.Gen;

/** Counts of one record (add()) and of several (add(n)) obey the accumulator laws. */
class CountContractTest extends AccumulatorContract<Count, Long, Integer> {
  @Override
  protected Count create() {
    return Count.create();
  }

  @Override
  protected Gen<Integer> values() {
    return Values.longs(1, 3).map(Long::intValue);
  }

  @Override
  protected void add(Count accumulator, Integer value) {
    if (value == 1) {
      accumulator.add();
    } else {
      accumulator.add(value);
    }
  }

  @Override
  protected Count fromBytes(byte[] bytes) {
    return Count.fromBytes(bytes);
  }
}
