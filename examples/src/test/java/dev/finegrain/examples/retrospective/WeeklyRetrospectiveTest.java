package dev.finegrain.examples.retrospective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.dashboard.ShopData;
import dev.finegrain.examples.order.OrderReview;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.Crossing;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.Retrospective;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.RuleCount;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.StageHold;
import dev.finegrain.kpi.KpiChange;
import dev.finegrain.kpi.Status;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The retrospective's figures, recomputed from the generated records and raw events with plain loops. */
class WeeklyRetrospectiveTest {
  private static final ShopData DATA = ShopData.generate();
  private static final Retrospective R = WeeklyRetrospective.compute(DATA, WeeklyRetrospective.WEEK);
  private static final Instant W11 = LocalDate.of(2026, 3, 9).atStartOfDay(ShopData.ZONE).toInstant();
  private static final Instant W12 = LocalDate.of(2026, 3, 16).atStartOfDay(ShopData.ZONE).toInstant();
  private static final Instant W13 = LocalDate.of(2026, 3, 23).atStartOfDay(ShopData.ZONE).toInstant();

  private static Crossing crossing(String kpiId, String scope) {
    return R.crossings().stream().filter(c -> c.kpi().id().equals(kpiId) && c.scope().equals(scope)).findFirst()
        .orElseThrow(() -> new AssertionError("no crossing of " + kpiId + " in " + scope));
  }

  private static boolean in(Instant t, Instant from, Instant to) {
    return t != null && !t.isBefore(from) && t.isBefore(to);
  }

  /** On-time shipping by hand: shipped by the promise, among orders shipped or already due. */
  private static double onTime(Instant from, Instant to) {
    long due = 0;
    long onTime = 0;
    for (ShopData.Order o : DATA.orders()) {
      if (!in(o.createdAt(), from, to)) {
        continue;
      }
      if (o.shippedAt() != null || o.promisedShipBy().isBefore(ShopData.AS_OF)) {
        due++;
        onTime += o.shippedAt() != null && !o.shippedAt().isAfter(o.promisedShipBy()) ? 1 : 0;
      }
    }
    return (double) onTime / due;
  }

  @Test
  void looksBackOnTheLiveStreamWeekAgainstTheWeekBefore() {
    assertEquals("2026-W12", R.week());
    assertEquals("2026-W11", R.previousWeek());
    assertEquals(W12, R.start());
    assertEquals(W13, R.end());
  }

  @Test
  void theShopsOnTimeRateCrossedFromGreenToRedAsComputedByHand() {
    Crossing c = crossing("on-time-shipping-rate", "shop");
    double before = onTime(W11, W12);
    double after = onTime(W12, W13);

    assertEquals(before, c.before().getAsDouble());
    assertEquals(after, c.after().getAsDouble());
    assertTrue(before >= 0.95, "green: at or above the 95% target, was " + before);
    assertTrue(after < 0.93, "red: below the 93% amber floor, was " + after);
    assertEquals(Status.GREEN, c.statusBefore());
    assertEquals(Status.RED, c.statusAfter());
  }

  @Test
  void douyinsOwnDropExplainsMostOfTheShopsOnTimeChange() {
    KpiChange why = crossing("on-time-shipping-rate", "shop").why().orElseThrow();
    KpiChange.Contribution douyin = why.contributions().get(0);
    double douyinAfter = 0;
    long n = 0;
    long ok = 0;
    for (ShopData.Order o : DATA.orders()) {
      if (o.channel().equals("douyin") && in(o.createdAt(), W12, W13)
          && (o.shippedAt() != null || o.promisedShipBy().isBefore(ShopData.AS_OF))) {
        n++;
        ok += o.shippedAt() != null && !o.shippedAt().isAfter(o.promisedShipBy()) ? 1 : 0;
      }
    }
    douyinAfter = (double) ok / n;

    assertEquals("douyin", douyin.group());
    assertEquals(douyinAfter, douyin.valueAfter().getAsDouble());
    assertTrue(douyin.rateEffect() < 0 && douyin.mixEffect() < 0, douyin::toString);
    assertTrue(Math.abs(douyin.total()) > Math.abs(why.change()) / 2, "more than half the change");
  }

  @Test
  void everyCrossingChangedStatusAndItsContributionsAddUpToItsChange() {
    assertFalse(R.crossings().isEmpty());
    for (Crossing c : R.crossings()) {
      assertNotEquals(c.statusBefore(), c.statusAfter(), c.toString());
      c.why().ifPresent(why -> {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal bound = new BigDecimal(Math.ulp(why.change()));
        for (KpiChange.Contribution x : why.contributions()) {
          sum = sum.add(new BigDecimal(x.rateEffect())).add(new BigDecimal(x.mixEffect()));
          bound = bound.add(new BigDecimal(Math.ulp(x.rateEffect()))).add(new BigDecimal(Math.ulp(x.mixEffect())));
        }
        assertTrue(sum.subtract(new BigDecimal(why.change())).abs().multiply(BigDecimal.valueOf(2)).compareTo(bound) <= 0,
            c::toString);
        assertEquals(c.after().getAsDouble() - c.before().getAsDouble(), why.change(), 1e-12, c.toString());
        assertEquals(R.previousWeek(), why.before());
        assertEquals(R.week(), why.after());
      });
      assertEquals(c.why().isEmpty(), !c.whyNot().isEmpty(), c.toString());
    }
  }

  @Test
  void ruleCountsAreTheWeeksAuditProblemsAndTheOrderRulesOfTheReviewDay() {
    Map<String, Integer> expected = new TreeMap<>();
    for (ShopData.Audit a : DATA.audits()) {
      if (in(a.createdAt(), W12, W13)) {
        a.problems().forEach(p -> expected.merge("listing-base/" + p, 1, Integer::sum));
      }
    }
    for (OrderReview.Order o : OrderReview.orders()) {
      if (o.amount() >= 2000) {
        expected.merge("order-rules/high-value", 1, Integer::sum);
      }
      if (o.newBuyer() && o.addressChanged()) {
        expected.merge("order-rules/new-buyer-changed-address", 1, Integer::sum);
      }
      if (o.category().equals("gift-card") || o.category().equals("aged-puer")) {
        expected.merge("order-rules/risky-category", 1, Integer::sum);
      }
    }
    Map<String, Integer> actual = new TreeMap<>();
    for (RuleCount r : R.rules()) {
      actual.put(r.standard() + "/" + r.rule(), r.violations());
    }

    assertEquals(expected, actual);
    for (int i = 1; i < R.rules().size(); i++) {
      assertTrue(R.rules().get(i - 1).violations() >= R.rules().get(i).violations(), "most first");
    }
  }

  @Test
  void theRiskStagesTimeHeldIsItsOpenTimeInsideTheWeekFromTheRawEvents() {
    OrderReview.Day day = OrderReview.simulate();
    long minutes = 0;
    int ended = 0;
    for (OrderReview.Order o : day.orders()) {
      Instant opened = null;
      for (RecordedEvent r : day.engine().events(o.id())) {
        ReviewEvent e = r.event();
        if (e instanceof StageOpened s && s.stageId().equals("risk")) {
          opened = e.at();
        } else if (opened != null && (e instanceof StageApproved a && a.stageId().equals("risk")
            || e instanceof StageRejected j && j.stageId().equals("risk") || e instanceof CaseClosed)) {
          minutes += Duration.between(opened, e.at()).toMinutes();
          ended++;
          opened = null;
        }
      }
    }
    StageHold risk = R.stages().stream().filter(s -> s.workflow().equals("order-review") && s.stage().equals("risk"))
        .findFirst().orElseThrow();

    assertEquals(minutes, risk.minutesHeldInWeek(), "the review day lies inside the week: every minute counts");
    assertEquals(ended, risk.ended());
    assertEquals(0, risk.openAtEnd());
    assertEquals(risk, R.stages().get(0), "the stage that held work longest comes first");
  }

  @Test
  void theHtmlSectionIsOneSelfContainedWellFormedElement() throws Exception {
    String html = WeeklyRetrospective.html(R);

    assertTrue(html.startsWith("<section class=\"fg-retro\">"), html.substring(0, 40));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http://") || html.contains("https://"), "no external resource");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertEquals("section", doc.getDocumentElement().getTagName());
    for (Crossing c : R.crossings()) {
      assertTrue(html.contains("Why did " + c.kpi().name()), c.kpi().name());
    }
    long decomposed = R.crossings().stream().filter(c -> c.why().isPresent()).count();
    long bars = decomposed == 0 ? 0 : R.crossings().stream().filter(c -> c.why().isPresent())
        .mapToLong(c -> 2L * c.why().get().contributions().size()).sum();
    assertEquals(bars, html.split("<svg", -1).length - 1, "a rate and a mix bar per group");
  }

  @Test
  void textListsEachCrossingWithBothStatuses() {
    String text = WeeklyRetrospective.text(R);

    assertTrue(text.contains("Retrospective of 2026-W12 (03-16 to 03-22, Asia/Shanghai) against 2026-W11"), text);
    for (Crossing c : R.crossings()) {
      assertTrue(text.lines().anyMatch(l -> l.contains(c.kpi().name()) && l.contains(c.statusBefore().name())
          && l.contains(c.statusAfter().name())), c.toString());
    }
    assertTrue(text.contains("order-review  risk"), text);
  }
}
