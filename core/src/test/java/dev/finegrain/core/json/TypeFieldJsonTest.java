package dev.finegrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.core.standard.Standard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule's or condition's {@code "type"} that is there but not a text is named for what it is, not
 * reported missing; a value that is not an object at all is named too; a type that is truly missing
 * still says so.
 */
class TypeFieldJsonTest {
  private static final String RULES = "[allowed-values, conditional, each-element, forbidden-terms, list-size,"
      + " number-range, pattern, required, text-length]";
  private static final String CONDITIONS = "[and, compare, equals, exists, in, not, or]";
  /** A type of each wrong kind, as JSON, and how the message names it. */
  private static final Map<String, String> WRONG_KINDS = Map.of("[\"required\"]", "a list", "{}", "an object",
      "null", "null", "5", "5", "true", "true");

  private static List<Problem> problems(String json, Class<?> type) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type), json).problems();
  }

  private static String standard(String rule) {
    return "{\"id\": \"s\", \"version\": 1, \"artifactKind\": \"listing\", \"name\": \"S\", \"rules\": [" + rule + "]}";
  }

  @Test
  void aTypeOfTheWrongKindIsNamedForWhatItIs() {
    WRONG_KINDS.forEach((type, got) -> {
      assertEquals(List.of(Problem.of("type", "expected one of " + RULES + ", got " + got)),
          problems("{\"type\": " + type + ", \"field\": \"title\"}", Rule.class));
      assertEquals(List.of(Problem.of("rules[0].type", "expected one of " + RULES + ", got " + got)),
          problems(standard("{\"field\": \"title\", \"type\": " + type + "}"), Standard.class));
      assertEquals(List.of(Problem.of("type", "expected one of " + CONDITIONS + ", got " + got)),
          problems("{\"type\": " + type + ", \"field\": \"category\"}", Condition.class));
      assertEquals(List.of(Problem.of("rules[0].when.type", "expected one of " + CONDITIONS + ", got " + got)),
          problems(standard("{\"type\": \"conditional\", \"id\": \"c\", \"when\": {\"type\": " + type + "},"
              + " \"then\": {\"type\": \"required\", \"field\": \"licence\"}}"), Standard.class));
    });
  }

  @Test
  void aValueThatIsNotAnObjectIsNamedForWhatItIs() {
    Map<String, String> values = Map.of("true", "true", "5", "5", "\"required\"", "\"required\"", "[]", "a list",
        "[\"required\", {\"field\": \"title\"}]", "a list");  // Jackson would read the last as a wrapped rule
    values.forEach((value, got) -> {
      assertEquals(List.of(Problem.of("", "expected a Rule object, got " + got)), problems(value, Rule.class));
      assertEquals(List.of(Problem.of("", "expected a Condition object, got " + got)),
          problems(value, Condition.class));
      assertEquals(List.of(Problem.of("rules[0]", "expected a Rule object, got " + got)),
          problems(standard(value), Standard.class));
      assertEquals(List.of(Problem.of("rules[0].rule", "expected a Rule object, got " + got)),
          problems(standard("{\"id\": \"e\", \"field\": \"images\", \"rule\": " + value + ", \"type\":"
              + " \"each-element\"}"), Standard.class));
    });
  }

  @Test
  void aMissingTypeIsStillMissingAndTheKnownTypesAreListed() {
    assertEquals(List.of(Problem.of("", "missing 'type'; expected one of " + RULES)),
        problems("{\"field\": \"title\"}", Rule.class));
    assertEquals(List.of(Problem.of("rules[0]", "missing 'type'; expected one of " + RULES)),
        problems(standard("{\"field\": \"title\", \"kind\": [\"required\"]}"), Standard.class));
    assertEquals(List.of(Problem.of("", "missing 'type'; expected one of " + CONDITIONS)),
        problems("{}", Condition.class));
  }
}
