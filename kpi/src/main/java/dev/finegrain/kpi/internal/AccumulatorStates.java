package dev.finegrain.kpi.internal;

import dev.finegrain.kpi.accumulator.Accumulators;
import dev.finegrain.kpi.accumulator.DoubleRatio;
import dev.finegrain.kpi.accumulator.DoubleSum;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.accumulator.MeanVariance;
import java.lang.invoke.MethodHandles;

/**
 * Builds public accumulators straight from the primitive state the engine's kernels keep. The
 * accumulator API has no state-setting factory, so the factories stay package-private in
 * {@code dev.finegrain.kpi.accumulator}, which installs its implementation here when
 * {@link Accumulators} is initialised (the JDK's {@code SharedSecrets} pattern). The state given
 * must be one the accumulator's own updates reach; it is not checked.
 */
public abstract class AccumulatorStates {
  private static volatile AccumulatorStates installed;

  /** Installs the accumulator package's implementation; once only. */
  public static void install(AccumulatorStates states) {
    if (installed != null) {
      throw new IllegalStateException("accumulator states are installed already");
    }
    installed = states;
  }

  /** The accumulator package's implementation. */
  public static AccumulatorStates get() {
    AccumulatorStates states = installed;
    if (states == null) {
      try {
        MethodHandles.lookup().ensureInitialized(Accumulators.class);
      } catch (IllegalAccessException e) {
        throw new AssertionError("Accumulators is public in this module", e);
      }
      states = installed;
    }
    return states;
  }

  /** A {@link LongSum} of {@code count} values summing to {@code sum}. */
  public abstract LongSum longSum(long count, long sum);

  /** A {@link DoubleSum} of {@code count} values summing to {@code sum}, with no compensation. */
  public abstract DoubleSum doubleSum(long count, double sum);

  /** A {@link DoubleRatio} of {@code count} records summing to {@code numerator} over {@code denominator}, with no compensation. */
  public abstract DoubleRatio doubleRatio(long count, double numerator, double denominator);

  /** A {@link MeanVariance} of {@code count} values with mean {@code mean} and sum of squared deviations {@code m2}. */
  public abstract MeanVariance meanVariance(long count, double mean, double m2);

  /** A {@link LongRatio} of {@code count} records summing to {@code numerator} over {@code denominator}. */
  public abstract LongRatio longRatio(long count, long numerator, long denominator);
}
