package dev.finegrain.kpi;

import static dev.finegrain.core.condition.Condition.and;
import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.eq;
import static dev.finegrain.core.condition.Condition.exists;
import static dev.finegrain.core.condition.Condition.in;
import static dev.finegrain.core.condition.Condition.not;
import static dev.finegrain.core.condition.Condition.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A KPI filter's constants are checked against the types of the fields they are compared with, when
 * the query meets its records' schema or columns: a value of another kind is refused with its path,
 * never left to match nothing (a return rate of "0.0% GREEN"). Instants compare with instants.
 */
class FilterKindTest {
  private static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant MAR_2 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Duration H = Duration.ofHours(1);

  // given: two orders on March 1st (one returned), two on March 2nd (one returned, one unshipped)
  private static final List<Order> ORDERS = List.of(
      order("a", "web", MAR_1.plus(H), 1_000, true),
      order("b", "app", MAR_1.plus(H.multipliedBy(5)), 1_500, false),
      order("c", "web", MAR_2.plus(H), 2_000, true),
      order("d", "web", MAR_2.plus(H.multipliedBy(3)), 20_000, false));

  private static Order order(String id, String channel, Instant created, long amount, boolean returned) {
    Instant shipped = id.equals("d") ? null : created.plus(H.multipliedBy(20));
    return new Order(id, channel, "m", created, created.plus(H.multipliedBy(48)), shipped, amount, returned, 4.0);
  }

  private static Kpi kpi(String id, Measure measure, Condition filter) {
    Kpi.Builder b = Kpi.builder().id(id).name(id).measure(measure);
    if (filter != null) {
      b.filter(filter);
    }
    return b.build();
  }

  private static KpiQuery query(Kpi... kpis) {
    return KpiQuery.builder().addKpis(kpis).putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .build();
  }

  /** The query run over rows and over columns, on one thread and on two. */
  private static List<Function<KpiQuery, KpiTable>> everyWay() {
    ColumnBatch columns = Order.columns(ORDERS);
    Parallelism two = Parallelism.threads(2).withMinRecordsPerTask(1);
    return List.of(
        q -> Kpis.run(q, Order.SCHEMA, ORDERS),
        q -> Kpis.run(q, columns),
        q -> Kpis.run(q, Order.SCHEMA, new java.util.ArrayList<>(ORDERS), two),
        q -> Kpis.run(q, columns, two));
  }

  private static List<Problem> refusal(KpiQuery query) {
    List<Problem> first = null;
    for (Function<KpiQuery, KpiTable> way : everyWay()) {
      List<Problem> problems = assertThrows(DefinitionException.class, () -> way.apply(query)).problems();
      if (first == null) {
        first = problems;
      }
      assertEquals(first, problems, "rows and columns, one thread and two, refuse alike");
    }
    assertEquals(first, assertThrows(DefinitionException.class, () -> Kpis.check(query, Order.SCHEMA.types()))
        .problems(), "Kpis.check refuses as a run does");
    return first;
  }

  private static double value(KpiQuery query, String kpi) {
    Double first = null;
    for (Function<KpiQuery, KpiTable> way : everyWay()) {
      double v = way.apply(query).rows().get(0).cell(kpi).orElseThrow().value().orElseThrow();
      if (first == null) {
        first = v;
      }
      assertEquals(first, v, "rows and columns, one thread and two, agree");
    }
    Kpis.check(query, Order.SCHEMA.types()); // accepts what a run accepts
    return first;
  }

  @Test
  void aFilterValueOfAnotherKindThanItsFieldIsRefusedNamingItsPathNotCountedAsNoMatch() {
    KpiQuery query = query(
        kpi("return-rate", Measure.share(eq("returned", "true")), null),
        kpi("big", Measure.count(), compare("amountCents", Comparison.GE, "1500")),
        kpi("tmall", Measure.share(eq("channel", 1)), null),
        kpi("nested", Measure.count(), and(exists("shippedAt"),
            or(eq("channel", "web"), not(in("returned", false, "false"))))),
        kpi("march", Measure.ratio(RatioTerm.count(), RatioTerm.count(compare("createdAt", Comparison.GE,
            "2026-03-01T00:00:00Z"))), null),
        kpi("rated", Measure.count(), compare("rating", Comparison.LT, true)),
        kpi("slow", Measure.count(), compare("delayHours", Comparison.GT, "24")));

    assertEquals(List.of(
        Problem.of("kpis[0].measure.numerator.filter.value",
            "'returned' is a BOOLEAN field; expected true or false, got a text \"true\""),
        Problem.of("kpis[1].filter.value", "'amountCents' is a LONG field; expected a number, got a text \"1500\""),
        Problem.of("kpis[2].measure.numerator.filter.value",
            "'channel' is a DIMENSION field; expected a text, got a number 1"),
        Problem.of("kpis[3].filter.conditions[1].conditions[1].condition.values[1]",
            "'returned' is a BOOLEAN field; expected true or false, got a text \"false\""),
        Problem.of("kpis[4].measure.denominator.filter.value", "'createdAt' is an INSTANT field; expected an"
            + " instant (an Instant in Java, {\"$instant\": \"2026-03-01T00:00:00Z\"} in JSON), got a text"
            + " \"2026-03-01T00:00:00Z\""),
        Problem.of("kpis[5].filter.value", "'rating' is a DOUBLE field; expected a number, got a boolean true"),
        Problem.of("kpis[6].filter.value",
            "'delayHours' is a whole-number derived field; expected a number, got a text \"24\"")),
        refusal(query));
  }

  @Test
  void aReturnRateReadFromJsonWithTheTextTrueIsRefusedAndWithTrueIsComputed() {
    String json = """
        {"kpis": [{"id": "return-rate", "name": "Return rate", "unit": "%", "direction": "LOWER_IS_BETTER",
                   "measure": {"type": "ratio",
                               "numerator": {"aggregate": "COUNT", "filter": {"type": "equals", "field": "returned", "value": "true"}},
                               "denominator": {"aggregate": "COUNT"}},
                   "target": {"value": 0.05, "amberWithin": 0.01}}]}
        """;

    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"true\"")),
        refusal(FinegrainJson.read(json, KpiQuery.class)));
    assertEquals(0.5, value(FinegrainJson.read(json.replace("\"true\"", "true"), KpiQuery.class), "return-rate"));
  }

  @Test
  void aNumberIsNotAnInstantSoAnEpochMillisecondConstantIsRefusedNamingTheInstantItWouldBe() {
    KpiQuery query = query(kpi("march", Measure.count(), compare("createdAt", Comparison.GE, MAR_1.toEpochMilli())),
        kpi("due", Measure.count(), in("promisedShipBy", MAR_1, 1.5)));

    assertEquals(List.of(
        Problem.of("kpis[0].filter.value", "'createdAt' is an INSTANT field; expected an instant (an Instant in"
            + " Java, {\"$instant\": \"2026-03-01T00:00:00Z\"} in JSON), got a number 1772323200000 (as epoch"
            + " milliseconds, 2026-03-01T00:00:00Z)"),
        Problem.of("kpis[1].filter.values[1]", "'promisedShipBy' is an INSTANT field; expected an instant (an"
            + " Instant in Java, {\"$instant\": \"2026-03-01T00:00:00Z\"} in JSON), got a number 1.5")),
        refusal(query));
  }

  @Test
  void anInstantFieldFiltersWithAnInstantGivenInJavaOrJsonOverRowsAndColumnsOnOneAndTwoThreads() {
    Instant secondOrder = MAR_1.plus(H.multipliedBy(5));
    KpiQuery java = query(
        kpi("from-march-2", Measure.share(compare("createdAt", Comparison.GE, MAR_2)), null),
        kpi("before-b", Measure.count(), compare("createdAt", Comparison.LT, secondOrder)),
        kpi("b", Measure.count(), eq("createdAt", secondOrder)),
        kpi("a-or-b", Measure.count(), in("createdAt", MAR_1.plus(H), secondOrder, MAR_2)),
        // a constant between two milliseconds: compared exactly, not cut to the millisecond before
        kpi("up-to-b", Measure.count(), compare("createdAt", Comparison.LT, secondOrder.plusNanos(1))),
        kpi("after-b", Measure.count(), compare("createdAt", Comparison.GT, secondOrder.minusNanos(1))),
        kpi("none-beyond", Measure.count(), compare("createdAt", Comparison.GT, Instant.MAX)),
        kpi("all-after", Measure.count(), compare("createdAt", Comparison.GT, Instant.MIN)));
    KpiQuery json = FinegrainJson.read(FinegrainJson.write(java), KpiQuery.class);

    assertEquals(java, json);
    assertEquals(0.5, value(json, "from-march-2"));
    assertEquals(1, value(json, "before-b"));
    assertEquals(1, value(json, "b"));
    assertEquals(2, value(json, "a-or-b"));
    assertEquals(2, value(json, "up-to-b"));
    assertEquals(3, value(json, "after-b"));
    assertEquals(0, value(json, "none-beyond"));
    assertEquals(4, value(json, "all-after"));
    assertEquals(0.5, value(FinegrainJson.read("""
        {"kpis": [{"id": "r", "name": "r", "measure": {"type": "ratio",
          "numerator": {"aggregate": "COUNT", "filter": {"type": "compare", "field": "createdAt", "op": ">=",
                                                         "value": {"$instant": "2026-03-02T00:00:00Z"}}},
          "denominator": {"aggregate": "COUNT"}}}]}
        """, KpiQuery.class), "r"));
  }

  @Test
  void anInstantConstantAtTheBottomOfTheMillisecondRangeComparesExactly() {
    // its seconds times 1,000 would not fit a long, its milliseconds do
    Instant bottom = Instant.ofEpochMilli(Long.MIN_VALUE + 500);
    List<Order> early = List.of(order("a", "web", Instant.ofEpochMilli(Long.MIN_VALUE + 1), 1, false),
        order("b", "web", Instant.ofEpochMilli(Long.MIN_VALUE + 499), 1, false),
        order("c", "web", bottom, 1, false), order("d", "web", Instant.ofEpochMilli(Long.MIN_VALUE + 900), 1, false));
    KpiQuery query = KpiQuery.builder()
        .addKpis(kpi("below", Measure.count(), compare("createdAt", Comparison.LT, bottom)))
        .addKpis(kpi("above", Measure.count(), compare("createdAt", Comparison.GT, bottom))).build();

    for (KpiTable table : List.of(Kpis.run(query, Order.SCHEMA, early), Kpis.run(query, Order.columns(early)))) {
      assertEquals(2, table.rows().get(0).cell("below").orElseThrow().value().orElseThrow());
      assertEquals(1, table.rows().get(0).cell("above").orElseThrow().value().orElseThrow());
    }
  }

  @Test
  void aWholeNumberFieldComparesWithAFractionExactlyButNeverEqualsOneSoEqualityWithOneIsRefused() {
    KpiQuery ordering = query(kpi("over", Measure.count(), compare("amountCents", Comparison.GT, 1500.5)),
        kpi("at-least", Measure.count(), compare("amountCents", Comparison.GE, 1500.5)),
        kpi("whole-valued", Measure.count(), in("amountCents", 1500.0, 2000)),
        kpi("slow", Measure.count(), compare("delayHours", Comparison.GE, 19.5)));
    KpiQuery equality = query(kpi("eq", Measure.count(), eq("amountCents", 1500.5)),
        kpi("ne", Measure.count(), compare("amountCents", Comparison.NE, 0.5)),
        kpi("in", Measure.count(), in("delayHours", 20, 20.25)));

    assertEquals(2, value(ordering, "over"));
    assertEquals(2, value(ordering, "at-least"));
    assertEquals(2, value(ordering, "whole-valued"));
    assertEquals(3, value(ordering, "slow"));
    assertEquals(List.of(
        Problem.of("kpis[0].filter.value", "'amountCents' is a LONG field and never equals 1500.5; expected a"
            + " whole number (with <, <=, > or >=, a fraction is a bound, compared exactly)"),
        Problem.of("kpis[1].filter.value", "'amountCents' is a LONG field and never equals 0.5; expected a"
            + " whole number (with <, <=, > or >=, a fraction is a bound, compared exactly)"),
        Problem.of("kpis[2].filter.values[1]", "'delayHours' is a whole-number derived field and never equals"
            + " 20.25; expected a whole number (with <, <=, > or >=, a fraction is a bound, compared exactly)")),
        refusal(equality));
  }
}
