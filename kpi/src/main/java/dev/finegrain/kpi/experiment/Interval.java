package dev.finegrain.kpi.experiment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A confidence interval {@code [lower, upper]} at a confidence level such as 0.95.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableInterval.class)
@JsonDeserialize(as = ImmutableInterval.class)
public abstract class Interval {
  Interval() {}

  /** {@return the lower bound} */
  public abstract double lower();

  /** {@return the upper bound; at least {@link #lower()}} */
  public abstract double upper();

  /** {@return the confidence level, in (0, 1): 0.95 for a 95% interval} */
  public abstract double confidence();

  /**
   * Whether {@code x} lies in the interval, ends included.
   *
   * @param x the value
   * @return whether {@code x} lies in the interval, ends included
   */
  public boolean contains(double x) {
    return lower() <= x && x <= upper();
  }

  /** {@return {@code upper - lower}} */
  public double width() {
    return upper() - lower();
  }

  /**
   * An interval; {@code lower <= upper}, both finite, {@code confidence} in (0, 1).
   *
   * @param lower the lower bound
   * @param upper the upper bound, at least {@code lower}
   * @param confidence the confidence level, strictly between 0 and 1
   * @return an interval; {@code lower <= upper}, both finite, {@code confidence} in (0, 1)
   */
  public static Interval of(double lower, double upper, double confidence) {
    return ImmutableInterval.builder().lower(lower).upper(upper).confidence(confidence).build();
  }

  @Value.Check
  void check() {
    Checks.finite("lower", lower());
    Checks.finite("upper", upper());
    if (lower() > upper()) {
      throw new IllegalArgumentException("lower: expected at most upper (" + upper() + "), got " + lower());
    }
    Checks.probability("confidence", confidence());
  }

  @Override
  public String toString() {
    return Format.confidence(confidence()) + " CI [" + lower() + ", " + upper() + "]";
  }
}
