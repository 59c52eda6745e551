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
 * <p>The statistic, degrees of freedom and two-sided p-value come from Commons Statistics'
 * {@link TTest} (unequal variances); the interval of the difference uses the quantile of
 * Commons Statistics' {@link TDistribution} at those degrees of freedom. Instances are immutable.
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
    TTest.Result test = TTest.withDefaults()
        .test(treatment.mean(), treatment.variance(), treatment.n(), control.mean(), control.variance(), control.n());
    double df = test.getDegreesOfFreedom();
    double p = test.getPValue();
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
        + Format.signed(interval.upper(), decimals) + "), Welch t = " + Format.significant(test.getStatistic(), 3)
        + ", df = " + Format.significant(df, 3) + ", " + Format.pValue(p)
        + (significant
            ? ": significant at alpha " + Format.level(alpha)
            : ": not significant at alpha " + Format.level(alpha) + "; collect more data");
    return result.t(test.getStatistic()).degreesOfFreedom(df).pValue(p).differenceInterval(Optional.of(interval))
        .significant(significant).verdict(verdict).build();
  }

  @Override
  public String toString() {
    return "Welch's t-test (" + Format.confidence(confidence) + " interval, alpha " + Format.level(alpha) + ")";
  }
}
