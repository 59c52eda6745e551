package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the KPI engine: rows equal columns, record order does not matter, rows come in table order
 * with deltas from the previous window, definitions round-trip.
 */
class KpiEngineProperties {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private static final List<Kpi> EXACT_KPIS = List.of(
      kpi("orders", Measure.count(), null),
      kpi("gmv", Measure.sum("amountCents"), null),
      kpi("web-gmv", Measure.sum("amountCents"), Condition.eq("channel", "web")),
      kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy")), null),
      kpi("big-share", Measure.ratio(RatioTerm.sum("amountCents", Condition.compare("amountCents", Comparison.GE, 500)),
          RatioTerm.sum("amountCents")), null),
      kpi("p50-delay", Measure.quantile("delayHours", 0.5), null),
      kpi("p90-delay-hist", ImmutableQuantileMeasure.builder().field("delayHours").q(0.9).significantDigits(2).build(),
          null),
      kpi("members", Measure.distinct("member"), null),
      kpi("unshipped", Measure.count(), Condition.not(Condition.exists("shippedAt"))),
      kpi("per-order", Measure.derived("gmv / orders"), null));

  private static Kpi kpi(String id, Measure measure, Condition filter) {
    Kpi.Builder b = Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure)
        .target(Target.of(10, 2));
    if (filter != null) {
      b.filter(filter);
    }
    return b.build();
  }

  @Property
  void rowsAndColumnsGiveTheSameTable(@ForAll("orders") List<Order> orders, @ForAll("queries") KpiQuery query) {
    assertEquals(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.columns(orders)));
  }

  @Property(tries = 30)
  void aListAnyIterableAndColumnsGiveTheSameTableOverManyBlocks(@ForAll("orders") List<Order> orders,
      @ForAll("queries") KpiQuery query, @ForAll @IntRange(min = 1, max = 3) int blocks) {
    List<Order> many = new ArrayList<>();
    while (!orders.isEmpty() && many.size() < blocks * 2048 + 7) {
      many.addAll(orders);
    }
    KpiTable fromList = Kpis.run(query, Order.SCHEMA, many); // an ArrayList: bulk copies per block
    Iterable<Order> plain = many::iterator; // one iterator step per record
    assertEquals(fromList, Kpis.run(query, Order.SCHEMA, plain));
    assertEquals(fromList, Kpis.run(query, Order.SCHEMA, new java.util.LinkedList<>(many)));
    assertEquals(fromList, Kpis.run(query, Order.SCHEMA, com.google.common.collect.ImmutableList.copyOf(many)));
    assertEquals(fromList, Kpis.run(query, Order.SCHEMA, new java.util.concurrent.CopyOnWriteArrayList<>(many)));
    assertEquals(fromList, Kpis.run(query, Order.columns(many)));
  }

  @Property
  void theOrderOfRecordsDoesNotChangeExactKpis(@ForAll("orders") List<Order> orders,
      @ForAll("queries") KpiQuery query, @ForAll long seed) {
    List<Order> shuffled = new ArrayList<>(orders);
    Collections.shuffle(shuffled, new Random(seed));

    assertEquals(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.SCHEMA, shuffled));
  }

  @Property
  void aRollupRowEqualsTheQueryRunOverItsMembersAlone(@ForAll("orders") List<Order> orders) {
    Map<String, String> teams = Map.of("ana", "north", "bo", "north", "cy", "south");
    Formula delay = Formula.parse("(shippedAt - createdAt) // 1h");
    KpiQuery byMember = KpiQuery.builder().addAllKpis(EXACT_KPIS).timeField("createdAt").grain(Grain.ISO_WEEK)
        .putDerivedField("delayHours", delay).addGroupBy("member").rollup(Rollup.of("member", "team", teams)).build();
    KpiQuery whole = KpiQuery.builder().addAllKpis(EXACT_KPIS).timeField("createdAt").grain(Grain.ISO_WEEK)
        .putDerivedField("delayHours", delay).build();
    List<Order> north = orders.stream().filter(o -> "north".equals(teams.get(o.member()))).toList();

    KpiTable rolled = Kpis.run(byMember, Order.SCHEMA, orders);
    KpiTable northOnly = Kpis.run(whole, Order.SCHEMA, north);
    KpiTable all = Kpis.run(whole, Order.SCHEMA, orders);

    for (KpiRow row : northOnly.rows()) {
      KpiRow team = rolled.row(row.window().label(), Map.of("member", "north")).orElseThrow();
      assertEquals(values(row), values(team));
    }
    for (KpiRow row : all.rows()) {
      KpiRow everyone = rolled.row(row.window().label(), Map.of("member", Rollup.ALL)).orElseThrow();
      assertEquals(values(row), values(everyone));
    }
  }

  @Property
  void rowsComeInWindowLevelAndDimensionOrderWithDeltasFromTheSameGroupsPreviousWindow(
      @ForAll("orders") List<Order> orders, @ForAll("queries") KpiQuery query, @ForAll boolean rolledUp) {
    KpiQuery q = rolledUp && query.groupBy().contains("member")
        ? KpiQuery.builder().from(query).rollup(Rollup.of("member", "team", Map.of("ana", "north", "bo", "north")))
            .build()
        : query;
    List<KpiRow> rows = Kpis.run(q, Order.columns(orders)).rows();

    // reference order: window start, level (ordinary, parent, all), dimension values as text, one by one
    List<String> levels = List.of(KpiRow.BASE_LEVEL, "team", "all");
    Comparator<KpiRow> tableOrder = Comparator.<KpiRow, Instant>comparing(r -> r.window().start())
        .thenComparing(r -> levels.indexOf(r.level()))
        .thenComparing((a, b) -> Arrays.compare(a.dimensions().values().toArray(new String[0]),
            b.dimensions().values().toArray(new String[0])));
    List<KpiRow> sorted = new ArrayList<>(rows);
    sorted.sort(tableOrder);
    assertEquals(sorted, rows);
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(tableOrder.compare(rows.get(i - 1), rows.get(i)) < 0, "two rows of one group and window");
    }
    for (KpiRow row : rows) {
      Optional<KpiRow> previous = rows.stream().filter(r -> r.level().equals(row.level())
          && r.dimensions().equals(row.dimensions()) && r.window().end().equals(row.window().start())).findFirst();
      for (KpiCell cell : row.cells().values()) {
        OptionalDouble before = previous.flatMap(p -> p.cell(cell.kpi())).map(KpiCell::value)
            .orElse(OptionalDouble.empty());
        OptionalDouble expected = before.isPresent() && cell.value().isPresent()
            ? OptionalDouble.of(cell.value().getAsDouble() - before.getAsDouble()) : OptionalDouble.empty();
        assertEquals(expected, cell.delta(), () -> "delta of " + cell.kpi() + " in " + row);
      }
    }
  }

  private static List<Object> values(KpiRow row) {
    return row.cells().values().stream().map(c -> List.of(c.value(), c.sampleSize(), c.status())).map(o -> (Object) o)
        .toList();
  }

  @Property
  void queriesRoundTripThroughJson(@ForAll("queries") KpiQuery query) {
    assertEquals(query, FinegrainJson.read(FinegrainJson.write(query), KpiQuery.class));
  }

  @Provide
  Arbitrary<List<Order>> orders() {
    Arbitrary<Order> order = Combinators.combine(
        Arbitraries.of("web", "app", "live"),
        Arbitraries.of("ana", "bo", "cy"),
        Arbitraries.longs().between(0, Duration.ofDays(20).toMillis()),
        Arbitraries.integers().between(-1, 96),
        Arbitraries.longs().between(0, 1_000),
        Arbitraries.of(true, false))
        .as((channel, member, offset, shipHours, amount, returned) -> {
          Instant created = START.plusMillis(offset);
          Instant shipped = shipHours < 0 ? null : created.plus(Duration.ofHours(shipHours));
          return new Order("o", channel, member, created, created.plus(Duration.ofHours(48)), shipped, amount, returned,
              3.5);
        });
    return order.list().ofMaxSize(120);
  }

  @Provide
  Arbitrary<KpiQuery> queries() {
    return Combinators.combine(
        Arbitraries.of(Grain.class),
        Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin")),
        Arbitraries.subsetOf("channel", "member").map(ArrayList::new),
        Arbitraries.subsetOf(EXACT_KPIS.subList(0, EXACT_KPIS.size() - 1)).ofMinSize(1).map(ArrayList::new),
        Arbitraries.of(true, false))
        .as((grain, zone, dims, kpis, derived) -> {
          List<Kpi> chosen = new ArrayList<>(kpis);
          if (derived && chosen.stream().anyMatch(k -> k.id().equals("gmv"))
              && chosen.stream().anyMatch(k -> k.id().equals("orders"))) {
            chosen.add(EXACT_KPIS.get(EXACT_KPIS.size() - 1));
          }
          return KpiQuery.builder().addAllKpis(chosen).timeField("createdAt").grain(grain).zone(zone)
              .addAllGroupBy(dims).putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
              .build();
        });
  }
}
