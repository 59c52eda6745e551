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
    double onTime = onTimeRate(o -> o.member().equals("chen"));
    double csat = csat("chen");
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
    assertTrue(OUT.contains("NO  gate info-accuracy"), OUT);
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
    Matcher svg = Pattern.compile("<svg").matcher(html);
    int charts = 0;
    while (svg.find()) {
      charts++;
    }
    assertEquals(DashboardHtml.CHARTED.size(), charts);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<style>") && !html.contains("<script"));
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|src=|@import).*"),
        "self-contained: nothing to fetch");
    double w12 = onTimeRate(inWeek(2, "douyin"));
    assertTrue(html.contains("douyin 2026-W12: " + percent(w12) + " RED"), "chart point for douyin W12");
    double w13 = onTimeRate(inWeek(3, "douyin"));
    assertTrue(html.contains("<div class=\"value\">" + percent(w13) + "</div>"), "latest-week tile");
    assertTrue(html.contains(WeeklyDashboard.cny(report.payouts().get(0).total())), "Chen's payout");
  }
}
