package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;
import static dev.finegrain.kpi.testing.Values.oneOf;
import static dev.finegrain.kpi.testing.Values.pick;

import dev.finegrain.kpi.accumulator.LongRatio;
import org.quicktheories.core.Gen;

/** Exact long ratios, added a record at a time (true/false) or as parts, obey the accumulator laws. */
class LongRatioContractTest extends AccumulatorContract<LongRatio, LongRatio.Result, LongRatioContractTest.Added> {
  /** One {@code add}: of a record (1 of 1 or 0 of 1) or of a numerator and a denominator. */
  record Added(boolean record, long numerator, long denominator) {
    @Override
    public String toString() {
      return record ? String.valueOf(numerator == 1) : numerator + "/" + denominator;
    }
  }

  @Override
  protected LongRatio create() {
    return LongRatio.create();
  }

  @Override
  protected Gen<Added> values() {
    Gen<Added> records = pick(true, false).map(hit -> new Added(true, hit ? 1 : 0, 1));
    Gen<Added> small = longs(-1000, 1000).zip(longs(-1000, 1000), (n, d) -> new Added(false, n, d));
    Gen<Added> large = longs(0, 1L << 50).zip(longs(0, 1L << 50), (n, d) -> new Added(false, n, d));
    return oneOf(records, small, large);
  }

  @Override
  protected void add(LongRatio accumulator, Added value) {
    if (value.record()) {
      accumulator.add(value.numerator() == 1);
    } else {
      accumulator.add(value.numerator(), value.denominator());
    }
  }

  @Override
  protected LongRatio fromBytes(byte[] bytes) {
    return LongRatio.fromBytes(bytes);
  }
}
