package dev.finegrain.kpi.experiment;

import org.immutables.value.Value;

/**
 * One variant's conversion rate with its Wilson score interval.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class RateEstimate {
  RateEstimate() {}

  /** {@return the counts the rate comes from} */
  public abstract Conversions counts();

  /** {@return {@code conversions / visitors}} */
  public abstract double rate();

  /** {@return the Wilson score interval of the rate; always contains {@link #rate()} and lies within [0, 1]} */
  public abstract Interval interval();

  static RateEstimate of(Conversions counts, double rate, Interval interval) {
    return ImmutableRateEstimate.builder().counts(counts).rate(rate).interval(interval).build();
  }

  @Override
  public String toString() {
    return Format.percent(rate(), 2) + " (" + counts() + ", " + Format.confidence(interval().confidence()) + " CI "
        + Format.percent(interval().lower(), 2) + " to " + Format.percent(interval().upper(), 2) + ")";
  }
}
