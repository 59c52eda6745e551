package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.json.FinegrainJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A record without a value for a group-by dimension and a record whose value is the text
 * {@code (none)} read alike but are different groups: in ordinary rows, in roll-ups, in change
 * decompositions and in JSON. Records can carry any text, so the absent group must not be one the
 * data can merge into.
 */
class AbsentDimensionTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String NONE = "(none)";

  private static Order order(String channel, String member, long amountCents, boolean returned) {
    return new Order("o", channel, member, T0, T0.plusSeconds(3_600), T0.plusSeconds(60), amountCents, returned, 4);
  }

  private static final Kpi GMV = Kpi.builder().id("gmv").name("GMV").measure(Measure.sum("amountCents")).build();

  private static long gmv(KpiRow row) {
    return (long) row.cell("gmv").orElseThrow().value().orElseThrow();
  }

  @Test
  void anAbsentValueAndTheTextNoneAreTwoRowsThatAbsentDimensionsTellsApart() {
    List<Order> orders = List.of(order(null, "lin", 100, false), order(NONE, "lin", 20, false),
        order("tmall", "lin", 3, false));
    KpiQuery query = KpiQuery.builder().addKpis(GMV).timeField("createdAt").grain(Grain.ALL).addGroupBy("channel")
        .build();

    KpiTable rows = Kpis.run(query, Order.SCHEMA, orders);
    KpiTable columns = Kpis.run(query, Order.columns(orders));

    assertEquals(rows, columns);
    List<KpiRow> table = rows.rows();
    assertEquals(3, table.size());
    // the absent one first, then the text, in text order
    assertEquals(Map.of("channel", NONE), table.get(0).dimensions());
    assertEquals(Set.of("channel"), table.get(0).absentDimensions());
    assertEquals(100, gmv(table.get(0)));
    assertEquals(Map.of("channel", NONE), table.get(1).dimensions());
    assertEquals(Set.of(), table.get(1).absentDimensions());
    assertEquals(20, gmv(table.get(1)));
    assertFalse(table.get(0).equals(table.get(1)));
    assertTrue(table.get(0).toString().contains("absent [channel]"), table.get(0).toString());
    assertEquals(table.get(0), rows.row("all", Map.of("channel", NONE)).orElseThrow());
  }

  @Test
  void aRollUpKeepsAnAbsentValueOfAnotherDimensionApartFromTheTextNone() {
    // member -> team; the channel is absent on one order and the text "(none)" on the other
    List<Order> orders = List.of(order(null, "lin", 100, false), order(NONE, "lin", 20, false));
    KpiQuery query = KpiQuery.builder().addKpis(GMV).timeField("createdAt").grain(Grain.ALL)
        .addGroupBy("channel", "member").rollup(Rollup.of("member", "team", Map.of("lin", "content"))).build();

    KpiTable table = Kpis.run(query, Order.SCHEMA, orders);

    assertEquals(table, Kpis.run(query, Order.columns(orders)));
    List<KpiRow> teams = table.rows("team");
    assertEquals(2, teams.size(), teams.toString());
    assertEquals(Set.of("channel"), teams.get(0).absentDimensions());
    assertEquals(100, gmv(teams.get(0)));
    assertEquals(Set.of(), teams.get(1).absentDimensions());
    assertEquals(20, gmv(teams.get(1)));
    List<KpiRow> all = table.rows("all");
    assertEquals(2, all.size(), all.toString());
    assertEquals(100, gmv(all.get(0)));
    assertEquals(20, gmv(all.get(1)));
  }

  @Test
  void anAbsentValueOfTheRolledUpDimensionRollsUpIntoUnassignedEvenIfTheMapNamesTheTextNone() {
    List<Order> orders = List.of(order("tmall", null, 100, false), order("tmall", NONE, 20, false),
        order("tmall", "wang", 3, false));
    KpiQuery query = KpiQuery.builder().addKpis(GMV).timeField("createdAt").grain(Grain.ALL)
        .addGroupBy("channel", "member")
        .rollup(Rollup.of("member", "team", Map.of(NONE, "design", "wang", "design"))).build();

    KpiTable table = Kpis.run(query, Order.SCHEMA, orders);

    assertEquals(table, Kpis.run(query, Order.columns(orders)));
    List<KpiRow> teams = table.rows("team");
    assertEquals(2, teams.size(), teams.toString());
    assertEquals(Map.of("channel", "tmall", "member", Rollup.UNASSIGNED), teams.get(0).dimensions());
    assertEquals(Set.of(), teams.get(0).absentDimensions(), "the parent of an absent member is a label, not absent");
    assertEquals(100, gmv(teams.get(0)));
    assertEquals(Map.of("channel", "tmall", "member", "design"), teams.get(1).dimensions());
    assertEquals(23, gmv(teams.get(1)));
  }

  @Test
  void aChangeDecompositionKeepsTheAbsentGroupApartFromTheTextNone() {
    List<Order> before = List.of(order(null, "lin", 1, true), order(null, "lin", 1, false), order(NONE, "lin", 1, false),
        order(NONE, "lin", 1, false));
    List<Order> after = List.of(order(null, "lin", 1, true), order(NONE, "lin", 1, true), order(NONE, "lin", 1, true),
        order(NONE, "lin", 1, false));

    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, before, after,
        0).orElseThrow();

    assertEquals(2, change.contributions().size(), change.toString());
    KpiChange.Contribution absent = change.contributions().stream().filter(KpiChange.Contribution::absent)
        .findFirst().orElseThrow();
    KpiChange.Contribution text = change.contributions().stream().filter(c -> !c.absent()).findFirst().orElseThrow();
    assertEquals(NONE, absent.group());
    assertEquals(NONE, text.group());
    assertEquals(0.5, absent.valueBefore().getAsDouble());
    assertEquals(1.0, absent.valueAfter().getAsDouble());
    assertEquals(0.0, text.valueBefore().getAsDouble());
    assertEquals(2.0 / 3, text.valueAfter().getAsDouble(), 1e-12);
    assertTrue(change.contribution(NONE).orElseThrow().absent());
  }

  @Test
  void textOutputQuotesTheTextNoneAndShowsAnAbsentValueBare() {
    List<Order> orders = List.of(order(null, "lin", 100, false), order(NONE, "lin", 20, false));
    KpiQuery query = KpiQuery.builder().addKpis(GMV).timeField("createdAt").grain(Grain.ALL).addGroupBy("channel")
        .build();

    List<String> lines = Kpis.run(query, Order.SCHEMA, orders).toText().lines().toList();

    assertTrue(lines.get(1).startsWith("all     (none)  "), lines.toString());
    assertTrue(lines.get(2).startsWith("all     \"(none)\""), lines.toString());
  }

  @Test
  void aChangeDecompositionQuotesGroupsThatReadLikeItsLabels() {
    List<Order> before = List.of(order(null, "lin", 1, true), order(NONE, "lin", 1, false), order("all", "lin", 1, true));
    List<Order> after = List.of(order(null, "lin", 1, false), order(NONE, "lin", 1, true), order("all", "lin", 1, true));

    String text = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, before, after, 0)
        .orElseThrow().toText();

    List<String> firstColumn = text.lines().skip(1).limit(5).map(l -> l.strip().split(" +")[0]).toList();
    assertEquals(List.of("channel", "(none)", "\"(none)\"", "\"all\"", "all"), firstColumn, text);
  }

  @Test
  void jsonNamesAbsentDimensionsOnlyWhereThereAreAny() {
    List<Order> orders = List.of(order(null, "lin", 100, false), order(NONE, "lin", 20, false));
    KpiQuery query = KpiQuery.builder().addKpis(GMV).timeField("createdAt").grain(Grain.ALL).addGroupBy("channel")
        .build();

    List<KpiRow> rows = Kpis.run(query, Order.SCHEMA, orders).rows();
    String absent = FinegrainJson.write(rows.get(0)).replaceAll("\\s", "");
    String text = FinegrainJson.write(rows.get(1)).replaceAll("\\s", "");

    assertTrue(absent.contains("\"absentDimensions\":[\"channel\"]"), absent);
    assertFalse(text.contains("absentDimensions"), text);
  }
}
