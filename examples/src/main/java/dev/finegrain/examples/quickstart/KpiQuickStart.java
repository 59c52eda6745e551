package dev.finegrain.examples.quickstart;

import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The README's KPI quick-start, kept compiling and in sync by a test. */
public final class KpiQuickStart {
  /** An order as the analyst's own code has it; shippedAt is null until shipped. */
  record Order(String channel, Instant createdAt, Instant promisedShipBy, Instant shippedAt, long amountCents) {}

  public static void main(String[] args) {
    Instant monday = Instant.parse("2026-03-02T02:00:00Z");
    Duration twoDays = Duration.ofHours(48);
    List<Order> orders = List.of(
        new Order("tmall", monday, monday.plus(twoDays), monday.plus(Duration.ofHours(20)), 12_900),
        new Order("tmall", monday, monday.plus(twoDays), monday.plus(Duration.ofHours(60)), 8_800),
        new Order("jd", monday, monday.plus(twoDays), null, 25_000));

    // name the fields of your own record type once
    Schema<Order> schema = Schema.<Order>builder()
        .dimension("channel", Order::channel)
        .instant("createdAt", Order::createdAt)
        .instant("promisedShipBy", Order::promisedShipBy)
        .instant("shippedAt", Order::shippedAt)
        .longField("amountCents", Order::amountCents)
        .build();

    // ready KPIs by ISO week in the shop's time zone, per channel
    Instant asOf = monday.plus(Duration.ofDays(7));
    KpiQuery weekly = KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.onTimeShippingRate(asOf))
        .timeField("createdAt").grain(Grain.ISO_WEEK).zone(ZoneId.of("Asia/Shanghai"))
        .addGroupBy("channel")
        .build();

    System.out.print(Kpis.run(weekly, schema, orders).toText());
    // window    channel  Orders  GMV (cents)  On-time shipping rate
    // 2026-W10  jd           1*      25,000*              0.0% RED*
    // 2026-W10  tmall        2*      21,700*             50.0% RED*
    // * fewer than 30 records behind the value (for a ratio, records its denominator counts)
  }
}
