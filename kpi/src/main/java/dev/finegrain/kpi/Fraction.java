package dev.finegrain.kpi;

import java.math.BigInteger;

/**
 * An exact rational number, for the change decomposition: every double is a fraction with a power of
 * two below, so sums, differences, products and quotients of doubles are exact here and rounded
 * once, at the end, by {@link #toDouble()}.
 */
final class Fraction implements Comparable<Fraction> {
  static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
  static final Fraction HALF = new Fraction(BigInteger.ONE, BigInteger.TWO);

  private final BigInteger num;
  private final BigInteger den; // > 0, coprime with num

  private Fraction(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  private static Fraction reduced(BigInteger num, BigInteger den) {
    if (den.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger gcd = num.gcd(den);
    if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
      num = num.divide(gcd);
      den = den.divide(gcd);
    }
    return new Fraction(num, num.signum() == 0 ? BigInteger.ONE : den);
  }

  /** The exact value of a finite double. */
  static Fraction of(double value) {
    if (!Double.isFinite(value)) {
      throw new ArithmeticException("not a finite number: " + value);
    }
    if (value == 0) {
      return ZERO;
    }
    // value = mantissa × 2^exponent, exactly
    int exponent = Math.getExponent(value);
    long mantissa;
    if (exponent == Double.MIN_EXPONENT - 1) { // subnormal
      mantissa = Double.doubleToRawLongBits(Math.abs(value)) & 0x000F_FFFF_FFFF_FFFFL;
      exponent = Double.MIN_EXPONENT - 52;
    } else {
      mantissa = (Double.doubleToRawLongBits(Math.abs(value)) & 0x000F_FFFF_FFFF_FFFFL) | (1L << 52);
      exponent -= 52;
    }
    int zeros = Long.numberOfTrailingZeros(mantissa);
    mantissa >>= zeros;
    exponent += zeros;
    BigInteger num = BigInteger.valueOf(value < 0 ? -mantissa : mantissa);
    return exponent >= 0 ? new Fraction(num.shiftLeft(exponent), BigInteger.ONE)
        : new Fraction(num, BigInteger.ONE.shiftLeft(-exponent));
  }

  static Fraction of(long value) {
    return new Fraction(BigInteger.valueOf(value), BigInteger.ONE);
  }

  Fraction plus(Fraction o) {
    return reduced(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  Fraction minus(Fraction o) {
    return reduced(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
  }

  Fraction times(Fraction o) {
    return reduced(num.multiply(o.num), den.multiply(o.den));
  }

  Fraction dividedBy(Fraction o) {
    return reduced(num.multiply(o.den), den.multiply(o.num));
  }

  int signum() {
    return num.signum();
  }

  /**
   * The double nearest to this value (ties to even), rounded once: the quotient is taken with at least
   * 55 significant bits and a sticky bit for any remainder, which {@link BigInteger#doubleValue()}
   * rounds correctly; below the smallest normal double, the value is rounded once to a multiple of
   * {@code 2^-1074}.
   */
  double toDouble() {
    if (num.signum() == 0) {
      return 0.0;
    }
    BigInteger a = num.abs();
    if (a.shiftLeft(-Double.MIN_EXPONENT).compareTo(den) < 0) {
      // below the smallest normal double: round once, half to even, to a whole multiple of 2^-1074
      BigInteger[] qr = a.shiftLeft(1074).divideAndRemainder(den);
      int half = qr[1].shiftLeft(1).compareTo(den);
      BigInteger m = half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(BigInteger.ONE) : qr[0];
      double magnitude = Math.scalb(m.doubleValue(), -1074); // m <= 2^52: exact
      return num.signum() < 0 ? -magnitude : magnitude;
    }
    // scale so that the quotient has 55 to 57 bits, whatever the size of the value
    int shift = 56 - (a.bitLength() - den.bitLength());
    BigInteger[] qr = shift >= 0 ? a.shiftLeft(shift).divideAndRemainder(den)
        : a.divideAndRemainder(den.shiftLeft(-shift));
    BigInteger q = qr[0].shiftLeft(1);
    if (qr[1].signum() != 0) {
      q = q.setBit(0);
    }
    double magnitude = Math.scalb(q.doubleValue(), -shift - 1);
    return num.signum() < 0 ? -magnitude : magnitude;
  }

  @Override
  public int compareTo(Fraction o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fraction f && f.num.equals(num) && f.den.equals(den);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + den.hashCode();
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }
}
