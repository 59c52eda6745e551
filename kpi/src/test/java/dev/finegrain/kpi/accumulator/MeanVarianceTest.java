package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MeanVarianceTest {
  private static MeanVariance of(double... values) {
    MeanVariance m = MeanVariance.create();
    for (double v : values) {
      m.add(v);
    }
    return m;
  }

  @Test
  void meanAndSampleVarianceOfASmallSample() {
    // 2,4,4,4,5,5,7,9: sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7
    MeanVariance.Result r = of(2, 4, 4, 4, 5, 5, 7, 9).result();
    assertEquals(8, r.count());
    assertEquals(5.0, r.mean().getAsDouble(), 1e-15);
    assertEquals(32.0 / 7, r.variance().getAsDouble(), 1e-14);
    assertEquals(Math.sqrt(32.0 / 7), r.standardDeviation().getAsDouble(), 1e-14);
    assertEquals(Math.sqrt(32.0 / 7 / 8), r.standardError().getAsDouble(), 1e-14);
  }

  @Test
  void largeOffsetsDoNotCancelTheVariance() {
    // 4, 7, 13, 16 shifted by 1e9: deviations -6, -3, 3, 6 from the mean 1e9 + 10; 90 / 3 = 30.
    // The textbook sum-of-squares formula loses every digit here; Welford keeps them.
    MeanVariance.Result r = of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16).result();
    assertEquals(1e9 + 10, r.mean().getAsDouble(), 1e-6);
    assertEquals(30.0, r.variance().getAsDouble(), 1e-6);
  }

  @Test
  void mergedHalvesGiveTheWholeSample() {
    MeanVariance left = of(2, 4, 4, 4);
    MeanVariance right = of(5, 5, 7, 9);
    MeanVariance.Result r = left.merge(right).result();
    assertEquals(5.0, r.mean().getAsDouble(), 1e-15);
    assertEquals(32.0 / 7, r.variance().getAsDouble(), 1e-14);
  }

  @Test
  void theMeanOfNothingAndTheVarianceOfOneValueAreEmpty() {
    MeanVariance.Result none = MeanVariance.create().result();
    assertEquals(OptionalDouble.empty(), none.mean());
    assertEquals(OptionalDouble.empty(), none.variance());
    assertEquals(OptionalDouble.empty(), none.standardDeviation());

    MeanVariance.Result one = of(42).result();
    assertEquals(OptionalDouble.of(42), one.mean());
    assertFalse(one.variance().isPresent());
    assertFalse(one.standardError().isPresent());
    assertEquals("MeanVariance{count=1, mean=42.0, variance=empty}", of(42).toString());
  }

  @Test
  void aConstantSampleHasZeroVariance() {
    assertEquals(OptionalDouble.of(0), of(3, 3, 3).result().variance());
  }

  @Test
  void rejectsNonFiniteValues() {
    MeanVariance m = of(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add(Double.NaN));
    assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
    assertEquals(1, m.count());
  }

  @Test
  void overflowThrowsAndLeavesTheStateUnchanged() {
    MeanVariance m = of(-1e300);
    assertThrows(ArithmeticException.class, () -> m.add(1e300));
    assertEquals(of(-1e300), m);
  }
}
