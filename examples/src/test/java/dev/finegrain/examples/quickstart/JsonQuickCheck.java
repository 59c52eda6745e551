package dev.finegrain.examples.quickstart;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.kpi.Target;
import dev.finegrain.kpi.TimeRange;
import java.util.List;
import java.util.Map;

/**
 * Reads definitions through each of finegrain's own JSON readers, as a consumer would: exact
 * decimals (a number range's bounds), a set whose elements must be distinct (a RACI assignment's
 * letters), ISO-8601 instants (a time range), doubles that refuse what no double holds (a target),
 * and prints each and each refusal. {@link ModulePathIT} runs it on the module path, where Jackson
 * reaches these readers only as the modules' descriptors allow.
 */
public final class JsonQuickCheck {
  private JsonQuickCheck() {}

  public static void main(String[] args) {
    Rule range = FinegrainJson.read("{\"type\": \"number-range\", \"field\": \"price\", \"min\": 0.01,"
        + " \"max\": 9007199254740993}", Rule.class);
    System.out.println(range.checkValue(Map.of("price", 9007199254740992.0)).isEmpty());
    System.out.println(FinegrainJson.read("{\"processId\": \"listing\", \"assignments\": [{\"step\": \"approve\","
        + " \"role\": \"manager\", \"letters\": [\"A\", \"R\"]}]}", ResponsibilityMatrix.class).assignments().size());
    System.out.println(FinegrainJson.read("{\"start\": \"2026-03-01T00:00:00Z\", \"end\": \"2026-03-02T00:00:00.000500Z\"}",
        TimeRange.class));
    System.out.println(FinegrainJson.read("{\"value\": 0.9, \"amberWithin\": 0.05}", Target.class));
    for (String refused : List.of(
        "{\"type\": \"number-range\", \"field\": \"price\", \"min\": 1e-400}",
        "{\"processId\": \"listing\", \"assignments\": [{\"step\": \"approve\", \"role\": \"manager\","
            + " \"letters\": [\"A\", \"R\", \"A\"]}]}",
        "{\"start\": 1772323200000, \"end\": \"2026-03-02T00:00:00Z\"}",
        "{\"value\": 0.9, \"amberWithin\": 1e-400}")) {
      Class<?> type = refused.contains("letters") ? ResponsibilityMatrix.class
          : refused.contains("field") ? Rule.class : refused.contains("start") ? TimeRange.class : Target.class;
      try {
        FinegrainJson.read(refused, type);
        System.out.println("accepted: " + refused);
      } catch (DefinitionException e) {
        System.out.println(e.problems());
      }
    }
  }
}
