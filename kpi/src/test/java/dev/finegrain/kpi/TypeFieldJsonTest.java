package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.incentive.PayoutPlan;
import dev.finegrain.kpi.incentive.PayoutRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A measure's or payout rule's {@code "type"} that is there but not a text is named for what it is,
 * not reported missing; a value that is not an object is named too; a missing type still says so.
 */
class TypeFieldJsonTest {
  private static final String MEASURES = "[count, derived, distinct, mean, quantile, ratio, sum]";
  private static final String PAYOUT_RULES = "[linear, tiered]";
  private static final Map<String, String> WRONG_KINDS = Map.of("[\"count\"]", "a list", "{}", "an object",
      "null", "null", "5", "5", "false", "false");

  private static List<Problem> problems(String json, Class<?> type) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type), json).problems();
  }

  private static String query(String measure) {
    return "{\"kpis\": [{\"id\": \"orders\", \"measure\": " + measure + "}]}";
  }

  private static String plan(String rule) {
    return "{\"id\": \"p\", \"name\": \"P\", \"currency\": \"CNY\", \"rules\": [" + rule + "]}";
  }

  @Test
  void aTypeOfTheWrongKindIsNamedForWhatItIs() {
    WRONG_KINDS.forEach((type, got) -> {
      assertEquals(List.of(Problem.of("type", "expected one of " + MEASURES + ", got " + got)),
          problems("{\"type\": " + type + "}", Measure.class));
      assertEquals(List.of(Problem.of("kpis[0].measure.type", "expected one of " + MEASURES + ", got " + got)),
          problems(query("{\"type\": " + type + "}"), KpiQuery.class));
      assertEquals(List.of(Problem.of("type", "expected one of " + PAYOUT_RULES + ", got " + got)),
          problems("{\"id\": \"r\", \"type\": " + type + "}", PayoutRule.class));
      assertEquals(List.of(Problem.of("rules[0].type", "expected one of " + PAYOUT_RULES + ", got " + got)),
          problems(plan("{\"id\": \"r\", \"kpi\": \"k\", \"type\": " + type + "}"), PayoutPlan.class));
    });
  }

  @Test
  void aValueThatIsNotAnObjectIsNamedForWhatItIs() {
    Map<String, String> values = Map.of("true", "true", "\"count\"", "\"count\"", "[\"count\", {}]", "a list");
    values.forEach((value, got) -> {
      assertEquals(List.of(Problem.of("", "expected a Measure object, got " + got)), problems(value, Measure.class));
      assertEquals(List.of(Problem.of("kpis[0].measure", "expected a Measure object, got " + got)),
          problems(query(value), KpiQuery.class));
      assertEquals(List.of(Problem.of("rules[0]", "expected a PayoutRule object, got " + got)),
          problems(plan(value), PayoutPlan.class));
    });
  }

  @Test
  void aMissingTypeIsStillMissingAndTheKnownTypesAreListed() {
    assertEquals(List.of(Problem.of("kpis[0].measure", "missing 'type'; expected one of " + MEASURES)),
        problems(query("{}"), KpiQuery.class));
    assertEquals(List.of(Problem.of("rules[0]", "missing 'type'; expected one of " + PAYOUT_RULES)),
        problems(plan("{\"id\": \"r\", \"kpi\": \"k\"}"), PayoutPlan.class));
  }
}
