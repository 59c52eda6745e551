package dev.finegrain.kpi.experiment;

import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.inference.TTest;
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

  @Test
  void welchStatisticAndDegreesOfFreedomAgreeWithCommonsStatistics() {
    qt().forAll(summaries(), summaries()).assuming((a, b) -> a.variance() + b.variance() > 0)
        .checkAssert((control, treatment) -> {
          MeanComparison r = WelchTest.withDefaults().compare(control, treatment);
          TTest.Result reference = TTest.withDefaults().test(treatment.mean(), treatment.variance(), treatment.n(),
              control.mean(), control.variance(), control.n());

          assertEquals(reference.getStatistic(), r.t().getAsDouble(), 1e-9 * Math.max(1, Math.abs(reference.getStatistic())));
          assertEquals(reference.getDegreesOfFreedom(), r.degreesOfFreedom().getAsDouble(),
              1e-9 * reference.getDegreesOfFreedom());
          assertEquals(reference.getPValue(), r.pValue().getAsDouble(), 1e-9);
        });
  }

  @Test
  void welchDegreesOfFreedomDoNotDependOnTheUnitOfTheValues() {
    // the same samples in units 10^k apart: variances from 10^-300 to 10^300, where squares of the
    // variances over the sizes leave a double's range
    qt().forAll(summaries(), summaries(), longs(-150, 150)).assuming((a, b, k) -> a.variance() + b.variance() > 0)
        .checkAssert((control, treatment, k) -> {
          double unit = Math.pow(10, k);
          double df = WelchTest.welchDegreesOfFreedom(control, treatment);
          double scaled = WelchTest.welchDegreesOfFreedom(
              SampleSummary.of(control.n(), control.mean() * unit, control.variance() * unit * unit),
              SampleSummary.of(treatment.n(), treatment.mean() * unit, treatment.variance() * unit * unit));

          assertEquals(df, scaled, 1e-9 * df);
          assertTrue(df >= Math.min(control.n(), treatment.n()) - 1 - 1e-9
              && df <= control.n() + treatment.n() - 2 + 1e-9, () -> "df = " + df);
        });
  }

  /** Samples of 2 to a million values, with means and variances of everyday sizes (and variance 0). */
  static Gen<SampleSummary> summaries() {
    return longs(2, 1_000_000).zip(doubles(-1000, 1000, 3), oneOf(doubles(0, 10_000, 4), pick(0.0)),
        SampleSummary::of);
  }

  /** Visitors and conversions, from tiny to large samples, with none and all converted among them. */
  static Gen<Conversions> counts() {
    Gen<Long> visitors = oneOf(longs(1, 50), longs(1, 10_000_000));
    return visitors.flatMap(n -> oneOf(longs(0, n), pick(0L, n)).map(converted -> Conversions.of(n, converted)));
  }
}
