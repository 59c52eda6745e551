package dev.finegrain.kpi.accumulator;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The distribution of {@code long} values as read from {@link HistogramQuantiles} (within a
 * relative error) or {@link ExactQuantiles} (exactly): count, min, max and nearest-rank quantiles.
 *
 * <p><b>Nearest rank.</b> The {@code q}-quantile of {@code n} values is the value at 1-based rank
 * {@code ceil(q·n)} in ascending order (rank 1 for {@code q = 0}): of 1..10, {@code quantile(0.9)}
 * is 9, {@code quantile(0.5)} is 5, {@code quantile(1)} is 10 and {@code quantile(0)} is 1. It is
 * always one of the values (no interpolation), so it carries the values' unit and is exact for
 * integer data. So that decimal fractions behave as written, a product {@code q·n} within 4 units
 * in the last place of a whole number counts as that whole number ({@code 0.57 · 100} is
 * {@code 56.99999999999999} in binary floating point, and is read as rank 57).
 *
 * <p>From a histogram, the value at a rank is reported as the highest value of its histogram
 * bucket, capped at the exact maximum: never below the true value {@code t} and at most
 * {@link #relativeError()}{@code · |t|} above it (for a negative {@code t}, that much nearer to 0
 * at most). The smallest and largest ranks report the exact min and max.
 *
 * @since 0.1
 */
public final class QuantileResult {
  private final long count;
  private final long min;
  private final long max;
  private final long[] values;      // ascending representative values
  private final long[] cumulative;  // cumulative[i] = how many values are <= values[i]
  private final double relativeError;

  QuantileResult(long count, long min, long max, long[] values, long[] cumulative, double relativeError) {
    this.count = count;
    this.min = min;
    this.max = max;
    this.values = values;
    this.cumulative = cumulative;
    this.relativeError = relativeError;
  }

  /** {@return how many values the distribution holds} */
  public long count() {
    return count;
  }

  /** {@return whether it holds no values; then every quantile is empty} */
  public boolean isEmpty() {
    return count == 0;
  }

  /** {@return the exact smallest value, empty when there are none} */
  public OptionalLong min() {
    return count == 0 ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /** {@return the exact largest value, empty when there are none} */
  public OptionalLong max() {
    return count == 0 ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /**
   * The nearest-rank {@code q}-quantile: the value at rank {@code ceil(q·n)}; empty when there are
   * no values.
   *
   * @param q the quantile, from 0 to 1: 0.5 for the median, 0.9 for p90
   * @return the nearest-rank {@code q}-quantile: the value at rank {@code ceil(q·n)}; empty when there are no values
   * @throws IllegalArgumentException if {@code q} is not within [0, 1]
   */
  public OptionalLong quantile(double q) {
    long rank = nearestRank(q, Math.max(count, 1));
    if (count == 0) {
      return OptionalLong.empty();
    }
    if (rank == 1) {
      return OptionalLong.of(min);
    }
    if (rank == count) {
      return OptionalLong.of(max);
    }
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] >= rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return OptionalLong.of(Math.max(min, Math.min(max, values[lo])));
  }

  /** {@return the nearest-rank median, {@code quantile(0.5)}: the lower middle value of an even count} */
  public OptionalLong median() {
    return quantile(0.5);
  }

  /**
   * The largest relative error of a reported quantile: 0 when exact; for a histogram with
   * {@code d} significant digits, below {@code 10^-d} (about {@code 0.000977} for 3 digits).
   *
   * @return the largest relative error of a reported quantile: 0 when exact; for a histogram with {@code d} significant
   *     digits, below {@code 10^-d} (about {@code 0.000977} for 3 digits)
   */
  public double relativeError() {
    return relativeError;
  }

  /** {@return whether quantiles are exact} */
  public boolean isExact() {
    return relativeError == 0;
  }

  /**
   * The 1-based nearest rank {@code ceil(q·n)} of quantile {@code q} among {@code n} values, at
   * least 1; a product within 4 ulps of a whole number counts as that number.
   *
   * @param q the quantile, 0 (exclusive) to 1 (inclusive)
   * @param n the number of values
   * @return the 1-based nearest rank {@code ceil(q·n)} of quantile {@code q} among {@code n} values, at least 1; a
   *     product within 4 ulps of a whole number counts as that number
   * @throws IllegalArgumentException if {@code q} is not within [0, 1] or {@code n < 1}
   */
  public static long nearestRank(double q, long n) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile " + q + " is outside [0, 1]; e.g. 0.5 for the median, 0.9 for p90");
    }
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + "; expected at least 1 value");
    }
    double product = q * n;
    double whole = Math.rint(product);
    boolean wholeUpToRounding = Math.abs(product - whole) <= 4 * Math.ulp(Math.max(1.0, product));
    long rank = wholeUpToRounding ? (long) whole : (long) Math.ceil(product);
    return Math.max(1, Math.min(n, rank));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof QuantileResult other)) {
      return false;
    }
    return other.count == count && other.min == min && other.max == max
        && Double.compare(other.relativeError, relativeError) == 0
        && Arrays.equals(other.values, values) && Arrays.equals(other.cumulative, cumulative);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(count) * 31 + Long.hashCode(min)) * 31 + Long.hashCode(max)) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    if (count == 0) {
      return "QuantileResult{empty}";
    }
    return "QuantileResult{count=" + count + ", min=" + min + ", p50=" + quantile(0.5).getAsLong()
        + ", p90=" + quantile(0.9).getAsLong() + ", p99=" + quantile(0.99).getAsLong() + ", max=" + max
        + (isExact() ? ", exact" : ", relative error < " + relativeError) + "}";
  }
}
