package dev.finegrain.kpi;

import java.math.BigDecimal;
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
    BigDecimal exact = new BigDecimal(value);
    return exact.scale() <= 0
        ? new Fraction(exact.toBigIntegerExact(), BigInteger.ONE)
        : reduced(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
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
   * rounds correctly. Values in the subnormal range may round twice.
   */
  double toDouble() {
    if (num.signum() == 0) {
      return 0.0;
    }
    BigInteger a = num.abs();
    int shift = Math.max(0, 56 - (a.bitLength() - den.bitLength()));
    BigInteger[] qr = a.shiftLeft(shift).divideAndRemainder(den);
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
