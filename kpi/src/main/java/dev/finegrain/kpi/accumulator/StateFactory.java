package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.AccumulatorStates;

/** The engine's way to this package's state factories; installed by {@link Accumulators}. */
final class StateFactory extends AccumulatorStates {
  @Override
  public LongSum longSum(long count, long sum) {
    return LongSum.of(count, sum);
  }

  @Override
  public DoubleSum doubleSum(long count, double sum) {
    return DoubleSum.of(count, sum);
  }

  @Override
  public DoubleRatio doubleRatio(long count, double numerator, double denominator) {
    return DoubleRatio.of(count, numerator, denominator);
  }

  @Override
  public MeanVariance meanVariance(long count, double mean, double m2) {
    return MeanVariance.of(count, mean, m2);
  }

  @Override
  public LongRatio longRatio(long count, long numerator, long denominator) {
    return LongRatio.of(count, numerator, denominator);
  }
}
