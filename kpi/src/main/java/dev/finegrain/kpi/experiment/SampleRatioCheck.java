package dev.finegrain.kpi.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Checks for a sample-ratio mismatch (SRM): whether the visitors of an experiment were split
 * between variants as intended. A mismatch usually means broken assignment or tracking, and then
 * no result of the experiment can be trusted, however significant.
 *
 * <pre>{@code
 * SampleRatioResult srm = SampleRatioCheck.withDefaults().check(50_500, 49_000);   // intended 50/50
 * srm.mismatch();   // true: p = 0.0000020 < 0.001
 * }</pre>
 *
 * <p>The test is Pearson's chi-square goodness-of-fit test of the observed counts against the
 * counts the intended weights expect, with {@code variants - 1} degrees of freedom (Commons
 * Statistics' {@link ChiSquareTest}). The default threshold is 0.001, the usual one for SRM: the
 * check runs on every experiment, and a stricter threshold keeps false alarms rare.
 *
 * @since 0.1
 */
public final class SampleRatioCheck {
  /** 0.001: the usual SRM threshold. */
  public static final double DEFAULT_THRESHOLD = 0.001;

  private final double threshold;

  private SampleRatioCheck(double threshold) {
    this.threshold = Checks.probability("threshold", threshold);
  }

  /** {@return a check that flags a mismatch when {@code p < 0.001}} */
  public static SampleRatioCheck withDefaults() {
    return new SampleRatioCheck(DEFAULT_THRESHOLD);
  }

  /**
   * The same check with another p-value threshold, strictly between 0 and 1.
   *
   * @param threshold the p-value below which a split is a mismatch, strictly between 0 and 1
   * @return the same check with another p-value threshold, strictly between 0 and 1
   */
  public SampleRatioCheck withThreshold(double threshold) {
    return new SampleRatioCheck(threshold);
  }

  /** {@return the p-value below which a split counts as a mismatch} */
  public double threshold() {
    return threshold;
  }

  /**
   * Checks a control and a treatment that were meant to get half the visitors each.
   *
   * @param control the control variant's count
   * @param treatment the treatment variant's count
   * @return the result of the check
   */
  public SampleRatioResult check(long control, long treatment) {
    Map<String, Long> observed = new LinkedHashMap<>();
    observed.put("control", control);
    observed.put("treatment", treatment);
    return check(observed, Map.of("control", 1.0, "treatment", 1.0));
  }

  /**
   * Checks observed counts per variant against intended weights per variant: {@code {a: 1, b: 1}}
   * for 50/50, {@code {a: 9, b: 1}} or {@code {a: 0.9, b: 0.1}} for 90/10. Weights need not sum to 1.
   *
   * @param observed each variant's observed count
   * @param weights each variant's intended weight (any positive scale)
   * @return the result of the check
   * @throws IllegalArgumentException naming the field if there are fewer than 2 variants, the
   *     variants of the two maps differ, a count is negative, the total is 0, or a weight is not
   *     positive and finite
   */
  public SampleRatioResult check(Map<String, Long> observed, Map<String, Double> weights) {
    Checks.notNull("observed", observed);
    Checks.notNull("weights", weights);
    if (observed.size() < 2) {
      throw new IllegalArgumentException("observed: expected counts for at least 2 variants, got "
          + observed.size());
    }
    if (!observed.keySet().equals(weights.keySet())) {
      throw new IllegalArgumentException("weights: expected a weight for each observed variant " + observed.keySet()
          + ", got weights for " + weights.keySet());
    }
    List<String> variants = new ArrayList<>(observed.keySet());
    long[] counts = new long[variants.size()];
    double[] w = new double[variants.size()];
    long total = 0;
    double maxWeight = 0;
    double weightSum = 0;
    for (int i = 0; i < counts.length; i++) {
      String v = variants.get(i);
      counts[i] = Checks.atLeast("observed." + v, Checks.notNull("observed." + v, observed.get(v)), 0,
          "a count of at least 0");
      Double weight = Checks.notNull("weights." + v, weights.get(v));
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("weights." + v + ": expected a positive finite weight, got " + weight);
      }
      w[i] = weight;
      if (total > Long.MAX_VALUE - counts[i]) {
        throw new IllegalArgumentException("observed: expected counts that add up to at most " + Long.MAX_VALUE
            + ", got " + observed);
      }
      total += counts[i];
      maxWeight = Math.max(maxWeight, weight);
    }
    if (total == 0) {
      throw new IllegalArgumentException("observed: expected at least 1 visitor in total, got 0");
    }
    // shares of the largest weight, in (0, 1]: weights near Double.MAX_VALUE would add up to infinity
    for (int i = 0; i < w.length; i++) {
      w[i] /= maxWeight;
      weightSum += w[i];
    }
    double[] expected = new double[counts.length];
    Map<String, Double> expectedByVariant = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      expected[i] = total * (w[i] / weightSum);
      if (!(expected[i] > 0)) {
        throw new IllegalArgumentException("weights." + variants.get(i) + ": expected a weight that gives the variant"
            + " a share above 0 of the " + total + " visitors, got " + weights.get(variants.get(i)) + " beside "
            + maxWeight);
      }
      expectedByVariant.put(variants.get(i), expected[i]);
    }
    SignificanceResult test = ChiSquareTest.withDefaults().test(expected, counts);
    boolean mismatch = test.getPValue() < threshold;
    String shares = variants.stream().map(v -> v + " " + Format.count(observed.get(v)) + " ("
        + Format.percent((double) observed.get(v) / totalOf(observed), 1) + ")").collect(Collectors.joining(", "));
    double sum = weightSum;
    double max = maxWeight;
    String split = variants.stream().map(v -> Format.significant(weights.get(v) / max / sum * 100, 3) + "%")
        .collect(Collectors.joining(" / "));
    String message = (mismatch ? "sample ratio mismatch: " : "no sample ratio mismatch: ") + shares
        + " for an intended " + split + " split; chi-square = " + Format.significant(test.getStatistic(), 3)
        + ", " + Format.pValue(test.getPValue()) + (mismatch ? " < " : " >= ") + Format.level(threshold)
        + (mismatch ? ": check assignment and tracking before reading any result" : "");
    return SampleRatioResult.builder()
        .observed(observed)
        .expected(expectedByVariant)
        .chiSquare(test.getStatistic())
        .degreesOfFreedom(counts.length - 1)
        .pValue(test.getPValue())
        .threshold(threshold)
        .mismatch(mismatch)
        .message(message)
        .build();
  }

  private static long totalOf(Map<String, Long> observed) {
    return observed.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String toString() {
    return "sample-ratio check (mismatch when p < " + Format.level(threshold) + ")";
  }
}
