package dev.finegrain.kpi;

import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.accumulator.MeanVariance;
import java.nio.ByteBuffer;

/**
 * Public accumulators rebuilt from the primitive state the engine's kernels keep, through the
 * accumulators' documented byte form (version 1, type tag, big-endian fields): the accumulator
 * API needs no state-setting factory for the engine's sake, and the rebuilt accumulator equals
 * the one the same values would have built.
 */
final class States {
  private static final int VERSION = 1;
  private static final int LONG_SUM = 2;
  private static final int MEAN_VARIANCE = 4;
  private static final int LONG_RATIO = 5;

  private States() {}

  static LongSum longSum(long count, long sum) {
    return LongSum.fromBytes(bytes(LONG_SUM, count, sum));
  }

  static MeanVariance meanVariance(long count, double mean, double m2) {
    return MeanVariance.fromBytes(bytes(MEAN_VARIANCE, count, Double.doubleToLongBits(mean),
        Double.doubleToLongBits(m2)));
  }

  static LongRatio longRatio(long count, long numerator, long denominator) {
    return LongRatio.fromBytes(bytes(LONG_RATIO, count, numerator, denominator));
  }

  private static byte[] bytes(int tag, long... fields) {
    ByteBuffer out = ByteBuffer.allocate(2 + 8 * fields.length); // big-endian
    out.put((byte) VERSION).put((byte) tag);
    for (long f : fields) {
      out.putLong(f);
    }
    return out.array();
  }
}
