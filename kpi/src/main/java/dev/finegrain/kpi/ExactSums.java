package dev.finegrain.kpi;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of finite doubles, one per group, read as the exact sum (or the exact sum over a
 * count) rounded once to the nearest double, ties to even. Nothing is rounded while adding or
 * merging, so the sums do not depend on the order of the values or on how they were split and
 * merged: a query split over threads gives the single thread's value to the last bit, and that
 * value is the correctly rounded one, which adding doubles one by one often is not (1e16, 1 and
 * -1e16 add up to 1, not 0).
 *
 * <p>A group's sum is a 128-bit two's complement fixed-point number with 64 fraction bits, which
 * holds every double {@code x} with {@code 2^-12 <= |x| < 2^62} exactly (its lowest mantissa bit is
 * at least 2^-64), so such a value costs a few shifts and a 128-bit addition. A value outside that
 * window goes to the group's {@link Tail}, made only for groups that need one: a second 128-bit
 * fixed-point number with 128 fraction bits for small values ({@code 2^-76 <= |x| < 2^-12}, such
 * as 1e-5), and an unbounded {@link BigInteger} in units of 2^-1074, of which every double is a
 * whole number, for the rest (tinier or huger values, and sums that would leave 128 bits). The sum
 * is the parts added.
 */
final class ExactSums {
  /** The biased exponent of 2^-12, the smallest power of two the fixed-point part holds with all 53 bits. */
  private static final int LOW_EXPONENT = 1023 - 12;
  /** The largest shift of a mantissa into the fixed-point part: values below 2^62, so sums of a few stay inside. */
  private static final int MAX_SHIFT = 1023 + 61 - LOW_EXPONENT;
  private static final long MANTISSA = (1L << 52) - 1;
  private static final long IMPLICIT = 1L << 52;
  /** The fixed-point unit 2^-64 in units of 2^-1074. */
  private static final int FIXED_TO_UNITS = 1074 - 64;
  private static final BigInteger LOW_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The fixed-point parts: the high and the low 64 bits of a signed 128-bit number of 2^-64 units. */
  long[] his;
  long[] los;
  /** The parts outside the fixed-point window; null until a group needs one, and null for groups that do not. */
  Tail[] tails;

  ExactSums(int groups) {
    his = new long[groups];
    los = new long[groups];
  }

  /** Makes room for group ids below {@code groups}. */
  void reserve(int groups) {
    if (groups > his.length) {
      his = Arrays.copyOf(his, Kernels.grow(his.length, groups));
      los = Arrays.copyOf(los, his.length);
      if (tails != null) {
        tails = Arrays.copyOf(tails, his.length);
      }
    }
  }

  /** A one-group copy of group {@code g}'s sum, as group 0. */
  ExactSums copyOf(int g) {
    ExactSums copy = new ExactSums(1);
    copy.his[0] = his[g];
    copy.los[0] = los[g];
    Tail tail = tail(g);
    if (tail != null) {
      copy.tails = new Tail[] {tail.copy()};
    }
    return copy;
  }

  private Tail tail(int g) {
    return tails == null ? null : tails[g];
  }

  /** Group {@code g}'s tail, made if it has none. */
  private Tail tailOf(int g) {
    if (tails == null) {
      tails = new Tail[his.length];
    }
    Tail tail = tails[g];
    if (tail == null) {
      tail = new Tail();
      tails[g] = tail;
    }
    return tail;
  }

  /**
   * Adds {@code x}, which is not NaN, to group {@code g}.
   *
   * @throws IllegalArgumentException if {@code x} is infinite
   */
  void add(int g, double x) {
    long bits = Double.doubleToRawLongBits(x);
    int shift = (int) (bits >>> 52 & 0x7ff) - LOW_EXPONENT;
    if (shift >= 0 && shift <= MAX_SHIFT) {
      long m = bits & MANTISSA | IMPLICIT;
      long hi;
      long lo;
      if (shift < 64) {
        lo = m << shift;
        hi = m >>> 1 >>> (63 - shift); // m >>> (64 - shift), also for shift 0
      } else {
        lo = 0;
        hi = m << (shift - 64);
      }
      if (bits < 0) {
        hi = ~hi + (lo == 0 ? 1 : 0);
        lo = -lo;
      }
      long a = los[g];
      long l = a + lo;
      long h0 = his[g];
      long b = hi + ((a & lo | (a | lo) & ~l) >>> 63); // |hi| <= 2^62, so this cannot overflow
      long h = h0 + b;
      if (((h0 ^ h) & (b ^ h)) < 0) { // the sum would leave 128 bits: move it to the unbounded part
        tailOf(g).addUnits(fixed(h0, a).shiftLeft(FIXED_TO_UNITS));
        his[g] = hi;
        los[g] = lo;
      } else {
        his[g] = h;
        los[g] = l;
      }
    } else if (x != 0) {
      tailOf(g).add(x);
    }
  }

  /** Adds group {@code from} of {@code other} to group {@code into} of this. */
  void merge(ExactSums other, int from, int into) {
    long a = los[into];
    long x = other.los[from];
    long l = a + x;
    long carry = (a & x | (a | x) & ~l) >>> 63;
    long h0 = his[into];
    long h1 = other.his[from];
    long h = h0 + h1;
    long h2 = h + carry;
    if (((h0 ^ h) & (h1 ^ h)) < 0 || ((h ^ h2) & (carry ^ h2)) < 0) {
      tailOf(into).addUnits(fixed(h0, a).shiftLeft(FIXED_TO_UNITS));
      his[into] = h1;
      los[into] = x;
    } else {
      his[into] = h2;
      los[into] = l;
    }
    Tail tail = other.tail(from);
    if (tail != null) {
      tailOf(into).merge(tail);
    }
  }

  /**
   * The part of a group's sum outside the fixed-point window: a 128-bit fixed-point number with
   * 128 fraction bits, exact for values with {@code 2^-76 <= |x| < 2^-12}, and an unbounded
   * number of units of 2^-1074 for the rest.
   */
  private static final class Tail {
    /** The biased exponent of 2^-76, the smallest power of two the small part holds with all 53 bits. */
    private static final int LOW_EXPONENT = 1023 - 76;
    /** The small part's unit 2^-128 in units of 2^-1074. */
    private static final int SMALL_TO_UNITS = 1074 - 128;
    long hi;
    long lo;
    BigInteger big; // null for 0

    Tail copy() {
      Tail copy = new Tail();
      copy.hi = hi;
      copy.lo = lo;
      copy.big = big;
      return copy;
    }

    void add(double x) {
      long bits = Double.doubleToRawLongBits(x);
      int shift = (int) (bits >>> 52 & 0x7ff) - LOW_EXPONENT;
      if (shift >= 0 && shift < 64) { // 2^-76 <= |x| < 2^-12: below 2^116 units of 2^-128
        long m = bits & MANTISSA | IMPLICIT;
        long h = m >>> 1 >>> (63 - shift);
        long l = m << shift;
        if (bits < 0) {
          h = ~h + (l == 0 ? 1 : 0);
          l = -l;
        }
        addSmall(h, l);
      } else {
        addUnits(units(x));
      }
    }

    private void addSmall(long h1, long l1) {
      long l = lo + l1;
      long carry = (lo & l1 | (lo | l1) & ~l) >>> 63;
      long h = hi + h1;
      long h2 = h + carry;
      if (((hi ^ h) & (h1 ^ h)) < 0 || ((h ^ h2) & (carry ^ h2)) < 0) {
        addUnits(fixed(hi, lo).shiftLeft(SMALL_TO_UNITS));
        hi = h1;
        lo = l1;
      } else {
        hi = h2;
        lo = l;
      }
    }

    void addUnits(BigInteger units) {
      big = big == null ? units : big.add(units);
    }

    void merge(Tail other) {
      addSmall(other.hi, other.lo);
      if (other.big != null) {
        addUnits(other.big);
      }
    }

    /** The tail in units of 2^-1074. */
    BigInteger total() {
      BigInteger small = fixed(hi, lo).shiftLeft(SMALL_TO_UNITS);
      return big == null ? small : small.add(big);
    }
  }

  /** {@code x} in units of 2^-1074, exactly. */
  private static BigInteger units(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("value: " + x + " is not a finite number");
    }
    long bits = Double.doubleToRawLongBits(x);
    int exponent = (int) (bits >>> 52 & 0x7ff);
    long m = exponent == 0 ? bits & MANTISSA : bits & MANTISSA | IMPLICIT;
    BigInteger u = BigInteger.valueOf(m).shiftLeft(Math.max(0, exponent - 1));
    return bits < 0 ? u.negate() : u;
  }

  /** The signed 128-bit number {@code (hi, lo)}. */
  private static BigInteger fixed(long hi, long lo) {
    return BigInteger.valueOf(hi).shiftLeft(64).add(BigInteger.valueOf(lo).and(LOW_64));
  }

  /** Group {@code g}'s exact sum in units of 2^-1074. */
  private BigInteger units(int g) {
    BigInteger f = fixed(his[g], los[g]).shiftLeft(FIXED_TO_UNITS);
    Tail tail = tail(g);
    return tail == null ? f : f.add(tail.total());
  }

  /**
   * The binary places of {@link #scaled} for a group with {@code tail}: 128 while the tail has no
   * unbounded part, so that the exact sum is a number of about 190 bits rather than 1100.
   */
  private static int places(Tail tail) {
    return tail.big == null ? 128 : 1074;
  }

  /** Group {@code g}'s exact sum in units of 2^-{@link #places}. */
  private BigInteger scaled(int g, Tail tail) {
    if (tail.big != null) {
      return units(g);
    }
    return fixed(his[g], los[g]).shiftLeft(64).add(fixed(tail.hi, tail.lo));
  }

  /**
   * Group {@code g}'s exact sum rounded to the nearest double, ties to even; 0.0 (never -0.0)
   * when it is 0.
   *
   * @throws ArithmeticException if the sum is beyond the range of a double
   */
  double sum(int g) {
    Tail tail = tail(g);
    double sum = tail == null ? round(his[g], los[g]) : round(scaled(g, tail), -places(tail));
    if (Double.isInfinite(sum)) {
      throw new ArithmeticException("decimal sum overflow: the exact sum is " + (sum > 0 ? "above " : "below -")
          + Double.MAX_VALUE + ", beyond the range of a double");
    }
    return sum;
  }

  /**
   * Group {@code g}'s exact sum over {@code n > 0}, rounded to the nearest double, ties to even;
   * 0.0 (never -0.0) when it rounds to 0. It is within the range of a double: the sum of
   * {@code n} values is at most {@code n} times the largest.
   */
  double mean(int g, long n) {
    if (tail(g) == null) {
      long hi = his[g];
      long lo = los[g];
      // a sum of 53 significant bits or fewer is a double, and a double over n < 2^53 is one division
      int zeros = lo != 0 ? Long.numberOfTrailingZeros(lo) : hi != 0 ? 64 + Long.numberOfTrailingZeros(hi) : 0;
      if (zeros == 0 && lo == 0) {
        return 0.0;
      }
      long y;
      long rest;
      if (zeros >= 64) {
        y = hi >> (zeros - 64);
        rest = y >> 63;
      } else {
        y = zeros == 0 ? lo : lo >>> zeros | hi << (64 - zeros);
        rest = hi >> zeros;
      }
      if (rest == y >> 63 && Math.abs(y) < IMPLICIT << 1 && n <= IMPLICIT << 1) {
        return Math.scalb((double) y / n, zeros - 64) + 0.0;
      }
      return divide(hi, lo, n);
    }
    Tail tail = tail(g);
    return divide(scaled(g, tail), n, -places(tail));
  }

  /** The remainder of the last {@link #divide(long, long, long)} step: state, so that a division allocates nothing. */
  private long remainder;

  /**
   * The signed 128-bit number {@code (hi, lo)} times 2^-64, over {@code n > 0}, rounded to the
   * nearest double, ties to even; never -0.0. In 64-bit words, with no {@link BigInteger}.
   */
  double divide(long hi, long lo, long n) {
    if (n == 1) {
      return round(hi, lo) + 0.0;
    }
    if (hi == 0 && lo == 0) {
      return 0.0;
    }
    boolean negative = hi < 0;
    if (negative) {
      if (hi == Long.MIN_VALUE && lo == 0) { // -2^127, whose magnitude 128 bits do not hold
        return divide(fixed(hi, lo), n, -64);
      }
      hi = ~hi + (lo == 0 ? 1 : 0);
      lo = -lo;
    }
    // the quotient Q and a sticky bit for the remainder, with Q of 55 bits or more so that the
    // sticky bit lies below the rounding bit; n >= 2 and |sum| < 2^127 keep 2Q + 1 below 2^127
    long qh = hi / n;
    long ql = divideUnsigned(hi - qh * n, lo, n);
    int k = 0;
    int bits = qh != 0 ? 128 - Long.numberOfLeadingZeros(qh) : 64 - Long.numberOfLeadingZeros(ql);
    if (bits < 55) {
      // shifted by k, |sum| has 55 + (bits of n) bits, at most 118, and Q at least 55
      int sumBits = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
      k = 55 + (64 - Long.numberOfLeadingZeros(n)) - sumBits;
      long h = k >= 64 ? lo << (k - 64) : hi << k | lo >>> (64 - k);
      lo = k >= 64 ? 0 : lo << k;
      qh = h / n;
      ql = divideUnsigned(h - qh * n, lo, n);
    }
    double d = roundPositive(qh << 1 | ql >>> 63, ql << 1 | (remainder != 0 ? 1 : 0), -65 - k);
    return negative ? -d : d;
  }

  /**
   * The unsigned quotient of the 128-bit {@code (u1, u0)} by {@code v}, for unsigned {@code u1 < v};
   * the remainder goes to {@link #remainder}. Knuth's algorithm D on 32-bit digits (Hacker's
   * Delight, {@code divlu}).
   */
  private long divideUnsigned(long u1, long u0, long v) {
    final long b = 1L << 32;
    int s = Long.numberOfLeadingZeros(v);
    v <<= s;
    long vn1 = v >>> 32;
    long vn0 = v & 0xffffffffL;
    long un32 = s == 0 ? u1 : u1 << s | u0 >>> (64 - s);
    long un10 = u0 << s;
    long un1 = un10 >>> 32;
    long un0 = un10 & 0xffffffffL;
    long q1 = Long.divideUnsigned(un32, vn1);
    long rhat = un32 - q1 * vn1;
    while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, b * rhat + un1) > 0) {
      q1--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, b) >= 0) {
        break;
      }
    }
    long un21 = un32 * b + un1 - q1 * v;
    long q0 = Long.divideUnsigned(un21, vn1);
    rhat = un21 - q0 * vn1;
    while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, b * rhat + un0) > 0) {
      q0--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, b) >= 0) {
        break;
      }
    }
    remainder = (un21 * b + un0 - q0 * v) >>> s;
    return q1 * b + q0;
  }

  /**
   * A one-group sum holding the whole number {@code (hi, lo)}, a signed 128-bit integer: a
   * whole-number mean's sum, for a roll-up row.
   */
  static ExactSums ofWhole(long hi, long lo) {
    ExactSums sums = new ExactSums(1);
    if (hi != 0 || lo != 0) {
      sums.tailOf(0).addUnits(fixed(hi, lo).shiftLeft(1074));
    }
    return sums;
  }

  /**
   * The whole number {@code (hi, lo)}, a signed 128-bit integer, over {@code n > 0}, rounded to the
   * nearest double, ties to even; never -0.0.
   */
  static double divideWhole(long hi, long lo, long n) {
    if (hi == lo >> 63 && Math.abs(lo) < IMPLICIT << 1 && n <= IMPLICIT << 1) {
      return lo / (double) n + 0.0; // both exact as doubles: one correctly rounded division
    }
    return divide(fixed(hi, lo), n, 0);
  }

  /** The signed 128-bit number {@code (hi, lo)} times 2^-64, rounded to the nearest double, ties to even. */
  static double round(long hi, long lo) {
    if (hi == lo >> 63) {
      return Math.scalb((double) lo, -64); // a long converts to the nearest double; the scaling is exact
    }
    if (hi >= 0) {
      return roundPositive(hi, lo, -64);
    }
    if (hi == Long.MIN_VALUE && lo == 0) { // -2^127, whose magnitude 128 bits do not hold
      return -round(BigInteger.ONE.shiftLeft(127), -64);
    }
    return -roundPositive(~hi + (lo == 0 ? 1 : 0), -lo, -64);
  }

  /**
   * The unsigned 128-bit number {@code (hi, lo)}, not 0 and below 2^127, times 2^exponent, rounded
   * to the nearest double, ties to even; for results in the normal range (no subnormal rounding).
   */
  private static double roundPositive(long hi, long lo, int exponent) {
    if (hi == 0 && lo >= 0) {
      return Math.scalb((double) lo, exponent); // a long converts to the nearest double; the scaling is exact
    }
    int bits = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64;
    int shift = bits - 53; // 11 or more
    long m;
    boolean half;
    boolean sticky;
    if (shift < 64) {
      m = lo >>> shift | hi << (64 - shift);
      half = (lo >>> (shift - 1) & 1) != 0;
      sticky = (lo & (1L << (shift - 1)) - 1) != 0;
    } else if (shift == 64) {
      m = hi;
      half = lo < 0;
      sticky = lo << 1 != 0;
    } else {
      m = hi >>> (shift - 64);
      half = (hi >>> (shift - 65) & 1) != 0;
      sticky = lo != 0 || (hi & (1L << (shift - 65)) - 1) != 0;
    }
    if (half && (sticky || (m & 1) != 0)) {
      m++;
    }
    return Math.scalb((double) m, shift + exponent);
  }

  /** {@code units · 2^exponent} rounded to the nearest double, ties to even; 0.0 for 0, infinite beyond the range. */
  static double round(BigInteger units, int exponent) {
    int sign = units.signum();
    if (sign == 0) {
      return 0.0;
    }
    double d = roundMagnitude(units.abs(), exponent);
    return sign < 0 ? -d : d;
  }

  /** {@code a · 2^exponent} for {@code a > 0}, rounded to the nearest double, ties to even. */
  private static double roundMagnitude(BigInteger a, int exponent) {
    int bits = a.bitLength();
    // the lowest bit kept: 53 significant bits, and none below 2^-1074 (for a subnormal result)
    int cut = Math.max(bits - 53, -1074 - exponent);
    if (cut <= 0) {
      return Math.scalb((double) a.longValue(), exponent); // fewer than 54 bits, all representable: exact
    }
    long m = a.shiftRight(cut).longValue();
    if (a.testBit(cut - 1) && ((m & 1) != 0 || a.getLowestSetBit() < cut - 1)) {
      m++;
    }
    return Math.scalb((double) m, exponent + cut);
  }

  /** {@code units · 2^exponent / n} for {@code n > 0}, rounded to the nearest double, ties to even; never -0.0. */
  static double divide(BigInteger units, long n, int exponent) {
    int sign = units.signum();
    if (sign == 0) {
      return 0.0;
    }
    BigInteger a = units.abs();
    BigInteger d = BigInteger.valueOf(n);
    // enough quotient bits (55 or more) that a remainder only decides a tie, as a sticky bit below them
    int k = Math.max(0, 55 + d.bitLength() - a.bitLength());
    BigInteger[] qr = a.shiftLeft(k).divideAndRemainder(d);
    BigInteger q = qr[0].shiftLeft(1);
    if (qr[1].signum() != 0) {
      q = q.setBit(0);
    }
    double m = roundMagnitude(q, exponent - k - 1);
    return sign < 0 ? -m + 0.0 : m;
  }
}
