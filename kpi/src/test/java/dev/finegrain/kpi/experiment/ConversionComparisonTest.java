package dev.finegrain.kpi.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference values: closed forms worked out below, cross-checked with SciPy 1.17.1
 * ({@code scipy.stats.norm}, {@code scipy.stats.chi2_contingency(..., correction=False)}), which
 * computes the same numbers as R's {@code prop.test(..., correct = FALSE)}.
 */
class ConversionComparisonTest {
  private static final double CLOSED_FORM = 1e-6;

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, Math.abs(expected) * CLOSED_FORM, () -> "expected " + expected + ", got " + actual);
  }

  @Test
  void zTestMatchesTheClosedFormAndRsUncorrectedChiSquare() {
    // control 120/1000 = 0.12, treatment 150/1000 = 0.15; pooled p = 270/2000 = 0.135
    // SE = sqrt(0.135 * 0.865 * (1/1000 + 1/1000)) = sqrt(0.00023355) = 0.0152823...
    // z = 0.03 / SE = 1.963049807622355; z² = 3.8535645472061653
    // R: prop.test(c(150, 120), c(1000, 1000), correct = FALSE) gives X-squared = 3.8536, p-value = 0.04964
    // SciPy: 2 * scipy.stats.norm.sf(1.963049807622355) = 0.04964038686536878
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(1000, 120), Conversions.of(1000, 150));

    assertClose(1.963049807622355, r.z().getAsDouble());
    assertClose(3.8535645472061653, r.z().getAsDouble() * r.z().getAsDouble());
    assertClose(0.04964038686536878, r.pValue().getAsDouble());
    assertTrue(r.significant());
    assertClose(0.03, r.difference());
    assertClose(0.25, r.relativeLift().getAsDouble());   // 0.15 / 0.12 - 1
  }

  @Test
  void differenceIntervalIsTheUnpooledWaldInterval() {
    // SE = sqrt(0.12*0.88/1000 + 0.15*0.85/1000) = sqrt(0.0002331) = 0.015267612...
    // 0.03 ∓ 1.959963984540054 * SE = [7.60288212977786e-05, 0.05992397117870222]
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(1000, 120), Conversions.of(1000, 150));

    assertClose(7.60288212977786e-05, r.differenceInterval().lower());
    assertClose(0.05992397117870222, r.differenceInterval().upper());
    assertEquals(0.95, r.differenceInterval().confidence());
  }

  @Test
  void wilsonIntervalMatchesTheClosedForm() {
    // Wilson: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959963984540054
    // 120/1000: p = 0.12, z² = 3.841458820694124; centre = (0.12 + 0.001920729) / 1.003841459 = 0.121450168
    // half = 1.959964 / 1.003841459 * sqrt(0.0001056 + 0.00000096036) = 0.020154907
    // R: binom::binom.wilson(120, 1000) gives lower = 0.1012993, upper = 0.1416091
    Interval control = ConversionTest.wilson(Conversions.of(1000, 120), 0.95);
    assertClose(0.10129926060130913, control.lower());
    assertClose(0.14160907584771276, control.upper());

    // 3/40 and 0/20 at 95%; 120/1000 at 99% (z = 2.5758293035489)
    Interval small = ConversionTest.wilson(Conversions.of(40, 3), 0.95);
    assertClose(0.025836025774588198, small.lower());
    assertClose(0.19864233524310543, small.upper());
    Interval none = ConversionTest.wilson(Conversions.of(20, 0), 0.95);
    assertEquals(0.0, none.lower());
    assertClose(0.16112515805281938, none.upper());   // z²/(n + z²) = 3.8414588 / 23.8414588
    Interval wide = ConversionTest.wilson(Conversions.of(1000, 120), 0.99);
    assertClose(0.0960036945921301, wide.lower());
    assertClose(0.14900559073445907, wide.upper());
  }

  @Test
  void perVariantRatesCarryTheirWilsonIntervalsAtTheConfiguredConfidence() {
    ConversionComparison r = ConversionTest.withDefaults().withConfidence(0.99)
        .compare(Conversions.of(1000, 120), Conversions.of(1000, 150));

    assertClose(0.0960036945921301, r.control().interval().lower());
    assertEquals(0.15, r.treatment().rate());
    assertEquals(0.99, r.treatment().interval().confidence());
    assertEquals("12.00% (120 of 1,000, 99% CI 9.60% to 14.90%)", r.control().toString());
  }

  @Test
  void verdictOfASignificantResultSaysHowMuchBetterAndSignificant() {
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(1000, 120), Conversions.of(1000, 150));

    assertEquals("treatment converts 25.0% better than control (15.00% vs 12.00%; difference +3.00 pp, "
        + "95% CI +0.01 to +5.99 pp), p = 0.0496: significant at alpha 0.05", r.toString());
  }

  @Test
  void anUnderpoweredTestWithFewVisitorsIsNotSignificantEvenWithABigLift() {
    // Wald: 0.025 ∓ 1.959964 * sqrt(0.05*0.95/40 + 0.075*0.925/40) = [-0.0809, 0.1309]
    // 2/40 vs 3/40: lift +50%; pooled p = 5/80 = 0.0625, SE = sqrt(0.0625*0.9375*(2/40)) = 0.0541266
    // z = 0.025 / 0.0541266 = 0.46188021535170054; SciPy: 2 * norm.sf(z) = 0.6441672226837103
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(40, 2), Conversions.of(40, 3));

    assertClose(0.46188021535170054, r.z().getAsDouble());
    assertClose(0.6441672226837103, r.pValue().getAsDouble());
    assertFalse(r.significant());
    assertTrue(r.differenceInterval().contains(0));
    assertEquals("treatment converts 50.0% better than control (7.50% vs 5.00%; difference +2.50 pp, "
        + "95% CI -8.09 to +13.09 pp), p = 0.644: not significant at alpha 0.05; collect more data", r.verdict());
  }

  @Test
  void aStricterAlphaTurnsTheSameDataNotSignificant() {
    ConversionComparison r = ConversionTest.withDefaults().withAlpha(0.01)
        .compare(Conversions.of(1000, 120), Conversions.of(1000, 150));

    assertFalse(r.significant());
    assertTrue(r.verdict().endsWith("p = 0.0496: not significant at alpha 0.01; collect more data"), r.verdict());
  }

  @Test
  void aWorseTreatmentIsCalledWorseWithANegativeZ() {
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(1000, 150), Conversions.of(1000, 120));

    assertClose(-1.963049807622355, r.z().getAsDouble());
    assertClose(-0.2, r.relativeLift().getAsDouble());
    assertTrue(r.verdict().startsWith("treatment converts 20.0% worse than control (12.00% vs 15.00%"), r.verdict());
  }

  @Test
  void conversionsWhoseSumPassesALongArePooledAsDoubles() {
    // 6e18 + 6e18 overflows a long: the pooled rate came out negative, and z and p empty
    ConversionComparison r = ConversionTest.withDefaults()
        .compare(Conversions.of(6_000_000_000_000_000_000L, 5_000_000_000_000_000_000L),
            Conversions.of(6_000_000_000_000_000_000L, 5_000_000_000_000_000_000L));

    assertEquals(0, r.z().getAsDouble(), 0.0);
    assertEquals(1, r.pValue().getAsDouble(), 0.0);
    assertFalse(r.significant());
  }

  @Test
  void anIntervalWhoseLowerEndRoundsToZeroKeepsItsMinus() {
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(544, 55), Conversions.of(544, 76));

    assertTrue(r.differenceInterval().lower() < 0);
    assertTrue(r.verdict().contains("95% CI -0.00 to +7.72 pp"), r.verdict());
  }

  @Test
  void liftIsEmptyWhenTheControlNeverConverted() {
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(500, 0), Conversions.of(500, 6));

    assertTrue(r.relativeLift().isEmpty());
    assertTrue(r.z().isPresent());
    assertTrue(r.verdict().startsWith("treatment converts at 1.20% where control never converted (difference +1.20 pp"),
        r.verdict());
  }

  @Test
  void zAndPAreEmptyWhenNobodyConverted() {
    ConversionComparison r = ConversionTest.withDefaults().compare(Conversions.of(300, 0), Conversions.of(280, 0));

    assertTrue(r.z().isEmpty());
    assertTrue(r.pValue().isEmpty());
    assertTrue(r.relativeLift().isEmpty());
    assertFalse(r.significant());
    assertEquals("no difference to test: neither variant converted (control 0 of 300, treatment 0 of 280); "
        + "collect more data", r.verdict());
  }

  @Test
  void rejectsBadCountsNamingTheField() {
    assertEquals("conversions: expected at most visitors (1000), got 1200",
        assertThrows(IllegalArgumentException.class, () -> Conversions.of(1000, 1200)).getMessage());
    assertEquals("visitors: expected a count of at least 0, got -5",
        assertThrows(IllegalArgumentException.class, () -> Conversions.of(-5, 0)).getMessage());
    assertEquals("conversions: expected a count of at least 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> Conversions.of(10, -1)).getMessage());
    assertEquals("control.visitors: expected at least 1 visitor to compare, got 0",
        assertThrows(IllegalArgumentException.class,
            () -> ConversionTest.withDefaults().compare(Conversions.of(0, 0), Conversions.of(10, 1))).getMessage());
  }

  @Test
  void rejectsAConfidenceOrAlphaOutsideZeroToOne() {
    assertEquals("confidence: expected a number strictly between 0 and 1, got 95.0",
        assertThrows(IllegalArgumentException.class, () -> ConversionTest.withDefaults().withConfidence(95))
            .getMessage());
    assertEquals("alpha: expected a number strictly between 0 and 1, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> ConversionTest.withDefaults().withAlpha(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConversionTest.withDefaults().withConfidence(Double.NaN));
  }
}
