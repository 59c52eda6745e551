package dev.finegrain.core.internal;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link Values#compare} of whole numbers and decimals against the exact order of their values. */
class ValuesProperties {
  private static final long TWO_TO_53 = 1L << 53;

  /** Longs where doubles are sparse: near ±2^53, above it, near the ends of a long, and small ones. */
  private static Gen<Long> wholes() {
    return oneOf(longs(TWO_TO_53 - 1000, TWO_TO_53 + 1000), longs(-TWO_TO_53 - 1000, -TWO_TO_53 + 1000),
        longs(TWO_TO_53, Long.MAX_VALUE), longs(Long.MIN_VALUE, -TWO_TO_53), longs(Long.MAX_VALUE - 5000,
            Long.MAX_VALUE), longs(Long.MIN_VALUE, Long.MIN_VALUE + 5000), longs(-1000, 1000), longs());
  }

  /** A double near {@code whole}: moved by a few units and a fraction, then stepped some ulps either way. */
  private static double near(long whole, long offset, double fraction, int ulps) {
    double d = (double) whole + offset + fraction;
    for (int i = 0; i < Math.abs(ulps); i++) {
      d = ulps > 0 ? Math.nextUp(d) : Math.nextDown(d);
    }
    return d;
  }

  private static int exactly(long whole, double decimal) {
    if (Double.isInfinite(decimal)) {
      return decimal > 0 ? -1 : 1;
    }
    return Integer.signum(new BigDecimal(whole).compareTo(new BigDecimal(decimal)));
  }

  @Test
  void aWholeNumberAndADecimalCompareByTheirExactValues() {
    Gen<Double> edges = pick(0.0, -0.0, 0x1p53, -0x1p53, 0x1p53 + 2, 0x1p63, -0x1p63, Math.nextDown(0x1p63),
        Math.nextUp(-0x1p63), 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    qt().forAll(wholes(), longs(-3000, 3000), pick(0.0, 0.5, -0.5, 0.25, 1e-9), ints(-4, 4))
        .checkAssert((whole, offset, fraction, ulps) -> {
          double decimal = near(whole, offset, fraction, ulps);
          int expected = exactly(whole, decimal);

          assertEquals(Optional.of(expected), Values.compare(whole, decimal), () -> whole + " vs " + decimal);
          assertEquals(Optional.of(-expected), Values.compare(decimal, whole), () -> decimal + " vs " + whole);
          assertEquals(expected == 0, Values.same(whole, decimal), () -> whole + " same as " + decimal);
        });
    qt().forAll(wholes(), edges).checkAssert((whole, decimal) -> {
      int expected = exactly(whole, decimal);

      assertEquals(Optional.of(expected), Values.compare(whole, decimal), () -> whole + " vs " + decimal);
      assertEquals(Optional.of(-expected), Values.compare(decimal, whole), () -> decimal + " vs " + whole);
    });
  }

  @Test
  void aWholeNumberAndNaNHaveNoOrder() {
    qt().forAll(wholes()).checkAssert(whole -> {
      assertEquals(Optional.empty(), Values.compare(whole, Double.NaN));
      assertEquals(Optional.empty(), Values.compare(Double.NaN, whole));
    });
  }
}
