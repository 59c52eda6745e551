package dev.finegrain.kpi;

import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.Count;
import dev.finegrain.kpi.accumulator.DistinctLongs;
import dev.finegrain.kpi.accumulator.DistinctStrings;
import dev.finegrain.kpi.accumulator.DoubleRatio;
import dev.finegrain.kpi.accumulator.DoubleSum;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.accumulator.MeanVariance;
import dev.finegrain.kpi.accumulator.QuantileResult;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a result cell needs from one group's state: the sample size, the value, and a ratio's two
 * sides. Kernels give it straight from their primitive state for ordinary rows; roll-up rows read
 * it from merged accumulators, with the same semantics.
 */
record Summary(long n, OptionalDouble value, OptionalDouble numerator, OptionalDouble denominator) {
  private static final OptionalDouble NONE = OptionalDouble.empty();

  static Summary of(long n, OptionalDouble value) {
    return new Summary(n, value, NONE, NONE);
  }

  /** A ratio: empty when the denominator is 0, never NaN. */
  static Summary ratio(long n, double numerator, double denominator) {
    return new Summary(n, denominator == 0 ? NONE : OptionalDouble.of(numerator / denominator),
        OptionalDouble.of(numerator), OptionalDouble.of(denominator));
  }

  /**
   * The summary of an accumulator; {@code q} is the quantile for quantile accumulators. Counts,
   * sums and distinct counts of nothing are 0; means and quantiles of nothing are empty. Its sample
   * size is the accumulator's count, the records added: for a ratio that is not a cell's, which is
   * the records its denominator counts, so the ratio kernels summarise their cells and roll-up
   * partials themselves.
   */
  static Summary of(Accumulator<?, ?> acc, double q) {
    long n = acc.count();
    if (acc instanceof Count) {
      return of(n, OptionalDouble.of(n));
    }
    if (acc instanceof LongSum longSum) {
      return of(n, OptionalDouble.of(longSum.result().sum()));
    }
    if (acc instanceof DoubleSum doubleSum) {
      return of(n, OptionalDouble.of(doubleSum.result().sum()));
    }
    if (acc instanceof MeanVariance meanVariance) {
      return of(n, meanVariance.result().mean());
    }
    if (acc instanceof LongRatio longRatio) {
      LongRatio.Result r = longRatio.result();
      return ratio(n, r.numerator(), r.denominator());
    }
    if (acc instanceof DoubleRatio doubleRatio) {
      DoubleRatio.Result r = doubleRatio.result();
      return ratio(n, r.numerator(), r.denominator());
    }
    if (acc instanceof DistinctLongs || acc instanceof DistinctStrings) {
      return of(n, OptionalDouble.of(((Long) acc.result()).doubleValue()));
    }
    OptionalLong v = ((QuantileResult) acc.result()).quantile(q);
    return of(n, v.isPresent() ? OptionalDouble.of(v.getAsLong()) : NONE);
  }
}
