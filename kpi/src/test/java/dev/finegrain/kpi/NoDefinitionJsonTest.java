package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.incentive.PayoutPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON document that is {@code null}, empty or only whitespace holds no KPI definition: refused, never read as Java null. */
class NoDefinitionJsonTest {
  private static final List<Class<?>> TYPES = List.of(KpiQuery.class, Kpi.class, Measure.class, RatioTerm.class,
      Target.class, TimeRange.class, Rollup.class, PayoutPlan.class);

  @Test
  void aJsonNullWhereAKpiDefinitionBelongsIsRefused() {
    for (Class<?> type : TYPES) {
      for (String json : List.of("null", " null\n")) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type),
            type.getSimpleName());
        assertEquals(List.of(Problem.of("", "expected " + aOrAn(type) + " object, got null")),
            e.problems());
      }
    }
  }

  @Test
  void emptyOrBlankJsonWhereAKpiDefinitionBelongsIsRefused() {
    for (Class<?> type : TYPES) {
      for (String json : List.of("", " \n\t")) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type),
            type.getSimpleName());
        assertEquals(List.of(Problem.of("", "expected " + aOrAn(type) + " object, got empty input")),
            e.problems());
      }
    }
  }

  private static String aOrAn(Class<?> type) {
    String name = type.getSimpleName();
    return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }
}
