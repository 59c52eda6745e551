package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Formulas from untrusted sources: the length and depth limits, each refused with its position. */
class FormulaLimitsTest {
  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  void sevenHundredTwentyEightNestedParenthesesAreRefusedAtTheSixtyFifth() {
    String text = repeat("(", 728) + "a" + repeat(")", 728);

    DefinitionException e = assertThrows(DefinitionException.class, () -> Formula.parse(text));

    assertEquals(List.of(Problem.of("", "nested too deep at position 64: parentheses nest at most 64 deep "
        + "(Formula.MAX_DEPTH)")), e.problems());
    assertTrue(e.subject().startsWith("formula '((((") && e.subject().endsWith("... (1457 characters)'"),
        e.subject());
  }

  @Test
  void sixtyFourNestedParenthesesAreRead() {
    Formula f = Formula.parse(repeat("(", 64) + "a + 1" + repeat(")", 64));

    assertEquals("a + 1", f.canonical());
  }

  @Test
  void aLongRunOfMinusesIsRefusedWithoutRecursingPerMinus() {
    String text = repeat("-", 100_000) + "a";

    DefinitionException e = assertThrows(DefinitionException.class, () -> Formula.parse(text.substring(0, 4000)));
    DefinitionException tooLong = assertThrows(DefinitionException.class, () -> Formula.parse(text));

    assertEquals("nested too deep at position 64: operators applied to the results of other operators nest at most "
        + "64 deep (Formula.MAX_DEPTH)", e.problems().get(0).message());
    assertEquals("too long at position 4096: a formula has at most 4096 characters (Formula.MAX_LENGTH), this one "
        + "100001", tooLong.problems().get(0).message());
  }

  @Test
  void sixtyFourMinusesAreReadAndNegateSixtyFourTimes() {
    Formula f = Formula.parse(repeat("-", 64) + "a");

    assertEquals(OptionalDouble.of(5), Formulas.evaluate(f.root(), n -> OptionalDouble.of(5)));
    assertEquals(64, f.root().depth());
  }

  @Test
  void aChainOfOperatorsCountsOneLevelPerOperator() {
    String sixtyFive = IntStream.rangeClosed(0, 64).mapToObj(i -> "a" + i).collect(Collectors.joining(" + "));
    String sixtySix = sixtyFive + " + a65";

    Formula f = Formula.parse(sixtyFive);
    DefinitionException e = assertThrows(DefinitionException.class, () -> Formula.parse(sixtySix));

    assertEquals(64, f.root().depth());
    assertEquals(sixtySix.lastIndexOf('+'), Integer.parseInt(e.problems().get(0).message()
        .replaceAll("^nested too deep at position (\\d+):.*$", "$1")));
  }

  @Test
  void aTooDeepFormulaInAQueryJsonNamesTheDerivedFieldAndThePosition() {
    String deep = repeat("(", 728) + "a" + repeat(")", 728);
    String json = "{\"kpis\": [{\"id\": \"orders\", \"name\": \"Orders\", \"measure\": {\"type\": \"count\"}}],"
        + " \"derivedFields\": {\"d\": \"" + deep + "\"}}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, KpiQuery.class));

    assertEquals(List.of(Problem.of("derivedFields.d", "nested too deep at position 64: parentheses nest at most 64 "
        + "deep (Formula.MAX_DEPTH)")), e.problems());
  }

  @Test
  void aRunOfMinusesInAKpiJsonNamesTheMeasuresFormula() {
    String json = "{\"id\": \"net\", \"name\": \"Net\", \"measure\": {\"type\": \"derived\", \"formula\": \""
        + repeat("-", 3000) + "gmv\"}}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Kpi.class));

    assertEquals("measure.formula", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().startsWith("nested too deep at position 64"), e.getMessage());
  }

  @Test
  void aLongChainOfDerivedKpisIsRefusedWhereItGoesTooDeep() {
    List<Kpi> chain = new ArrayList<>();
    chain.add(Kpi.builder().id("k0").name("k0").measure(Measure.count()).build());
    for (int i = 1; i <= 10_000; i++) {
      chain.add(Kpi.builder().id("k" + i).name("k" + i).measure(Measure.derived("k" + (i - 1) + " + 1")).build());
    }

    DefinitionException e = assertThrows(DefinitionException.class, () -> KpiQuery.builder().addAllKpis(chain).build());
    KpiQuery deepest = KpiQuery.builder().addAllKpis(chain.subList(0, KpiQuery.MAX_DERIVED_DEPTH + 1)).build();

    assertEquals(List.of(Problem.of("kpis[65].measure.formula", "derived KPIs read one another 65 deep here; "
        + "at most 64 (KpiQuery.MAX_DERIVED_DEPTH)")), e.problems());
    assertEquals(65, deepest.kpis().size());
  }

  @Test
  void aLongCycleOfDerivedKpisIsStillReportedAsACycle() {
    List<Kpi> cycle = new ArrayList<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      cycle.add(Kpi.builder().id("k" + i).name("k" + i).measure(Measure.derived("k" + ((i + 1) % n) + " + 1")).build());
    }

    DefinitionException e = assertThrows(DefinitionException.class, () -> KpiQuery.builder().addAllKpis(cycle).build());

    assertEquals("kpis", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().startsWith("derived KPIs form a cycle: k0 -> k1 -> k2 -> "),
        e.problems().get(0).message().substring(0, 80));
  }

  @Test
  void wholeConstantsUpToTwoToTheFiftyThirdAreReadExactlyAndLargerOnesRefused() {
    assertEquals(9007199254740992.0, ((Formula.Constant) Formula.parse("9007199254740992").root()).value());

    // 9007199254740993 would compute as ...992, and 9223372036854775806 as Long.MAX_VALUE
    for (String text : List.of("a + 9007199254740993", "a + 9223372036854775806", "a + 2000000000000d")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> Formula.parse(text), text);

      assertEquals("expected a whole number of at most 2^53 = 9007199254740992 (with its unit, in milliseconds) "
          + "at position 4", e.problems().get(0).message(), text);
    }
  }

  @Test
  void aDecimalConstantBeyondTheRangeOfADoubleIsRefused() {
    String huge = "1" + "0".repeat(400) + ".5";

    DefinitionException e = assertThrows(DefinitionException.class, () -> Formula.parse("a * " + huge));

    assertEquals("expected a number within the range of a double at position 4", e.problems().get(0).message());
  }
}
