package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.incentive.PayoutPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the numbers of KPI definitions read from JSON become doubles. */
class DoubleJsonTest {

  @Test
  void aNumberThatWouldBecomeZeroIsRefusedWithItsPathNotReadAsZero() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read("{\"value\": 0.9, \"amberWithin\": 1e-400}", Target.class));
    assertEquals(List.of(Problem.of("amberWithin",
        "number 1E-400 is too small for a double; it would become 0 (write 0 if that is meant)")), e.problems());

    DefinitionException gate = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"id\": \"p\", \"name\": \"P\", \"currency\": \"CNY\", \"gates\": [{\"kpi\": \"accuracy\", \"op\": \">=\","
            + " \"threshold\": -2.5e-400}]}", PayoutPlan.class));
    assertEquals("gates[0].threshold", gate.problems().get(0).path(), gate.getMessage());
    assertEquals("number -2.5E-400 is too small for a double; it would become 0 (write 0 if that is meant)",
        gate.problems().get(0).message());
  }

  @Test
  void aNumberTooLargeForADoubleIsRefusedWithItsPathNotReadAsInfinity() {
    for (String number : List.of("1e400", "-1.8e308", "1" + "0".repeat(400), "1e9999999999")) {
      DefinitionException e = assertThrows(DefinitionException.class,
          () -> FinegrainJson.read("{\"value\": " + number + "}", Target.class), number);
      assertEquals("value", e.problems().get(0).path(), number);
      assertEquals(true, e.problems().get(0).message().endsWith(" is outside the range of a double (about ±1.8e308)"),
          e.problems().get(0).message());
    }
  }

  @Test
  void zeroAndEveryNumberADoubleHoldsAreReadAsTheNearestDouble() {
    for (String zero : List.of("0", "-0.0", "0e-500", "0.000e9")) {
      assertEquals(0.0, Math.abs(FinegrainJson.read("{\"value\": " + zero + "}", Target.class).value()), zero);
    }
    assertEquals(Double.MIN_VALUE, FinegrainJson.read("{\"value\": 4.9e-324}", Target.class).value());
    assertEquals(Double.MIN_VALUE, FinegrainJson.read("{\"value\": 3e-324}", Target.class).value());
    assertEquals(Double.MAX_VALUE, FinegrainJson.read("{\"value\": 1.7976931348623157e308}", Target.class).value());
    assertEquals(0.1, FinegrainJson.read("{\"value\": 0.1}", Target.class).value());
    assertEquals(95.0, FinegrainJson.read("{\"value\": 95}", Target.class).value());
  }
}
