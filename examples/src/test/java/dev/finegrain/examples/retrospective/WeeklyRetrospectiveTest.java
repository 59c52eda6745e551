package dev.finegrain.examples.retrospective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import dev.finegrain.examples.dashboard.ShopData;
import dev.finegrain.examples.dashboard.WeeklyDashboard;
import dev.finegrain.examples.order.OrderReview;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.Crossing;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.Retrospective;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.RuleCount;
import dev.finegrain.examples.retrospective.WeeklyRetrospective.StageHold;
import dev.finegrain.examples.team.TeamSetup;
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
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertEquals("Risk review", risk.stageName(), "the stage's name in the order review workflow");
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
    assertTrue(text.contains("order-review  Risk review  "), text);
  }

  /** A decomposition as the text prints it: its rows' figures (rate, mix, total) by group, the all row, the reading. */
  private record Printed(String heading, Map<String, BigDecimal[]> rows, BigDecimal[] all, String reading) {}

  private static final Pattern ROW = Pattern.compile(
      "^    (.+?)\\*?  +.*?([+-][0-9,]+\\.[0-9]{2}) pp +([+-][0-9,]+\\.[0-9]{2}) pp +([+-][0-9,]+\\.[0-9]{2}) pp$");

  private static BigDecimal figure(String text) {
    return new BigDecimal(text.replace(",", ""));
  }

  /** Every decomposition of the text, in order, with its figures as printed. */
  private static List<Printed> printed(String text) {
    List<Printed> out = new ArrayList<>();
    String heading = null;
    Map<String, BigDecimal[]> rows = new LinkedHashMap<>();
    BigDecimal[] all = null;
    for (String line : text.lines().toList()) {
      if (line.startsWith("Why did ")) {
        heading = line;
        rows = new LinkedHashMap<>();
        all = null;
      }
      Matcher m = ROW.matcher(line);
      if (heading != null && m.matches()) {
        BigDecimal[] figures = {figure(m.group(2)), figure(m.group(3)), figure(m.group(4))};
        if (m.group(1).equals("all")) {
          all = figures;
        } else {
          rows.put(m.group(1), figures);
        }
      }
      if (line.startsWith("  largest contribution: ")) {
        out.add(new Printed(heading, rows, all, line.strip()));
      }
    }
    return out;
  }

  /** The printed rate effect, mix effect and total of each group of a decomposition, in percentage points. */
  private static BigDecimal pp(double effect) {
    return new BigDecimal(effect).movePointRight(2);
  }

  private static List<Crossing> split() {
    return R.crossings().stream().filter(c -> c.why().isPresent()).toList();
  }

  @Test
  void everyPrintedSplitAddsUpAcrossEachRowAndDownEachColumnToTheChangeAsRounded() {
    List<Printed> printed = printed(WeeklyRetrospective.text(R));
    List<Crossing> split = split();

    assertEquals(split.size(), printed.size());
    for (int i = 0; i < split.size(); i++) {
      KpiChange why = split.get(i).why().orElseThrow();
      Printed p = printed.get(i);
      BigDecimal[] columns = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      for (KpiChange.Contribution c : why.contributions()) {
        BigDecimal[] row = p.rows().get(c.group());
        assertEquals(0, row[0].add(row[1]).compareTo(row[2]), p.heading() + " " + c.group());
        // each effect within 0.01 pp of its exact value
        assertTrue(row[0].subtract(pp(c.rateEffect())).abs().compareTo(new BigDecimal("0.01")) < 0, p.heading());
        assertTrue(row[1].subtract(pp(c.mixEffect())).abs().compareTo(new BigDecimal("0.01")) < 0, p.heading());
        for (int j = 0; j < 3; j++) {
          columns[j] = columns[j].add(row[j]);
        }
      }
      assertEquals(why.contributions().size(), p.rows().size(), p.heading());
      for (int j = 0; j < 3; j++) {
        assertEquals(0, columns[j].compareTo(p.all()[j]), p.heading() + ": column " + j);
      }
      // the all row's total is the exact change, rounded half up to 0.01 pp, as the table above shows it
      BigDecimal change = pp(why.change()).setScale(2, RoundingMode.HALF_UP);
      assertEquals(0, change.compareTo(p.all()[2]), p.heading());
      assertTrue(p.heading().startsWith("Why did " + split.get(i).kpi().name() + " move"), p.heading());
    }
  }

  @Test
  void theShopsOnTimeEffectsLieWithinOneHundredthOfAPointOfTheEffectsComputedByHand() {
    // per channel: orders due (shipped or past their promise) and shipped on time, in W11 and W12
    Map<String, long[]> counts = new TreeMap<>();
    for (ShopData.Order o : DATA.orders()) {
      int week = in(o.createdAt(), W11, W12) ? 0 : in(o.createdAt(), W12, W13) ? 1 : -1;
      if (week < 0 || (o.shippedAt() == null && !o.promisedShipBy().isBefore(ShopData.AS_OF))) {
        continue;
      }
      long[] c = counts.computeIfAbsent(o.channel(), k -> new long[4]);
      c[2 * week]++;
      c[2 * week + 1] += o.shippedAt() != null && !o.shippedAt().isAfter(o.promisedShipBy()) ? 1 : 0;
    }
    double[] due = new double[2];
    double[] onTime = new double[2];
    counts.values().forEach(c -> {
      for (int w = 0; w < 2; w++) {
        due[w] += c[2 * w];
        onTime[w] += c[2 * w + 1];
      }
    });
    double average = (onTime[0] / due[0] + onTime[1] / due[1]) / 2;
    Printed p = printed(WeeklyRetrospective.text(R)).get(0);

    assertEquals("Why did On-time shipping move for the whole shop?", p.heading());
    counts.forEach((channel, c) -> {
      double w0 = c[0] / due[0];
      double w1 = c[2] / due[1];
      double r0 = (double) c[1] / c[0];
      double r1 = (double) c[3] / c[2];
      double rate = (r1 - r0) * (w0 + w1) / 2 * 100;
      double mix = (w1 - w0) * ((r0 + r1) / 2 - average) * 100;
      BigDecimal[] row = p.rows().get(channel);
      assertTrue(Math.abs(row[0].doubleValue() - rate) < 0.01 + 1e-9, channel + " rate " + rate + " shown " + row[0]);
      assertTrue(Math.abs(row[1].doubleValue() - mix) < 0.01 + 1e-9, channel + " mix " + mix + " shown " + row[1]);
    });
    assertEquals(new BigDecimal("-4.69"), p.all()[2], "95.3% -> 90.6%");
  }

  @Test
  void theLargestContributionIsReadFromThePrintedFigures() {
    for (Printed p : printed(WeeklyRetrospective.text(R))) {
      Map.Entry<String, BigDecimal[]> top = null;
      for (Map.Entry<String, BigDecimal[]> e : p.rows().entrySet()) {
        if (top == null || e.getValue()[2].abs().compareTo(top.getValue()[2].abs()) > 0) {
          top = e;
        }
      }
      String pp = " pp";
      BigDecimal[] f = top.getValue();
      String expected = "largest contribution: " + top.getKey() + ", " + signed(f[2]) + pp + " of the "
          + signed(p.all()[2]) + pp + " change";
      assertTrue(p.reading().startsWith(expected), expected + "\n" + p.reading());
      assertTrue(p.reading().contains("(rate " + signed(f[0]) + pp + ", mix " + signed(f[1]) + pp + ")"), p.reading());
      BigDecimal others = p.all()[2].subtract(f[2]);
      assertEquals(others.signum() * f[2].signum() < 0, p.reading().contains("(the others together " + signed(others)
          + pp + ")"), p.reading());
    }
    assertTrue(WeeklyRetrospective.text(R).contains("largest contribution: douyin, +1.06 pp of the +1.05 pp change"
        + " (the others together -0.01 pp)"));
  }

  private static String signed(BigDecimal figure) {
    return (figure.signum() < 0 ? "" : "+") + figure.setScale(2).toPlainString();
  }

  @Test
  void theHtmlSectionShowsTheSameFiguresAsTheText() {
    List<String> text = new ArrayList<>();
    for (Printed p : printed(WeeklyRetrospective.text(R))) {
      p.rows().forEach((group, f) -> text.add(group + " " + f[0] + " " + f[1] + " " + f[2]));
      text.add("all " + p.all()[0] + " " + p.all()[1] + " " + p.all()[2]);
    }
    List<String> html = new ArrayList<>();
    Matcher row = Pattern.compile(
        "<tr><t[dh]>([^<]+?)( <span class=\"small\">\\(small sample\\)</span>)?</t[dh]>(.*?)</tr>")
        .matcher(WeeklyRetrospective.html(R));
    Pattern figures = Pattern.compile("([+-][0-9,]+\\.[0-9]{2}) pp");
    while (row.find()) {
      List<String> found = new ArrayList<>();
      Matcher f = figures.matcher(row.group(3));
      while (f.find()) {
        found.add(figure(f.group(1)).toString());
      }
      if (found.size() == 3) {   // a split's row; a row of the crossings table has one figure
        html.add(row.group(1) + " " + String.join(" ", found));
      }
    }

    assertEquals(text, html);
  }

  @Test
  void membersAreShownByTheirNamesWithTheirOwnRecords() {
    Crossing tmall = crossing("oversell-rate", "tmall");
    KpiChange why = tmall.why().orElseThrow();
    List<String> names = TeamSetup.team().members().stream().map(m -> m.name()).toList();
    // Chen Jing is member chen: her tmall orders of W12, and those oversold, counted by hand
    long orders = 0;
    long oversold = 0;
    for (ShopData.Order o : DATA.orders()) {
      if (o.member().equals("chen") && o.channel().equals("tmall") && in(o.createdAt(), W12, W13)) {
        orders++;
        oversold += o.oversold() ? 1 : 0;
      }
    }

    for (Crossing c : split()) {
      if (c.dimension().equals("member")) {
        c.why().orElseThrow().contributions().forEach(x -> assertTrue(names.contains(x.group()), x.group()));
      }
    }
    assertEquals((double) oversold / orders, why.contribution("Chen Jing").orElseThrow().valueAfter().getAsDouble());
    String text = WeeklyRetrospective.text(R);
    for (String id : List.of("chen", "guo", "he", "lin", "zhou", "sun")) {
      assertFalse(text.lines().anyMatch(l -> l.startsWith("    " + id + " ") || l.startsWith("    " + id + "*")
          || l.contains("contribution: " + id + ",")), id + " shown by id:\n" + text);
    }
    assertTrue(text.contains("largest contribution: Chen Jing, "), text);
  }

  @Test
  void everyKpiIsCalledWhatTheDashboardCallsIt() {
    String dashboard = Outputs.of(WeeklyDashboard::run);
    String text = WeeklyRetrospective.text(R);

    for (Crossing c : R.crossings()) {
      assertTrue(dashboard.lines().anyMatch(l -> l.startsWith("  " + c.kpi().name() + "  ")),
          c.kpi().name() + " is not a row of the dashboard");
    }
    assertTrue(text.contains("Why did On-time shipping move for the whole shop?"), text);
    assertFalse(text.contains("On-time shipping rate") || text.contains("Customer satisfaction"), text);
  }
}
