package dev.finegrain.kpi;

import static dev.finegrain.kpi.ParallelQueryProperties.kpi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A ratio's sample size is the records its denominator counts, not every record of the KPI: the
 * on-time rate of 5 due orders among 100 rests on 5 and is flagged as a small sample, as the same
 * rate written as a share with the KPI filtered to due orders is; over rows and columns, with the
 * fused loop and without, on one thread and several, in roll-up rows, derived KPIs and changes.
 */
class RatioSampleSizeTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T02:00:00Z");
  private static final Instant AS_OF = MONDAY.plus(Duration.ofDays(3));
  private static final Condition ON_TIME = Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy");
  private static final Condition DUE = Condition.or(Condition.exists("shippedAt"),
      Condition.compare("promisedShipBy", Comparison.LT, AS_OF));
  /** Shipped, as a comparison of two fields: a condition the fused loop evaluates. */
  private static final Condition SHIPPED = Condition.compareFields("shippedAt", Comparison.GE, "createdAt");
  private static final Condition RETURNED = Condition.eq("returned", true);

  /**
   * {@code due} orders of {@code channel} shipped (the first {@code onTime} of them on time, the
   * rest late), then {@code notDue} unshipped orders promised after {@link #AS_OF}.
   */
  private static List<Order> orders(String channel, int onTime, int due, int notDue) {
    List<Order> out = new ArrayList<>();
    for (int i = 0; i < due + notDue; i++) {
      Instant created = MONDAY.plus(Duration.ofMinutes(i));
      Instant promised = created.plus(Duration.ofHours(i < due ? 48 : 120));
      Instant shipped = i >= due ? null : created.plus(Duration.ofHours(i < onTime ? 20 : 60));
      out.add(new Order(channel + i, channel, "ana", created, promised, shipped, 100 + i, i % 9 == 0, 4.0));
    }
    return out;
  }

  /** The table of {@code query} over {@code orders} as rows and as columns, on one thread and several. */
  private static List<KpiTable> everyWay(KpiQuery query, List<Order> orders) {
    Parallelism split = Parallelism.threads(3).withCuts(orders.size() / 4, orders.size() / 2);
    return List.of(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.columns(orders)),
        Kpis.run(query, Order.SCHEMA, orders, split), Kpis.run(query, Order.columns(orders), split));
  }

  private static KpiCell cell(KpiTable table, String channel, String kpi) {
    return table.rows().stream().filter(r -> channel.equals(r.dimensions().get("channel"))).findFirst()
        .orElseThrow().cell(kpi).orElseThrow();
  }

  @Test
  void theOnTimeRateOfFiveDueOrdersAmongAHundredRestsOnFiveAndIsFlaggedAsTheShareOfDueOrdersIs() {
    List<Order> orders = new ArrayList<>(orders("web", 3, 5, 95));
    orders.addAll(orders("app", 33, 35, 5));
    Kpi rate = EcommerceKpis.onTimeShippingRate(AS_OF); // on time / due
    Kpi share = kpi("on-time-share-of-due", Measure.share(ON_TIME), DUE); // the same, as a share of due orders
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), rate, share).timeField("createdAt")
        .grain(Grain.ISO_WEEK).addGroupBy("channel").build();

    for (KpiTable table : everyWay(query, orders)) {
      KpiCell web = cell(table, "web", rate.id());
      assertEquals(OptionalDouble.of(0.6), web.value());
      assertEquals(5, web.sampleSize(), web.toString());
      assertTrue(web.smallSample(), web.toString());
      KpiCell webShare = cell(table, "web", share.id());
      assertEquals(List.of(web.value(), web.numerator(), web.denominator(), web.sampleSize(), web.smallSample()),
          List.of(webShare.value(), webShare.numerator(), webShare.denominator(), webShare.sampleSize(),
              webShare.smallSample()));
      KpiCell app = cell(table, "app", rate.id());
      assertEquals(35, app.sampleSize(), app.toString());
      assertFalse(app.smallSample(), app.toString());
      assertEquals(35, cell(table, "app", share.id()).sampleSize());
      assertEquals(100, cell(table, "web", "orders").sampleSize());
      // as JSON too
      String json = FinegrainJson.write(web);
      assertTrue(json.contains("\"sampleSize\" : 5") && json.contains("\"smallSample\" : true"), json);
    }
  }

  @Test
  void aShareOfShippedOrdersRestsOnTheShippedOnesInTheFusedLoopAsInThePassesOnOneThreadAndSeveral() {
    List<Order> orders = new ArrayList<>(orders("web", 3, 5, 95));
    orders.addAll(orders("app", 33, 35, 5));
    Kpi rate = kpi("on-time-of-shipped", Measure.ratio(RatioTerm.count(ON_TIME), RatioTerm.count(SHIPPED)), null);
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), rate).timeField("createdAt")
        .grain(Grain.DAY).addGroupBy("channel").build();
    KpiQuery asShare = KpiQuery.builder().from(query)
        .kpis(List.of(kpi("on-time-of-shipped", Measure.share(ON_TIME), SHIPPED))).build();
    ColumnBatch batch = Order.columns(orders);
    KpiTable passes = Kpis.run(query, batch, Parallelism.none(), null, null);
    LongAdder fused = new LongAdder();
    LongAdder rowsFused = new LongAdder();
    LongAdder splitFused = new LongAdder();

    assertEquals(passes, Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused));
    assertEquals(passes, Kpis.run(query, Order.SCHEMA, orders, Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
        rowsFused, Kpis.RowRead.FUSED));
    assertEquals(passes, Kpis.run(query, batch, Parallelism.threads(2).withCuts(37, 120),
        FusedDayKernel.Limits.DEFAULT, splitFused));
    assertTrue(fused.sum() > 0 && rowsFused.sum() > 0 && splitFused.sum() > 0, "the fused loop ran");
    assertEquals(5, cell(passes, "web", rate.id()).sampleSize());
    assertTrue(cell(passes, "web", rate.id()).smallSample());
    assertEquals(35, cell(passes, "app", rate.id()).sampleSize());
    KpiTable shares = Kpis.run(asShare, batch);
    assertEquals(cell(shares, "web", rate.id()), cell(passes, "web", rate.id()));
    assertEquals(cell(shares, "app", rate.id()), cell(passes, "app", rate.id()));
  }

  @Test
  void aRatioWhoseDenominatorSumsAFieldRestsOnTheRecordsWithAValueZerosIncluded() {
    Instant t = MONDAY;
    List<Order> orders = new ArrayList<>();
    long[] amounts = {ColumnBatch.ABSENT, ColumnBatch.ABSENT, ColumnBatch.ABSENT, ColumnBatch.ABSENT, 0, 100, 200,
        300, 400, 500};
    double[] ratings = {Double.NaN, Double.NaN, Double.NaN, 0.0, 1, 2, 3, 4, 5, 5};
    for (int i = 0; i < amounts.length; i++) {
      orders.add(new Order("w" + i, "web", "ana", t, t, t, amounts[i], i % 2 == 0, ratings[i]));
    }
    for (int i = 0; i < 3; i++) { // no amount at all: an empty ratio, on no record
      orders.add(new Order("a" + i, "app", "ana", t, t, t, ColumnBatch.ABSENT, true, Double.NaN));
    }
    for (int i = 0; i < 2; i++) { // amounts of 0: a zero denominator, on two records
      orders.add(new Order("l" + i, "live", "ana", t, t, t, 0, true, 1));
    }
    KpiQuery query = KpiQuery.builder().timeField("createdAt").grain(Grain.DAY).addGroupBy("channel")
        .smallSampleBelow(3)
        .addKpis(kpi("refund-share", Measure.ratio(RatioTerm.sum("amountCents", RETURNED),
            RatioTerm.sum("amountCents")), null))
        .addKpis(kpi("orders-per-cent", Measure.ratio(RatioTerm.count(), RatioTerm.sum("amountCents")), null))
        .addKpis(kpi("rating-share", Measure.ratio(RatioTerm.sum("rating", RETURNED), RatioTerm.sum("rating")), null))
        .addKpis(kpi("rating-per-cent", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.sum("amountCents")), null))
        .addKpis(kpi("amount-per-return", Measure.ratio(RatioTerm.sum("amountCents"), RatioTerm.count(RETURNED)),
            null))
        .build();

    for (KpiTable table : everyWay(query, orders)) {
      assertEquals(6, cell(table, "web", "refund-share").sampleSize());
      assertEquals(6, cell(table, "web", "orders-per-cent").sampleSize());
      assertEquals(7, cell(table, "web", "rating-share").sampleSize()); // a decimal ratio
      assertEquals(6, cell(table, "web", "rating-per-cent").sampleSize()); // decimal over whole
      assertEquals(5, cell(table, "web", "amount-per-return").sampleSize()); // a sum over a filtered count
      for (String kpi : List.of("refund-share", "orders-per-cent", "rating-per-cent", "rating-share")) {
        KpiCell app = cell(table, "app", kpi);
        assertEquals(0, app.sampleSize(), app.toString());
        assertTrue(app.value().isEmpty() && app.smallSample(), app.toString());
      }
      KpiCell live = cell(table, "live", "refund-share");
      assertEquals(2, live.sampleSize(), live.toString());
      assertTrue(live.value().isEmpty() && live.smallSample(), live.toString());
      assertFalse(cell(table, "web", "refund-share").smallSample());
    }
  }

  @Test
  void aRollUpRowRestsOnTheSummedSamplesOfItsGroups() {
    List<Order> orders = new ArrayList<>();
    String[] members = {"ana", "bo", "cy", null};
    for (int i = 0; i < 400; i++) {
      Instant created = MONDAY.plus(Duration.ofMinutes(i));
      Instant shipped = i % 3 == 0 ? null : created.plus(Duration.ofHours(i % 70));
      long amount = i % 5 == 0 ? ColumnBatch.ABSENT : i % 11;
      double rating = i % 4 == 0 ? Double.NaN : i % 6;
      orders.add(new Order("o" + i, "web", members[i % 4], created, created.plus(Duration.ofHours(48)), shipped,
          amount, i % 7 == 0, rating));
    }
    Map<String, String> teams = Map.of("ana", "north", "bo", "north", "cy", "south");
    List<Kpi> kpis = List.of(
        kpi("on-time-of-shipped", Measure.ratio(RatioTerm.count(ON_TIME), RatioTerm.count(SHIPPED)), null),
        kpi("refund-share", Measure.ratio(RatioTerm.sum("amountCents", RETURNED), RatioTerm.sum("amountCents")),
            null),
        kpi("rating-share", Measure.ratio(RatioTerm.sum("rating", RETURNED), RatioTerm.sum("rating")), null),
        kpi("amount-per-shipped", Measure.ratio(RatioTerm.sum("amountCents"), RatioTerm.count(SHIPPED)), null));
    KpiQuery query = KpiQuery.builder().addAllKpis(kpis).timeField("createdAt").grain(Grain.ISO_WEEK)
        .addGroupBy("member").rollup(Rollup.of("member", "team", teams)).build();
    List<java.util.function.Predicate<Order>> samples = List.of(
        o -> o.shippedAt() != null,
        o -> o.amountCents() != ColumnBatch.ABSENT,
        o -> !Double.isNaN(o.rating()),
        o -> o.shippedAt() != null);

    for (KpiTable table : everyWay(query, orders)) {
      for (int k = 0; k < kpis.size(); k++) {
        java.util.function.Predicate<Order> sample = samples.get(k);
        long north = orders.stream().filter(o -> o.member() != null && "north".equals(teams.get(o.member())))
            .filter(sample).count();
        long all = orders.stream().filter(sample).count();
        long ana = orders.stream().filter(o -> "ana".equals(o.member())).filter(sample).count();
        long bo = orders.stream().filter(o -> "bo".equals(o.member())).filter(sample).count();
        String id = kpis.get(k).id();
        assertEquals(ana, table.rows().stream().filter(r -> r.level().equals(KpiRow.BASE_LEVEL)
            && "ana".equals(r.dimensions().get("member"))).findFirst().orElseThrow().cell(id).orElseThrow()
            .sampleSize(), id);
        assertEquals(ana + bo, north, id);
        assertEquals(north, table.row("2026-W10", Map.of("member", "north")).orElseThrow().cell(id).orElseThrow()
            .sampleSize(), id);
        assertEquals(all, table.row("2026-W10", Map.of("member", Rollup.ALL)).orElseThrow().cell(id).orElseThrow()
            .sampleSize(), id);
      }
    }
  }

  @Test
  void aDerivedKpiRestsOnTheSmallestSampleOfAllItsInputsWhateverTheirOrderAndEmptiness() {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // amounts of 0: the refund share is empty, on 40 records
      orders.add(new Order("o" + i, "web", "ana", MONDAY, MONDAY, MONDAY, 0, i < 2, 3.0));
    }
    KpiQuery query = KpiQuery.builder().timeField("createdAt").grain(Grain.DAY).addGroupBy("channel")
        .addKpis(kpi("refund-share", Measure.ratio(RatioTerm.sum("amountCents", RETURNED),
            RatioTerm.sum("amountCents")), null))
        .addKpis(kpi("returns", Measure.count(), RETURNED))
        .addKpis(kpi("empty-first", Measure.derived("`refund-share` + returns"), null))
        .addKpis(kpi("empty-last", Measure.derived("returns + `refund-share`"), null))
        .addKpis(kpi("nested", Measure.derived("(`refund-share` * 2) - `empty-last` * returns"), null))
        .addKpis(kpi("constant", Measure.derived("1 + 2"), null))
        .build();

    for (KpiTable table : everyWay(query, orders)) {
      assertEquals(40, cell(table, "web", "refund-share").sampleSize());
      assertEquals(2, cell(table, "web", "returns").sampleSize());
      for (String derived : List.of("empty-first", "empty-last", "nested")) {
        KpiCell c = cell(table, "web", derived);
        assertTrue(c.value().isEmpty(), c.toString());
        assertEquals(2, c.sampleSize(), c.toString());
        assertTrue(c.smallSample(), c.toString());
      }
      KpiCell constant = cell(table, "web", "constant"); // reads no KPI: rests on no records
      assertEquals(OptionalDouble.of(3), constant.value());
      assertEquals(0, constant.sampleSize());
    }
  }

  @Test
  void aChangeFlagsAGroupThatRestsOnFewRecordsOfItsDenominatorOrOnNoneWhileItsNumeratorCountsSome() {
    // returns among shipped orders. Before: web ships all 100 orders; app ships 5 of 100; live
    // ships none of 40, 3 of which come back (a numerator on no denominator). After: each ships 40
    Kpi kpi = Kpi.builder().id("returns-of-shipped").name("Returns of shipped").unit("%")
        .direction(Direction.LOWER_IS_BETTER)
        .measure(Measure.ratio(RatioTerm.count(RETURNED), RatioTerm.count(Condition.exists("shippedAt")))).build();
    List<Order> before = new ArrayList<>();
    List<Order> after = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      before.add(order("web", i, true, i < 10));
      before.add(order("app", i, i < 5, i < 1));
      after.add(order("web", i, i < 40, i < 4));
      after.add(order("app", i, i < 40, i < 4));
    }
    for (int i = 0; i < 40; i++) {
      before.add(order("live", i, false, i < 3));
      after.add(order("live", i, true, i < 2));
    }

    KpiChange change = KpiChanges.decompose(kpi, "channel", Order.SCHEMA, before, after).orElseThrow();

    KpiChange.Contribution web = change.contribution("web").orElseThrow();
    KpiChange.Contribution app = change.contribution("app").orElseThrow();
    KpiChange.Contribution live = change.contribution("live").orElseThrow();
    assertEquals(List.of(100L, 40L), List.of(web.sampleBefore(), web.sampleAfter()));
    assertEquals(List.of(5L, 40L), List.of(app.sampleBefore(), app.sampleAfter()));
    assertEquals(List.of(0L, 40L), List.of(live.sampleBefore(), live.sampleAfter()));
    assertFalse(web.smallSample(), web.toString());
    assertTrue(app.smallSample(), app.toString()); // 5 shipped orders before
    assertTrue(live.smallSample(), live.toString()); // 3 returns of no shipped order before
    assertTrue(live.valueBefore().isEmpty());
    assertTrue(change.toText().contains("* fewer than 30 records in the denominator in a window"), change.toText());
  }

  private static Order order(String channel, int i, boolean shipped, boolean returned) {
    Instant created = MONDAY.plus(Duration.ofMinutes(i));
    return new Order(channel + i, channel, "ana", created, created.plus(Duration.ofHours(48)),
        shipped ? created.plus(Duration.ofHours(10)) : null, 100, returned, 4.0);
  }
}
