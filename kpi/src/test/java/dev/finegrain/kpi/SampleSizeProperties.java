package dev.finegrain.kpi;

import static dev.finegrain.kpi.ParallelQueryProperties.kpi;
import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.FieldSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every cell's sample size is the number of records its definition counts, recounted here record by
 * record without the engine: a count's records, a field's records with a value, a ratio's records
 * its denominator counts (those passing the denominator's filter and, for a sum, having a value), a
 * derived KPI's smallest input, each within the KPI's filter; and a roll-up row's is its groups'
 * records'. Over random records with absent values (amounts, ratings, instants, dimensions), over
 * rows and columns, with the fused loop and without, on one thread and several.
 */
class SampleSizeProperties {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant AS_OF = START.plus(Duration.ofDays(10));
  private static final Map<String, String> TEAMS = Map.of("ana", "north", "bo", "north", "cy", "south");
  private static final LongAdder FUSED = new LongAdder();

  private static final Condition ON_TIME = Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy");
  private static final Condition DUE = Condition.or(Condition.exists("shippedAt"),
      Condition.compare("promisedShipBy", Comparison.LT, AS_OF));
  private static final Condition SHIPPED = Condition.compareFields("shippedAt", Comparison.GE, "createdAt");
  private static final Condition KEPT = Condition.eq("returned", false);
  private static final Condition RETURNED = Condition.eq("returned", true);
  private static final Condition WEB = Condition.eq("channel", "web");
  private static final Condition BIG = Condition.compare("amountCents", Comparison.GE, 500);

  /** A KPI and, for a measured one, the records its sample counts: within its filter, as the definition says. */
  private record Case(Kpi kpi, Predicate<FieldSource> sample) {}

  private static final List<Case> MEASURED = List.of(
      counted("orders", Measure.count(), null, r -> true),
      counted("gmv", Measure.sum("amountCents"), null, has("amountCents")),
      counted("aov", Measure.mean("amountCents"), null, has("amountCents")),
      counted("web-rating", Measure.mean("rating"), WEB, has("rating")),
      // ratios whose denominator counts records: a share, a share with a filtered denominator
      counted("on-time-of-due", Measure.ratio(RatioTerm.count(ON_TIME), RatioTerm.count(DUE)), null, DUE::test),
      counted("on-time-share-of-due", Measure.share(ON_TIME), DUE, r -> true),
      counted("on-time-of-shipped", Measure.ratio(RatioTerm.count(ON_TIME), RatioTerm.count(SHIPPED)), null,
          SHIPPED::test),
      counted("return-rate", Measure.share(RETURNED), null, r -> true),
      counted("kept-of-on-time", Measure.ratio(RatioTerm.count(KEPT), RatioTerm.count(ON_TIME)), null, ON_TIME::test),
      counted("amount-per-shipped", Measure.ratio(RatioTerm.sum("amountCents"), RatioTerm.count(SHIPPED)), null,
          SHIPPED::test),
      counted("rating-per-web-order", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.count(WEB)), RETURNED,
          WEB::test),
      // ratios whose denominator sums a field: the records that pass its filter and have a value
      counted("big-share", Measure.ratio(RatioTerm.sum("amountCents", BIG), RatioTerm.sum("amountCents")), null,
          has("amountCents")),
      counted("web-refunds", Measure.ratio(RatioTerm.sum("amountCents", RETURNED), RatioTerm.sum("amountCents")),
          WEB, has("amountCents")),
      counted("orders-per-big-cent", Measure.ratio(RatioTerm.count(), RatioTerm.sum("amountCents", BIG)), null,
          r -> BIG.test(r) && has("amountCents").test(r)),
      counted("rating-per-cent", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.sum("amountCents")), null,
          has("amountCents")),
      counted("web-rating-share", Measure.ratio(RatioTerm.sum("rating", WEB), RatioTerm.sum("rating")), null,
          has("rating")),
      counted("shipped-rating-share", Measure.ratio(RatioTerm.count(), RatioTerm.sum("rating", SHIPPED)), KEPT,
          r -> SHIPPED.test(r) && has("rating").test(r)),
      counted("p50-amount", Measure.quantile("amountCents", 0.5), null, has("amountCents")),
      counted("members", Measure.distinct("member"), null, has("member")),
      counted("unshipped", Measure.count(), Condition.not(Condition.exists("shippedAt")), r -> true));

  /** Derived KPIs over two of the measured ones, in both orders and nested: their sample is the smaller. */
  private static final List<Kpi> DERIVED = List.of(
      kpi("rate-plus-aov", Measure.derived("`on-time-of-due` + aov"), null),
      kpi("aov-plus-rate", Measure.derived("aov + `on-time-of-due`"), null),
      kpi("share-times-rating", Measure.derived("(`web-rating-share` * 2) * `web-rating`"), null),
      kpi("rating-times-share", Measure.derived("`web-rating` * (2 * `web-rating-share`)"), null));

  private static Case counted(String id, Measure measure, Condition filter, Predicate<FieldSource> sample) {
    return new Case(kpi(id, measure, filter), r -> (filter == null || filter.test(r)) && sample.test(r));
  }

  private static Predicate<FieldSource> has(String field) {
    return r -> r.field(field).isPresent();
  }

  @Test
  void everyCellsSampleSizeIsTheCountOfTheRecordsItsDefinitionCounts() {
    qtWithAtMost(300).forAll(seeds(), seeds(), ints(1, 4), booleans()).checkAssert((dataSeed, querySeed, threads,
        fusedShape) -> {
      List<Order> orders = orders(new SplittableRandom(dataSeed));
      KpiQuery query = fusedShape ? fusedShape(new SplittableRandom(querySeed))
          : query(new SplittableRandom(querySeed));
      ColumnBatch batch = Order.columns(orders);
      LongAdder fused = new LongAdder();
      KpiTable table = Kpis.run(query, batch, Parallelism.none(), null, null); // the engine's passes alone
      String where = "data seed " + dataSeed + ", query " + query;

      assertEquals(table, Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused), where);
      assertEquals(table, Kpis.run(query, Order.SCHEMA, orders), where);
      assertEquals(table, Kpis.run(query, Order.SCHEMA, orders, Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
          fused, Kpis.RowRead.FUSED), where);
      Parallelism split = Parallelism.threads(threads).withCuts(orders.size() / 3, orders.size() / 2);
      assertEquals(table, Kpis.run(query, batch, split), where);
      assertEquals(table, Kpis.run(query, Order.SCHEMA, orders, split), where);
      FUSED.add(fused.sum() > 0 ? 1 : 0);

      for (KpiRow row : table.rows()) {
        List<FieldSource> records = new ArrayList<>();
        for (Order o : orders) {
          if (inRow(o, row, query)) {
            records.add(fields(o));
          }
        }
        Map<String, Long> expected = new HashMap<>();
        for (Case c : MEASURED) {
          expected.put(c.kpi().id(), records.stream().filter(c.sample()).count());
        }
        for (Kpi kpi : query.kpis()) {
          long n = kpi.measure() instanceof DerivedMeasure d
              ? d.kpis().stream().mapToLong(expected::get).min().orElseThrow() : expected.get(kpi.id());
          KpiCell cell = row.cell(kpi.id()).orElseThrow();
          assertEquals(n, cell.sampleSize(), () -> kpi.id() + " in " + row + "; " + where);
          assertEquals(n < query.smallSampleBelow(), cell.smallSample(), () -> kpi.id() + " in " + row);
        }
      }
    });
    // the fused loop reads shares from the tally it fills: it must have run in some of the queries
    assertTrue(FUSED.sum() > 0, "the fused loop never ran");
  }

  /** Whether order {@code o} is one of {@code row}'s records: in its window and group, or its roll-up. */
  private static boolean inRow(Order o, KpiRow row, KpiQuery query) {
    if (o.createdAt() == null || o.createdAt().isBefore(row.window().start())
        || !o.createdAt().isBefore(row.window().end())) {
      return false;
    }
    for (Map.Entry<String, String> d : row.dimensions().entrySet()) {
      String value = d.getKey().equals("channel") ? o.channel() : o.member();
      boolean absent = row.absentDimensions().contains(d.getKey());
      Rollup rollup = query.rollup().filter(x -> x.dimension().equals(d.getKey())).orElse(null);
      if (rollup == null || row.level().equals(KpiRow.BASE_LEVEL)) {
        if (absent ? value != null : !d.getValue().equals(value)) {
          return false;
        }
      } else if (row.level().equals(rollup.parentLevel())) {
        // an absent value, and one the map does not name, roll up into (unassigned)
        if (!d.getValue().equals(value == null ? Rollup.UNASSIGNED : rollup.parentOf(value))) {
          return false;
        }
      } // else the "all" row: every value
    }
    return true;
  }

  /** The order's fields as a condition reads them: instants as instants (to the millisecond); absent ones missing. */
  private static FieldSource fields(Order o) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (o.channel() != null) {
      f.put("channel", o.channel());
    }
    if (o.member() != null) {
      f.put("member", o.member());
    }
    f.put("createdAt", o.createdAt());
    if (o.promisedShipBy() != null) {
      f.put("promisedShipBy", o.promisedShipBy());
    }
    if (o.shippedAt() != null) {
      f.put("shippedAt", o.shippedAt());
    }
    if (o.amountCents() != ColumnBatch.ABSENT) {
      f.put("amountCents", o.amountCents());
    }
    f.put("returned", o.returned());
    if (!Double.isNaN(o.rating())) {
      f.put("rating", o.rating());
    }
    return FieldSource.of(f);
  }

  /**
   * 0 to 300 orders over 12 days (sometimes 2,100 to 4,500: several blocks), with absent values of
   * every kind: no instant (not aggregated), no promise, not shipped, no amount (and amounts of 0),
   * no rating (and ratings of 0), no channel or member.
   */
  private static List<Order> orders(SplittableRandom r) {
    int n = r.nextInt(8) == 0 ? 2_100 + r.nextInt(2_400) : r.nextInt(301);
    String[] channels = {"web", "app", "live", null};
    String[] members = {"ana", "bo", "cy", "dee", null};
    List<Order> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant created = r.nextInt(40) == 0 ? null : START.plusMillis(r.nextLong(Duration.ofDays(12).toMillis()));
      Instant base = created == null ? START : created;
      Instant promised = r.nextInt(12) == 0 ? null : base.plus(Duration.ofHours(24 + r.nextInt(240)));
      Instant shipped = r.nextInt(3) == 0 ? null : base.plus(Duration.ofMinutes(r.nextInt(96 * 60)));
      long amount = r.nextInt(6) == 0 ? ColumnBatch.ABSENT : r.nextInt(10) == 0 ? 0 : r.nextLong(1_000);
      double rating = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(10) == 0 ? 0.0 : 1 + r.nextInt(9) * 0.5;
      out.add(new Order("o" + i, channels[r.nextInt(channels.length)], members[r.nextInt(members.length)], created,
          promised, shipped, amount, r.nextInt(7) == 0, rating));
    }
    return out;
  }

  /** Any subset of the KPIs (with the derived ones whose inputs it has), any grain, dimensions and roll-up. */
  private static KpiQuery query(SplittableRandom r) {
    List<Kpi> kpis = new ArrayList<>();
    for (Case c : MEASURED) {
      if (r.nextInt(3) > 0) {
        kpis.add(c.kpi());
      }
    }
    if (kpis.isEmpty()) {
      kpis.add(MEASURED.get(r.nextInt(MEASURED.size())).kpi());
    }
    List<String> ids = kpis.stream().map(Kpi::id).toList();
    for (Kpi d : DERIVED) {
      if (ids.containsAll(((DerivedMeasure) d.measure()).kpis())) {
        kpis.add(d);
      }
    }
    KpiQuery.Builder b = KpiQuery.builder().addAllKpis(kpis).timeField("createdAt")
        .grain(new Grain[] {Grain.DAY, Grain.ISO_WEEK, Grain.MONTH, Grain.ALL}[r.nextInt(4)])
        .zone(ZoneId.of(new String[] {"UTC", "Asia/Shanghai", "-09:45"}[r.nextInt(3)]))
        .smallSampleBelow(r.nextInt(12));
    int dims = r.nextInt(4); // none, channel, member, both
    if ((dims & 1) != 0) {
      b.addGroupBy("channel");
    }
    if ((dims & 2) != 0) {
      b.addGroupBy("member");
      if (r.nextBoolean()) {
        b.rollup(Rollup.of("member", "team", TEAMS));
      }
    }
    return b.build();
  }

  /**
   * The fused loop's shape: days (or weeks, months) by channel, orders, GMV and its mean, and shares
   * of counts over at most two conditions, one a filtered denominator; sometimes rolled up.
   */
  private static KpiQuery fusedShape(SplittableRandom r) {
    List<Kpi> kpis = new ArrayList<>();
    kpis.add(MEASURED.get(0).kpi());
    if (r.nextBoolean()) {
      kpis.add(byId("gmv"));
      kpis.add(byId("aov"));
    }
    String[] shares = {"on-time-of-shipped", "kept-of-on-time", "return-rate"};
    kpis.add(byId(shares[r.nextInt(shares.length)]));
    KpiQuery.Builder b = KpiQuery.builder().addAllKpis(kpis).timeField("createdAt")
        .grain(new Grain[] {Grain.DAY, Grain.ISO_WEEK, Grain.MONTH}[r.nextInt(3)])
        .zone(ZoneId.of(new String[] {"UTC", "+05:30"}[r.nextInt(2)])).addGroupBy("channel")
        .smallSampleBelow(r.nextInt(12));
    if (r.nextInt(4) == 0) {
      b.rollup(Rollup.of("channel", "kind", Map.of("web", "online", "app", "online")));
    }
    return b.build();
  }

  private static Kpi byId(String id) {
    return MEASURED.stream().map(Case::kpi).filter(k -> k.id().equals(id)).findFirst().orElseThrow();
  }
}
