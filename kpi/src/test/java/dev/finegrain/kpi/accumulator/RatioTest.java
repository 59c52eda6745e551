package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RatioTest {
  @Test
  void theRateOfHits() {
    LongRatio onTime = LongRatio.create();
    onTime.add(true);
    onTime.add(true);
    onTime.add(false);
    onTime.add(true);
    assertEquals(new LongRatio.Result(4, 3, 4), onTime.result());
    assertEquals(OptionalDouble.of(0.75), onTime.result().value());
    assertEquals("LongRatio{3/4 = 0.75 (count 4)}", onTime.toString());
  }

  @Test
  void aZeroDenominatorIsEmptyNotZeroOrNaN() {
    assertEquals(OptionalDouble.empty(), LongRatio.create().result().value());
    LongRatio r = LongRatio.create();
    r.add(5, 0);
    assertEquals(OptionalDouble.empty(), r.result().value());
    assertEquals(5, r.result().numerator());
    assertEquals("5/0 = undefined (count 1)", r.result().toString());

    assertEquals(OptionalDouble.empty(), DoubleRatio.create().result().value());
    DoubleRatio d = DoubleRatio.create();
    d.add(2.5, 0);
    assertEquals(OptionalDouble.empty(), d.result().value());
  }

  @Test
  void mergingKeepsTheSumsInsteadOfAveragingRatios() {
    LongRatio small = LongRatio.create();
    small.add(1, 1);     // 100 % of 1 order
    LongRatio large = LongRatio.create();
    large.add(1, 9);     // 11 % of 9 orders
    // the average of the two ratios would be 0.555...; the ratio of the sums is 2 / 10
    assertEquals(OptionalDouble.of(0.2), small.merge(large).result().value());
  }

  @Test
  void bothSumsAreExactBeyondALongAndFailOnlyWhenRead() {
    LongRatio r = LongRatio.create();
    r.add(1, Long.MAX_VALUE);
    r.add(1, 1);

    ArithmeticException e = assertThrows(ArithmeticException.class, r::result);

    assertEquals("long overflow: the sum of 2 denominators is 9223372036854775808, beyond a long", e.getMessage());
    assertEquals(BigInteger.TWO, r.exactNumerator());
    assertEquals(BigInteger.TWO.pow(63), r.exactDenominator());
    assertEquals("LongRatio{2/9223372036854775808 (count 2)}", r.toString());
    r.add(-3, -2);
    assertEquals(new LongRatio.Result(3, -1, Long.MAX_VALUE - 1), r.result());
  }

  @Test
  void aDoubleRatioDividesTheSums() {
    DoubleRatio revenuePerSession = DoubleRatio.create();
    revenuePerSession.add(10.5, 1);
    revenuePerSession.add(0, 1);
    revenuePerSession.add(4.5, 2);
    assertEquals(new DoubleRatio.Result(3, 15.0, 4.0), revenuePerSession.result());
    assertEquals(OptionalDouble.of(3.75), revenuePerSession.result().value());
  }

  @Test
  void aDoubleRatioRejectsNonFiniteTerms() {
    DoubleRatio r = DoubleRatio.create();
    assertThrows(IllegalArgumentException.class, () -> r.add(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> r.add(Double.NEGATIVE_INFINITY, 1));
    assertEquals(0, r.count());
  }
}
