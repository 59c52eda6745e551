package dev.finegrain.kpi;

import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Comparison;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Kpis#check(KpiQuery, Map)} and {@link Kpis#check(Kpi, Map)}: a query or a KPI meets the
 * types of its records' fields alone, for code that reads the records itself, and is refused as
 * {@code Kpis.run} refuses it, with the same exception.
 */
class KpiCheckTest {
  private static final Instant AS_OF = Instant.parse("2026-03-09T00:00:00Z");

  /** The fields the ready e-commerce KPIs read, as their javadoc names them. */
  private static final Map<String, FieldType> SHOP = Map.ofEntries(
      Map.entry("channel", FieldType.DIMENSION), Map.entry("createdAt", FieldType.INSTANT),
      Map.entry("promisedShipBy", FieldType.INSTANT), Map.entry("shippedAt", FieldType.INSTANT),
      Map.entry("firstResponseAt", FieldType.INSTANT), Map.entry("amountCents", FieldType.LONG),
      Map.entry("returned", FieldType.BOOLEAN), Map.entry("conforms", FieldType.BOOLEAN),
      Map.entry("oversold", FieldType.BOOLEAN), Map.entry("converted", FieldType.BOOLEAN),
      Map.entry("onHand", FieldType.LONG), Map.entry("score", FieldType.LONG), Map.entry("orders", FieldType.LONG),
      Map.entry("unitsSold", FieldType.LONG), Map.entry("unitsReceived", FieldType.LONG));

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  @Test
  void aKpiCheckedAloneIsRefusedAsARunOfAQueryOfItIsWithTheSameMessage() {
    // given: a return rate whose filter compares a boolean with the text "true"
    Kpi textTrue = Kpi.builder().from(EcommerceKpis.returnRate()).measure(Measure.share(eq("returned", "true")))
        .build();
    KpiQuery alone = KpiQuery.builder().addKpis(textTrue).build();

    // when
    DefinitionException checked = assertThrows(DefinitionException.class,
        () -> Kpis.check(textTrue, Order.SCHEMA.types()));
    DefinitionException run = assertThrows(DefinitionException.class,
        () -> Kpis.run(alone, Order.SCHEMA, List.of()));

    // then
    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"true\"")), checked.problems());
    assertEquals(run.getMessage(), checked.getMessage());
    assertEquals(run.getMessage(), assertThrows(DefinitionException.class, () -> Kpis.check(alone,
        Order.SCHEMA.types())).getMessage());
  }

  @Test
  void everyReadyEcommerceKpiFitsTheFieldsItsJavadocNames() {
    KpiQuery all = KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
            EcommerceKpis.onTimeShippingRate(AS_OF), EcommerceKpis.informationAccuracyRate(),
            EcommerceKpis.oversellRate(), EcommerceKpis.stockOutRate(), EcommerceKpis.returnRate(),
            EcommerceKpis.conversionRate(), EcommerceKpis.csat(), EcommerceKpis.firstResponseTimeP90(),
            EcommerceKpis.repeatPurchaseRate(), EcommerceKpis.sellThroughRate())
        .timeField("createdAt").grain(Grain.ISO_WEEK).addGroupBy("channel")
        .putDerivedField("firstResponseMinutes", EcommerceKpis.FIRST_RESPONSE_MINUTES)
        .build();

    Kpis.check(all, SHOP);
    for (Kpi kpi : all.kpis()) {
      if (!kpi.id().equals("first-response-p90")) { // reads a derived field, which only a query has
        Kpis.check(kpi, SHOP);
      }
    }
  }

  @Test
  void theQueryItselfMeetsTheTypesToo() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents")))
        .timeField("createdAt").grain(Grain.DAY).addGroupBy("returned")
        .putDerivedField("hours", Formula.parse("(shippedAt - createdAt) // 1h + channel"))
        .build();

    DefinitionException e = assertThrows(DefinitionException.class, () -> Kpis.check(query, Map.of(
        "amountCents", FieldType.DOUBLE, "createdAt", FieldType.LONG, "shippedAt", FieldType.INSTANT,
        "returned", FieldType.BOOLEAN, "channel", FieldType.DIMENSION)));

    assertEquals(List.of(
        Problem.of("derivedFields.hours", "field 'channel' is DIMENSION; a formula needs numbers"),
        Problem.of("timeField", "expected an instant field, but 'createdAt' is a LONG field"),
        Problem.of("groupBy[0]", "expected a dimension field, but 'returned' is a BOOLEAN field")), e.problems());
  }

  @Test
  void anUnknownFieldListsTheKnownOnesInTheOrderTheyWereGiven() {
    Map<String, FieldType> types = new LinkedHashMap<>();
    types.put("zeta", FieldType.LONG);
    types.put("alpha", FieldType.BOOLEAN);

    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Kpis.check(kpi("big", Measure.share(compare("amountCents", Comparison.GE, 1_500))), types));

    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter",
        "unknown field 'amountCents'; known fields: [zeta, alpha]")), e.problems());
    assertEquals("KPI query over fields [zeta, alpha]", e.subject());
  }

  @Test
  void aDerivedKpiReadsNoFieldSoAloneItHasNoneToCheck() {
    Kpis.check(kpi("net", Measure.derived("gmv - refunds")), Map.of());
  }

  @Test
  void nullsAreRefusedNamingWhatIsNull() {
    Kpi orders = EcommerceKpis.orders();
    Map<String, FieldType> nullType = new HashMap<>();
    nullType.put("channel", null);
    Map<String, FieldType> nullName = new HashMap<>();
    nullName.put(null, FieldType.LONG);

    assertEquals("kpi", assertThrows(NullPointerException.class, () -> Kpis.check((Kpi) null, SHOP)).getMessage());
    assertEquals("query", assertThrows(NullPointerException.class, () -> Kpis.check((KpiQuery) null, SHOP))
        .getMessage());
    assertEquals("types", assertThrows(NullPointerException.class, () -> Kpis.check(orders, null)).getMessage());
    assertEquals("types: the type of field 'channel' is null",
        assertThrows(NullPointerException.class, () -> Kpis.check(orders, nullType)).getMessage());
    assertEquals("types: a field name is null",
        assertThrows(NullPointerException.class, () -> Kpis.check(orders, nullName)).getMessage());
  }
}
