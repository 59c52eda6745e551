package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The exact arithmetic behind the change decomposition: doubles in exactly, rounded once on the way out. */
class FractionProperties {
  private static Gen<Double> values() {
    return oneOf(doubles(-1e6, 1e6, 6), longs(-1_000_000_000L, 1_000_000_000L).map(Long::doubleValue),
        pick(0.0, -0.0, 0.1, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 1.0 / 3));
  }

  @Test
  void aDoubleRoundTripsExactly() {
    qt().forAll(values()).checkAssert(v -> assertEquals(v == 0 ? 0.0 : v, Fraction.of(v).toDouble()));
  }

  @Test
  void aQuotientIsRoundedOnce() {
    qt().forAll(values(), values().map(v -> v == 0 ? 7.0 : v)).checkAssert((a, b) -> {
      BigDecimal x = new BigDecimal(a);
      BigDecimal y = new BigDecimal(b);
      // |a - c * b| is |b| times c's distance from a / b, and exact
      double expected = nearest(x.divide(y, new MathContext(60)).doubleValue(),
          c -> x.subtract(new BigDecimal(c).multiply(y)).abs(), x.signum() * y.signum());
      assertEquals(expected, Fraction.of(a).dividedBy(Fraction.of(b)).toDouble(), () -> a + " / " + b);
    });
  }

  @Test
  void sumsAndProductsAreRoundedOnce() {
    qt().forAll(values(), values()).checkAssert((a, b) -> {
      BigDecimal sum = new BigDecimal(a).add(new BigDecimal(b));
      BigDecimal product = new BigDecimal(a).multiply(new BigDecimal(b));
      assertEquals(nearest(sum), Fraction.of(a).plus(Fraction.of(b)).toDouble(), () -> a + " + " + b);
      assertEquals(nearest(product), Fraction.of(a).times(Fraction.of(b)).toDouble(), () -> a + " * " + b);
    });
  }

  /** A subnormal tie, which Java 17's BigDecimal.doubleValue rounds away from zero: half to even is 0. */
  @Test
  void theSmallestDoubleHalvedIsZero() {
    assertEquals(-0.0, Fraction.of(Double.MIN_VALUE).dividedBy(Fraction.of(-2.0)).toDouble());
    assertEquals(0.0, Fraction.of(Double.MIN_VALUE).times(Fraction.of(0.5)).toDouble());
    assertEquals(2 * Double.MIN_VALUE, Fraction.of(3 * Double.MIN_VALUE).times(Fraction.of(0.5)).toDouble());
  }

  private static double nearest(BigDecimal exact) {
    return nearest(exact.doubleValue(), c -> exact.subtract(new BigDecimal(c)).abs(), exact.signum());
  }

  /**
   * The double nearest to a value, ties to the even one, from an approximation at most one double
   * off and the exact distance of any double from the value: the reference does not trust
   * {@code BigDecimal.doubleValue}, which in Java 17 misrounds some ties between subnormals.
   */
  private static double nearest(double approximate, java.util.function.DoubleFunction<BigDecimal> distance,
      int sign) {
    if (Double.isInfinite(approximate)) {
      return approximate;
    }
    double best = approximate;
    for (double c : new double[] {Math.nextDown(approximate), Math.nextUp(approximate)}) {
      if (Double.isInfinite(c)) {
        continue;
      }
      int order = distance.apply(c).compareTo(distance.apply(best));
      if (order < 0 || (order == 0 && (Double.doubleToRawLongBits(Math.abs(c)) & 1) == 0)) {
        best = c;
      }
    }
    // zero keeps the sign of the value it stands for
    return best == 0 ? (sign < 0 ? -0.0 : 0.0) : best;
  }
}
