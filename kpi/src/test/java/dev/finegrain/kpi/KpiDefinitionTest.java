package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class KpiDefinitionTest {
  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  @Test
  void formulasParseWithPrecedenceDurationsAndQuotedNames() {
    Formula f = Formula.parse("(shippedAt - createdAt) // 1h + 2 * `on-time-rate` - -x");

    assertEquals(List.of("shippedAt", "createdAt", "on-time-rate", "x"), f.names());
    assertEquals("(shippedAt - createdAt) // 3600000 + 2 * `on-time-rate` - -x".replace("3600000", "1h"),
        f.canonical());
    assertTrue(f.isWhole(n -> true));
    assertTrue(!Formula.parse("a / b").isWhole(n -> true));
    assertEquals(Formula.parse("a - (b - c)"), Formula.parse("a-(b-c)"));
    assertTrue(!Formula.parse("a - (b - c)").equals(Formula.parse("a - b - c")));
  }

  @Test
  void aMalformedFormulaNamesThePositionAndWhatWasExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formula.parse("(a - b // 1h"));
    IllegalArgumentException unit = assertThrows(IllegalArgumentException.class, () -> Formula.parse("a // 1week"));

    assertEquals("invalid formula '(a - b // 1h': expected ')' at position 12", e.getMessage());
    assertEquals("invalid formula 'a // 1week': expected a unit ms, s, min, h or d at position 6", unit.getMessage());
  }

  @Test
  void derivedKpisAreEmptyWhenAnInputIsEmptyOrADivisionIsByZero() {
    Formula f = Formula.parse("gmv / orders");

    assertEquals(OptionalDouble.of(5), Formulas.evaluate(f.root(), id -> OptionalDouble.of(id.equals("gmv") ? 10 : 2)));
    assertEquals(OptionalDouble.empty(), Formulas.evaluate(f.root(), id -> OptionalDouble.of(id.equals("gmv") ? 10 : 0)));
    assertEquals(OptionalDouble.empty(), Formulas.evaluate(f.root(), id -> OptionalDouble.empty()));
  }

  @Test
  void targetStatusIsDirectionAware() {
    Target higher = Target.of(0.95, 0.02);
    Target lower = Target.of(0.05, 0.01);

    assertEquals(Status.GREEN, higher.status(OptionalDouble.of(0.95), Direction.HIGHER_IS_BETTER));
    assertEquals(Status.AMBER, higher.status(OptionalDouble.of(0.94), Direction.HIGHER_IS_BETTER));
    assertEquals(Status.RED, higher.status(OptionalDouble.of(0.92), Direction.HIGHER_IS_BETTER));
    assertEquals(Status.GREEN, lower.status(OptionalDouble.of(0.04), Direction.LOWER_IS_BETTER));
    assertEquals(Status.AMBER, lower.status(OptionalDouble.of(0.055), Direction.LOWER_IS_BETTER));
    assertEquals(Status.RED, lower.status(OptionalDouble.of(0.07), Direction.LOWER_IS_BETTER));
    assertEquals(Status.UNKNOWN, lower.status(OptionalDouble.empty(), Direction.LOWER_IS_BETTER));
  }

  @Test
  void aValueExactlyAtTheAmberEdgeIsAmberAsWritten() {
    // 0.9 - 0.85 is 0.050000000000000044 in doubles, 0.07 - 0.05 is 0.020000000000000004
    assertEquals(Status.AMBER, Target.of(0.9, 0.05).status(OptionalDouble.of(17 / 20.0), Direction.HIGHER_IS_BETTER));
    assertEquals(Status.AMBER, Target.of(0.05, 0.02).status(OptionalDouble.of(0.07), Direction.LOWER_IS_BETTER));
    assertEquals(Status.RED, Target.of(0.9, 0.05).status(OptionalDouble.of(0.8499), Direction.HIGHER_IS_BETTER));
    assertEquals(Status.RED, Target.of(0.05, 0.02).status(OptionalDouble.of(0.0701), Direction.LOWER_IS_BETTER));
    assertEquals(Status.RED, Target.of(0.9, 0.05).status(OptionalDouble.of(Double.NEGATIVE_INFINITY),
        Direction.HIGHER_IS_BETTER));
    assertEquals(Status.GREEN, Target.of(0.9, 0.05).status(OptionalDouble.of(Double.POSITIVE_INFINITY),
        Direction.HIGHER_IS_BETTER));
  }

  @Test
  void aValueThatIsNotANumberHasNoStatus() {
    assertEquals("value: expected a number or empty, got NaN", assertThrows(IllegalArgumentException.class,
        () -> Target.of(0.9, 0.05).status(OptionalDouble.of(Double.NaN), Direction.HIGHER_IS_BETTER)).getMessage());
  }

  @Test
  void aRollupToALevelNamedAllABitPastTheBatchOrABlankDerivedFieldIsRefused() {
    DefinitionException all = assertThrows(DefinitionException.class,
        () -> Rollup.of("member", "all", Map.of("lin", "content")));
    IllegalArgumentException bit = assertThrows(IllegalArgumentException.class,
        () -> ColumnBatch.builder(4).booleans("b", java.util.BitSet.valueOf(new long[] {1L << 10})).build());
    DefinitionException blank = assertThrows(DefinitionException.class, () -> KpiQuery.builder()
        .addKpi(kpi("n", Measure.count())).putDerivedField(" ", Formula.parse("1")).build());

    assertEquals("parentLevel", all.problems().get(0).path());
    assertEquals("column 'b': bit 10 is set, past the 4 records of the batch; expected set bits below 4",
        bit.getMessage());
    assertEquals("derivedFields. ", blank.problems().get(0).path());
    assertEquals("parents", assertThrows(NullPointerException.class, () -> Rollup.of("member", "team", null))
        .getMessage());
    assertEquals("kpi", assertThrows(NullPointerException.class, () -> KpiTable.format(null, OptionalDouble.of(1)))
        .getMessage());
    java.util.BitSet inside = new java.util.BitSet();
    inside.set(3);
    assertEquals(1, ColumnBatch.builder(4).booleans("b", inside).build().size() / 4);
  }

  @Test
  void aQueryReportsDuplicateIdsUnknownAndCyclicDerivedKpisAtOnce() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> KpiQuery.builder()
        .addKpis(kpi("a", Measure.count()), kpi("a", Measure.count()), kpi("b", Measure.derived("c + missing")),
            kpi("c", Measure.derived("b * 2")))
        .timeField("createdAt").addGroupBy("channel", "channel").build());

    assertEquals(List.of(
        Problem.of("kpis[1].id", "duplicate KPI id 'a' (also kpis[0])"),
        Problem.of("kpis[2].measure.formula", "unknown KPI 'missing'; the query has [a, b, c]"),
        Problem.of("kpis", "derived KPIs form a cycle: b -> c -> b"),
        Problem.of("groupBy[1]", "'channel' is listed twice")), e.problems());
  }

  @Test
  void invalidMeasuresNameTheirField() {
    DefinitionException q = assertThrows(DefinitionException.class, () -> Measure.quantile("delay", 1.5));
    DefinitionException term = assertThrows(DefinitionException.class, () -> ImmutableRatioTerm.builder()
        .aggregate(RatioTerm.Aggregate.SUM).build());
    DefinitionException derivedFilter = assertThrows(DefinitionException.class, () -> Kpi.builder().id("x").name("x")
        .unit("").direction(Direction.HIGHER_IS_BETTER).measure(Measure.derived("a + b"))
        .filter(Condition.eq("a", 1)).build());

    assertEquals(List.of(Problem.of("q", "expected a quantile above 0 and at most 1, got 1.5")), q.problems());
    assertEquals(List.of(Problem.of("field", "a sum needs a field")), term.problems());
    assertEquals("filter", derivedFilter.problems().get(0).path());
  }

  @Test
  void aKpiInJsonReadsAsWrittenAndABadFormulaNamesItsPath() {
    String json = "{\"id\": \"net\", \"name\": \"Net revenue\", \"unit\": \"CNY\", \"direction\": \"HIGHER_IS_BETTER\","
        + " \"measure\": {\"type\": \"derived\", \"formula\": \"gmv - refunds\"}}";

    Kpi kpi = FinegrainJson.read(json, Kpi.class);
    DefinitionException bad = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(json.replace("gmv - refunds", "gmv -"), Kpi.class));

    assertEquals(List.of("gmv", "refunds"), ((DerivedMeasure) kpi.measure()).kpis());
    assertEquals("measure.formula", bad.problems().get(0).path());
    assertTrue(bad.getMessage().contains("expected a number, a name or '(' at position 5"), bad.getMessage());
  }

  @Test
  void aQueryRangeGivenAsEpochNumbersIsRefusedNamingItsPath() {
    String json = FinegrainJson.write(KpiQuery.builder().addKpis(kpi("orders", Measure.count())).timeField("createdAt")
        .range(TimeRange.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"))).build());

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        json.replace("\"2026-01-01T00:00:00Z\"", "1767225600000"), KpiQuery.class));

    assertEquals(List.of(Problem.of("range.start", "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\","
        + " got 1767225600000")), e.problems());
  }

  @Test
  void aTablesTextHeadsColumnsWithKpiNamesAndGivesEachColumnOneNumberFormat() {
    Kpi orders = Kpi.builder().id("orders").name("Orders").direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.count()).build();
    Kpi mean = Kpi.builder().id("mean-amount").name("Mean amount").unit("CNY").direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.mean("amountCents")).build();
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    // web's mean is whole (100), app's is not (100.5): both show two decimals
    List<Order> data = List.of(new Order("a", "web", "m", t, t, t, 100, true, 1),
        new Order("b", "app", "m", t, t, t, 100, false, 1), new Order("c", "app", "m", t, t, t, 101, false, 1));
    KpiTable table = Kpis.run(KpiQuery.builder().addKpis(orders, mean).timeField("createdAt").grain(Grain.DAY)
        .addGroupBy("channel").build(), Order.SCHEMA, data);

    assertEquals(String.join("\n",
        "window      channel  Orders  Mean amount (CNY)",
        "2026-03-02  app          2*            100.50*",
        "2026-03-02  web          1*            100.00*",
        "* fewer than 30 records behind the value", ""), table.toText());
  }

  @Test
  void aTablePrintsAlignedAndExportsAsJson() {
    Kpi orders = kpi("orders", Measure.count());
    Kpi rate = Kpi.builder().from(kpi("returns", Measure.share(Condition.eq("returned", true)))).unit("%")
        .direction(Direction.LOWER_IS_BETTER).target(Target.of(0.1)).build();
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    List<Order> data = List.of(new Order("a", "web", "m", t, t, t, 100, true, 1),
        new Order("b", "app", "m", t, t, t, 100, false, 1));
    KpiTable table = Kpis.run(KpiQuery.builder().addKpis(orders, rate).timeField("createdAt").grain(Grain.DAY)
        .addGroupBy("channel").build(), Order.SCHEMA, data);

    assertEquals(String.join("\n",
        "window      channel  orders  returns",
        "2026-03-02  app          1*  0.0% GREEN*",
        "2026-03-02  web          1*  100.0% RED*",
        "* fewer than 30 records behind the value (for a ratio, records its denominator counts)", ""),
        table.toText());
    String json = FinegrainJson.write(table);
    assertTrue(json.contains("\"label\" : \"2026-03-02\""), json);
    assertTrue(json.contains("\"status\" : \"RED\""), json);
    assertTrue(json.contains("\"numerator\" : 1.0"), json);
    assertEquals(Map.of("channel", "app"), table.rows().get(0).dimensions());
  }
}
