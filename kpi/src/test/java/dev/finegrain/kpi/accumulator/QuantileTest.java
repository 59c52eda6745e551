package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuantileTest {
  static Stream<Accumulator<?, QuantileResult>> oneToTen() {
    HistogramQuantiles histogram = HistogramQuantiles.create();
    HistogramQuantiles compact = HistogramQuantiles.createCompact(3);
    ExactQuantiles exact = ExactQuantiles.create();
    for (long v = 10; v >= 1; v--) {
      histogram.add(v);
      compact.add(v);
      exact.add(v);
    }
    return Stream.of(histogram, compact, exact);
  }

  @ParameterizedTest
  @MethodSource("oneToTen")
  void nearestRankQuantilesOfOneToTen(Accumulator<?, QuantileResult> accumulator) {
    QuantileResult r = accumulator.result();
    assertEquals(OptionalLong.of(9), r.quantile(0.9));
    assertEquals(OptionalLong.of(5), r.quantile(0.5));
    assertEquals(OptionalLong.of(5), r.median());
    assertEquals(OptionalLong.of(10), r.quantile(1));
    assertEquals(OptionalLong.of(1), r.quantile(0));
    assertEquals(OptionalLong.of(1), r.quantile(0.1));
    assertEquals(OptionalLong.of(2), r.quantile(0.11));   // ceil(1.1) = 2
    assertEquals(OptionalLong.of(10), r.quantile(0.91));  // ceil(9.1) = 10
    assertEquals(OptionalLong.of(1), r.min());
    assertEquals(OptionalLong.of(10), r.max());
    assertEquals(10, r.count());
  }

  @Test
  void decimalQuantilesActAsWritten() {
    // 0.57 * 100 is 56.99999999999999 in binary floating point; nearest rank reads it as 57
    assertEquals(57, QuantileResult.nearestRank(0.57, 100));
    assertEquals(7, QuantileResult.nearestRank(0.7, 10));
    assertEquals(1, QuantileResult.nearestRank(0, 10));
    assertEquals(1, QuantileResult.nearestRank(1e-9, 10));
    assertEquals(10, QuantileResult.nearestRank(1, 10));
    assertEquals(500_000_000_001L, QuantileResult.nearestRank(0.5000000000005, 1_000_000_000_000L));
  }

  @Test
  void quantilesOfNothingAreEmpty() {
    for (QuantileResult r : new QuantileResult[] {HistogramQuantiles.create().result(), ExactQuantiles.create().result()}) {
      assertTrue(r.isEmpty());
      assertEquals(OptionalLong.empty(), r.quantile(0.5));
      assertEquals(OptionalLong.empty(), r.min());
      assertEquals(OptionalLong.empty(), r.max());
      assertEquals("QuantileResult{empty}", r.toString());
    }
  }

  @Test
  void aQuantileOutsideZeroToOneIsRejected() {
    QuantileResult r = ExactQuantiles.create().result();
    for (double q : new double[] {-0.1, 1.5, 50, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.quantile(q));
      assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
    }
  }

  @Test
  void threeDigitsAreExactBelow2048() {
    HistogramQuantiles h = HistogramQuantiles.create();
    ExactQuantiles e = ExactQuantiles.create();
    assertEquals(2048, h.exactBelow());
    for (long v = 0; v < 2048; v++) {
      h.add(v, 1 + v % 3);
      e.add(v, 1 + v % 3);
    }
    QuantileResult hr = h.result();
    QuantileResult er = e.result();
    for (int i = 0; i <= 1000; i++) {
      assertEquals(er.quantile(i / 1000.0), hr.quantile(i / 1000.0), "q = " + i / 1000.0);
    }
    assertFalse(hr.isExact());
    assertTrue(er.isExact());
  }

  @Test
  void precisionPerDigitsMatchesHdrHistogram() {
    long[] exactBelow = {32, 256, 2048, 32768, 262144};
    for (int d = 1; d <= 5; d++) {
      HistogramQuantiles h = HistogramQuantiles.create(d);
      assertEquals(exactBelow[d - 1], h.exactBelow(), "digits " + d);
      assertTrue(h.relativeError() < Math.pow(10, -d), "digits " + d);
    }
    assertEquals(1.0 / 1024, HistogramQuantiles.create().relativeError());
  }

  @Test
  void largeValuesAreWithinTheRelativeErrorAndNeverUnderstated() {
    long[] values = {2049, 4097, 1_000_007, 123_456_789, 1_000_000_000_003L, Long.MAX_VALUE / 3, Long.MAX_VALUE - 1};
    for (long v : values) {
      for (HistogramQuantiles h : new HistogramQuantiles[] {HistogramQuantiles.create(), HistogramQuantiles.createCompact(3)}) {
        h.add(0);
        h.add(v);   // the median of 0, v, max is v, at rank 2
        h.add(Long.MAX_VALUE);
        long reported = h.result().median().getAsLong();
        assertTrue(reported >= v, v + " reported as " + reported);
        assertTrue((reported - v) / (double) v <= h.relativeError(), v + " reported as " + reported);
        assertTrue((reported - v) / (double) v <= 0.001, v + " reported as " + reported);
      }
    }
  }

  @Test
  void minAndMaxAreExactEvenWhenBucketsAreWide() {
    HistogramQuantiles h = HistogramQuantiles.create(1);
    h.add(1_000_001);
    h.add(1_000_003);
    h.add(1_000_002);
    assertEquals(OptionalLong.of(1_000_001), h.result().quantile(0));
    assertEquals(OptionalLong.of(1_000_003), h.result().quantile(1));
    assertEquals(OptionalLong.of(1_000_003), h.result().quantile(0.5)); // its bucket's top, capped at max
  }

  @Test
  void theLargestLongRoundTrips() {
    for (HistogramQuantiles h : new HistogramQuantiles[] {HistogramQuantiles.create(), HistogramQuantiles.createCompact(2)}) {
      h.add(Long.MAX_VALUE);
      h.add(0);
      HistogramQuantiles back = HistogramQuantiles.fromBytes(h.toBytes());
      assertEquals(h, back);
      assertEquals(OptionalLong.of(Long.MAX_VALUE), back.result().max());
      assertEquals(h.isCompact(), back.isCompact());
    }
  }

  @Test
  void aHistogramRejectsBadPrecisionAndNegativeTimes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistogramQuantiles.create().add(-1, -1));
    assertEquals("times: -1 is negative", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HistogramQuantiles.create(0));
    assertThrows(IllegalArgumentException.class, () -> HistogramQuantiles.create(6));
  }

  @Test
  void aHistogramTakesEveryLongWithExactMinMaxAndZero() {
    for (HistogramQuantiles h : new HistogramQuantiles[] {HistogramQuantiles.create(), HistogramQuantiles.createCompact(2)}) {
      h.add(Long.MIN_VALUE);
      h.add(-1);
      h.add(0, 2);
      h.add(Long.MAX_VALUE);
      QuantileResult r = h.result();

      assertEquals(5, r.count());
      assertEquals(OptionalLong.of(Long.MIN_VALUE), r.quantile(0));
      assertEquals(OptionalLong.of(-1), r.quantile(0.4));   // rank 2
      assertEquals(OptionalLong.of(0), r.median());          // rank 3
      assertEquals(OptionalLong.of(0), r.quantile(0.8));     // rank 4
      assertEquals(OptionalLong.of(Long.MAX_VALUE), r.quantile(1));
      assertEquals(h, HistogramQuantiles.fromBytes(h.toBytes()));
    }
  }

  @Test
  void negativeValuesFromMinusExactBelowAreExactAndBeyondAreNeverUnderstated() {
    HistogramQuantiles h = HistogramQuantiles.create();
    for (long v = -2048; v < 0; v++) {
      h.add(v);
    }
    for (int rank = 1; rank <= 2048; rank++) {
      assertEquals(OptionalLong.of(-2049 + rank), h.result().quantile(rank / 2048.0), "rank " + rank);
    }
    long[] values = {-2049, -2050, -4097, -1_000_007, -123_456_789, Long.MIN_VALUE / 3, Long.MIN_VALUE + 1};
    for (long v : values) {
      for (HistogramQuantiles g : new HistogramQuantiles[] {HistogramQuantiles.create(), HistogramQuantiles.createCompact(3)}) {
        g.add(Long.MIN_VALUE);
        g.add(v);   // the median of min, v, 0 is v, at rank 2
        g.add(0);
        long reported = g.result().median().getAsLong();
        assertTrue(reported >= v, v + " reported as " + reported);
        assertTrue((reported - v) / -(double) v <= g.relativeError(), v + " reported as " + reported);
      }
    }
  }

  @Test
  void histogramsOfDifferentPrecisionDoNotMerge() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistogramQuantiles.create(3).merge(HistogramQuantiles.create(2)));
    assertTrue(e.getMessage().contains("same precision"), e.getMessage());
  }

  @Test
  void compactAndArrayBackedHistogramsMergeAndAgree() {
    HistogramQuantiles array = HistogramQuantiles.create();
    HistogramQuantiles compact = HistogramQuantiles.createCompact(3);
    for (long v = 0; v < 5000; v += 7) {
      array.add(v * v);
      compact.add(v * v);
    }
    assertEquals(array.result(), compact.result());
    HistogramQuantiles both = array.copy().merge(compact);
    assertEquals(2 * array.count(), both.count());
    assertEquals(array.result().quantile(0.9), both.result().quantile(0.9));
  }

  @Test
  void exactQuantilesTakeAnyLongAndCounts() {
    ExactQuantiles q = ExactQuantiles.create();
    q.add(-5, 3);
    q.add(Long.MIN_VALUE);
    q.add(7, 0);
    q.add(Long.MAX_VALUE, 2);
    QuantileResult r = q.result();
    assertEquals(6, r.count());
    assertEquals(3, q.distinctValues());
    assertEquals(OptionalLong.of(Long.MIN_VALUE), r.quantile(0));
    assertEquals(OptionalLong.of(-5), r.median());
    assertEquals(OptionalLong.of(Long.MAX_VALUE), r.quantile(0.7));
    assertThrows(IllegalArgumentException.class, () -> q.add(1, -1));
  }

  @Test
  void resultsReadWell() {
    ExactQuantiles q = ExactQuantiles.create();
    for (long v = 1; v <= 10; v++) {
      q.add(v);
    }
    assertEquals("QuantileResult{count=10, min=1, p50=5, p90=9, p99=10, max=10, exact}", q.result().toString());
    HistogramQuantiles h = HistogramQuantiles.create();
    h.add(3);
    assertEquals("HistogramQuantiles{digits=3, QuantileResult{count=1, min=3, p50=3, p90=3, p99=3, max=3, "
        + "relative error < 9.765625E-4}}", h.toString());
  }
}
