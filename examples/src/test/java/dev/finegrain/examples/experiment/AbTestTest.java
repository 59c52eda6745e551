package dev.finegrain.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import dev.finegrain.examples.experiment.AbTest.Session;
import dev.finegrain.kpi.accumulator.MeanVariance;
import dev.finegrain.kpi.experiment.Conversions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AbTestTest {
  private static final String OUT = Outputs.of(AbTest::run);

  private static String percent(long part, long whole) {
    return new BigDecimal(part).divide(new BigDecimal(whole), 10, RoundingMode.HALF_UP).movePointRight(2)
        .setScale(2, RoundingMode.HALF_UP) + "%";
  }

  private static long count(List<Session> sessions, String variant, boolean convertedOnly) {
    return sessions.stream().filter(s -> s.variant().equals(variant) && (!convertedOnly || s.converted())).count();
  }

  private static String section(int test) {
    int two = OUT.indexOf("Test 2 of 2");
    return test == 1 ? OUT.substring(0, two) : OUT.substring(two);
  }

  @Test
  void theEngineCountsEachVariantAsAPlainCountDoes() {
    List<Session> sessions = AbTest.sessions(AbTest.PAGE_TEST);

    Map<String, Conversions> engine = AbTest.conversions(sessions);

    for (String variant : List.of(AbTest.CONTROL, AbTest.TREATMENT)) {
      long visitors = count(sessions, variant, false);
      long orders = count(sessions, variant, true);
      assertEquals(Conversions.of(visitors, orders), engine.get(variant));
      String line = section(1).lines().filter(l -> l.strip().startsWith(variant + " ")).findFirst().orElseThrow();
      assertTrue(line.matches("\\s+" + variant + "\\s+" + String.format("%,d", visitors) + "\\s+"
          + String.format("%,d", orders) + "\\s+" + percent(orders, visitors).replace(".", "\\.") + "\\s+.*"), line);
    }
  }

  @Test
  void theProductPageTestIsSignificantAndSaysRollOut() {
    String test = section(1);

    assertTrue(test.contains("1. Was traffic split as intended? yes"), test);
    assertTrue(test.contains("no sample ratio mismatch"), test);
    assertTrue(test.contains(": significant at alpha 0.05\n"), test);
    assertTrue(test.contains("Decision: roll out the treatment"), test);
  }

  @Test
  void theUnderPoweredTestSaysNotSignificantAndHowMuchTrafficItWouldNeed() {
    List<Session> sessions = AbTest.sessions(AbTest.BANNER_TEST);
    long control = count(sessions, AbTest.CONTROL, false);
    long treatment = count(sessions, AbTest.TREATMENT, false);
    String test = section(2);

    assertEquals(600, control + treatment);
    assertTrue(test.contains("not significant at alpha 0.05; collect more data"), test);
    assertTrue(test.contains("Decision: no decision yet"), test);
    assertTrue(test.contains(percent(count(sessions, AbTest.CONTROL, true), control) + " to "
        + percent(count(sessions, AbTest.TREATMENT, true), treatment) + ") with 80% power"), test);
    assertTrue(test.contains("this test had " + control + " and " + treatment + "."), test);
  }

  @Test
  void sampleSizeFormulaMatchesTheTextbookExample() {
    // 5% vs 6% at alpha 0.05 two-sided and 80% power: about 8,155 per group
    assertEquals(8155, AbTest.sessionsNeeded(0.05, 0.06));
  }

  @Test
  void orderValuesMergedFromDailyAccumulatorsMatchOnePassOverTheOrders() {
    List<Session> sessions = AbTest.sessions(AbTest.PAGE_TEST);
    Map<String, Map<Long, MeanVariance>> daily = AbTest.dailyOrderValues(sessions);
    double[] values = sessions.stream().filter(s -> s.variant().equals(AbTest.CONTROL) && s.converted())
        .mapToDouble(s -> s.orderCents() / 100.0).toArray();
    double mean = java.util.Arrays.stream(values).average().orElseThrow();
    double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);

    MeanVariance merged = MeanVariance.create();
    daily.get(AbTest.CONTROL).values().forEach(merged::merge);

    assertEquals(values.length, merged.result().count());
    assertEquals(mean, merged.result().mean().getAsDouble(), 1e-9);
    assertEquals(variance, merged.result().variance().getAsDouble(), 1e-6);
    assertTrue(section(1).contains(String.format(java.util.Locale.ROOT, "control:   %,d orders, mean %s",
        values.length, BigDecimal.valueOf(mean).setScale(1, RoundingMode.HALF_UP))), section(1));
  }

  @Test
  void eachVariantMergesOneAccumulatorPerDayOfTheTest() {
    List<Session> sessions = AbTest.sessions(AbTest.PAGE_TEST);
    for (String variant : List.of(AbTest.CONTROL, AbTest.TREATMENT)) {
      long days = sessions.stream().filter(s -> s.variant().equals(variant) && s.converted())
          .map(s -> java.time.Duration.between(AbTest.START, s.at()).toDays()).distinct().count();
      assertEquals(AbTest.PAGE_TEST.days(), days, variant);
    }
    assertTrue(section(1).contains("daily accumulators merged per variant: " + AbTest.PAGE_TEST.days() + " for control, "
        + AbTest.PAGE_TEST.days() + " for treatment)"), section(1));
  }

  @Test
  void theOrderValueVerdictWritesBothMeansWithOnePrecisionAsTheSummariesDo() {
    Matcher verdict = Pattern.compile("treatment mean ([0-9.]+) vs control ([0-9.]+) \\(difference ([-+][0-9.]+), 95% CI"
        + " ([-+][0-9.]+) to ([-+][0-9.]+)\\)").matcher(section(1));
    assertTrue(verdict.find(), section(1));
    for (int g = 1; g <= 5; g++) {
      assertEquals(1, new BigDecimal(verdict.group(g)).scale(), verdict.group(g) + " in " + verdict.group());
    }
    assertTrue(section(1).matches("(?s).*control:   [0-9,]+ orders, mean " + Pattern.quote(verdict.group(2)) + ",.*"),
        section(1));
    assertTrue(section(1).matches("(?s).*treatment: [0-9,]+ orders, mean " + Pattern.quote(verdict.group(1)) + ",.*"),
        section(1));
  }
}
