package dev.finegrain.kpi.experiment;

import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The result of a {@link ConversionTest}: each variant's rate with its Wilson interval, the
 * difference and its interval, the relative lift, the two-proportion z-test and a verdict.
 * {@code toString} is the verdict.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class ConversionComparison {
  ConversionComparison() {}

  /** {@return the control variant's rate and interval} */
  public abstract RateEstimate control();

  /** {@return the treatment variant's rate and interval} */
  public abstract RateEstimate treatment();

  /** {@return {@code treatment rate - control rate}, as a fraction (0.03 is 3 percentage points)} */
  public abstract double difference();

  /**
   * The unpooled Wald interval of {@link #difference()}:
   * {@code d ± z * sqrt(p1(1-p1)/n1 + p2(1-p2)/n2)}. Near the significance boundary it can
   * disagree with the pooled z-test by a hair; both are reported as computed.
   *
   * @return the interval of the difference, at the comparison's confidence
   */
  public abstract Interval differenceInterval();

  /** {@return {@code treatment rate / control rate - 1}; empty when the control rate is 0} */
  public abstract OptionalDouble relativeLift();

  /**
   * The two-proportion z statistic with the pooled standard error,
   * {@code (p2 - p1) / sqrt(p(1-p)(1/n1 + 1/n2))} where {@code p} is the pooled rate; positive
   * when the treatment converts better. Empty when the pooled rate is 0 or 1 (no conversions at
   * all, or every visitor converted), where the standard error is 0 and nothing can be tested.
   *
   * @return the z statistic, or empty when nothing can be tested
   */
  public abstract OptionalDouble z();

  /** {@return the two-sided p-value of {@link #z()}, {@code 2 * P(Z > |z|)}; empty when {@code z} is} */
  public abstract OptionalDouble pValue();

  /** {@return the significance level the verdict used} */
  public abstract double alpha();

  /** {@return whether {@code pValue < alpha}; false when there is no p-value} */
  public abstract boolean significant();

  /**
   * {@return a sentence a product manager can read, such as {@code treatment converts 25.0% better ...: significant at
   * alpha 0.05}}
   */
  public abstract String verdict();

  static ImmutableConversionComparison.Builder builder() {
    return ImmutableConversionComparison.builder();
  }

  @Override
  public String toString() {
    return verdict();
  }
}
