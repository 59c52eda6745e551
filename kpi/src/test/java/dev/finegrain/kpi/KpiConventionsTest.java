package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.incentive.PayoutPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The conventions every KPI definition follows: missing attributes, optional values and their defaults. */
class KpiConventionsTest {
  private record Sale(String channel, double amount) {}

  private static final Schema<Sale> SALES = Schema.<Sale>builder()
      .dimension("channel", Sale::channel)
      .doubleField("amount", Sale::amount)
      .build();
  private static final List<Sale> ROWS = List.of(new Sale("app", 10), new Sale("web", 5), new Sale("app", 2));

  private static Kpi plainCount() {
    return Kpi.builder().id("orders").name("Orders").measure(Measure.count()).build();
  }

  @Test
  void aMissingRequiredAttributeIsADefinitionExceptionNamingItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Kpi.builder().id("orders").build());

    assertEquals(List.of(Problem.of("name", "required, not set"), Problem.of("measure", "required, not set")),
        e.problems());
    assertEquals("invalid Kpi: 2 problems\n  name: required, not set\n  measure: required, not set", e.getMessage());
  }

  @Test
  void aMissingAttributeOfAPayoutPlanIsADefinitionExceptionToo() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> PayoutPlan.builder().build());

    assertEquals("PayoutPlan", e.subject());
    e.problems().forEach(p -> assertEquals("required, not set", p.message(), p.toString()));
  }

  @Test
  void aMissingAttributeInJsonNamesItsPathInTheDocument() {
    String json = "{\"kpis\": [{\"id\": \"orders\", \"measure\": {\"type\": \"count\"}}]}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, KpiQuery.class));

    assertEquals(List.of(Problem.of("kpis[0].name", "required, not set")), e.problems());
  }

  @Test
  void aPlainCountNeedsNeitherUnitNorDirection() {
    Kpi orders = plainCount();

    assertEquals(Optional.empty(), orders.unit());
    assertEquals(Optional.empty(), orders.direction());
    assertEquals(false, orders.isPercent());
  }

  @Test
  void aTargetWithoutADirectionIsRefusedAtDirection() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Kpi.builder().id("orders").name("Orders")
        .measure(Measure.count()).target(Target.of(100, 10)).build());

    assertEquals(List.of("direction"), e.problems().stream().map(Problem::path).toList());
  }

  @Test
  void grainAllWithoutATimeFieldReadsEveryRecordIntoOneWindow() {
    KpiQuery query = KpiQuery.builder().addKpi(plainCount()).addGroupBy("channel").build();

    KpiTable rows = Kpis.run(query, SALES, ROWS);
    KpiTable columns = Kpis.run(query, ColumnBatch.builder(3)
        .dimension("channel", new int[] {0, 1, 0}, new String[] {"app", "web"})
        .doubles("amount", new double[] {10, 5, 2})
        .build());

    assertEquals(Optional.empty(), query.timeField());
    assertEquals(List.of(OptionalDouble.of(2), OptionalDouble.of(1)),
        rows.rows().stream().map(r -> r.cells().get("orders").value()).toList());
    assertEquals(List.of("all", "all"), rows.rows().stream().map(r -> r.window().label()).toList());
    assertEquals(0, rows.skippedRecords());
    assertEquals(rows, columns);
  }

  @Test
  void aCalendarGrainOrARangeWithoutATimeFieldIsRefusedAtTimeField() {
    DefinitionException weekly = assertThrows(DefinitionException.class,
        () -> KpiQuery.builder().addKpi(plainCount()).grain(Grain.ISO_WEEK).build());
    DefinitionException ranged = assertThrows(DefinitionException.class, () -> KpiQuery.builder().addKpi(plainCount())
        .range(TimeRange.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(60))).build());

    assertEquals(List.of("timeField"), weekly.problems().stream().map(Problem::path).toList());
    assertEquals(List.of("timeField"), ranged.problems().stream().map(Problem::path).toList());
  }
}
