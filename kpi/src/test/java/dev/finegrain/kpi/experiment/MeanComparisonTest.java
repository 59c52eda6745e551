package dev.finegrain.kpi.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference: R's own example for {@code t.test}, the {@code sleep} data set (Student 1908).
 * Group 1: 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0 (mean 0.75, variance 3.2005556);
 * group 2: 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 (mean 2.33, variance 4.009).
 * R: {@code t.test(extra ~ group, data = sleep)} (Welch by default) prints
 * {@code t = -1.8608, df = 17.776, p-value = 0.07939}, 95 percent confidence interval
 * {@code -3.3654832 0.2054832} (group 1 minus group 2).
 * SciPy 1.17.1: {@code scipy.stats.ttest_ind_from_stats(2.33, sqrt(4.009), 10, 0.75, sqrt(3.2005556), 10,
 * equal_var=False)} gives {@code statistic = 1.8608134674868526, pvalue = 0.07939414018735816}, and
 * {@code ttest_ind(...).df = 17.776473516178488}, CI (-0.20548323071171137, 3.3654832307117104).
 */
class MeanComparisonTest {
  private static final SampleSummary GROUP_1 = SampleSummary.of(10, 0.75, 3.2005555555555554);
  private static final SampleSummary GROUP_2 = SampleSummary.of(10, 2.33, 4.009);

  @Test
  void welchMatchesRsSleepExample() {
    MeanComparison r = WelchTest.withDefaults().compare(GROUP_1, GROUP_2);

    // R's printed values, to their printed precision
    assertEquals(1.8608, r.t().getAsDouble(), 1e-4);
    assertEquals(17.776, r.degreesOfFreedom().getAsDouble(), 1e-3);
    assertEquals(0.07939, r.pValue().getAsDouble(), 1e-5);
    assertEquals(-0.2054832, r.differenceInterval().orElseThrow().lower(), 1e-7);
    assertEquals(3.3654832, r.differenceInterval().orElseThrow().upper(), 1e-7);
    // SciPy's full-precision values
    assertEquals(1.8608134674868526, r.t().getAsDouble(), 1e-9);
    assertEquals(17.776473516178488, r.degreesOfFreedom().getAsDouble(), 1e-8);
    assertEquals(0.07939414018735816, r.pValue().getAsDouble(), 1e-9);
    assertEquals(1.58, r.difference(), 1e-12);
    assertFalse(r.significant());
  }

  @Test
  void swappingTheGroupsNegatesTAndTheInterval() {
    MeanComparison r = WelchTest.withDefaults().compare(GROUP_2, GROUP_1);

    assertEquals(-1.8608134674868526, r.t().getAsDouble(), 1e-9);
    assertEquals(0.07939414018735816, r.pValue().getAsDouble(), 1e-9);
    assertEquals(-3.3654832, r.differenceInterval().orElseThrow().lower(), 1e-7);
  }

  @Test
  void verdictGivesMeansIntervalTDfAndP() {
    assertEquals("treatment mean 2.33 vs control 0.75 (difference +1.58, 95% CI -0.21 to +3.37), "
        + "Welch t = 1.86, df = 17.8, p = 0.0794: not significant at alpha 0.05; collect more data",
        WelchTest.withDefaults().compare(GROUP_1, GROUP_2).verdict());
  }

  @Test
  void aLargeSampleMakesTheSameDifferenceSignificant() {
    MeanComparison r = WelchTest.withDefaults()
        .compare(SampleSummary.of(1000, 0.75, 3.2005555555555554), SampleSummary.of(1000, 2.33, 4.009));

    assertTrue(r.significant());
    assertTrue(r.verdict().endsWith("p < 0.0001: significant at alpha 0.05"), r.verdict());
  }

  @Test
  void summariesCanBeGivenWithAStandardDeviation() {
    MeanComparison r = WelchTest.withDefaults()
        .compare(SampleSummary.ofStandardDeviation(10, 0.75, Math.sqrt(3.2005555555555554)), GROUP_2);

    assertEquals(1.8608134674868526, r.t().getAsDouble(), 1e-9);
  }

  @Test
  void zeroVarianceInBothGroupsLeavesTheStatisticEmpty() {
    MeanComparison r = WelchTest.withDefaults().compare(SampleSummary.of(5, 10, 0), SampleSummary.of(5, 12, 0));

    assertTrue(r.t().isEmpty());
    assertTrue(r.pValue().isEmpty());
    assertTrue(r.degreesOfFreedom().isEmpty());
    assertTrue(r.differenceInterval().isEmpty());
    assertFalse(r.significant());
    assertEquals(2, r.difference());
    assertEquals(0.2, r.relativeDifference().getAsDouble(), 1e-12);
  }

  @Test
  void variancesNearTheEndsOfADoublesRangeGiveTheSameAnswerAsEverydayUnits() {
    // the squares of 1e-171 underflow to 0 and Commons' TTest gives NaN degrees of freedom there
    MeanComparison tiny = WelchTest.withDefaults().compare(SampleSummary.of(10, 0, 1e-170), SampleSummary.of(10, 1e-80, 1e-170));
    MeanComparison everyday = WelchTest.withDefaults().compare(SampleSummary.of(10, 0, 1), SampleSummary.of(10, 1e5, 1));

    assertEquals(18, tiny.degreesOfFreedom().getAsDouble(), 1e-9);
    assertEquals(everyday.t().getAsDouble(), tiny.t().getAsDouble(), 1e-9 * everyday.t().getAsDouble());
    assertTrue(tiny.significant());
  }

  @Test
  void anIntervalWhoseLowerEndRoundsToZeroKeepsItsMinus() {
    MeanComparison r = WelchTest.withDefaults().compare(SampleSummary.of(40, 2.5, 0.09), SampleSummary.of(40, 2.6, 0.05));

    assertTrue(r.differenceInterval().orElseThrow().lower() < 0);
    assertTrue(r.verdict().contains("95% CI -0.0 to +0.2"), r::verdict);
  }

  @Test
  void aStandardDeviationWhoseSquareOverflowsIsRejectedByItsOwnName() {
    assertEquals("standardDeviation: expected at most 1.3407807929942596E154 (its square, the variance, must be a finite"
        + " double), got 1.0E200",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.ofStandardDeviation(10, 1, 1e200)).getMessage());
  }

  @Test
  void rejectsSamplesTooSmallOrNegativeVarianceNamingTheField() {
    assertEquals("treatment.n: expected at least 2 observations for a sample variance, got 1",
        assertThrows(IllegalArgumentException.class,
            () -> WelchTest.withDefaults().compare(GROUP_1, SampleSummary.of(1, 3, 0))).getMessage());
    assertEquals("variance: expected at least 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(10, 1, -0.5)).getMessage());
    assertEquals("mean: expected a finite number, got NaN",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(10, Double.NaN, 1)).getMessage());
    assertEquals("n: expected a count of at least 0, got -3",
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(-3, 1, 1)).getMessage());
    assertEquals("confidence: expected a number strictly between 0 and 1, got 1.0",
        assertThrows(IllegalArgumentException.class, () -> WelchTest.withDefaults().withConfidence(1)).getMessage());
  }
}
