package dev.finegrain.kpi.experiment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.kpi.accumulator.MeanVariance;
import org.immutables.value.Value;

/**
 * The summary statistics of one variant's sample, which is all {@link WelchTest} needs: size,
 * mean and sample variance (divided by {@code n - 1}). A mean/variance accumulator over the rows of
 * a variant gives exactly these three numbers.
 *
 * <pre>{@code
 * SampleSummary control = SampleSummary.of(10, 0.75, 3.2005556);   // n, mean, sample variance
 * SampleSummary treatment = SampleSummary.from(treatmentAccumulator); // a merged MeanVariance
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSampleSummary.class)
@JsonDeserialize(as = ImmutableSampleSummary.class)
public abstract class SampleSummary {
  SampleSummary() {}

  /** {@return the number of observations; at least 0} */
  public abstract long n();

  /** {@return the sample mean; finite} */
  public abstract double mean();

  /** {@return the sample variance {@code sum((x - mean)²) / (n - 1)}; finite and at least 0} */
  public abstract double variance();

  /** {@return {@code sqrt(variance)}} */
  public double standardDeviation() {
    return Math.sqrt(variance());
  }

  /**
   * A summary from size, mean and sample variance.
   *
   * @param n the number of observations, at least 0
   * @param mean the sample mean
   * @param variance the sample variance
   * @return a summary from size, mean and sample variance
   * @throws IllegalArgumentException naming the field if n is negative, the mean is not finite, or
   *     the variance is negative or not finite
   */
  public static SampleSummary of(long n, double mean, double variance) {
    return ImmutableSampleSummary.builder().n(n).mean(mean).variance(variance).build();
  }

  /**
   * The summary of a mean/variance accumulator, such as one merged from a variant's partitions.
   *
   * @param accumulator the accumulator, merged from all of the variant's parts
   * @return the summary of a mean/variance accumulator, such as one merged from a variant's partitions
   * @throws IllegalArgumentException if it holds fewer than two values (no sample variance)
   */
  public static SampleSummary from(MeanVariance accumulator) {
    MeanVariance.Result r = Checks.notNull("accumulator", accumulator).result();
    if (r.variance().isEmpty()) {
      throw new IllegalArgumentException("accumulator: expected at least 2 values for a sample variance, got "
          + r.count());
    }
    return of(r.count(), r.mean().getAsDouble(), r.variance().getAsDouble());
  }

  /**
   * A summary from size, mean and sample standard deviation (at least 0).
   *
   * @param n the number of observations, at least 0
   * @param mean the sample mean
   * @param standardDeviation the sample standard deviation
   * @return a summary from size, mean and sample standard deviation (at least 0)
   */
  public static SampleSummary ofStandardDeviation(long n, double mean, double standardDeviation) {
    Checks.finite("standardDeviation", standardDeviation);
    if (standardDeviation < 0) {
      throw new IllegalArgumentException("standardDeviation: expected at least 0, got " + standardDeviation);
    }
    double variance = standardDeviation * standardDeviation;
    if (!Double.isFinite(variance)) {
      throw new IllegalArgumentException("standardDeviation: expected at most " + Math.sqrt(Double.MAX_VALUE)
          + " (its square, the variance, must be a finite double), got " + standardDeviation);
    }
    return of(n, mean, variance);
  }

  @Value.Check
  void check() {
    Checks.atLeast("n", n(), 0, "a count of at least 0");
    Checks.finite("mean", mean());
    Checks.finite("variance", variance());
    if (variance() < 0) {
      throw new IllegalArgumentException("variance: expected at least 0, got " + variance());
    }
  }

  @Override
  public String toString() {
    return "n = " + Format.count(n()) + ", mean " + Format.significant(mean(), 4) + ", sd "
        + Format.significant(standardDeviation(), 4);
  }
}
