package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class KpiEngineTest {
  private static final Instant D1 = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
  private static final Duration H = Duration.ofHours(1);

  private static Order order(String id, String channel, Instant created, long shipHours, long amount,
      boolean returned) {
    Instant promised = created.plus(H.multipliedBy(48));
    Instant shipped = shipHours < 0 ? null : created.plus(H.multipliedBy(shipHours));
    return new Order(id, channel, "m-" + channel, created, promised, shipped, amount, returned, 4.0);
  }

  // given: day 1 web: 3 orders (one late at 50 h, one returned); day 1 app: 1 order not shipped;
  // day 2 web: 2 orders, both on time
  private static final List<Order> ORDERS = List.of(
      order("a", "web", D1.plus(H.multipliedBy(1)), 10, 10_000, false),
      order("b", "web", D1.plus(H.multipliedBy(2)), 50, 20_000, true),
      order("c", "web", D1.plus(H.multipliedBy(3)), 24, 30_000, false),
      order("d", "app", D1.plus(H.multipliedBy(4)), -1, 5_000, false),
      order("e", "web", D1.plus(Duration.ofDays(1)).plus(H), 5, 40_000, false),
      order("f", "web", D1.plus(Duration.ofDays(1)).plus(H.multipliedBy(2)), 7, 60_000, false));

  private static final Kpi ORDERS_KPI = Kpi.builder().id("orders").name("Orders").unit("orders")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.count()).build();
  private static final Kpi GMV = Kpi.builder().id("gmv").name("GMV").unit("cents")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.sum("amountCents")).build();
  private static final Kpi AOV = Kpi.builder().id("aov").name("Average order value").unit("cents")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.mean("amountCents")).build();
  private static final Kpi ON_TIME = Kpi.builder().id("on-time").name("On-time shipping rate").unit("%")
      .direction(Direction.HIGHER_IS_BETTER)
      .measure(Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy")))
      .target(Target.of(0.95, 0.05)).build();
  private static final Kpi RETURN_RATE = Kpi.builder().id("return-rate").name("Return rate").unit("%")
      .direction(Direction.LOWER_IS_BETTER).measure(Measure.share(Condition.eq("returned", true)))
      .target(Target.of(0.10)).build();
  private static final Kpi P90_DELAY = Kpi.builder().id("p90-delay").name("p90 ship delay").unit("hours")
      .direction(Direction.LOWER_IS_BETTER).measure(Measure.quantile("delayHours", 0.9)).build();
  private static final Kpi NET = Kpi.builder().id("gmv-per-order").name("GMV per order").unit("cents")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.derived("gmv / orders")).build();

  private static KpiQuery.Builder daily() {
    return KpiQuery.builder().addKpis(ORDERS_KPI, GMV, AOV, ON_TIME, RETURN_RATE, P90_DELAY, NET)
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"));
  }

  private static double value(KpiTable table, String window, Map<String, String> dims, String kpi) {
    return table.row(window, dims).orElseThrow().cell(kpi).orElseThrow().value().orElseThrow();
  }

  @Test
  void computesEachMeasurePerDayAndChannel() {
    KpiTable table = Kpis.run(daily().addGroupBy("channel").build(), Order.SCHEMA, ORDERS);

    Map<String, String> web = Map.of("channel", "web");
    assertEquals(3, value(table, "2026-03-02", web, "orders"));
    assertEquals(60_000, value(table, "2026-03-02", web, "gmv"));
    assertEquals(20_000, value(table, "2026-03-02", web, "aov"));
    assertEquals(2.0 / 3, value(table, "2026-03-02", web, "on-time"), 1e-12);
    assertEquals(1.0 / 3, value(table, "2026-03-02", web, "return-rate"), 1e-12);
    // delays 10, 50, 24 hours: nearest rank ceil(0.9 * 3) = 3rd smallest = 50
    assertEquals(50, value(table, "2026-03-02", web, "p90-delay"));
    assertEquals(20_000, value(table, "2026-03-02", web, "gmv-per-order"));
    assertEquals(List.of("2026-03-02", "2026-03-02", "2026-03-03"),
        table.rows().stream().map(r -> r.window().label()).toList());
  }

  @Test
  void aRatioKeepsItsNumeratorAndDenominatorAndAnUnshippedOrderIsNotOnTime() {
    KpiTable table = Kpis.run(daily().addGroupBy("channel").build(), Order.SCHEMA, ORDERS);

    KpiCell app = table.row("2026-03-02", Map.of("channel", "app")).orElseThrow().cell("on-time").orElseThrow();
    assertEquals(OptionalDouble.of(0), app.numerator());
    assertEquals(OptionalDouble.of(1), app.denominator());
    assertEquals(OptionalDouble.of(0), app.value());
    assertEquals(Status.RED, app.status());
    // the unshipped order has no delay: p90 of nothing is empty, not 0
    KpiCell delay = table.row("2026-03-02", Map.of("channel", "app")).orElseThrow().cell("p90-delay").orElseThrow();
    assertEquals(OptionalDouble.empty(), delay.value());
    assertEquals(0, delay.sampleSize());
  }

  @Test
  void aZeroDenominatorIsEmptyWithUnknownStatusNeverNaN() {
    Kpi shareOfReturnsShipped = Kpi.builder().id("returned-late").name("Late among returned").unit("%")
        .direction(Direction.LOWER_IS_BETTER)
        .measure(Measure.ratio(RatioTerm.count(Condition.compareFields("shippedAt", Comparison.GT, "promisedShipBy")),
            RatioTerm.count()))
        .filter(Condition.eq("returned", true)).target(Target.of(0.1)).build();
    KpiTable table = Kpis.run(KpiQuery.builder().addKpi(shareOfReturnsShipped).timeField("createdAt")
        .grain(Grain.DAY).build(), Order.SCHEMA, ORDERS);

    KpiCell day2 = table.row("2026-03-03", Map.of()).orElseThrow().cell("returned-late").orElseThrow();
    assertEquals(OptionalDouble.empty(), day2.value());
    assertEquals(OptionalDouble.of(0), day2.denominator());
    assertEquals(Status.UNKNOWN, day2.status());
    assertEquals(1.0, value(table, "2026-03-02", Map.of(), "returned-late"));
  }

  @Test
  void statusReadsTheDirectionAndTheAmberBand() {
    KpiTable table = Kpis.run(daily().build(), Order.SCHEMA, ORDERS);

    KpiRow day1 = table.row("2026-03-02", Map.of()).orElseThrow();
    // on time 3 of 4 = 0.75 against 0.95 (amber down to 0.90): red; returns 1 of 4 = 0.25 > 0.10: red
    assertEquals(Status.RED, day1.cell("on-time").orElseThrow().status());
    assertEquals(Status.RED, day1.cell("return-rate").orElseThrow().status());
    KpiRow day2 = table.row("2026-03-03", Map.of()).orElseThrow();
    assertEquals(Status.GREEN, day2.cell("on-time").orElseThrow().status());
    assertEquals(Status.GREEN, day2.cell("return-rate").orElseThrow().status());
    assertEquals(Status.UNKNOWN, day2.cell("gmv").orElseThrow().status());
  }

  @Test
  void deltaIsTheChangeFromThePreviousWindowOfTheSameGroup() {
    KpiTable table = Kpis.run(daily().build(), Order.SCHEMA, ORDERS);

    KpiCell day2 = table.row("2026-03-03", Map.of()).orElseThrow().cell("orders").orElseThrow();
    assertEquals(OptionalDouble.of(2 - 4), day2.delta());
    assertEquals(OptionalDouble.empty(),
        table.row("2026-03-02", Map.of()).orElseThrow().cell("orders").orElseThrow().delta());
  }

  @Test
  void smallSamplesAreFlagged() {
    KpiTable table = Kpis.run(daily().smallSampleBelow(3).build(), Order.SCHEMA, ORDERS);

    assertFalse(table.row("2026-03-02", Map.of()).orElseThrow().cell("orders").orElseThrow().smallSample());
    assertTrue(table.row("2026-03-03", Map.of()).orElseThrow().cell("orders").orElseThrow().smallSample());
  }

  @Test
  void aDayInADaylightSavingZoneIs23Or25HoursLong() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant springDay = Instant.parse("2026-03-29T12:00:00Z"); // clocks go forward at 02:00
    Instant autumnDay = Instant.parse("2026-10-25T12:00:00Z"); // clocks go back at 03:00
    List<Order> orders = List.of(order("x", "web", springDay, 1, 100, false), order("y", "web", autumnDay, 1, 100,
        false));

    KpiTable table = Kpis.run(KpiQuery.builder().addKpi(ORDERS_KPI).timeField("createdAt").grain(Grain.DAY)
        .zone(berlin).build(), Order.SCHEMA, orders);

    Window spring = table.rows().get(0).window();
    Window autumn = table.rows().get(1).window();
    assertEquals("2026-03-29", spring.label());
    assertEquals(Duration.ofHours(23), Duration.between(spring.start(), spring.end()));
    assertEquals(Instant.parse("2026-03-28T23:00:00Z"), spring.start());
    assertEquals(Duration.ofHours(25), Duration.between(autumn.start(), autumn.end()));
  }

  @Test
  void labelsWeeksMonthsAndQuarters() {
    List<Order> one = List.of(order("x", "web", Instant.parse("2026-01-01T10:00:00Z"), 1, 100, false));

    assertEquals("2026-W01", label(one, Grain.ISO_WEEK));
    assertEquals("2026-01", label(one, Grain.MONTH));
    assertEquals("2026-Q1", label(one, Grain.QUARTER));
    assertEquals("all", label(one, Grain.ALL));
  }

  private static String label(List<Order> orders, Grain grain) {
    return Kpis.run(KpiQuery.builder().addKpi(ORDERS_KPI).timeField("createdAt").grain(grain).build(), Order.SCHEMA,
        orders).rows().get(0).window().label();
  }

  @Test
  void rollsUpMembersToTeamsAndAllByMergingNeverByAveraging() {
    // member m-web: on time 2 of 3 (day 1); m-app: 0 of 1. Team "shop" has both: 2 of 4 = 0.5,
    // while the average of the two members' rates would be 1/3
    KpiQuery query = KpiQuery.builder().addKpis(ORDERS_KPI, ON_TIME).timeField("createdAt").grain(Grain.ALL)
        .addGroupBy("member").rollup(Rollup.of("member", "team", Map.of("m-web", "shop", "m-app", "shop"))).build();

    KpiTable table = Kpis.run(query, Order.SCHEMA, ORDERS.subList(0, 4));

    assertEquals(List.of("", "", "team", "all"), table.rows().stream().map(KpiRow::level).toList());
    assertEquals(0.5, value(table, "all", Map.of("member", "shop"), "on-time"), 1e-12);
    assertEquals(0.5, value(table, "all", Map.of("member", Rollup.ALL), "on-time"), 1e-12);
    assertEquals(4, value(table, "all", Map.of("member", "shop"), "orders"));
  }

  @Test
  void recordsWithoutTimeOrOutsideTheRangeAreCountedNotDropped() {
    List<Order> orders = List.of(ORDERS.get(0), new Order("z", "web", "m", null, null, null, 1, false, 1),
        ORDERS.get(4));
    KpiQuery query = KpiQuery.builder().addKpi(ORDERS_KPI).timeField("createdAt").grain(Grain.DAY)
        .range(TimeRange.of(D1, D1.plus(Duration.ofDays(1)))).build();

    KpiTable table = Kpis.run(query, Order.SCHEMA, orders);

    assertEquals(1, table.rows().size());
    assertEquals(1, table.skippedNoTime());
    assertEquals(1, table.skippedOutOfRange());
    assertTrue(table.toText().contains("not aggregated: 1 without createdAt, 1 outside the range"), table.toText());
  }

  @Test
  void aRecordBeforeTheRangeIsSkippedEvenInTheWindowOfTheRecordBeforeIt() {
    // a month window reaches outside a range of days: the last window used must not admit a record
    // that is outside the range
    Instant inRange = D1.plus(Duration.ofDays(3));
    List<Order> orders = List.of(order("a", "web", inRange, 1, 100, false), order("b", "web", D1, 1, 100, false));
    KpiQuery query = KpiQuery.builder().addKpi(ORDERS_KPI).timeField("createdAt").grain(Grain.MONTH)
        .range(TimeRange.of(D1.plus(Duration.ofDays(2)), D1.plus(Duration.ofDays(9)))).build();

    KpiTable rows = Kpis.run(query, Order.SCHEMA, orders);

    assertEquals(1.0, value(rows, "2026-03", Map.of(), "orders"));
    assertEquals(1, rows.skippedOutOfRange());
    assertEquals(rows, Kpis.run(query, Order.columns(orders)));
  }

  @Test
  void columnsGiveTheSameTableAsRows() {
    KpiQuery query = daily().addGroupBy("channel").build();

    assertEquals(Kpis.run(query, Order.SCHEMA, ORDERS), Kpis.run(query, Order.columns(ORDERS)));
  }

  @Test
  void aQueryThatNamesMissingOrMistypedFieldsFailsListingEachWithItsPath() {
    Kpi bad = Kpi.builder().id("bad").name("Bad").unit("").direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.sum("channel")).filter(Condition.eq("colour", "red")).build();
    Kpi quantileOfDecimal = Kpi.builder().id("q").name("Q").unit("").direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.quantile("rating", 0.5)).build();
    KpiQuery query = KpiQuery.builder().addKpis(bad, quantileOfDecimal).timeField("amountCents")
        .addGroupBy("region").build();

    DefinitionException e = assertThrows(DefinitionException.class, () -> Kpis.run(query, Order.SCHEMA, ORDERS));

    List<String> paths = e.problems().stream().map(p -> p.path()).toList();
    assertEquals(List.of("timeField", "groupBy[0]", "kpis[0].filter", "kpis[0].measure.field",
        "kpis[1].measure.field"), paths, e.getMessage());
    assertTrue(e.getMessage().contains("a quantile needs whole numbers, but 'rating' is a DOUBLE field"),
        e.getMessage());
  }

  /** An event with an id, for reading records while the list they are in changes. */
  record Event(Instant at, long id) {}

  private static KpiQuery distinctIds() {
    return KpiQuery.builder().timeField("at").grain(Grain.ALL)
        .addKpis(Kpi.builder().id("ids").name("Distinct ids").unit("ids").direction(Direction.HIGHER_IS_BETTER)
            .measure(Measure.distinct("id")).build(),
            Kpi.builder().id("events").name("Events").unit("events").direction(Direction.HIGHER_IS_BETTER)
                .measure(Measure.count()).build())
        .build();
  }

  /** A schema whose id extractor runs {@code onFirstRead} once, standing in for another thread's write. */
  private static Schema<Event> schemaThatWritesOnce(Runnable onFirstRead) {
    boolean[] written = {false};
    return Schema.<Event>builder().instant("at", Event::at).longField("id", e -> {
      if (!written[0]) {
        written[0] = true;
        onFirstRead.run();
      }
      return e.id();
    }).build();
  }

  @Test
  void aCopyOnWriteListIsReadAsTheSnapshotItsIteratorSees() {
    List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 5000; i++) { // three blocks
      events.add(new Event(D1.plusSeconds(i), i));
    }
    KpiTable table = Kpis.run(distinctIds(), schemaThatWritesOnce(() -> events.add(0, new Event(D1, -1))), events);

    KpiRow row = table.rows().get(0);
    assertEquals(5000.0, row.cell("ids").get().value().getAsDouble(), "every record read once, none twice");
    assertEquals(5000.0, row.cell("events").get().value().getAsDouble());
  }

  @Test
  void anArrayListThatChangesDuringARunFailsFastInsteadOfDroppingRecords() {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      events.add(new Event(D1.plusSeconds(i), i));
    }
    assertThrows(java.util.ConcurrentModificationException.class,
        () -> Kpis.run(distinctIds(), schemaThatWritesOnce(() -> events.add(new Event(D1, -1))), events));
  }
}
