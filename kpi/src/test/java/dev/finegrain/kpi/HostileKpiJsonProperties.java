package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.testing.Gens;
import dev.finegrain.kpi.incentive.PayoutPlan;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run for the KPI definitions, as {@code dev.finegrain.core.HostileJsonProperties}
 * does for core's: valid JSON of a {@link Kpi}, a {@link KpiQuery}, a {@link Target} and a
 * {@link PayoutPlan}, mutated one to three times with hostile values (wrong kinds, null, fractional
 * or huge numbers, lone surrogates, deep nesting, formulas deep or broken, unknown zones, grains,
 * measures and currencies) or cut short. Reading it either gives a value that equals itself after a
 * JSON round trip, or a {@link DefinitionException} whose every problem has a message; never any
 * other exception or an {@code Error}. A query that reads then runs over a few orders.
 */
class HostileKpiJsonProperties {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /** Keeps 1e400 as written rather than reading it as Infinity. */
  private static final ObjectMapper EXACT = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final String DEEP_NOTS = "{\"type\": \"not\", \"condition\": ".repeat(120)
      + "{\"type\": \"exists\", \"field\": \"a\"}" + "}".repeat(120);

  /** Values put in place of a member or element, as JSON text. */
  private static final List<String> HOSTILE = List.of(
      "null", "true", "false", "0", "7", "-1", "1.5", "0.5", "2.9", "-0.0", "1e400", "-1e400", "1e-400",
      "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "0.001",
      "\"\"", "\" \"", "\"\\uD800\"", "\"a\\uDC00b\"", "\"x[\"", "\"a..b\"", "\"NaN\"", "\"Infinity\"",
      "\"ISO_WEEK\"", "\"DAY\"", "\"nope\"", "\"Asia/Shanghai\"", "\"+25:00\"", "\"Mars/Phobos\"", "\"CNY\"",
      "\"XXX\"", "\"percent\"", "\"LOWER_IS_BETTER\"", "\">=\"", "\"~\"",
      "\"2026-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59.999999999Z\"",
      "\"a + b * (c - d) / e\"", "\"(shippedAt - createdAt) // 1h\"", "\"a +\"", "\"a / 0\"", "\"1e400 * a\"",
      "\"" + "(".repeat(728) + "a" + ")".repeat(728) + "\"", "\"" + "-".repeat(2_000) + "a\"",
      "\"" + "a + ".repeat(3_000) + "a\"", "\"9223372036854775807 + 1\"",
      "{\"type\": \"count\"}", "{\"type\": \"quantile\", \"field\": \"a\", \"q\": 2}",
      "{\"type\": \"quantile\", \"field\": \"a\", \"q\": 0.9}", "{\"type\": \"derived\", \"formula\": \"a +\"}",
      "{\"type\": \"derived\", \"formula\": \"orders * 2\"}", "{\"type\": \"distinct\", \"field\": \"buyer\"}",
      "{\"type\": \"ratio\", \"numerator\": {}, \"denominator\": {\"type\": \"count\"}}",
      "{\"value\": 0.95, \"amberWithin\": -1}", "{\"value\": 1e400}",
      "{\"start\": \"2026-02-01T00:00:00Z\", \"end\": \"2026-01-01T00:00:00Z\"}",
      "{\"dimension\": \"shop\", \"parentLevel\": \"region\", \"parents\": {\"a\": \"b\", \"b\": \"a\"}}",
      "{\"type\": \"tiered\", \"id\": \"t\", \"kpi\": \"k\", \"tiers\": []}",
      "{\"type\": \"linear\", \"id\": \"l\", \"kpi\": \"k\", \"threshold\": 0, \"per\": 0, \"amount\": 1}",
      "[]", "{}", "[null]", "[1, \"a\"]", "{\"type\": \"nope\"}", "{\"type\": 5}",
      "\"" + "x".repeat(5_000) + "\"", "[".repeat(300) + "]".repeat(300), "[".repeat(70) + "]".repeat(70),
      DEEP_NOTS);

  private static final String PLAN = String.join("\n",
      "{",
      "  \"id\": \"ops-q3\", \"name\": \"Operations bonus Q3\", \"currency\": \"CNY\",",
      "  \"base\": 200, \"memberBase\": {\"ma\": 300},",
      "  \"gates\": [{\"kpi\": \"info-accuracy\", \"op\": \">=\", \"threshold\": 0.98, \"format\": \"percent\"}],",
      "  \"rules\": [",
      "    {\"type\": \"tiered\", \"id\": \"on-time\", \"kpi\": \"on-time-rate\", \"format\": \"percent\",",
      "     \"tiers\": [{\"name\": \"silver\", \"threshold\": 0.90, \"amount\": 500},",
      "               {\"name\": \"gold\", \"threshold\": 0.95, \"amount\": 1000}]},",
      "    {\"type\": \"linear\", \"id\": \"oversell\", \"kpi\": \"oversell-rate\", \"direction\": \"LOWER_IS_BETTER\",",
      "     \"threshold\": 0.02, \"per\": 0.001, \"amount\": 25.5, \"cap\": 400}",
      "  ],",
      "  \"cap\": 2000",
      "}");

  private static List<Kpi> kpis() {
    Instant asOf = Instant.parse("2026-03-01T00:00:00Z");
    return List.of(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
        EcommerceKpis.onTimeShippingRate(asOf), EcommerceKpis.informationAccuracyRate(), EcommerceKpis.csat(),
        EcommerceKpis.firstResponseTimeP90(), EcommerceKpis.repeatPurchaseRate(),
        Kpi.builder().id("buyers").name("Buyers").measure(Measure.distinct("buyer"))
            .filter(Condition.not(Condition.exists("refundedAt"))).build(),
        Kpi.builder().id("p90-delay").name("P90 ship delay").unit("h").measure(Measure.quantile("shipDelayHours", 0.9))
            .build(),
        Kpi.builder().id("gmv-per-order").name("GMV per order").measure(Measure.derived("gmv / orders")).direction(Direction.HIGHER_IS_BETTER)
            .target(Target.of(3000, 100)).build());
  }

  @Test
  void aMutatedKpiIsReadOrRefusedCleanly() {
    fuzz(Kpi.class, kpis().stream().map(FinegrainJson::write).toList());
  }

  @Test
  void aMutatedQueryIsReadOrRefusedCleanly() {
    KpiQuery query = KpiQuery.builder().addAllKpis(kpis()).timeField("createdAt").grain(Grain.ISO_WEEK)
        .zone(ZoneId.of("Asia/Shanghai"))
        .range(TimeRange.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")))
        .putDerivedField("shipDelayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("shop").rollup(Rollup.of("shop", "region", Map.of("s1", "east", "s2", "west")))
        .smallSampleBelow(10).build();
    KpiQuery overOrders = KpiQuery.builder().addKpis(EcommerceKpis.orders(),
        Kpi.builder().from(EcommerceKpis.gmv()).filter(Condition.eq("returned", false)).build(),
        EcommerceKpis.averageOrderValue(), EcommerceKpis.onTimeShippingRate(Instant.parse("2026-03-01T00:00:00Z")),
        Kpi.builder().id("p90-delay").name("P90 ship delay").measure(Measure.quantile("delayHours", 0.9)).build(),
        Kpi.builder().id("members").name("Members").measure(Measure.distinct("member")).build(),
        Kpi.builder().id("gmv-per-order").name("GMV per order").measure(Measure.derived("gmv / orders")).build())
        .timeField("createdAt").grain(Grain.DAY).zone(ZoneId.of("Asia/Shanghai"))
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel").rollup(Rollup.of("channel", "platform", Map.of("tmall", "alibaba")))
        .build();
    fuzz(KpiQuery.class, List.of(FinegrainJson.write(query), FinegrainJson.write(overOrders)),
        HostileKpiJsonProperties::runOverOrders);
  }

  private static final Instant T0 = Instant.parse("2026-02-27T10:00:00Z");
  private static final List<Order> ORDERS = List.of(
      new Order("o1", "tmall", "ma", T0, T0.plusSeconds(86_400), T0.plusSeconds(3_600), 12_900, false, 4.5),
      new Order("o2", "jd", "lin", T0.plusSeconds(90_000), T0.plusSeconds(180_000), null, 5_000, true, 3),
      new Order("o3", "tmall", null, T0.plusSeconds(200_000), T0.plusSeconds(150_000), T0.plusSeconds(400_000),
          0, false, 5));

  /**
   * A query that reads runs over a few orders, on rows and on columns: a query naming fields the
   * orders lack is refused with a {@link DefinitionException}; a formula whose values overflow a
   * long fails with an {@link ArithmeticException} that names the derived field or KPI, the same on
   * both paths; nothing else is thrown.
   */
  private static void runOverOrders(KpiQuery query) {
    String overflow = null;
    try {
      Kpis.run(query, Order.SCHEMA, ORDERS);
    } catch (DefinitionException misfit) {
      return;
    } catch (ArithmeticException e) {
      overflow = e.getMessage();
      assertTrue(overflow.startsWith("derived field '") || overflow.startsWith("KPI '"), overflow);
    }
    try {
      Kpis.run(query, Order.columns(ORDERS));
      assertNull(overflow, "rows overflowed, columns did not");
    } catch (ArithmeticException e) {
      assertEquals(overflow, e.getMessage());
    }
  }

  @Test
  void aMutatedTargetIsReadOrRefusedCleanly() {
    fuzz(Target.class, List.of(FinegrainJson.write(Target.of(0.95, 0.02))));
  }

  @Test
  void aMutatedPayoutPlanIsReadOrRefusedCleanly() {
    fuzz(PayoutPlan.class, List.of(PLAN));
  }

  private static <T> void fuzz(Class<T> type, List<String> seeds) {
    fuzz(type, seeds, read -> { });
  }

  /** Reads each mutated seed, refused cleanly or read, round-tripped and then given to {@code use}. */
  private static <T> void fuzz(Class<T> type, List<String> seeds, Consumer<T> use) {
    seeds.forEach(valid -> FinegrainJson.read(valid, type));  // the seeds themselves are valid
    // at most 300 inputs per type: each try builds and throws exceptions with deep stacks (a few ms)
    qtWithAtMost(300).forAll(Gens.seeds()).checkAssert(seed -> {
      Random random = new Random(seed);
      String json = mutate(seeds.get(random.nextInt(seeds.size())), random);
      T read;
      try {
        read = FinegrainJson.read(json, type);
      } catch (DefinitionException e) {
        assertFalse(e.problems().isEmpty(), json);
        for (Problem problem : e.problems()) {
          assertFalse(problem.message() == null || problem.message().isBlank() || problem.message().equals("null"),
              () -> "a problem without a message for " + shorten(json) + ": " + e.getMessage());
        }
        return;
      } catch (Throwable t) {
        fail("reading " + shorten(json) + " threw " + t, t);
        return;
      }
      String written = FinegrainJson.write(read);
      assertEquals(read, FinegrainJson.read(written, type), written);
      try {
        use.accept(read);
      } catch (Throwable t) {
        fail("using " + shorten(json) + " threw " + t, t);
      }
    });
  }

  private static String mutate(String valid, Random random) {
    JsonNode tree;
    try {
      tree = PLAIN.readTree(valid);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(tree, containers);
      JsonNode at = containers.get(random.nextInt(containers.size()));
      JsonNode value = hostile(random);
      if (at instanceof ObjectNode object && object.size() > 0) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        if (random.nextInt(5) == 0) {
          object.remove(name);
        } else {
          object.set(name, value);
        }
      } else if (at instanceof ArrayNode array && array.size() > 0) {
        array.set(random.nextInt(array.size()), value);
      } else if (at instanceof ArrayNode array) {
        array.add(value);
      }
    }
    String text = tree.toString();
    if (random.nextInt(10) == 0) {
      text = text.substring(0, random.nextInt(text.length()));  // cut short
    }
    return text;
  }

  private static JsonNode hostile(Random random) {
    String json = HOSTILE.get(random.nextInt(HOSTILE.size()));
    try {
      return EXACT.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        JsonNode child = it.next();
        if (out.size() < 500) {
          collect(child, out);
        }
      }
    }
  }

  private static String shorten(String json) {
    return json.length() <= 300 ? json : json.substring(0, 300) + "...";
  }
}
