package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A KPI query or target whose JSON is malformed is refused as core's definitions are: the path
 * inside it, what was expected and got, and the line and column, with Jackson's exception as the
 * cause.
 */
class MalformedKpiJsonTest {
  private static List<Problem> refused(String json, Class<?> type) {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type));
    assertInstanceOf(JsonProcessingException.class, e.getCause());
    return e.problems();
  }

  @Test
  void aMemberGivenTwiceInAQueryIsNamedWithItsPathAndPlace() {
    assertEquals(List.of(Problem.of("kpis[0].measure.type", "expected each field once, got 'type' a second time"
            + " at line 2, column 73")),
        refused("{\"kpis\": [\n  {\"id\": \"orders\", \"name\": \"Orders\", \"measure\": {\"type\": \"count\", \"type\": \"sum\"}}]}",
            KpiQuery.class));
  }

  @Test
  void nanAndInfinityInATargetAreRefusedAsNumbers() {
    assertEquals(List.of(Problem.of("value", "expected a finite number, got NaN at line 1, column 11")),
        refused("{\"value\": NaN}", Target.class));
    assertEquals(List.of(Problem.of("amberWithin", "expected a finite number, got Infinity at line 1, column 31")),
        refused("{\"value\": 0.9, \"amberWithin\": Infinity}", Target.class));
  }

  @Test
  void aQueryCutShortSaysWhatWasLeftOpen() {
    assertEquals(List.of(Problem.of("kpis[0].measure", "expected the rest of the object and its '}', got the end of"
            + " the input at line 1, column 73")),
        refused("{\"kpis\": [{\"id\": \"orders\", \"name\": \"Orders\", \"measure\": {\"type\": \"count\"", KpiQuery.class));
  }
}
