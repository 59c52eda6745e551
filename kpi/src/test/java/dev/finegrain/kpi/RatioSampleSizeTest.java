package dev.finegrain.kpi;

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
      Condition.compare("promisedShipBy", Comparison.LT, AS_OF.toEpochMilli()));
  /** Shipped, as a comparison of two fields: a condition the fused loop evaluates. */
  private static final Condition SHIPPED = Condition.compareFields("shippedAt", Comparison.GE, "createdAt");
  private static final Condition RETURNED = Condition.eq("returned", true);

  private static Kpi kpi(String id, Measure measure, Condition filter) {
    Kpi.Builder b = Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure);
    if (filter != null) {
      b.filter(filter);
    }
    return b.build();
  }

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


  private static Order order(String channel, int i, boolean shipped, boolean returned) {
    Instant created = MONDAY.plus(Duration.ofMinutes(i));
    return new Order(channel + i, channel, "ana", created, created.plus(Duration.ofHours(48)),
        shipped ? created.plus(Duration.ofHours(10)) : null, 100, returned, 4.0);
  }
}
