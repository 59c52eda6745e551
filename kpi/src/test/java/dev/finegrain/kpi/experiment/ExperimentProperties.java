package dev.finegrain.kpi.experiment;

import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Invariants of the conversion test over generated counts. */
class ExperimentProperties {
  @Test
  void wilsonIntervalContainsTheObservedRateAndLiesInZeroToOne() {
    qt().forAll(counts(), doubles(0.5, 0.9999, 4)).checkAssert((counts, confidence) -> {
      Interval interval = ConversionTest.wilson(counts, confidence);
      double rate = counts.rate().getAsDouble();

      assertTrue(interval.contains(rate), () -> interval + " does not contain " + rate);
      assertTrue(0 <= interval.lower() && interval.upper() <= 1, interval::toString);
    });
  }

  @Test
  void swappingControlAndTreatmentNegatesZAndKeepsThePValue() {
    qt().forAll(counts(), counts()).checkAssert((a, b) -> {
      ConversionComparison forward = ConversionTest.withDefaults().compare(a, b);
      ConversionComparison backward = ConversionTest.withDefaults().compare(b, a);

      assertEquals(forward.z().isPresent(), backward.z().isPresent());
      if (forward.z().isPresent()) {
        assertEquals(-forward.z().getAsDouble(), backward.z().getAsDouble(), 0.0);
        assertEquals(forward.pValue().getAsDouble(), backward.pValue().getAsDouble(), 0.0);
        assertEquals(forward.significant(), backward.significant());
        double p = forward.pValue().getAsDouble();
        assertTrue(p >= 0 && p <= 1, () -> "p = " + p);
      }
    });
  }

  /** Visitors and conversions, from tiny to large samples, with none and all converted among them. */
  static Gen<Conversions> counts() {
    Gen<Long> visitors = oneOf(longs(1, 50), longs(1, 10_000_000));
    return visitors.flatMap(n -> oneOf(longs(0, n), pick(0L, n)).map(converted -> Conversions.of(n, converted)));
  }
}
