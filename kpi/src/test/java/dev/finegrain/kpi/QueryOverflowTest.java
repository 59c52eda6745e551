package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Record values that overflow exact 64-bit arithmetic at query time: the query fails with an
 * {@link ArithmeticException} naming the derived field or KPI it was computing, on rows and on
 * columns, never a bare "long overflow" and never a wrong number.
 */
class QueryOverflowTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static Order order(String id, String channel, long amountCents) {
    return new Order(id, channel, "ma", T0, T0.plusSeconds(3_600), T0.plusSeconds(60), amountCents, false, 4);
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  private static void assertRowsAndColumnsFailWith(String message, KpiQuery query, List<Order> orders) {
    ArithmeticException rows = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.SCHEMA, orders));
    ArithmeticException columns = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.columns(orders)));

    assertEquals(message, rows.getMessage());
    assertEquals(message, columns.getMessage());
    assertInstanceOf(ArithmeticException.class, rows.getCause());
  }

  @Test
  void aDerivedFieldThatOverflowsNamesItselfAndItsFormula() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("total", Measure.sum("doubled"))).timeField("createdAt")
        .putDerivedField("doubled", Formula.parse("amountCents * 2")).build();

    assertRowsAndColumnsFailWith("derived field 'doubled' = amountCents * 2, a whole formula in exact 64-bit "
        + "arithmetic, for a record: long overflow", query, List.of(order("o1", "tmall", 1), order("o2", "jd",
            Long.MAX_VALUE / 2 + 1)));
  }

  @Test
  void aSumThatOverflowsNamesItsKpi() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"))).timeField("createdAt")
        .build();

    assertRowsAndColumnsFailWith("KPI 'gmv': long overflow", query,
        List.of(order("o1", "tmall", Long.MAX_VALUE - 1), order("o2", "tmall", 2)));
  }

  @Test
  void aRollUpThatOverflowsNamesItsKpi() {
    // each channel's sum fits; the platform's and the grand total do not
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"))).timeField("createdAt")
        .addGroupBy("channel").rollup(Rollup.of("channel", "platform", Map.of("tmall", "alibaba", "taobao",
            "alibaba"))).build();

    assertRowsAndColumnsFailWith("KPI 'gmv', rolled up: long overflow", query,
        List.of(order("o1", "tmall", Long.MAX_VALUE - 1), order("o2", "taobao", 2)));
  }

  @Test
  void aSumOrRatioWhoseRunningTotalLeavesTheRangeAndComesBackIsExact() {
    // sums are exact whatever the order: only a cell's total has to fit in a long
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents")))
        .addKpis(kpi("per-order", Measure.ratio(RatioTerm.sum("amountCents"), RatioTerm.count())))
        .timeField("createdAt").addGroupBy("channel").rollup(Rollup.of("channel", "platform", Map.of("tmall",
            "alibaba", "taobao", "alibaba"))).build();
    List<Order> orders = List.of(order("o1", "tmall", Long.MAX_VALUE - 1), order("o2", "tmall", 2),
        order("o3", "taobao", 5), order("o4", "tmall", -7));

    for (KpiTable table : List.of(Kpis.run(query, Order.SCHEMA, orders), Kpis.run(query, Order.columns(orders)))) {
      KpiRow tmall = table.rows().stream().filter(r -> "tmall".equals(r.dimensions().get("channel"))).findFirst()
          .orElseThrow();
      KpiRow all = table.rows().get(table.rows().size() - 1);

      assertEquals((double) (Long.MAX_VALUE - 6), tmall.cell("gmv").orElseThrow().value().getAsDouble());
      assertEquals((double) (Long.MAX_VALUE - 6), tmall.cell("per-order").orElseThrow().numerator().getAsDouble());
      assertEquals((double) (Long.MAX_VALUE - 1), all.cell("gmv").orElseThrow().value().getAsDouble());
    }
  }

  @Test
  void theFirstFailingKpiInTheQuerysOrderIsNamedWhateverTheOrderOfTheRecords() {
    // each channel's sum fails in its own group; group ids follow the order the records came in
    KpiQuery query = KpiQuery.builder()
        .addKpis(Kpi.builder().id("tmall-gmv").name("tmall-gmv").measure(Measure.sum("amountCents"))
            .filter(Condition.eq("channel", "tmall")).build())
        .addKpis(Kpi.builder().id("jd-gmv").name("jd-gmv").measure(Measure.sum("amountCents"))
            .filter(Condition.eq("channel", "jd")).build())
        .timeField("createdAt").addGroupBy("channel").build();
    List<Order> jdFirst = List.of(order("o1", "jd", Long.MAX_VALUE), order("o2", "jd", 1),
        order("o3", "tmall", Long.MAX_VALUE), order("o4", "tmall", 1));

    assertRowsAndColumnsFailWith("KPI 'tmall-gmv': long overflow", query, jdFirst);
    assertRowsAndColumnsFailWith("KPI 'tmall-gmv': long overflow", query, List.of(jdFirst.get(3), jdFirst.get(2),
        jdFirst.get(1), jdFirst.get(0)));
  }

  @Test
  void aRecordInstantBeyondEpochMillisecondsNamesItsField() {
    Order far = new Order("o1", "tmall", "ma", T0, Instant.MAX, null, 1, false, 4);
    KpiQuery query = KpiQuery.builder().addKpis(Kpi.builder().id("promised").name("promised")
        .measure(Measure.count()).filter(Condition.exists("promisedShipBy")).build()).timeField("createdAt").build();

    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.SCHEMA,
        List.of(far)));

    assertEquals("field 'promisedShipBy' of a record (an instant within 292 million years of 1970 expected): "
        + "long overflow", e.getMessage());
  }

  @Test
  void valuesJustInsideTheRangeAreExact() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"))).timeField("createdAt")
        .putDerivedField("doubled", Formula.parse("amountCents * 2")).addKpis(kpi("total", Measure.sum("doubled")))
        .build();
    List<Order> orders = List.of(order("o1", "tmall", Long.MAX_VALUE / 2 - 1), order("o2", "tmall", 1));

    KpiTable table = Kpis.run(query, Order.SCHEMA, orders);

    assertEquals((double) (Long.MAX_VALUE / 2), table.rows().get(0).cell("gmv").orElseThrow().value().getAsDouble());
    assertEquals((double) (Long.MAX_VALUE - 1), table.rows().get(0).cell("total").orElseThrow().value().getAsDouble());
  }

  @Test
  void aDecimalDerivedFieldBeyondTheRangeOfADoubleNamesItself() {
    String big = "1" + "0".repeat(300) + ".0";
    KpiQuery query = KpiQuery.builder().addKpis(kpi("total", Measure.mean("huge"))).timeField("createdAt")
        .putDerivedField("huge", Formula.parse("rating * " + big + " * " + big)).build();

    ArithmeticException rows = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.SCHEMA, List.of(order("o1", "tmall", 1))));
    ArithmeticException columns = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.columns(List.of(order("o1", "tmall", 1)))));

    assertTrue(rows.getMessage().startsWith("derived field 'huge' = rating * 1000"), rows.getMessage());
    assertTrue(rows.getMessage().endsWith("..., in doubles, for a record: Infinity, beyond the range of a double"),
        rows.getMessage());
    assertEquals(rows.getMessage(), columns.getMessage());
  }

  /** Records of two whole fields, {@code a} and {@code b}, read as rows and as columns. */
  private static final Schema<long[]> TWO_LONGS = Schema.<long[]>builder().longField("a", r -> r[0])
      .longField("b", r -> r[1]).build();

  private static KpiTable runTwoLongs(KpiQuery query, long[]... records) {
    KpiTable rows = Kpis.run(query, TWO_LONGS, List.of(records));
    long[] a = new long[records.length];
    long[] b = new long[records.length];
    for (int i = 0; i < records.length; i++) {
      a[i] = records[i][0];
      b[i] = records[i][1];
    }
    assertEquals(rows, Kpis.run(query, ColumnBatch.builder(records.length).longs("a", a).longs("b", b).build()));
    return rows;
  }

  @Test
  void aWholeDerivedFieldThatReachesLongMinValueFailsRatherThanLoseTheRecord() {
    // -2^63 stands for an absent value: the record's y was dropped without a word (and not counted as skipped)
    KpiQuery query = KpiQuery.builder().addKpis(kpi("y", Measure.sum("y"))).putDerivedField("y", Formula.parse("a + b"))
        .build();

    ArithmeticException rows = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, TWO_LONGS, List.of(new long[] {-(1L << 62), -(1L << 62)}, new long[] {3, 4})));
    ArithmeticException columns = assertThrows(ArithmeticException.class, () -> Kpis.run(query, ColumnBatch.builder(2)
        .longs("a", new long[] {-(1L << 62), 3}).longs("b", new long[] {-(1L << 62), 4}).build()));

    assertEquals("derived field 'y' = a + b, a whole formula in exact 64-bit arithmetic, for a record: long overflow: "
        + "-2^63 stands for an absent value, so no whole result may be it", rows.getMessage());
    assertEquals(rows.getMessage(), columns.getMessage());
  }

  @Test
  void aDifferenceOfLongMinValueDividedIsTheNumberItIs() {
    // (a - b) is -2^63 here, halved -2^62 and divided by three -3074457345618258603: both fit
    for (long c : new long[] {2, 3}) {
      KpiQuery query = KpiQuery.builder().addKpis(kpi("d", Measure.sum("d")))
          .putDerivedField("d", Formula.parse("(a - b) // " + c)).build();

      KpiTable table = runTwoLongs(query, new long[] {-(1L << 62), 1L << 62});

      assertEquals((double) Math.floorDiv(Long.MIN_VALUE, c), table.rows().get(0).cell("d").orElseThrow().value()
          .getAsDouble(), "// " + c);
    }
    KpiQuery byOne = KpiQuery.builder().addKpis(kpi("d", Measure.sum("d"))).putDerivedField("d", Formula.parse("(a - b) // 1"))
        .build();
    assertThrows(ArithmeticException.class, () -> runTwoLongs(byOne, new long[] {-(1L << 62), 1L << 62}));
  }

  @Test
  void aDerivedKpiBeyondTheRangeOfADoubleNamesItselfRatherThanComeOutEmpty() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("r", Measure.mean("rating")), kpi("square", Measure.derived("r * r")))
        .timeField("createdAt").build();
    Order huge = new Order("o1", "tmall", "ma", T0, T0, T0, 1, false, 1e200);

    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.SCHEMA, List.of(huge)));

    assertEquals("KPI 'square' = r * r, in a row of the result: 1.0E200 * 1.0E200 is beyond the range of a double",
        e.getMessage());
    // a division by zero is still empty
    KpiQuery byZero = KpiQuery.builder().addKpis(kpi("r", Measure.mean("rating")), kpi("per", Measure.derived("r / (r - r)")))
        .timeField("createdAt").build();
    assertTrue(Kpis.run(byZero, Order.SCHEMA, List.of(huge)).rows().get(0).cell("per").orElseThrow().value().isEmpty());
  }

  @Test
  void twoDerivedKpisThatOverflowInDifferentGroupsNameTheFirstInQueryOrderWhateverTheRecordOrder() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("r", Measure.mean("rating")), kpi("a", Measure.mean("amountCents")),
        kpi("first", Measure.derived("r * r")), kpi("second", Measure.derived("a * r * r"))).timeField("createdAt")
        .addGroupBy("channel").build();
    // tmall overflows only in "second" (1e150 * 1e150 * 4 is fine, times 5e10 not), jd in "first" and "second"
    Order tmall = new Order("o1", "tmall", "ma", T0, T0, T0, 50_000_000_000L, false, 1e150);
    Order jd = new Order("o2", "jd", "ma", T0, T0, T0, 1, false, 1e200);

    ArithmeticException tmallFirst = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.SCHEMA, List.of(tmall, jd)));
    ArithmeticException jdFirst = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.SCHEMA, List.of(jd, tmall)));

    assertEquals("KPI 'first' = r * r, in a row of the result: 1.0E200 * 1.0E200 is beyond the range of a double",
        tmallFirst.getMessage());
    assertEquals(tmallFirst.getMessage(), jdFirst.getMessage());
    assertInstanceOf(ArithmeticException.class, tmallFirst.getCause());
  }

  @Test
  void anInstantInTheFirstEpochMillisecondIsRefusedRatherThanReadAsAbsent() {
    Order first = new Order("o1", "tmall", "ma", Instant.ofEpochMilli(Long.MIN_VALUE).plusNanos(1), T0, T0, 1, false, 4);
    KpiQuery query = KpiQuery.builder().addKpi(kpi("orders", Measure.count())).timeField("createdAt").build();

    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.SCHEMA, List.of(first)));

    assertTrue(e.getMessage().startsWith("field 'createdAt' of a record (an instant within 292 million years of 1970 "
        + "expected): long overflow: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("stands for an absent instant"), e.getMessage());
  }

  @Test
  void anInfiniteDecimalInARecordIsRefusedNamingItsField() {
    Order infinite = new Order("o1", "tmall", "ma", T0, T0, T0, 1, false, Double.NEGATIVE_INFINITY);
    KpiQuery query = KpiQuery.builder().addKpis(kpi("rating", Measure.mean("rating"))).timeField("createdAt")
        .build();

    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> Kpis.run(query, Order.SCHEMA, List.of(order("o0", "jd", 1), infinite)));
    IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
        () -> Order.columns(List.of(order("o0", "jd", 1), infinite)));

    assertEquals("field 'rating' of a record: -Infinity; expected a finite number, or NaN for absent",
        rows.getMessage());
    assertEquals("column 'rating': values[1] is -Infinity; expected a finite number, or NaN for absent",
        columns.getMessage());
  }
}
