package dev.finegrain.kpi.experiment;

import java.util.Map;
import org.immutables.value.Value;

/**
 * The result of a {@link SampleRatioCheck}: observed and expected counts per variant, the
 * chi-square goodness-of-fit statistic and p-value, and whether that is a mismatch.
 * {@code toString} is the message.
 */
@Value.Immutable
public abstract class SampleRatioResult {
  SampleRatioResult() {}

  /** Variant to observed count, in the order given. */
  public abstract Map<String, Long> observed();

  /** Variant to the count the intended split expects from the observed total. */
  public abstract Map<String, Double> expected();

  /** Pearson's chi-square statistic {@code sum((observed - expected)² / expected)}. */
  public abstract double chiSquare();

  /** Variants minus one. */
  public abstract int degreesOfFreedom();

  public abstract double pValue();

  /** The p-value below which the split counts as a mismatch. */
  public abstract double threshold();

  /** Whether {@code pValue < threshold}: the traffic split is not what was intended, so the results are suspect. */
  public abstract boolean mismatch();

  /** A readable sentence with the observed shares, the intended split, the statistic and the p-value. */
  public abstract String message();

  static ImmutableSampleRatioResult.Builder builder() {
    return ImmutableSampleRatioResult.builder();
  }

  @Override
  public String toString() {
    return message();
  }
}
