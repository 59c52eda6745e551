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
  void aQuotientIsRoundedOnceAsBigDecimalDividesIt() {
    qt().forAll(values(), values().map(v -> v == 0 ? 7.0 : v)).checkAssert((a, b) -> {
      double expected = new BigDecimal(a).divide(new BigDecimal(b), new MathContext(60)).doubleValue();
      assertEquals(expected, Fraction.of(a).dividedBy(Fraction.of(b)).toDouble(), () -> a + " / " + b);
    });
  }

  @Test
  void sumsAndProductsAreExact() {
    qt().forAll(values(), values()).checkAssert((a, b) -> {
      assertEquals(new BigDecimal(a).add(new BigDecimal(b)).doubleValue(),
          Fraction.of(a).plus(Fraction.of(b)).toDouble(), () -> a + " + " + b);
      assertEquals(new BigDecimal(a).multiply(new BigDecimal(b)).doubleValue(),
          Fraction.of(a).times(Fraction.of(b)).toDouble(), () -> a + " * " + b);
    });
  }
}
