package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CountSumMinMaxTest {
  @Test
  void countCountsSingleRecordsAndBatches() {
    Count count = Count.create();
    count.add();
    count.add();
    count.add(5);
    assertEquals(7L, count.result());
    assertEquals(7, count.count());
    assertEquals("Count{7}", count.toString());
  }

  @Test
  void anEmptyCountIsZeroNotEmpty() {
    assertEquals(0L, Count.create().result());
    assertTrue(Count.create().isEmpty());
  }

  @Test
  void countRejectsANegativeBatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Count.create().add(-1));
    assertTrue(e.getMessage().contains("-1 is negative"), e.getMessage());
  }

  @Test
  void longSumAddsExactlyAndKeepsTheCount() {
    LongSum sum = LongSum.create();
    sum.add(1999);   // cents
    sum.add(-500);
    sum.add(4001);
    assertEquals(new LongSum.Result(3, 5500), sum.result());
    assertEquals(OptionalDouble.of(5500.0 / 3), sum.result().mean());
  }

  @Test
  void anEmptyLongSumIsZeroWithNoMean() {
    assertEquals(new LongSum.Result(0, 0), LongSum.create().result());
    assertEquals(OptionalDouble.empty(), LongSum.create().result().mean());
  }

  @Test
  void aLongSumThatLeavesTheRangeOfALongAndComesBackIsExact() {
    LongSum sum = LongSum.create();
    sum.add(Long.MAX_VALUE);
    sum.add(1_999);
    sum.add(-2_000);
    assertEquals(new LongSum.Result(3, Long.MAX_VALUE - 1), sum.result());
  }

  @Test
  void aLongSumBeyondALongFailsOnlyWhenReadAndKeepsTheExactSum() {
    LongSum sum = LongSum.create();
    sum.add(Long.MAX_VALUE);
    sum.add(1);

    ArithmeticException e = assertThrows(ArithmeticException.class, sum::result);

    assertEquals("long overflow: the sum of 2 values is 9223372036854775808, beyond a long", e.getMessage());
    assertEquals(BigInteger.TWO.pow(63), sum.exactSum());
    assertEquals("LongSum{count=2, sum=9223372036854775808}", sum.toString());
    LongSum minusOne = LongSum.create();
    minusOne.add(-1);
    assertEquals(new LongSum.Result(3, Long.MAX_VALUE), sum.merge(minusOne).result());
  }

  @Test
  void aMergeWhoseCountsOverflowThrowsAndLeavesTheSumUnchanged() {
    LongSum full = LongSum.of(Long.MAX_VALUE, 12);
    LongSum one = LongSum.create();
    one.add(1);

    assertThrows(ArithmeticException.class, () -> full.merge(one));

    assertEquals(new LongSum.Result(Long.MAX_VALUE, 12), full.result());
  }

  @Test
  void doubleSumCompensatesRoundingThatANaiveSumLoses() {
    DoubleSum sum = DoubleSum.create();
    sum.add(1e16);
    sum.add(1);      // lost in a naive sum: 1e16 + 1 rounds to 1e16
    sum.add(-1e16);
    assertEquals(1.0, sum.result().sum());
    assertEquals(3, sum.result().count());

    DoubleSum tenths = DoubleSum.create();
    for (int i = 0; i < 10; i++) {
      tenths.add(0.1);   // a naive loop gives 0.9999999999999999
    }
    assertEquals(1.0, tenths.result().sum());
  }

  @Test
  void doubleSumRejectsNonFiniteValuesAndOverflow() {
    DoubleSum sum = DoubleSum.create();
    assertThrows(IllegalArgumentException.class, () -> sum.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> sum.add(Double.POSITIVE_INFINITY));
    sum.add(Double.MAX_VALUE);
    assertThrows(ArithmeticException.class, () -> sum.add(Double.MAX_VALUE));
    assertEquals(new DoubleSum.Result(1, Double.MAX_VALUE), sum.result());
  }

  @Test
  void aCompensationThatWouldCarryTheTotalPastTheLargestDoubleIsAnOverflow() {
    // the running sum stays at MAX_VALUE (each 2^969 is a quarter of its ulp) while the compensation grows
    DoubleSum sum = DoubleSum.create();
    sum.add(Double.MAX_VALUE);
    sum.add(Math.scalb(1.0, 969));
    assertThrows(ArithmeticException.class, () -> sum.add(Math.scalb(1.0, 969)));
    assertTrue(Double.isFinite(sum.result().sum()), sum.result()::toString);

    DoubleSum other = DoubleSum.create();
    other.add(Math.scalb(1.0, 969));
    assertThrows(ArithmeticException.class, () -> sum.merge(other));
    DoubleRatio ratio = DoubleRatio.create();
    ratio.add(Double.MAX_VALUE, 1);
    ratio.add(Math.scalb(1.0, 969), 1);
    assertThrows(ArithmeticException.class, () -> ratio.add(Math.scalb(1.0, 969), 1));
  }

  @Test
  void anEmptyDoubleSumIsZeroWithNoMean() {
    assertEquals(new DoubleSum.Result(0, 0.0), DoubleSum.create().result());
    assertEquals(OptionalDouble.empty(), DoubleSum.create().result().mean());
  }

  @Test
  void minMaxFindsTheExtremes() {
    LongMinMax m = LongMinMax.create();
    for (long v : new long[] {5, -3, 12, 0}) {
      m.add(v);
    }
    assertEquals(new LongMinMax.Result(4, OptionalLong.of(-3), OptionalLong.of(12)), m.result());
  }

  @Test
  void minMaxOfNothingIsEmpty() {
    assertEquals(new LongMinMax.Result(0, OptionalLong.empty(), OptionalLong.empty()), LongMinMax.create().result());
    assertEquals("LongMinMax{empty}", LongMinMax.create().toString());
  }
}
