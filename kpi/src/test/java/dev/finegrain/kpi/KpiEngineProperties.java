package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Gens.subsets;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

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

  @Test
  void rowsAndColumnsGiveTheSameTable() {
    qt().forAll(orders(), queries()).checkAssert((orders, query) ->
        assertEquals(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.columns(orders))));
  }

  @Test
  void aListAnyIterableAndColumnsGiveTheSameTableOverManyBlocks() {
    qtWithAtMost(30).forAll(orders(), queries(), ints(1, 3)).checkAssert((orders, query, blocks) -> {
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
    });
  }

  @Test
  void theOrderOfRecordsDoesNotChangeExactKpis() {
    qt().forAll(orders(), queries(), seeds()).checkAssert((orders, query, seed) -> {
      List<Order> shuffled = new ArrayList<>(orders);
      Collections.shuffle(shuffled, new Random(seed));

      assertEquals(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.SCHEMA, shuffled));
    });
  }

  @Test
  void aRollupRowEqualsTheQueryRunOverItsMembersAlone() {
    qt().forAll(orders()).checkAssert(orders -> {
      Map<String, String> teams = Map.of("ana", "north", "bo", "north", "cy", "south");
      Formula delay = Formula.parse("(shippedAt - createdAt) // 1h");
      KpiQuery byMember = KpiQuery.builder().addAllKpis(EXACT_KPIS).timeField("createdAt").grain(Grain.ISO_WEEK)
          .putDerivedField("delayHours", delay).addGroupBy("member").rollup(Rollup.of("member", "team", teams)).build();
      KpiQuery whole = KpiQuery.builder().addAllKpis(EXACT_KPIS).timeField("createdAt").grain(Grain.ISO_WEEK)
          .putDerivedField("delayHours", delay).build();
      List<Order> north = orders.stream().filter(o -> o.member() != null && "north".equals(teams.get(o.member())))
          .toList();

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
      // the map names neither an absent member nor the text (none): both roll up into (unassigned)
      List<Order> unassigned = orders.stream().filter(o -> o.member() == null || !teams.containsKey(o.member()))
          .toList();
      for (KpiRow row : Kpis.run(whole, Order.SCHEMA, unassigned).rows()) {
        KpiRow team = rolled.row(row.window().label(), Map.of("member", Rollup.UNASSIGNED)).orElseThrow();
        assertEquals(values(row), values(team));
      }
    });
  }

  @Test
  void rowsComeInWindowLevelAndDimensionOrderWithDeltasFromTheSameGroupsPreviousWindow() {
    qt().forAll(orders(), queries(), booleans()).checkAssert((orders, query, rolledUp) -> {
      KpiQuery q = rolledUp && query.groupBy().contains("member")
          ? KpiQuery.builder().from(query).rollup(Rollup.of("member", "team", Map.of("ana", "north", "bo", "north")))
              .build()
          : query;
      List<KpiRow> rows = Kpis.run(q, Order.columns(orders)).rows();

      // reference order: window start, level (ordinary, parent, all), dimension values as text, one by one,
      // then, of rows that read alike, the one with an absent value where the other has the text (none) first
      List<String> levels = List.of(KpiRow.BASE_LEVEL, "team", "all");
      Comparator<KpiRow> tableOrder = Comparator.<KpiRow, Instant>comparing(r -> r.window().start())
          .thenComparing(r -> levels.indexOf(r.level()))
          .thenComparing((a, b) -> Arrays.compare(a.dimensions().values().toArray(new String[0]),
              b.dimensions().values().toArray(new String[0])))
          .thenComparing((a, b) -> Arrays.compare(absentFlags(b), absentFlags(a)));
      List<KpiRow> sorted = new ArrayList<>(rows);
      sorted.sort(tableOrder);
      assertEquals(sorted, rows);
      for (int i = 1; i < rows.size(); i++) {
        assertTrue(tableOrder.compare(rows.get(i - 1), rows.get(i)) < 0, "two rows of one group and window");
      }
      for (KpiRow row : rows) {
        Optional<KpiRow> previous = rows.stream().filter(r -> r.level().equals(row.level())
            && r.dimensions().equals(row.dimensions()) && r.absentDimensions().equals(row.absentDimensions())
            && r.window().end().equals(row.window().start())).findFirst();
        for (KpiCell cell : row.cells().values()) {
          OptionalDouble before = previous.flatMap(p -> p.cell(cell.kpi())).map(KpiCell::value)
              .orElse(OptionalDouble.empty());
          OptionalDouble expected = before.isPresent() && cell.value().isPresent()
              ? OptionalDouble.of(cell.value().getAsDouble() - before.getAsDouble()) : OptionalDouble.empty();
          assertEquals(expected, cell.delta(), () -> "delta of " + cell.kpi() + " in " + row);
        }
      }
    });
  }

  /** Whether each group-by dimension of {@code row} is absent, in query order. */
  private static boolean[] absentFlags(KpiRow row) {
    List<String> dims = List.copyOf(row.dimensions().keySet());
    boolean[] out = new boolean[dims.size()];
    for (int d = 0; d < out.length; d++) {
      out[d] = row.absentDimensions().contains(dims.get(d));
    }
    return out;
  }

  private static List<Object> values(KpiRow row) {
    return row.cells().values().stream().map(c -> List.of(c.value(), c.sampleSize(), c.status())).map(o -> (Object) o)
        .toList();
  }

  @Test
  void queriesRoundTripThroughJson() {
    qt().forAll(queries()).checkAssert(query ->
        assertEquals(query, FinegrainJson.read(FinegrainJson.write(query), KpiQuery.class)));
  }

  /**
   * Up to 120 orders over 20 days, some not shipped (ship hours -1); a channel or member may be
   * absent or the text (none), which read alike but are different groups.
   */
  static Gen<List<Order>> orders() {
    Gen<String> channels = pick("web", "app", "live", QueryEngine.NONE, ABSENT).map(c -> c == ABSENT ? null : c);
    Gen<String> members = pick("ana", "bo", "cy", QueryEngine.NONE, ABSENT).map(m -> m == ABSENT ? null : m);
    Gen<Long> offsets = longs(0, Duration.ofDays(20).toMillis());
    Gen<Integer> shipHours = ints(-1, 96);
    Gen<Long> amounts = longs(0, 1_000);
    Gen<Boolean> returns = booleans();
    Gen<Order> order = in -> order(channels.generate(in), members.generate(in), offsets.generate(in),
        shipHours.generate(in), amounts.generate(in), returns.generate(in));
    return lists(order, 120);
  }

  private static Order order(String channel, String member, long offset, int shipHours, long amount,
      boolean returned) {
    Instant created = START.plusMillis(offset);
    Instant shipped = shipHours < 0 ? null : created.plus(Duration.ofHours(shipHours));
    return new Order("o", channel, member, created, created.plus(Duration.ofHours(48)), shipped, amount, returned,
        3.5);
  }

  /** Stands for an absent value in {@code pick}, which takes no null. */
  private static final String ABSENT = new String("absent");

  /** Queries over every grain, three zones, any dimensions and any non-empty set of KPIs. */
  static Gen<KpiQuery> queries() {
    List<Kpi> plain = EXACT_KPIS.subList(0, EXACT_KPIS.size() - 1);
    return pick(Grain.values()).zip(
        pick(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin")),
        subsets(List.of("channel", "member"), 0, 2),
        subsets(plain, 1, plain.size()),
        booleans(),
        (grain, zone, dims, kpis, derived) -> {
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
