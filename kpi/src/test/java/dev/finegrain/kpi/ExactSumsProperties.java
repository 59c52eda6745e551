package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Decimal sums and means are the exact sum (or the exact sum over the count) rounded once to the
 * nearest double, whatever the order of the values and however they were split and merged; checked
 * against {@link BigDecimal} arithmetic, an independent exact reference.
 */
class ExactSumsProperties {
  /** Enough digits that rounding a quotient of doubles to them and then to a double rounds it correctly. */
  private static final MathContext REFERENCE = new MathContext(2_000, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO_TO_MINUS_64 = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(64));

  /**
   * Decimals that doubles add badly: prices, mixtures of magnitudes (1e15 and 0.1), negatives that
   * cancel, values too tiny or too large for the fast fixed-point window (down to subnormals and up
   * to 1e300), and doubles of every exponent in between.
   */
  static Gen<Double> awkwardDecimals() {
    Gen<Double> prices = doubles(-1_000, 1_000, 2);
    Gen<Double> edges = pick(1e16, -1e16, 1e15, -1e15, 0.1, -0.1, 0.3, 1.0, -1.0, 0.0, -0.0, 1e-5, -1e-5, 1e-300,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 4e-320, 1e300, -1e300, 0x1p61, 0x1.fffffffffffffp61,
        0x1p62, -0x1p62, 0x1p-12, 0x1.fffffffffffffp-13);
    Gen<Double> anyExponent = doubles(-1, 1).zip(ints(-1074, 996), Math::scalb);
    return oneOf(prices, edges, anyExponent);
  }

  /** The exact sum of {@code values}. */
  static BigDecimal exactSum(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum;
  }

  /** {@code exact} rounded to the nearest double, ties to even, 0.0 for zero ({@code BigDecimal.doubleValue} is correctly rounded). */
  static double rounded(BigDecimal exact) {
    return exact.doubleValue() + 0.0;
  }

  private static ExactSums sumOf(List<Double> values, int from, int to) {
    ExactSums sums = new ExactSums(1);
    for (int i = from; i < to; i++) {
      sums.add(0, values.get(i));
    }
    return sums;
  }

  @Test
  void aSumIsItsValuesExactSumRoundedOnceHoweverSplit() {
    qt().forAll(lists(awkwardDecimals(), 0, 200), ints(0, 200)).checkAssert((values, cut) -> {
      int at = Math.min(cut, values.size());
      double expected = rounded(exactSum(values));
      ExactSums whole = sumOf(values, 0, values.size());
      ExactSums split = sumOf(values, at, values.size());
      split.merge(sumOf(values, 0, at), 0, 0);

      assertEquals(expected, whole.sum(0));
      assertEquals(expected, split.sum(0));
    });
  }

  @Test
  void aMeanIsTheExactSumOverTheCountRoundedOnce() {
    qt().forAll(lists(awkwardDecimals(), 1, 200)).checkAssert(values -> {
      BigDecimal exact = exactSum(values).divide(BigDecimal.valueOf(values.size()), REFERENCE);

      assertEquals(rounded(exact), sumOf(values, 0, values.size()).mean(0, values.size()));
    });
  }

  @Test
  void aMeanOfValuesOfFewSignificantBitsIsTheQuotientRoundedOnce() {
    // sums of at most 53 significant bits take the one-division path; the others the exact division
    Gen<Double> halves = ints(-2_000, 2_000).map(k -> k / 2.0);
    qt().forAll(lists(halves, 1, 100), longs(1, 1L << 40)).checkAssert((values, n) -> {
      BigDecimal exact = exactSum(values).divide(BigDecimal.valueOf(n), REFERENCE);

      assertEquals(rounded(exact), sumOf(values, 0, values.size()).mean(0, n));
    });
  }

  @Test
  void aFixedPointNumberRoundsToTheNearestDoubleTiesToEven() {
    Gen<Long> anyBits = longs().zip(ints(0, 63), (v, shift) -> v >> shift); // every bit length
    Gen<Long> edge = pick(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 52, (1L << 53) + 1, Long.MIN_VALUE >>> 10,
        -(1L << 11));
    qt().forAll(oneOf(anyBits, edge), oneOf(anyBits, edge)).checkAssert((hi, lo) -> {
      BigInteger fixed = BigInteger.valueOf(hi).shiftLeft(64).add(BigInteger.valueOf(lo).and(
          BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));

      assertEquals(rounded(new BigDecimal(fixed).multiply(TWO_TO_MINUS_64)), ExactSums.round(hi, lo),
          () -> "hi " + Long.toHexString(hi) + " lo " + Long.toHexString(lo));
    });
  }

  @Test
  void aFixedPointNumberOverACountIsTheQuotientRoundedOnce() {
    // the 64-bit word division of a sum that has no unbounded part, against BigDecimal
    Gen<Long> anyBits = longs().zip(ints(0, 63), (v, shift) -> v >> shift);
    Gen<Long> counts = oneOf(longs(1, 10), longs(1, Long.MAX_VALUE).zip(ints(0, 62), (v, shift) -> Math.max(1, v >> shift)),
        pick(2L, 3L, Long.MAX_VALUE, 1L << 32, (1L << 32) + 1, (1L << 53) + 1));
    qt().forAll(anyBits, anyBits, counts).checkAssert((hi, lo, n) -> {
      BigInteger fixed = BigInteger.valueOf(hi).shiftLeft(64).add(BigInteger.valueOf(lo).and(
          BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
      BigDecimal exact = new BigDecimal(fixed).multiply(TWO_TO_MINUS_64).divide(BigDecimal.valueOf(n), REFERENCE);

      assertEquals(rounded(exact), new ExactSums(1).divide(hi, lo, n),
          () -> "hi " + Long.toHexString(hi) + " lo " + Long.toHexString(lo) + " n " + n);
    });
  }

  @Test
  void sumsPastTheRangeOfEitherFixedPointPartSpillWithoutLoss() {
    // thousands of values at the top of each fixed-point window overflow its 128 bits many times
    qt().forAll(pick(0x1.fffffffffffffp61, 0x1p61 + 0x1p9, 0x1.fffffffffffffp-13, 0x1.0000000000001p-76),
        ints(1, 5_000), ints(0, 5_000), lists(awkwardDecimals(), 0, 5)).checkAssert((edge, up, down, others) -> {
      List<Double> values = new ArrayList<>(others);
      for (int i = 0; i < up + down; i++) {
        values.add(i < up ? edge : -edge);
      }
      ExactSums one = sumOf(values, 0, values.size());
      ExactSums halves = sumOf(values, 0, values.size() / 2);
      halves.merge(sumOf(values, values.size() / 2, values.size()), 0, 0);
      BigDecimal exact = exactSum(values);

      assertEquals(rounded(exact), one.sum(0));
      assertEquals(rounded(exact), halves.sum(0));
      assertEquals(rounded(exact.divide(BigDecimal.valueOf(values.size()), REFERENCE)), one.mean(0, values.size()));
    });
  }

  @Test
  void tiesRoundToEvenOnEveryPath() {
    // the fixed-point part alone (2^53 + 1 and 2^53 + 3 lie halfway between two doubles)
    assertEquals(0x1p53, sumOf(List.of(0x1p53, 1.0), 0, 2).sum(0));
    assertEquals(0x1p53 + 4, sumOf(List.of(0x1p53, 3.0), 0, 2).sum(0));
    // with the unbounded part (2^-53 is below the fixed-point window)
    assertEquals(1.0, sumOf(List.of(1.0, 0x1p-53), 0, 2).sum(0));
    assertEquals(1 + 0x1p-51, sumOf(List.of(1 + 0x1p-52, 0x1p-53), 0, 2).sum(0));
    // a quotient exactly halfway, and one just above halfway (the remainder decides)
    BigInteger halfway = BigInteger.ONE.shiftLeft(53).add(BigInteger.ONE);
    assertEquals(0x1p53, ExactSums.divide(halfway.multiply(BigInteger.valueOf(3)), 3, 0));
    assertEquals(0x1p53 + 2, ExactSums.divide(halfway.multiply(BigInteger.valueOf(3)).add(BigInteger.ONE), 3, 0));
    assertEquals(0x1p53 + 4, ExactSums.divide(BigInteger.ONE.shiftLeft(53).add(BigInteger.valueOf(3)), 1, 0));
    // a mean below the smallest normal double rounds at subnormal precision
    assertEquals(Double.MIN_VALUE * 2, sumOf(List.of(Double.MIN_VALUE * 3, 0.0), 0, 2).mean(0, 2));
    assertEquals(0.0, sumOf(List.of(-Double.MIN_VALUE), 0, 1).mean(0, 2)); // +0.0: assertEquals tells it from -0.0
  }

  // ---- known answers, through a query ----

  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  private static KpiTable decimalKpis(double... ratings) {
    List<Order> orders = new ArrayList<>();
    for (double r : ratings) {
      orders.add(new Order("o", "web", "ana", T, T, T, 100, false, r));
    }
    KpiQuery query = KpiQuery.builder()
        .addKpis(kpi("sum", Measure.sum("rating")), kpi("mean", Measure.mean("rating")),
            kpi("per-order", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.count())))
        .grain(Grain.ALL).build();
    return Kpis.run(query, Order.columns(orders));
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  private static double cell(KpiTable table, String kpi) {
    return table.rows().get(0).cell(kpi).orElseThrow().value().orElseThrow();
  }

  @Test
  void aDecimalSumIsCorrectlyRoundedWhereAddingInOrderIsNot() {
    // given values whose running double sum loses the small ones
    double[][] cases = {{1e16, 1, -1e16}, {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
        {1e300, 1e-300, -1e300}, {0x1p62, 1.5, -0x1p62}, {1e15, 0.1, 0.2, -1e15}};
    for (double[] values : cases) {
      List<Double> list = new ArrayList<>();
      double naive = 0;
      for (double v : values) {
        list.add(v);
        naive += v;
      }
      BigDecimal exact = exactSum(list);

      KpiTable table = decimalKpis(values);

      assertNotEquals(rounded(exact), naive, "a case where adding in order is wrong: " + list);
      assertEquals(rounded(exact), cell(table, "sum"), list::toString);
      assertEquals(rounded(exact), table.rows().get(0).cell("per-order").orElseThrow().numerator().orElseThrow(),
          list::toString);
      assertEquals(rounded(exact.divide(BigDecimal.valueOf(values.length), REFERENCE)), cell(table, "mean"),
          list::toString);
    }
    assertEquals(1.0, cell(decimalKpis(1e16, 1, -1e16), "sum"));
  }

  @Test
  void aDecimalSumThatOverflowsOnlyOnTheWayIsStillItsExactValue() {
    KpiTable table = decimalKpis(Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);

    assertEquals(Double.MAX_VALUE, cell(table, "sum"));
    assertEquals(Double.MAX_VALUE / 3, cell(table, "mean"));
  }

  @Test
  void aDecimalSumBeyondTheRangeOfADoubleFailsTheQueryNamingTheKpi() {
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> decimalKpis(Double.MAX_VALUE, Double.MAX_VALUE));

    assertEquals("KPI 'sum': decimal sum overflow: the exact sum is above " + Double.MAX_VALUE
        + ", beyond the range of a double", e.getMessage());
    assertTrue(e.getCause() instanceof ArithmeticException);
  }
}
