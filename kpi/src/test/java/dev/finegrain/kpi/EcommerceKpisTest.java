package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EcommerceKpisTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** Records as maps: enough for the catalogue's conventional field names. */
  private static Schema<Map<String, Object>> schema(String... longs) {
    Schema.Builder<Map<String, Object>> b = Schema.<Map<String, Object>>builder()
        .instant("createdAt", m -> (Instant) m.get("createdAt"))
        .instant("shippedAt", m -> (Instant) m.get("shippedAt"))
        .instant("promisedShipBy", m -> (Instant) m.get("promisedShipBy"))
        .instant("firstResponseAt", m -> (Instant) m.get("firstResponseAt"))
        .booleanField("conforms", m -> Boolean.TRUE.equals(m.get("conforms")))
        .booleanField("converted", m -> Boolean.TRUE.equals(m.get("converted")));
    for (String field : longs) {
      b.longField(field, m -> ((Number) m.getOrDefault(field, 0L)).longValue());
    }
    return b.build();
  }

  private static OptionalDouble run(Kpi kpi, Schema<Map<String, Object>> schema, List<Map<String, Object>> records,
      Map<String, Formula> derived) {
    KpiQuery query = KpiQuery.builder().addKpi(kpi).timeField("createdAt").putAllDerivedFields(derived).build();
    return Kpis.run(query, schema, records).rows().get(0).cell(kpi.id()).orElseThrow().value();
  }

  private static Map<String, Object> order(long promiseHours, Long shipHours) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("createdAt", T0);
    m.put("promisedShipBy", T0.plus(Duration.ofHours(promiseHours)));
    if (shipHours != null) {
      m.put("shippedAt", T0.plus(Duration.ofHours(shipHours)));
    }
    return m;
  }

  @Test
  void onTimeShippingCountsUnshippedOverdueOrdersAsLateAndLeavesOutOrdersNotYetDue() {
    Instant asOf = T0.plus(Duration.ofHours(30));
    List<Map<String, Object>> orders = List.of(
        order(24, 20L), // shipped on time
        order(24, 26L), // shipped late
        order(24, null), // not shipped, promised 24 h, now 30 h: overdue, late
        order(48, null)); // not shipped, promised 48 h: not yet due, left out

    OptionalDouble rate = run(EcommerceKpis.onTimeShippingRate(asOf), schema(), orders, Map.of());

    assertEquals(1.0 / 3, rate.orElseThrow(), 1e-12);
  }

  @Test
  void firstResponseP90UsesWholeMinutesAndLeavesOutUnansweredTickets() {
    List<Map<String, Object>> tickets = new java.util.ArrayList<>();
    for (int minutes = 1; minutes <= 10; minutes++) {
      tickets.add(Map.of("createdAt", T0, "firstResponseAt", T0.plus(Duration.ofMinutes(minutes)).plusSeconds(30)));
    }
    tickets.add(Map.of("createdAt", T0)); // no response yet

    OptionalDouble p90 = run(EcommerceKpis.firstResponseTimeP90(), schema(), tickets,
        Map.of("firstResponseMinutes", EcommerceKpis.FIRST_RESPONSE_MINUTES));

    assertEquals(9, p90.orElseThrow()); // minutes 1..10, nearest rank ceil(0.9 * 10) = 9
  }

  @Test
  void csatCountsTopTwoBoxes() {
    List<Map<String, Object>> responses = List.of(Map.of("createdAt", T0, "score", 5L),
        Map.of("createdAt", T0, "score", 4L), Map.of("createdAt", T0, "score", 3L), Map.of("createdAt", T0, "score", 1L));

    assertEquals(0.5, run(EcommerceKpis.csat(), schema("score"), responses, Map.of()).orElseThrow());
  }

  @Test
  void sellThroughIsEmptyWhenNothingWasReceived() {
    List<Map<String, Object>> stock = List.of(Map.of("createdAt", T0, "unitsSold", 0L, "unitsReceived", 0L));

    assertEquals(OptionalDouble.empty(),
        run(EcommerceKpis.sellThroughRate(), schema("unitsSold", "unitsReceived"), stock, Map.of()));
  }

  @Test
  void repeatPurchaseRateIsAmongCustomersWhoOrdered() {
    List<Map<String, Object>> customers = List.of(Map.of("createdAt", T0, "orders", 3L),
        Map.of("createdAt", T0, "orders", 1L), Map.of("createdAt", T0, "orders", 0L));

    assertEquals(0.5, run(EcommerceKpis.repeatPurchaseRate(), schema("orders"), customers, Map.of()).orElseThrow());
  }

  @Test
  void everyCatalogueKpiIsDocumentedAndRoundTripsThroughJson() {
    List<Kpi> all = List.of(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
        EcommerceKpis.onTimeShippingRate(T0), EcommerceKpis.informationAccuracyRate(), EcommerceKpis.oversellRate(),
        EcommerceKpis.stockOutRate(), EcommerceKpis.returnRate(), EcommerceKpis.conversionRate(), EcommerceKpis.csat(),
        EcommerceKpis.firstResponseTimeP90(), EcommerceKpis.repeatPurchaseRate(), EcommerceKpis.sellThroughRate());

    for (Kpi kpi : all) {
      assertTrue(kpi.description().isPresent() && kpi.description().get().length() > 20, kpi.id());
      assertEquals(kpi, FinegrainJson.read(FinegrainJson.write(kpi), Kpi.class));
    }
    assertEquals(13, all.stream().map(Kpi::id).distinct().count());
  }
}
