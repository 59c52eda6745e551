package dev.finegrain.kpi.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference values from SciPy 1.17.1, {@code scipy.stats.chisquare(observed, f_exp=expected)}; for
 * one degree of freedom the p-value also has the closed form {@code erfc(sqrt(X²/2))}.
 */
class SampleRatioCheckTest {
  private static Map<String, Long> counts(Object... variantsAndCounts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < variantsAndCounts.length; i += 2) {
      out.put((String) variantsAndCounts[i], ((Number) variantsAndCounts[i + 1]).longValue());
    }
    return out;
  }

  @Test
  void matchesSciPysDocumentedExampleWithSixCategories() {
    // SciPy docs: chisquare([16, 18, 16, 14, 12, 12], f_exp=[16, 16, 16, 16, 16, 8])
    // gives statistic = 3.5, pvalue = 0.62338762774958223
    Map<String, Double> weights = new LinkedHashMap<>();
    double[] w = {16, 16, 16, 16, 16, 8};
    for (int i = 0; i < w.length; i++) {
      weights.put("v" + i, w[i]);
    }
    SampleRatioResult r = SampleRatioCheck.withDefaults()
        .check(counts("v0", 16, "v1", 18, "v2", 16, "v3", 14, "v4", 12, "v5", 12), weights);

    assertEquals(3.5, r.chiSquare(), 1e-12);
    assertEquals(5, r.degreesOfFreedom());
    assertEquals(0.62338762774958223, r.pValue(), 1e-9);
    assertFalse(r.mismatch());
  }

  @Test
  void flagsAFiftyFiftySplitThatCameOutLopsided() {
    // 50,500 vs 49,000, expected 49,750 each: X² = 2 * 750² / 49,750 = 22.613065326633166
    // SciPy: chisquare([50500, 49000], f_exp=[49750, 49750]).pvalue = 1.9813263332735096e-06
    SampleRatioResult r = SampleRatioCheck.withDefaults().check(50_500, 49_000);

    assertEquals(22.613065326633166, r.chiSquare(), 1e-9);
    assertEquals(1.9813263332735096e-06, r.pValue(), 1.9813263332735096e-06 * 1e-6);
    assertTrue(r.mismatch());
    assertEquals("sample ratio mismatch: control 50,500 (50.8%), treatment 49,000 (49.2%) for an intended "
        + "50% / 50% split; chi-square = 22.6, p < 0.0001 < 0.001: check assignment and tracking before reading "
        + "any result", r.message());
  }

  @Test
  void aSmallImbalanceIsNotAMismatchAtTheUsualThreshold() {
    // 5,000 vs 4,800: X² = 2 * 100² / 4,900 = 4.081632653061225; p = erfc(sqrt(2.0408163)) = 0.04335175126086287
    SampleRatioResult r = SampleRatioCheck.withDefaults().check(5_000, 4_800);

    assertEquals(4.081632653061225, r.chiSquare(), 1e-9);
    assertEquals(0.04335175126086287, r.pValue(), 1e-12);
    assertFalse(r.mismatch());
    assertEquals("no sample ratio mismatch: control 5,000 (51.0%), treatment 4,800 (49.0%) for an intended "
        + "50% / 50% split; chi-square = 4.08, p = 0.0434 >= 0.001", r.toString());
    assertTrue(SampleRatioCheck.withDefaults().withThreshold(0.05).check(5_000, 4_800).mismatch());
  }

  @Test
  void checksAWeightedSplit() {
    // intended 90/10; 9,000 vs 1,100 of 10,100: expected 9,090 and 1,010
    // X² = 90²/9090 + 90²/1010 = 8.910891089108912; SciPy p = 0.002834749080259389
    SampleRatioResult r = SampleRatioCheck.withDefaults()
        .check(counts("control", 9_000, "treatment", 1_100), Map.of("control", 0.9, "treatment", 0.1));

    assertEquals(9090, r.expected().get("control"), 1e-9);
    assertEquals(8.910891089108912, r.chiSquare(), 1e-9);
    assertEquals(0.002834749080259389, r.pValue(), 1e-12);
    assertFalse(r.mismatch());
    assertTrue(r.message().contains("for an intended 90% / 10% split"), r.message());
  }

  @Test
  void rejectsBadInputNamingTheField() {
    SampleRatioCheck check = SampleRatioCheck.withDefaults();
    assertEquals("weights.treatment: expected a positive finite weight, got 0.0",
        assertThrows(IllegalArgumentException.class,
            () -> check.check(counts("control", 10, "treatment", 10), Map.of("control", 1.0, "treatment", 0.0)))
            .getMessage());
    assertEquals("observed.control: expected a count of at least 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> check.check(-1, 10)).getMessage());
    assertEquals("observed: expected at least 1 visitor in total, got 0",
        assertThrows(IllegalArgumentException.class, () -> check.check(0, 0)).getMessage());
    assertEquals("observed: expected counts for at least 2 variants, got 1",
        assertThrows(IllegalArgumentException.class,
            () -> check.check(counts("control", 10), Map.of("control", 1.0))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> check.check(counts("control", 10, "treatment", 10), Map.of("control", 1.0, "b", 1.0)))
        .getMessage().startsWith("weights: expected a weight for each observed variant [control, treatment]"));
    assertEquals("threshold: expected a number strictly between 0 and 1, got 1.5",
        assertThrows(IllegalArgumentException.class, () -> check.withThreshold(1.5)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> check.check(Long.MAX_VALUE, 10)).getMessage()
        .startsWith("observed: expected counts that add up to at most 9223372036854775807, got {"));
  }

  @Test
  void weightsAreReadAsSharesWhateverTheirScale() {
    SampleRatioCheck check = SampleRatioCheck.withDefaults();
    SampleRatioResult huge = check.check(counts("control", 5_100, "treatment", 4_900),
        Map.of("control", Double.MAX_VALUE, "treatment", Double.MAX_VALUE));
    SampleRatioResult ones = check.check(counts("control", 5_100, "treatment", 4_900),
        Map.of("control", 1.0, "treatment", 1.0));

    assertEquals(ones.chiSquare(), huge.chiSquare(), 0.0);
    assertEquals(ones.pValue(), huge.pValue(), 0.0);
    assertEquals(ones.message(), huge.message());
  }

  @Test
  void aWeightThatLeavesItsVariantNoShareIsAMismatchWithAnInfiniteChiSquare() {
    SampleRatioResult r = SampleRatioCheck.withDefaults().check(counts("control", 10, "treatment", 1),
        Map.of("control", 1.0, "treatment", Double.MIN_VALUE));

    assertTrue(r.mismatch());
    assertEquals(Double.POSITIVE_INFINITY, r.chiSquare(), 0.0);
    assertTrue(r.message().contains("chi-square = infinity"), r.message());
  }
}
