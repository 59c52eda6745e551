package dev.finegrain.kpi.experiment;

import java.util.Map;
import org.immutables.value.Value;

/**
 * The result of a {@link SampleRatioCheck}: observed and expected counts per variant, the
 * chi-square goodness-of-fit statistic and p-value, and whether that is a mismatch.
 * {@code toString} is the message.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class SampleRatioResult {
  SampleRatioResult() {}

  /** {@return each variant's observed count, in the order given} */
  public abstract Map<String, Long> observed();

  /** {@return each variant's count that the intended split expects from the observed total} */
  public abstract Map<String, Double> expected();

  /** {@return Pearson's chi-square statistic {@code sum((observed - expected)² / expected)}} */
  public abstract double chiSquare();

  /** {@return the degrees of freedom: the number of variants minus one} */
  public abstract int degreesOfFreedom();

  /** {@return the p-value of {@link #chiSquare()} with {@link #degreesOfFreedom()} degrees of freedom} */
  public abstract double pValue();

  /** {@return the p-value below which the split counts as a mismatch} */
  public abstract double threshold();

  /**
   * {@return whether {@code pValue < threshold}: the traffic split is not what was intended, so the results are
   * suspect}
   */
  public abstract boolean mismatch();

  /** {@return a readable sentence with the observed shares, the intended split, the statistic and the p-value} */
  public abstract String message();

  static ImmutableSampleRatioResult.Builder builder() {
    return ImmutableSampleRatioResult.builder();
  }

  @Override
  public String toString() {
    return message();
  }
}
