package dev.finegrain.kpi.internal;

import java.math.BigInteger;

/**
 * Exact whole sums beyond a {@code long}: a sum is kept as its value modulo 2^64 (the signed
 * {@code low}) and how many times 2^64 it ran past the range ({@code wraps}), so that the exact
 * sum is {@code low + wraps * 2^64}. It fits in a {@code long} exactly when {@code wraps} is 0.
 * Adding in any order, and merging in any grouping, reaches the same pair: the pair is the exact
 * sum, written in two parts. The engine's whole-sum kernels and the {@code LongSum} and {@code
 * LongRatio} accumulators keep the same pair.
 */
public final class WholeSums {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private WholeSums() {}

  /** The wraps of adding {@code x} to {@code a} modulo 2^64: 1 past the top, -1 past the bottom, else 0. */
  public static long carry(long a, long x) {
    long r = a + x;
    return ((a ^ r) & (x ^ r)) < 0 ? (x < 0 ? -1 : 1) : 0;
  }

  /** {@return the exact sum {@code low + wraps * 2^64}} */
  public static BigInteger exact(long low, long wraps) {
    BigInteger l = BigInteger.valueOf(low);
    return wraps == 0 ? l : l.add(BigInteger.valueOf(wraps).multiply(TWO_64));
  }

  /**
   * {@code low} if the exact sum fits in a long; else an {@link ArithmeticException} naming it as
   * the sum of {@code count} {@code things}.
   */
  public static long fit(long low, long wraps, long count, String things) {
    if (wraps != 0) {
      throw new ArithmeticException("long overflow: the sum of " + count + " " + things + " is " + exact(low, wraps)
          + ", beyond a long");
    }
    return low;
  }

  /**
   * Whether {@code count} values, each a {@code long}, can sum to {@code low + wraps * 2^64}: the
   * sum lies between {@code count * Long.MIN_VALUE} and {@code count * Long.MAX_VALUE}.
   */
  public static boolean reachable(long count, long low, long wraps) {
    if (wraps == 0) {
      return count > 0 || low == 0;
    }
    BigInteger sum = exact(low, wraps);
    BigInteger n = BigInteger.valueOf(count);
    return sum.compareTo(n.multiply(BigInteger.valueOf(Long.MIN_VALUE))) >= 0
        && sum.compareTo(n.multiply(BigInteger.valueOf(Long.MAX_VALUE))) <= 0;
  }
}
