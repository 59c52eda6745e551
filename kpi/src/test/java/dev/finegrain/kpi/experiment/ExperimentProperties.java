package dev.finegrain.kpi.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/** Invariants of the conversion test over generated counts. */
class ExperimentProperties {
  @Property
  void wilsonIntervalContainsTheObservedRateAndLiesInZeroToOne(@ForAll("counts") Conversions counts,
      @ForAll @DoubleRange(min = 0.5, max = 0.9999) @Scale(4) double confidence) {
    Interval interval = ConversionTest.wilson(counts, confidence);
    double rate = counts.rate().getAsDouble();

    assertTrue(interval.contains(rate), () -> interval + " does not contain " + rate);
    assertTrue(0 <= interval.lower() && interval.upper() <= 1, interval::toString);
  }

  @Property
  void swappingControlAndTreatmentNegatesZAndKeepsThePValue(@ForAll("counts") Conversions a,
      @ForAll("counts") Conversions b) {
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
  }

  @Provide
  Arbitrary<Conversions> counts() {
    Arbitrary<Long> visitors = Arbitraries.oneOf(Arbitraries.longs().between(1, 50),
        Arbitraries.longs().between(1, 10_000_000));
    return visitors.flatMap(n -> Combinators.combine(Arbitraries.just(n), Arbitraries.oneOf(
        Arbitraries.longs().between(0, n), Arbitraries.of(0L, n))).as(Conversions::of));
  }
}
