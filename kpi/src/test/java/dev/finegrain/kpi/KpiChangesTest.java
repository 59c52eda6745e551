package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The change decomposition on hand-computed examples, its edge cases and its validation. */
class KpiChangesTest {
  private static final Instant WEEK1 = Instant.parse("2026-03-02T02:00:00Z"); // 2026-W10 in UTC
  private static final Instant WEEK2 = WEEK1.plus(Duration.ofDays(7));       // 2026-W11

  /** {@code n} orders of a channel on day {@code at}, the first {@code returned} of them returned. */
  private static List<Order> orders(String channel, Instant at, int n, int returned) {
    List<Order> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Order(channel + i, channel, "m", at, at, at, 10_000 + 100L * i, i < returned, 4.0 + (i % 2)));
    }
    return out;
  }

  private static List<Order> concat(List<List<Order>> parts) {
    return parts.stream().flatMap(List::stream).toList();
  }

  // before: tmall 5 of 100 returned (5%), jd 10 of 100 (10%): 7.5%
  // after:  tmall 2 of 50 (4%), jd 18 of 150 (12%): 10%.  Change +2.5 pp, reference c = 8.75%
  // tmall: rate (4% - 5%)   x (50% + 25%)/2 = -0.375 pp; mix (25% - 50%) x ((5% + 4%)/2 - 8.75%) = +1.0625 pp
  // jd:    rate (12% - 10%) x (50% + 75%)/2 = +1.25 pp;  mix (75% - 50%) x ((10% + 12%)/2 - 8.75%) = +0.5625 pp
  private static final List<Order> BEFORE = concat(List.of(orders("tmall", WEEK1, 100, 5), orders("jd", WEEK1, 100, 10)));
  private static final List<Order> AFTER = concat(List.of(orders("tmall", WEEK2, 50, 2), orders("jd", WEEK2, 150, 18)));

  @Test
  void returnRateChangeSplitsIntoHandComputedRateAndMixEffects() {
    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER)
        .orElseThrow();

    assertEquals(0.075, change.valueBefore(), 1e-15);
    assertEquals(0.10, change.valueAfter(), 1e-15);
    assertEquals(0.025, change.change(), 1e-15);
    KpiChange.Contribution tmall = change.contribution("tmall").orElseThrow();
    assertEquals(-0.00375, tmall.rateEffect(), 1e-15);
    assertEquals(0.010625, tmall.mixEffect(), 1e-15);
    assertEquals(0.006875, tmall.total(), 1e-15);
    assertEquals(0.5, tmall.shareBefore());
    assertEquals(0.25, tmall.shareAfter());
    KpiChange.Contribution jd = change.contribution("jd").orElseThrow();
    assertEquals(0.0125, jd.rateEffect(), 1e-15);
    assertEquals(0.005625, jd.mixEffect(), 1e-15);
    assertEquals(0.018125, jd.total(), 1e-15);
    assertEquals(0.00875, change.rateEffect(), 1e-15);
    assertEquals(0.01625, change.mixEffect(), 1e-15);
    assertEquals(List.of("jd", "tmall"), change.contributions().stream().map(KpiChange.Contribution::group).toList(),
        "largest contribution first");
    assertFalse(jd.smallSample());
  }

  @Test
  void windowsOfATableGiveTheSameDecompositionAsTheirRows() {
    KpiQuery weekly = KpiQuery.builder().addKpis(EcommerceKpis.returnRate(), EcommerceKpis.orders())
        .timeField("createdAt").grain(Grain.ISO_WEEK).addGroupBy("channel").build();
    KpiTable table = Kpis.run(weekly, Order.SCHEMA, concat(List.of(BEFORE, AFTER)));

    KpiChange fromTable = KpiChanges.decompose(table, "return-rate", "channel", "2026-W10", "2026-W11").orElseThrow();
    KpiChange fromRows = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER)
        .orElseThrow();

    assertEquals("2026-W10", fromTable.before());
    assertEquals(fromRows.change(), fromTable.change());
    for (KpiChange.Contribution c : fromRows.contributions()) {
      KpiChange.Contribution t = fromTable.contribution(c.group()).orElseThrow();
      assertEquals(c.rateEffect(), t.rateEffect());
      assertEquals(c.mixEffect(), t.mixEffect());
    }
  }

  @Test
  void otherGroupByDimensionsAreSummedOver() {
    List<Order> before = new ArrayList<>(BEFORE);
    List<Order> after = new ArrayList<>();
    for (Order o : AFTER) { // split each channel over two members
      after.add(new Order(o.id(), o.channel(), o.id().hashCode() % 2 == 0 ? "a" : "b", o.createdAt(),
          o.promisedShipBy(), o.shippedAt(), o.amountCents(), o.returned(), o.rating()));
    }
    KpiQuery byBoth = KpiQuery.builder().addKpis(EcommerceKpis.returnRate()).timeField("createdAt")
        .grain(Grain.ISO_WEEK).addGroupBy("member", "channel").build();
    KpiTable table = Kpis.run(byBoth, Order.SCHEMA, concat(List.of(before, after)));

    KpiChange change = KpiChanges.decompose(table, "return-rate", "channel", "2026-W10", "2026-W11").orElseThrow();

    assertEquals(0.0125, change.contribution("jd").orElseThrow().rateEffect(), 1e-15);
    assertEquals(0.005625, change.contribution("jd").orElseThrow().mixEffect(), 1e-15);
  }

  @Test
  void aGroupInOneWindowOnlyIsPureMix() {
    List<Order> after = concat(List.of(AFTER, orders("douyin", WEEK2, 200, 30)));   // new: 15% of 200 of 400

    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, after)
        .orElseThrow();

    // after: 50 / 400 = 12.5%; c = (7.5% + 12.5%) / 2 = 10%; douyin: mix 50% x (15% - 10%) = +2.5 pp
    KpiChange.Contribution douyin = change.contribution("douyin").orElseThrow();
    assertEquals(0.0, douyin.rateEffect());
    assertEquals(0.025, douyin.mixEffect(), 1e-15);
    assertTrue(douyin.valueBefore().isEmpty());
    assertEquals(0.0, douyin.shareBefore());
    assertEquals(0, douyin.sampleBefore());
    assertFalse(douyin.smallSample(), "absent in a window is not a small sample there");
    assertEquals(0.05, change.change(), 1e-15);
  }

  @Test
  void aGroupWithRecordsButFewerThanTheThresholdIsFlagged() {
    List<Order> after = concat(List.of(AFTER, orders("wechat", WEEK2, 12, 1)));

    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, after)
        .orElseThrow();
    KpiChange lowered = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, after, 12)
        .orElseThrow();

    assertTrue(change.contribution("wechat").orElseThrow().smallSample());
    assertFalse(change.contribution("jd").orElseThrow().smallSample());
    assertFalse(lowered.contribution("wechat").orElseThrow().smallSample(), "12 records, threshold 12");
    assertTrue(change.toText().contains("wechat*"), change.toText());
    assertTrue(change.toText().contains("* fewer than 30 records"), change.toText());
  }

  @Test
  void aMeanKpiIsWeightedByItsRecords() {
    Kpi rating = Kpi.builder().id("rating").name("Rating").measure(Measure.mean("rating")).build();
    // before: tmall 4 x 4.0 (mean 4.0), jd 4 x 5.0 (5.0): 4.5. after: tmall 2 x 4.0, jd 6 x 4.5: 4.375
    List<Order> before = new ArrayList<>();
    List<Order> after = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      before.add(new Order("a" + i, "tmall", "m", WEEK1, WEEK1, WEEK1, 1, false, 4.0));
      before.add(new Order("b" + i, "jd", "m", WEEK1, WEEK1, WEEK1, 1, false, 5.0));
    }
    for (int i = 0; i < 6; i++) {
      after.add(new Order("c" + i, "jd", "m", WEEK2, WEEK2, WEEK2, 1, false, 4.5));
    }
    after.add(new Order("d0", "tmall", "m", WEEK2, WEEK2, WEEK2, 1, false, 4.0));
    after.add(new Order("d1", "tmall", "m", WEEK2, WEEK2, WEEK2, 1, false, 4.0));

    KpiChange change = KpiChanges.decompose(rating, "channel", Order.SCHEMA, before, after, 0).orElseThrow();

    // c = 4.4375; jd: rate -0.5 x 0.625 = -0.3125, mix 0.25 x (4.75 - 4.4375) = +0.078125
    // tmall: rate 0, mix -0.25 x (4.0 - 4.4375) = +0.109375; total -0.125
    assertEquals(4.5, change.valueBefore());
    assertEquals(4.375, change.valueAfter());
    assertEquals(-0.3125, change.contribution("jd").orElseThrow().rateEffect());
    assertEquals(0.078125, change.contribution("jd").orElseThrow().mixEffect());
    assertEquals(0.0, change.contribution("tmall").orElseThrow().rateEffect());
    assertEquals(0.109375, change.contribution("tmall").orElseThrow().mixEffect());
    assertEquals(-0.125, change.change());
  }

  @Test
  void isEmptyWhenTheKpiHasNoValueInAWindow() {
    Optional<KpiChange> change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE,
        List.of());

    assertTrue(change.isEmpty());
  }

  @Test
  void rejectsAKpiThatIsNeitherARatioNorAMeanNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KpiChanges.decompose(EcommerceKpis.gmv(), "channel", Order.SCHEMA, BEFORE, AFTER));

    assertEquals("kpi: KPI 'gmv' is a sum KPI; a change decomposes into rate and mix effects for ratio and mean"
        + " KPIs only", e.getMessage());
  }

  @Test
  void rejectsUnknownKpiDimensionAndWindowsOfATableNamingEach() {
    KpiQuery weekly = KpiQuery.builder().addKpis(EcommerceKpis.returnRate(), EcommerceKpis.orders())
        .timeField("createdAt").grain(Grain.ISO_WEEK).addGroupBy("channel").build();
    KpiTable table = Kpis.run(weekly, Order.SCHEMA, concat(List.of(BEFORE, AFTER)));

    assertEquals("kpiId: no KPI 'csat' in the table's query; it has [return-rate, orders]",
        assertThrows(IllegalArgumentException.class,
            () -> KpiChanges.decompose(table, "csat", "channel", "2026-W10", "2026-W11")).getMessage());
    assertEquals("kpiId: KPI 'orders' is a count KPI; a change decomposes into rate and mix effects for ratio and"
        + " mean KPIs only", assertThrows(IllegalArgumentException.class,
            () -> KpiChanges.decompose(table, "orders", "channel", "2026-W10", "2026-W11")).getMessage());
    assertEquals("dimension: 'member' is not a group-by dimension of the table's query; it groups by [channel]",
        assertThrows(IllegalArgumentException.class,
            () -> KpiChanges.decompose(table, "return-rate", "member", "2026-W10", "2026-W11")).getMessage());
    assertEquals("afterWindow: the table has no row in a window labelled '2026-W12'; it has [2026-W10, 2026-W11]",
        assertThrows(IllegalArgumentException.class,
            () -> KpiChanges.decompose(table, "return-rate", "channel", "2026-W10", "2026-W12")).getMessage());
  }

  @Test
  void rejectsABlankDimensionAndANegativeThreshold() {
    assertEquals("dimension: must not be blank", assertThrows(IllegalArgumentException.class,
        () -> KpiChanges.decompose(EcommerceKpis.returnRate(), " ", Order.SCHEMA, BEFORE, AFTER)).getMessage());
    assertEquals("smallSampleBelow: expected 0 or more, got -1", assertThrows(IllegalArgumentException.class,
        () -> KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER, -1))
        .getMessage());
  }

  @Test
  void textShowsEffectsInPercentagePointsWithATotalLine() {
    String text = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER)
        .orElseThrow().toText();

    assertEquals("""
        Return rate by channel, before -> after: 7.5% -> 10.0% (+2.50 pp)
          channel  before  after  share before  share after  rate effect  mix effect     total
          jd        10.0%  12.0%         50.0%        75.0%     +1.25 pp    +0.56 pp  +1.81 pp
          tmall      5.0%   4.0%         50.0%        25.0%     -0.37 pp    +1.06 pp  +0.69 pp
          all        7.5%  10.0%        100.0%       100.0%     +0.88 pp    +1.62 pp  +2.50 pp
          each effect within 0.01 pp of its exact value, rounded so that the figures shown add up
        """, text);
  }

  @Test
  void labelsCanBeGivenToADecompositionOfRows() {
    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER)
        .orElseThrow().withLabels("2026-W10", "2026-W11");

    assertEquals("2026-W10", change.before());
    assertEquals("2026-W11", change.after());
    assertTrue(change.toText().startsWith("Return rate by channel, 2026-W10 -> 2026-W11:"), change.toText());
  }

  @Test
  void groupsCarryTheirValuesAsTheTableShowsThem() {
    KpiChange change = KpiChanges.decompose(EcommerceKpis.returnRate(), "channel", Order.SCHEMA, BEFORE, AFTER)
        .orElseThrow();

    assertEquals(Map.of("jd", 0.12, "tmall", 0.04), Map.of(
        "jd", change.contribution("jd").orElseThrow().valueAfter().getAsDouble(),
        "tmall", change.contribution("tmall").orElseThrow().valueAfter().getAsDouble()));
  }
}
