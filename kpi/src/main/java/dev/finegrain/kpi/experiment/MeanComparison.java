package dev.finegrain.kpi.experiment;

import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The result of a {@link WelchTest}: the difference of means, Welch's t statistic with the
 * Welch–Satterthwaite degrees of freedom, the two-sided p-value, the interval of the difference
 * and a verdict. {@code toString} is the verdict.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class MeanComparison {
  MeanComparison() {}

  /** {@return the control variant's summary} */
  public abstract SampleSummary control();

  /** {@return the treatment variant's summary} */
  public abstract SampleSummary treatment();

  /** {@return {@code treatment mean - control mean}} */
  public abstract double difference();

  /** {@return {@code treatment mean / control mean - 1}; empty when the control mean is 0} */
  public abstract OptionalDouble relativeDifference();

  /** {@return {@code sqrt(s1²/n1 + s2²/n2)}, the standard error of the difference} */
  public abstract double standardError();

  /** {@return Welch's t, {@code difference / standardError}; empty when the standard error is 0 (both variances 0)} */
  public abstract OptionalDouble t();

  /** {@return the Welch–Satterthwaite degrees of freedom; empty when {@link #t()} is} */
  public abstract OptionalDouble degreesOfFreedom();

  /** {@return the two-sided p-value of {@link #t()}; empty when {@code t} is} */
  public abstract OptionalDouble pValue();

  /** {@return {@code difference ± t(df) * standardError}; empty when {@link #t()} is} */
  public abstract Optional<Interval> differenceInterval();

  /** {@return the significance level the verdict used} */
  public abstract double alpha();

  /** {@return whether {@code pValue < alpha}; false when there is no p-value} */
  public abstract boolean significant();

  /** {@return a readable sentence with the means, the interval, t, df and p, and whether that is significant} */
  public abstract String verdict();

  static ImmutableMeanComparison.Builder builder() {
    return ImmutableMeanComparison.builder();
  }

  @Override
  public String toString() {
    return verdict();
  }
}
