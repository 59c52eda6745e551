package dev.finegrain.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import dev.finegrain.examples.dashboard.ShopData.Audit;
import dev.finegrain.examples.dashboard.ShopData.Order;
import dev.finegrain.examples.dashboard.ShopData.Ticket;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the dashboard and checks its key figures against plain-Java recomputations from the same
 * generated data, without the KPI engine.
 */
class WeeklyDashboardTest {
  private static final ShopData DATA = ShopData.generate();
  private static final String OUT = Outputs.of(WeeklyDashboard::run);

  // ----- independent arithmetic ------------------------------------------------------------------

  /** On time among due orders, as EcommerceKpis documents it: due = shipped, or promised before as-of. */
  private static double onTimeRate(Predicate<Order> which) {
    long due = 0;
    long onTime = 0;
    for (Order o : DATA.orders()) {
      if (!which.test(o) || o.createdAt().isBefore(ShopData.START) || !o.createdAt().isBefore(ShopData.AS_OF)) {
        continue;
      }
      boolean isDue = o.shippedAt() != null || o.promisedShipBy().isBefore(ShopData.AS_OF);
      if (isDue) {
        due++;
        if (o.shippedAt() != null && !o.shippedAt().isAfter(o.promisedShipBy())) {
          onTime++;
        }
      }
    }
    return (double) onTime / due;
  }

  private static Predicate<Order> inWeek(int w, String channel) {
    Instant from = ShopData.weekStart(w);
    Instant to = ShopData.weekStart(w + 1);
    return o -> o.channel().equals(channel) && !o.createdAt().isBefore(from) && o.createdAt().isBefore(to);
  }

  private static double csat(String member) {
    List<Ticket> tickets = DATA.tickets().stream().filter(t -> t.member().equals(member))
        .filter(t -> !t.createdAt().isBefore(ShopData.START) && t.createdAt().isBefore(ShopData.AS_OF)).toList();
    return (double) tickets.stream().filter(t -> t.score() >= 4).count() / tickets.size();
  }

  private static double accuracy(Predicate<Audit> which) {
    List<Audit> audits = DATA.audits().stream().filter(which).toList();
    return (double) audits.stream().filter(Audit::conforms).count() / audits.size();
  }

  private static String percent(double fraction) {
    return new BigDecimal(Double.toString(fraction)).movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
  }

  /** The cells of the row {@code label} in the table of {@code week}, split on runs of two or more spaces. */
  private static List<String> weekRow(String week, String label) {
    String section = OUT.substring(OUT.indexOf("Week " + week));
    String line = section.lines().filter(l -> l.strip().startsWith(label)).findFirst().orElseThrow();
    return Arrays.asList(line.strip().split("\\s{2,}"));
  }

  // ----- tests -------------------------------------------------------------------------------------

  @Test
  void theOnTimeRateOfDouyinInTheLiveStreamWeekMatchesAPlainCount() {
    double rate = onTimeRate(inWeek(2, "douyin"));
    String status = rate >= 0.95 ? "GREEN" : rate >= 0.93 ? "AMBER" : "RED";

    List<String> row = weekRow("2026-W12", "On-time shipping");
    int douyin = 2 + ShopData.CHANNELS.indexOf("douyin"); // label, target, then the channels
    assertEquals(percent(rate) + " " + status, row.get(douyin), OUT);
    assertEquals("RED", status, "the live-stream week swamps the warehouse");
  }

  @Test
  void theTrendShowsTheWeekOnWeekChangeInPercentagePoints() {
    double w12 = onTimeRate(inWeek(2, "douyin"));
    double w13 = onTimeRate(inWeek(3, "douyin"));
    String pp = new BigDecimal(Double.toString(Math.abs(w13 - w12))).movePointRight(2)
        .setScale(1, RoundingMode.HALF_UP) + " pp";
    String expected = (w13 > w12 ? "▲ " + pp + " better" : "▼ " + pp + " worse");

    String trend = OUT.substring(OUT.indexOf("Trend: 2026-W13 against 2026-W12"));
    String line = trend.lines().filter(l -> l.strip().startsWith("On-time shipping")).findFirst().orElseThrow();
    List<String> cells = Arrays.asList(line.strip().split("\\s{2,}"));
    assertEquals(expected, cells.get(1 + ShopData.CHANNELS.indexOf("douyin")), line);
  }

  @Test
  void aTeamMergesItsMembersRecordsRatherThanAveragingTheirRates() {
    double team = onTimeRate(o -> WeeklyDashboard.TEAMS.get(o.member()).equals("fulfilment"));
    double meanOfMembers = (onTimeRate(o -> o.member().equals("chen")) + onTimeRate(o -> o.member().equals("guo"))
        + onTimeRate(o -> o.member().equals("he"))) / 3;

    String line = OUT.lines().filter(l -> l.strip().startsWith("fulfilment team")).findFirst().orElseThrow();
    assertTrue(line.contains(percent(team)), line + " should show " + percent(team));
    assertNotEquals(percent(team), percent(meanOfMembers), "the data should tell merging from averaging apart");
  }

  @Test
  void chensPayoutFollowsThePlanRulesRecomputedByHand() {
    // gate: the shop's listing accuracy (Chen writes no listings) >= 97%
    double shopAccuracy = accuracy(a -> true);
    // the plan pays on each rate as printed, to two decimals of a percent
    double onTime = new BigDecimal(Double.toString(onTimeRate(o -> o.member().equals("chen"))))
        .setScale(4, RoundingMode.HALF_UP).doubleValue();
    double csat = new BigDecimal(Double.toString(csat("chen"))).setScale(4, RoundingMode.HALF_UP).doubleValue();
    assertTrue(shopAccuracy >= 0.97, "gate passes: " + shopAccuracy);
    BigDecimal tier = onTime >= 0.97 ? new BigDecimal("900") : onTime >= 0.95 ? new BigDecimal("600")
        : onTime >= 0.93 ? new BigDecimal("300") : BigDecimal.ZERO;
    BigDecimal service = new BigDecimal(Double.toString(csat)).subtract(new BigDecimal("0.85")).max(BigDecimal.ZERO)
        .divide(new BigDecimal("0.01")).multiply(new BigDecimal("40")).setScale(2, RoundingMode.HALF_UP)
        .min(new BigDecimal("400.00"));
    BigDecimal uncapped = tier.add(service).setScale(2, RoundingMode.HALF_UP);
    BigDecimal total = uncapped.min(new BigDecimal("950.00"));

    assertTrue(OUT.contains("Chen Jing (fulfilment): CNY " + total), OUT);
    if (uncapped.compareTo(total) > 0) {
      assertTrue(OUT.contains("total capped at 950.00 (uncapped " + uncapped + ")"), OUT);
    }
  }

  @Test
  void zhouFailsTheAccuracyGateOnHerOwnListingsAndIsPaidNothing() {
    double own = accuracy(a -> a.member().equals("zhou"));

    assertTrue(own < 0.97, "Zhou's own listing accuracy " + own);
    assertTrue(OUT.contains("Zhou Min (content): CNY 0.00"), OUT);
    assertTrue(OUT.contains("NO  gate Listing accuracy"), OUT);
  }

  @Test
  void listingAuditsAreRealChecksAgainstTheShopsStandard() {
    List<Audit> failed = DATA.audits().stream().filter(a -> !a.conforms()).toList();

    assertFalse(failed.isEmpty());
    assertTrue(failed.stream().allMatch(a -> !a.problems().isEmpty()), "every failure names its rule");
    assertTrue(DATA.audits().stream().filter(Audit::conforms).allMatch(a -> a.problems().isEmpty()));
  }

  @Test
  void theDataAndTheOutputAreTheSameOnEveryRunAndPlainWithoutColour() {
    assertEquals(OUT, Outputs.of(WeeklyDashboard::run));
    assertFalse(OUT.contains("\u001B["), "no colour codes when not on a terminal");
    assertTrue(WeeklyDashboard.paint("96.2% GREEN", true).contains("\u001B[32mGREEN"));
  }

  @Test
  void theHtmlReportHasAChartPerKpiAndTheLatestWeeksFigures(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("reports/dashboard.html");
    WeeklyDashboard.Report report = WeeklyDashboard.report();

    WeeklyDashboard.writeHtml(report, file);

    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(List.of("Orders", "GMV (CNY)", "On-time shipping", "Conversion rate", "CSAT (score 4-5)"),
        figures(html).stream().map(f -> f.caption().replaceAll(",.*", "")).toList());
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<style>") && !html.contains("<script"));
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|src=|@import).*"),
        "self-contained: nothing to fetch");
    double w12 = onTimeRate(inWeek(2, "douyin"));
    assertTrue(html.contains("douyin 2026-W12: " + percent(w12) + " RED"), "chart point for douyin W12");
    double w13 = onTimeRate(inWeek(3, "douyin"));
    assertTrue(html.contains("<div class=\"value\">" + percent(w13) + "</div>"), "latest-week tile");
    assertTrue(html.contains(WeeklyDashboard.cny(report.payouts().get(0).total())), "Chen's payout");
    assertTrue(html.contains("<section class=\"fg-retro\">"), "the weekly retrospective is a section of the report");
    assertEquals(html.indexOf("<section class=\"fg-retro\">"), html.lastIndexOf("<section class=\"fg-retro\">"));
  }

  // ----- the HTML report's charts, read back from the SVG -----------------------------------------

  private static final String HTML = DashboardHtml.render(WeeklyDashboard.report());

  /** One chart of the report: its caption and its SVG. */
  private record Figure(String caption, String svg) {}

  private static List<Figure> figures(String html) {
    Matcher m = Pattern.compile("(?s)<figcaption>(.*?)</figcaption>\\s*(<svg.*?</svg>)").matcher(html);
    List<Figure> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(new Figure(m.group(1), m.group(2)));
    }
    return out;
  }

  private static List<Double> attributes(String svg, String element, String cls, String attribute) {
    Matcher m = Pattern.compile("<" + element + " class=\"" + cls + "\"[^>]*?\\s" + attribute + "=\"([^\"]+)\"")
        .matcher(svg);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  @Test
  void lineEndLabelsNeverOverlapAndStayInsideTheChart() {
    for (Figure f : figures(HTML)) {
      List<Double> ys = attributes(f.svg(), "text", "end-label", "y");
      assertTrue(ys.size() >= ShopData.CHANNELS.size() + 1, f.caption() + ": a label per channel and the shop");
      for (int i = 0; i < ys.size(); i++) {
        assertTrue(ys.get(i) >= DashboardHtml.LABEL_HEIGHT / 2 && ys.get(i) <= DashboardHtml.H, f.caption());
        for (int j = i + 1; j < ys.size(); j++) {
          // one line of 12 px text each: their boxes overlap when closer than a label's height
          assertTrue(Math.abs(ys.get(i) - ys.get(j)) >= DashboardHtml.LABEL_HEIGHT - 1e-6,
              f.caption() + ": labels at " + ys.get(i) + " and " + ys.get(j));
        }
      }
    }
  }

  @Test
  void placedLabelsKeepTheirOrderAndDistanceWhateverTheyWant() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int run = 0; run < 500; run++) {
      int n = 1 + random.nextInt(8);
      List<Double> wanted = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        wanted.add(random.nextInt(4) == 0 ? 100.0 : 20 + random.nextDouble() * 200); // ties happen
      }
      List<Double> placed = DashboardHtml.placeLabels(wanted, 27, 227);
      for (int i = 0; i < n; i++) {
        assertTrue(placed.get(i) >= 27 - 1e-9 && placed.get(i) <= 227 + 1e-9, wanted + " -> " + placed);
        for (int j = 0; j < n; j++) {
          if (i != j) {
            assertTrue(Math.abs(placed.get(i) - placed.get(j)) >= DashboardHtml.LABEL_HEIGHT - 1e-9,
                wanted + " -> " + placed);
          }
          if (wanted.get(i) < wanted.get(j)) {
            assertTrue(placed.get(i) < placed.get(j), "order kept: " + wanted + " -> " + placed);
          }
        }
      }
    }
    assertEquals(List.of(50.0, 150.0), DashboardHtml.placeLabels(List.of(50.0, 150.0), 27, 227), "no clash: no move");
  }

  @Test
  void yTicksAreRoundEvenlySpacedAndARatesAxisStaysWithin0And100Percent() {
    for (Figure f : figures(HTML)) {
      List<Double> ticks = attributes(f.svg(), "text", "axis tick", "data-value");
      assertTrue(ticks.size() >= 3, f.caption());
      BigDecimal step = BigDecimal.valueOf(ticks.get(1)).subtract(BigDecimal.valueOf(ticks.get(0)));
      BigDecimal mantissa = step.movePointLeft(step.precision() - step.scale() - 1).stripTrailingZeros();
      assertTrue(List.of("1", "2", "2.5", "5").contains(mantissa.toPlainString()), f.caption() + ": step " + step);
      for (int i = 0; i < ticks.size(); i++) {
        BigDecimal tick = BigDecimal.valueOf(ticks.get(i));
        assertEquals(0, tick.remainder(step).signum(), f.caption() + ": tick " + tick + " is a multiple of " + step);
        assertTrue(tick.signum() >= 0, f.caption());
        if (i > 0) {
          assertEquals(0, tick.subtract(BigDecimal.valueOf(ticks.get(i - 1))).compareTo(step), f.caption());
        }
        if (f.caption().contains("%")) { // the rate charts: their target is a percentage
          assertTrue(tick.compareTo(BigDecimal.ONE) <= 0, f.caption() + ": tick " + tick + " above 100%");
        }
      }
    }
    String onTime = figures(HTML).get(2).svg();
    assertTrue(onTime.contains(">100%</text>") && !onTime.matches("(?s).*>10[1-9][.0-9]*%</text>.*"), onTime);
  }

  /** Relative luminance and its perceived lightness L* of {@code #rrggbb}. */
  private static double lightness(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return 116 * Math.cbrt(y) - 16;
  }

  private static double hue(String hex) {
    float[] hsb = java.awt.Color.RGBtoHSB(Integer.parseInt(hex.substring(1, 3), 16),
        Integer.parseInt(hex.substring(3, 5), 16), Integer.parseInt(hex.substring(5, 7), 16), null);
    return hsb[0] * 360;
  }

  @Test
  void seriesColoursAreStatusNeutralAndDistinctInGreyscale() {
    List<DashboardHtml.Series> series = DashboardHtml.SERIES;
    for (int i = 0; i < series.size(); i++) {
      DashboardHtml.Series a = series.get(i);
      if (a.channel() != null) { // blues and violets: nothing near red, amber or green
        assertTrue(hue(a.colour()) >= 200 && hue(a.colour()) <= 280, a + " hue " + hue(a.colour()));
      }
      for (int j = i + 1; j < series.size(); j++) {
        DashboardHtml.Series b = series.get(j);
        assertTrue(Math.abs(lightness(a.colour()) - lightness(b.colour())) >= 5, a + " and " + b + " in greyscale");
        assertFalse(a.dash().equals(b.dash()) && a.width() == b.width(), a + " and " + b + " drawn alike");
      }
    }
    for (Figure f : figures(HTML)) {
      assertTrue(f.svg().contains("data-series=\"whole shop\""), f.caption() + ": a whole-shop line");
    }
  }

  @Test
  void theWholeShopLineIsTheShopsWeeklyValues() {
    WeeklyDashboard.Report report = WeeklyDashboard.report();
    String orders = figures(HTML).get(0).svg();
    for (String week : report.weeks()) {
      int w = report.weeks().indexOf(week);
      long count = DATA.orders().stream().filter(o -> !o.createdAt().isBefore(ShopData.weekStart(w))
          && o.createdAt().isBefore(ShopData.weekStart(w + 1))).count();
      assertTrue(orders.contains("<title>whole shop " + week + ": " + String.format("%,d", count) + "</title>"),
          week + " " + count);
    }
  }

  @Test
  void targetedChartsShadeTheAmberBandBetweenTheTargetAndTheAmberLimit() {
    for (Figure f : figures(HTML)) {
      boolean targeted = f.caption().contains("target");
      assertEquals(targeted ? 1 : 0, attributes(f.svg(), "rect", "amber-band", "height").size(), f.caption());
      if (targeted) {
        double bandTop = attributes(f.svg(), "rect", "amber-band", "y").get(0);
        double bandHeight = attributes(f.svg(), "rect", "amber-band", "height").get(0);
        double target = attributes(f.svg(), "line", "target", "y1").get(0);
        assertEquals(target, bandTop, 0.11, f.caption() + ": the band starts at the target line");
        assertTrue(bandHeight > 0, f.caption());
      }
    }
  }

  @Test
  void channelNamesAreShownAsTheDataHasThem() {
    assertFalse(HTML.contains("capitalize"), "no CSS text-transform");
    for (String channel : ShopData.CHANNELS) {
      assertTrue(HTML.contains("<h3>" + channel + "</h3>"), channel);
    }
  }

  @Test
  void theHtmlBonusTableNamesKpisHasNoEmptyRuleLinesAndATotal() {
    WeeklyDashboard.Report report = WeeklyDashboard.report();
    String table = HTML.substring(HTML.indexOf("<table class=\"pay\">"), HTML.indexOf("</table>"));
    BigDecimal sum = report.payouts().stream().map(p -> p.total()).reduce(BigDecimal.ZERO, BigDecimal::add);

    for (String id : List.of("info-accuracy", "on-time-shipping-rate", "conversion-rate", "csat ")) {
      assertFalse(table.contains(id), id + " in\n" + table);
    }
    assertFalse(table.contains("no value"), table);
    assertTrue(table.contains("gate Listing accuracy"), table);
    assertTrue(table.contains("<tr class=\"total\"><th>total</th><td></td><td class=\"num\">"
        + WeeklyDashboard.cny(sum) + "</td>"), table);
  }

  // ----- the text's figures ------------------------------------------------------------------------

  /** A printed figure as a number in the unit shown: 8.5% as 8.5, 55,956.00 as 55956.00, 46 min as 46. */
  private static BigDecimal figure(String cell) {
    return new BigDecimal(cell.replaceAll("[*%,]|\\s.*|min", "").strip());
  }

  @Test
  void everyWeekOnWeekChangeIsTheDifferenceOfTheTwoPrintedFigures() {
    String trend = OUT.substring(OUT.indexOf("Trend: 2026-W13 against 2026-W12"));
    int checked = 0;
    for (String label : List.of("Orders", "GMV (CNY)", "On-time shipping", "Oversell rate", "Return rate",
        "Conversion rate", "CSAT (score 4-5)", "First response p90", "Listing accuracy")) {
      List<String> before = weekRow("2026-W12", label);
      List<String> after = weekRow("2026-W13", label);
      String line = trend.lines().filter(l -> l.strip().startsWith(label)).findFirst().orElseThrow();
      List<String> changes = Arrays.asList(line.strip().split("\\s{2,}"));
      for (int c = 0; c <= ShopData.CHANNELS.size(); c++) { // the channels, then the shop
        BigDecimal difference = figure(after.get(2 + c)).subtract(figure(before.get(2 + c)));
        String change = changes.get(1 + c);
        BigDecimal shown = figure(change.substring(2));
        assertEquals(0, difference.abs().compareTo(shown), label + " column " + c + ": " + before.get(2 + c) + " -> "
            + after.get(2 + c) + " shown as " + change);
        assertEquals(difference.signum() > 0 ? "▲" : difference.signum() < 0 ? "▼" : "=", change.substring(0, 1),
            label + " " + change);
        checked++;
      }
    }
    assertEquals(45, checked);
    // the two the issue found: douyin's return rate 8.5% -> 8.2% and jd's CSAT 91.2% -> 93.9%
    assertTrue(trend.lines().anyMatch(l -> l.strip().startsWith("Return rate") && l.contains("▼ 0.3 pp better")));
  }

  @Test
  void theBonusTextPaysOnTheRateItPrintsAndEveryPayoutCanBeRedoneFromThePrintedFigures() {
    Matcher shop = Pattern.compile("the content team is paid on the shop's ([0-9.]+)%").matcher(OUT);
    assertTrue(shop.find(), OUT);
    BigDecimal rate = new BigDecimal(shop.group(1));
    // 60 per 0.1 pp above 2.5%, capped at 500
    BigDecimal pay = rate.subtract(new BigDecimal("2.5")).max(BigDecimal.ZERO).divide(new BigDecimal("0.1"))
        .multiply(new BigDecimal("60")).min(new BigDecimal("500")).setScale(2, RoundingMode.HALF_UP);
    assertTrue(OUT.contains("Lin Yue (content): CNY " + pay), pay + "\n" + OUT);
    assertTrue(OUT.contains("linear on Conversion rate " + shop.group(1) + "% "), OUT);

    String bonus = OUT.substring(OUT.indexOf("Bonus:"));
    BigDecimal sum = BigDecimal.ZERO;
    for (String line : bonus.lines().toList()) {
      Matcher m = Pattern.compile("^  (\\S+ \\S+) \\((\\w+)\\): CNY ([0-9,.]+)$").matcher(line);
      if (m.find()) {
        sum = sum.add(new BigDecimal(m.group(3).replace(",", "")));
      }
    }
    String total = bonus.lines().filter(l -> l.startsWith("  total ")).findFirst().orElseThrow();
    assertTrue(total.endsWith(" " + WeeklyDashboard.cny(sum)), total + " vs " + sum);
    assertFalse(bonus.contains("no value"), bonus);
    for (String id : List.of("info-accuracy", "on-time-shipping-rate", "conversion-rate", " csat ")) {
      assertFalse(bonus.contains(id), id);
    }
  }
}
