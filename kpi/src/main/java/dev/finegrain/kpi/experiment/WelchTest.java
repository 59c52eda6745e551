package dev.finegrain.kpi.experiment;

import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * Compares the means of a control and a treatment (average order value, items per order, time on
 * page) with Welch's t-test, which does not assume equal variances, from summary statistics:
 *
 * <pre>{@code
 * MeanComparison result = WelchTest.withDefaults()
 *     .compare(SampleSummary.of(10, 0.75, 3.2005556), SampleSummary.of(10, 2.33, 4.009));
 * result.t();                 // 1.8608
 * result.degreesOfFreedom();  // 17.776
 * result.pValue();            // 0.0794: not significant at alpha 0.05
 * }</pre>
 *
 * <p>The statistic and the Welch–Satterthwaite degrees of freedom are those of Commons Statistics'
 * {@link TTest} (unequal variances), computed here so that variances near the ends of a double's
 * range neither overflow nor underflow; the two-sided p-value and the interval of the difference
 * use Commons Statistics' {@link TDistribution} at those degrees of freedom. Instances are
 * immutable.
 *
 * @since 0.1
 */
public final class WelchTest {
  private final double confidence;
  private final double alpha;

  private WelchTest(double confidence, double alpha) {
    this.confidence = Checks.probability("confidence", confidence);
    this.alpha = Checks.probability("alpha", alpha);
  }

  /** {@return a test with a 95% interval and significance at alpha 0.05} */
  public static WelchTest withDefaults() {
    return new WelchTest(ConversionTest.DEFAULT_CONFIDENCE, ConversionTest.DEFAULT_ALPHA);
  }

  /**
   * The same test with the interval at {@code confidence}, strictly between 0 and 1.
   *
   * @param confidence the confidence level, strictly between 0 and 1
   * @return the same test with the interval at {@code confidence}, strictly between 0 and 1
   */
  public WelchTest withConfidence(double confidence) {
    return new WelchTest(confidence, alpha);
  }

  /**
   * The same test, significant when {@code p < alpha}; alpha strictly between 0 and 1.
   *
   * @param alpha the significance level, strictly between 0 and 1
   * @return the same test, significant when {@code p < alpha}; alpha strictly between 0 and 1
   */
  public WelchTest withAlpha(double alpha) {
    return new WelchTest(confidence, alpha);
  }

  /** {@return the confidence level of the interval} */
  public double confidence() {
    return confidence;
  }

  /** {@return the significance level} */
  public double alpha() {
    return alpha;
  }

  /**
   * Compares {@code treatment}'s mean with {@code control}'s; the statistic is positive when the
   * treatment mean is higher.
   *
   * @param control the control variant
   * @param treatment the treatment variant
   * @return the comparison
   * @throws IllegalArgumentException if a sample has fewer than 2 observations ({@code control.n: ...})
   */
  public MeanComparison compare(SampleSummary control, SampleSummary treatment) {
    Checks.notNull("control", control);
    Checks.notNull("treatment", treatment);
    Checks.atLeast("control.n", control.n(), 2, "at least 2 observations for a sample variance");
    Checks.atLeast("treatment.n", treatment.n(), 2, "at least 2 observations for a sample variance");
    double difference = treatment.mean() - control.mean();
    double se = Math.sqrt(control.variance() / control.n() + treatment.variance() / treatment.n());
    OptionalDouble relative = control.mean() == 0
        ? OptionalDouble.empty() : OptionalDouble.of(treatment.mean() / control.mean() - 1);
    ImmutableMeanComparison.Builder result = MeanComparison.builder()
        .control(control).treatment(treatment).difference(difference).relativeDifference(relative)
        .standardError(se).alpha(alpha);
    if (!(se > 0)) {
      return result.significant(false)
          .verdict("no difference to test: both samples have zero variance (treatment mean "
              + Format.significant(treatment.mean(), 4) + ", control " + Format.significant(control.mean(), 4)
              + "); the t statistic is undefined")
          .build();
    }
    double t = difference / se;
    double df = welchDegreesOfFreedom(control, treatment);
    if (!Double.isFinite(t)) {
      throw new IllegalArgumentException("treatment.mean: expected a difference from control.mean that its standard"
          + " error divides within the range of a double, got " + difference + " over " + se);
    }
    double p = Math.min(1, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
    double tCrit = TDistribution.of(df).inverseSurvivalProbability((1 - confidence) / 2);
    Interval interval = Interval.of(difference - tCrit * se, difference + tCrit * se, confidence);
    boolean significant = p < alpha;
    // the means to 4 significant digits, and the difference and its interval with as many decimals as the
    // means have: one precision for figures a reader compares (482.0 vs 477.6, difference +4.3)
    int decimals = Math.max(Format.decimals(Format.significant(treatment.mean(), 4)),
        Format.decimals(Format.significant(control.mean(), 4)));
    String verdict = "treatment mean " + Format.fixed(treatment.mean(), decimals) + " vs control "
        + Format.fixed(control.mean(), decimals) + " (difference " + Format.signed(difference, decimals)
        + ", " + Format.confidence(confidence) + " CI " + Format.signed(interval.lower(), decimals) + " to "
        + Format.signed(interval.upper(), decimals) + "), Welch t = " + Format.significant(t, 3)
        + ", df = " + Format.significant(df, 3) + ", " + Format.pValue(p)
        + (significant
            ? ": significant at alpha " + Format.level(alpha)
            : ": not significant at alpha " + Format.level(alpha) + "; collect more data");
    return result.t(t).degreesOfFreedom(df).pValue(p).differenceInterval(Optional.of(interval))
        .significant(significant).verdict(verdict).build();
  }

  /**
   * The Welch–Satterthwaite degrees of freedom, {@code (a + b)^2 / (a^2 / (n1 - 1) + b^2 / (n2 - 1))}
   * with {@code a} and {@code b} each sample's variance over its size, computed on {@code a} and
   * {@code b} divided by the larger of them: the ratio does not change, and the squares neither
   * overflow nor underflow where the variances are near the ends of a double's range.
   */
  static double welchDegreesOfFreedom(SampleSummary control, SampleSummary treatment) {
    double a = control.variance() / control.n();
    double b = treatment.variance() / treatment.n();
    double scale = Math.max(a, b);
    a /= scale;
    b /= scale;
    return (a + b) * (a + b) / (a * a / (control.n() - 1) + b * b / (treatment.n() - 1));
  }

  @Override
  public String toString() {
    return "Welch's t-test (" + Format.confidence(confidence) + " interval, alpha " + Format.level(alpha) + ")";
  }
}
