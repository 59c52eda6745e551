package dev.finegrain.examples.snippets;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiChange;
import dev.finegrain.kpi.KpiChanges;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Parallelism;
import dev.finegrain.kpi.RoundedEffects;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.Target;
import dev.finegrain.kpi.accumulator.Accumulators;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.experiment.ConversionComparison;
import dev.finegrain.kpi.experiment.ConversionTest;
import dev.finegrain.kpi.experiment.Conversions;
import dev.finegrain.kpi.experiment.MeanComparison;
import dev.finegrain.kpi.experiment.SampleRatioCheck;
import dev.finegrain.kpi.experiment.SampleRatioResult;
import dev.finegrain.kpi.experiment.SampleSummary;
import dev.finegrain.kpi.experiment.WelchTest;
import dev.finegrain.kpi.incentive.Gate;
import dev.finegrain.kpi.incentive.Payout;
import dev.finegrain.kpi.incentive.PayoutPlan;
import dev.finegrain.kpi.incentive.Tier;
import dev.finegrain.kpi.incentive.TieredRule;
import dev.finegrain.kpi.incentive.ValueFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The usage examples of kpi's entry points, each a block that compiles; {@link JavadocExamplesTest}
 * checks that each javadoc shows its block line for line.
 */
@SuppressWarnings("unused")
final class KpiJavadocSnippets {
  private KpiJavadocSnippets() {}

  /** The record type of the examples. */
  record Order(Instant createdAt, Instant shippedAt, long amountCents, boolean returned, String channel) {}

  static void kpi() {
    // begin Kpi
    Kpi onTime = Kpi.builder().id("on-time-rate").name("On-time shipping rate").unit("%")
        .direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy")))
        .target(Target.of(0.95, 0.02))
        .build();
    // end Kpi
  }

  static void kpiQuery(Kpi orders, Kpi gmv, Kpi onTimeRate, Kpi p90ShipDelay, Schema<Order> ordersSchema,
      List<Order> orderList) {
    // begin KpiQuery
    KpiQuery weekly = KpiQuery.builder()
        .addKpis(orders, gmv, onTimeRate, p90ShipDelay)
        .timeField("createdAt").grain(Grain.ISO_WEEK).zone(ZoneId.of("Asia/Shanghai"))
        .putDerivedField("shipDelayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel")
        .build();
    KpiTable table = Kpis.run(weekly, ordersSchema, orderList);   // or Kpis.run(weekly, columnBatch)
    // end KpiQuery
  }

  static void kpis(KpiQuery query, ColumnBatch batch, Schema<Order> ordersSchema, List<Order> orders,
      ExecutorService pool) {
    // begin Kpis
    KpiTable daily = Kpis.run(query, batch);                 // columns: the fast path
    KpiTable same  = Kpis.run(query, ordersSchema, orders);  // rows: any Iterable of your own type
    KpiTable again = Kpis.run(query, batch, Parallelism.on(pool, 8)); // 8 workers at once: this thread, 7 of pool
    // end Kpis
  }

  static void kpiChanges(ZoneId shanghai, Schema<Order> schema, List<Order> orders) {
    // begin KpiChanges
    KpiQuery weekly = KpiQuery.builder().addKpis(EcommerceKpis.returnRate())
        .timeField("createdAt").grain(Grain.ISO_WEEK).zone(shanghai).addGroupBy("channel").build();
    KpiTable table = Kpis.run(weekly, schema, orders);
    KpiChange change = KpiChanges.decompose(table, "return-rate", "channel", "2026-W12", "2026-W13")
        .orElseThrow();                       // empty if the KPI has no value in either window
    System.out.print(change.toText());
    // end KpiChanges
  }

  static void kpiChange(KpiTable weeklyByChannel) {
    // begin KpiChange
    KpiChange change = KpiChanges.decompose(weeklyByChannel, "return-rate", "channel", "2026-W12", "2026-W13")
        .orElseThrow();
    for (KpiChange.Contribution c : change.contributions()) {   // largest first
      System.out.println(c.group() + " rate " + c.rateEffect() + " mix " + c.mixEffect());
    }
    // end KpiChange
  }

  static void roundedEffects(KpiChange change) {
    // begin RoundedEffects
    RoundedEffects shown = RoundedEffects.of(change);
    for (RoundedEffects.Row row : shown.rows()) {          // the change's groups, in its order
      System.out.println(row.group() + " " + shown.format(row.rateEffect()) + " " + shown.format(row.mixEffect())
          + " = " + shown.format(row.total()));             // douyin -3.02 pp -0.67 pp = -3.69 pp
    }
    System.out.println(shown.format(shown.all().total()));  // the change rounded: -4.69 pp
    // end RoundedEffects
  }

  static void parallelism(KpiQuery query, ColumnBatch batch) {
    // begin Parallelism
    ExecutorService pool = Executors.newFixedThreadPool(8);               // the application's threads
    KpiTable daily = Kpis.run(query, batch, Parallelism.on(pool, 8));     // up to 8 workers at once
    KpiTable same = Kpis.run(query, batch, Parallelism.threads(8));       // or threads for this query only
    // end Parallelism
  }

  static void schema() {
    // begin Schema
    Schema<Order> orders = Schema.<Order>builder()
        .instant("createdAt", Order::createdAt)
        .instant("shippedAt", Order::shippedAt)          // null: not shipped yet
        .longField("amountCents", Order::amountCents)
        .booleanField("returned", Order::returned)
        .dimension("channel", Order::channel)
        .build();
    // end Schema
  }

  static void columnBatch(int n, long[] createdAtMillis, long[] shippedAtMillis, long[] amountCents, boolean[] returned,
      int[] channelCodes) {
    // begin ColumnBatch
    ColumnBatch batch = ColumnBatch.builder(n)
        .instants("createdAt", createdAtMillis)
        .instants("shippedAt", shippedAtMillis)               // ColumnBatch.ABSENT: not shipped
        .longs("amountCents", amountCents)
        .booleans("returned", returned)
        .dimension("channel", channelCodes, new String[] {"web", "app", "live"})
        .build();
    // end ColumnBatch
  }

  static void accumulators() {
    // begin Accumulators
    LongRatio monday = Accumulators.longRatio();      // on-time shipments over shipments
    monday.add(true);
    monday.add(false);
    LongRatio tuesday = Accumulators.longRatio();
    tuesday.add(true);
    // ship the state between threads, executors or days as bytes, then merge: the order does not matter
    LongRatio week = ((LongRatio) Accumulators.fromBytes(monday.toBytes())).merge(tuesday);
    week.result().value();                            // OptionalDouble[0.666...]: 2 of 3, never an average of averages
    // end Accumulators
  }

  static void longSum() {
    // begin LongSum
    LongSum gmv = LongSum.create();
    gmv.add(Long.MAX_VALUE);            // a running total at the top of the range
    gmv.add(1_999);                     // past it: kept exactly
    gmv.add(-2_000);                    // and back
    gmv.result();                       // Result[count=3, sum=9223372036854775806]
    // end LongSum
  }

  static void payoutPlan() {
    // begin PayoutPlan
    PayoutPlan plan = PayoutPlan.builder().id("ops-q3").name("Operations bonus Q3").currency("CNY")
        .addGate(Gate.builder().kpi("info-accuracy").op(Comparison.GE).threshold(0.98)
            .format(ValueFormat.PERCENT).build())
        .addRule(TieredRule.builder().id("on-time").kpi("on-time-rate").format(ValueFormat.PERCENT)
            .addTier(Tier.ofAmount("silver", 0.95, new BigDecimal("1000")))
            .addTier(Tier.ofAmount("gold", 0.98, new BigDecimal("1500"))).build())
        .cap(new BigDecimal("3000"))
        .build();
    Payout ma = plan.evaluateNumbers("ma", Map.of("info-accuracy", 0.991, "on-time-rate", 0.972));
    ma.total();      // 1000.00
    ma.toString();   // ma: 1,000.00 CNY = tier 'silver' on on-time-rate 97.2% (>= 95%: 1,000.00); gate ...
    // end PayoutPlan
  }

  static void conversionTest() {
    // begin ConversionTest
    ConversionComparison result = ConversionTest.withDefaults()
        .compare(Conversions.of(1000, 120), Conversions.of(1000, 150));
    result.pValue();    // 0.0496
    result.toString();  // treatment converts 25.0% better than control (15.00% vs 12.00%; difference
                        // +3.00 pp, 95% CI +0.01 to +5.99 pp), p = 0.0496: significant at alpha 0.05
    // end ConversionTest
  }

  static void welchTest() {
    // begin WelchTest
    MeanComparison result = WelchTest.withDefaults()
        .compare(SampleSummary.of(10, 0.75, 3.2005556), SampleSummary.of(10, 2.33, 4.009));
    result.t();                 // 1.8608
    result.degreesOfFreedom();  // 17.776
    result.pValue();            // 0.0794: not significant at alpha 0.05
    // end WelchTest
  }

  static void sampleRatioCheck() {
    // begin SampleRatioCheck
    SampleRatioResult srm = SampleRatioCheck.withDefaults().check(50_500, 49_000);   // intended 50/50
    srm.mismatch();   // true: p = 0.0000020 < 0.001
    // end SampleRatioCheck
  }
}
