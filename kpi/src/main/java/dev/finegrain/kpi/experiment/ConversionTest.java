package dev.finegrain.kpi.experiment;

import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Compares the conversion rates of a control and a treatment, such as two versions of a product
 * page:
 *
 * <pre>{@code
 * ConversionComparison result = ConversionTest.withDefaults()
 *     .compare(Conversions.of(1000, 120), Conversions.of(1000, 150));
 * result.pValue();    // 0.0496
 * result.toString();  // treatment converts 25.0% better than control (15.00% vs 12.00%; difference
 *                     // +3.00 pp, 95% CI +0.01 to +5.99 pp), p = 0.0496: significant at alpha 0.05
 * }</pre>
 *
 * <p>Each rate gets a Wilson score interval (good also for small counts and rates near 0 or 1).
 * The test is the two-proportion z-test with the pooled standard error, which is the same test as
 * the chi-square test of the 2x2 table without continuity correction ({@code z² = X²}); its
 * p-value is two-sided. The interval of the difference is the unpooled Wald interval. The
 * confidence level of the intervals (default 95%) and the significance level alpha (default 0.05)
 * are set separately. Instances are immutable.
 *
 * @since 0.1
 */
public final class ConversionTest {
  /** 0.95: 95% intervals unless set otherwise. */
  public static final double DEFAULT_CONFIDENCE = 0.95;
  /** 0.05: significant when {@code p < 0.05} unless set otherwise. */
  public static final double DEFAULT_ALPHA = 0.05;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private final double confidence;
  private final double alpha;

  private ConversionTest(double confidence, double alpha) {
    this.confidence = Checks.probability("confidence", confidence);
    this.alpha = Checks.probability("alpha", alpha);
  }

  /** {@return a test with 95% intervals and significance at alpha 0.05} */
  public static ConversionTest withDefaults() {
    return new ConversionTest(DEFAULT_CONFIDENCE, DEFAULT_ALPHA);
  }

  /**
   * The same test with intervals at {@code confidence}, strictly between 0 and 1 (0.99 for 99%).
   *
   * @param confidence the confidence level, strictly between 0 and 1
   * @return the same test with intervals at {@code confidence}, strictly between 0 and 1 (0.99 for 99%)
   */
  public ConversionTest withConfidence(double confidence) {
    return new ConversionTest(confidence, alpha);
  }

  /**
   * The same test, significant when {@code p < alpha}; alpha strictly between 0 and 1.
   *
   * @param alpha the significance level, strictly between 0 and 1
   * @return the same test, significant when {@code p < alpha}; alpha strictly between 0 and 1
   */
  public ConversionTest withAlpha(double alpha) {
    return new ConversionTest(confidence, alpha);
  }

  /** {@return the confidence level of the intervals} */
  public double confidence() {
    return confidence;
  }

  /** {@return the significance level} */
  public double alpha() {
    return alpha;
  }

  /**
   * Compares {@code treatment} with {@code control}.
   *
   * @param control the control variant
   * @param treatment the treatment variant
   * @return the comparison
   * @throws IllegalArgumentException if a variant has no visitors ({@code control.visitors: ...})
   */
  public ConversionComparison compare(Conversions control, Conversions treatment) {
    Checks.notNull("control", control);
    Checks.notNull("treatment", treatment);
    Checks.atLeast("control.visitors", control.visitors(), 1, "at least 1 visitor to compare");
    Checks.atLeast("treatment.visitors", treatment.visitors(), 1, "at least 1 visitor to compare");
    double n1 = control.visitors();
    double n2 = treatment.visitors();
    double p1 = control.conversions() / n1;
    double p2 = treatment.conversions() / n2;
    double zCrit = criticalValue(confidence);
    double difference = p2 - p1;
    double unpooled = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    Interval differenceInterval = Interval.of(difference - zCrit * unpooled, difference + zCrit * unpooled, confidence);
    OptionalDouble lift = p1 == 0 ? OptionalDouble.empty() : OptionalDouble.of(p2 / p1 - 1);

    // added as doubles: two counts near Long.MAX_VALUE would overflow a long
    double pooled = ((double) control.conversions() + treatment.conversions()) / (n1 + n2);
    double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    OptionalDouble z = OptionalDouble.empty();
    OptionalDouble p = OptionalDouble.empty();
    if (pooledSe > 0) {
      double zValue = difference / pooledSe;
      z = OptionalDouble.of(zValue);
      p = OptionalDouble.of(Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(zValue))));
    }
    boolean significant = p.isPresent() && p.getAsDouble() < alpha;
    RateEstimate controlRate = RateEstimate.of(control, p1, wilson(control, confidence));
    RateEstimate treatmentRate = RateEstimate.of(treatment, p2, wilson(treatment, confidence));
    return ConversionComparison.builder()
        .control(controlRate)
        .treatment(treatmentRate)
        .difference(difference)
        .differenceInterval(differenceInterval)
        .relativeLift(lift)
        .z(z)
        .pValue(p)
        .alpha(alpha)
        .significant(significant)
        .verdict(verdict(controlRate, treatmentRate, difference, differenceInterval, lift, p, significant))
        .build();
  }

  /**
   * The Wilson score interval of {@code counts}' rate at {@code confidence}:
   * {@code (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with {@code z} the two-sided
   * normal quantile. The ends are clamped to [0, 1] and to the observed rate, which the exact
   * interval always contains, so that rounding in the last bit never puts them on the wrong side.
   *
   * @param counts the counts of a variant
   * @param confidence the confidence level, strictly between 0 and 1
   * @return the Wilson score interval of {@code counts}' rate at {@code confidence}: {@code (p + z²/2n ± z
   *     sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with {@code z} the two-sided normal quantile
   * @throws IllegalArgumentException if there are no visitors or confidence is not in (0, 1)
   */
  public static Interval wilson(Conversions counts, double confidence) {
    Checks.notNull("counts", counts);
    Checks.probability("confidence", confidence);
    Checks.atLeast("visitors", counts.visitors(), 1, "at least 1 visitor for an interval");
    double n = counts.visitors();
    double p = counts.conversions() / n;
    double z = criticalValue(confidence);
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double lower = Math.max(0, Math.min(p, centre - half));
    double upper = Math.min(1, Math.max(p, centre + half));
    return Interval.of(lower, upper, confidence);
  }

  /** The two-sided standard normal quantile: 1.959964 for 0.95. */
  static double criticalValue(double confidence) {
    return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
  }

  private String verdict(RateEstimate control, RateEstimate treatment, double difference, Interval interval,
      OptionalDouble lift, OptionalDouble p, boolean significant) {
    String rates = Format.percent(treatment.rate(), 2) + " vs " + Format.percent(control.rate(), 2);
    if (p.isEmpty()) {
      String what = control.counts().conversions() == 0 ? "neither variant converted" : "every visitor converted";
      return "no difference to test: " + what + " (control " + control.counts() + ", treatment "
          + treatment.counts() + "); collect more data";
    }
    String head;
    if (lift.isEmpty()) {
      head = "treatment converts at " + Format.percent(treatment.rate(), 2) + " where control never converted";
    } else if (lift.getAsDouble() == 0) {
      head = "treatment converts the same as control (" + rates;
    } else {
      head = "treatment converts " + Format.percent(Math.abs(lift.getAsDouble()), 1)
          + (lift.getAsDouble() > 0 ? " better" : " worse") + " than control (" + rates;
    }
    head += (lift.isEmpty() ? " (" : "; ") + "difference " + Format.points(difference, 2) + ", "
        + Format.confidence(interval.confidence()) + " CI " + Format.signed(interval.lower() * 100, 2) + " to "
        + Format.points(interval.upper(), 2) + "), " + Format.pValue(p.getAsDouble());
    return head + (significant
        ? ": significant at alpha " + Format.level(alpha)
        : ": not significant at alpha " + Format.level(alpha) + "; collect more data");
  }

  @Override
  public String toString() {
    return "conversion test (" + Format.confidence(confidence) + " intervals, alpha " + Format.level(alpha) + ")";
  }
}
