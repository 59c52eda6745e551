package dev.finegrain.examples.retrospective;

import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.examples.TextTable;
import dev.finegrain.examples.dashboard.ShopData;
import dev.finegrain.examples.dashboard.WeeklyDashboard;
import dev.finegrain.examples.order.OrderReview;
import dev.finegrain.examples.review.ListingReview;
import dev.finegrain.examples.review.ReviewKpis;
import dev.finegrain.examples.team.TeamSetup;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.KpiChange;
import dev.finegrain.kpi.KpiChanges;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.MeanMeasure;
import dev.finegrain.kpi.RatioMeasure;
import dev.finegrain.kpi.RoundedEffects;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.Status;
import dev.finegrain.kpi.Window;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The weekly retrospective (定期复盘) of the West Lake Tea shop: not only what changed, but why. For
 * one ISO week against the week before, over the dashboard's generated data ({@link ShopData}):
 *
 * <ol>
 *   <li>the KPIs, for the shop and for each channel, whose status (green, amber, red) changed;
 *   <li>for each, why: the change split by {@link KpiChanges} into each group's rate effect (the group
 *       got better or worse) and mix effect (its share of the volume moved), by channel for the shop and
 *       by member for a channel, the effects shown as {@link RoundedEffects} rounds them: every row and
 *       column adds up to the change as shown;
 *   <li>the standard rules broken most often in the week: the listing audits' and the order rules' of the
 *       order review day;
 *   <li>the review stages that held work longest in the week: the time each stage's open cycles spent
 *       inside the week, from the listing review's and the order review's recorded events.
 * </ol>
 *
 * <p>As text ({@link #text}) and as a self-contained HTML section ({@link #html}) for the dashboard;
 * people, stages and KPIs by the names the rest of the demo uses.
 * Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.retrospective.WeeklyRetrospective}.
 */
public final class WeeklyRetrospective {
  /** The week the demo looks back on: the week of the douyin live-stream sale. */
  public static final String WEEK = "2026-W12";

  // named as the dashboard labels them: one KPI, one name across the demo
  static final Kpi ON_TIME = WeeklyDashboard.labelled(EcommerceKpis.onTimeShippingRate(ShopData.AS_OF));
  static final Kpi OVERSELL = WeeklyDashboard.labelled(EcommerceKpis.oversellRate());
  static final Kpi RETURNS = WeeklyDashboard.labelled(EcommerceKpis.returnRate());
  static final Kpi CONVERSION = WeeklyDashboard.labelled(EcommerceKpis.conversionRate());
  static final Kpi CSAT = WeeklyDashboard.labelled(EcommerceKpis.csat());
  static final Kpi FIRST_RESPONSE = WeeklyDashboard.labelled(EcommerceKpis.firstResponseTimeP90());
  static final Kpi ACCURACY = WeeklyDashboard.labelled(EcommerceKpis.informationAccuracyRate());

  /** The shop's team: a member's records are split under the member's name. */
  private static final Team TEAM = TeamSetup.team();

  private WeeklyRetrospective() {}

  /** A KPI whose status changed from the week before, and why. */
  public record Crossing(Kpi kpi, String scope, String dimension, OptionalDouble before, OptionalDouble after,
      Status statusBefore, Status statusAfter, Optional<KpiChange> why, String whyNot) {}

  /** How often one rule of a standard was broken in the week. */
  public record RuleCount(String standard, String rule, int violations) {}

  /**
   * How long one review stage held work in the week: its cycles that ended in the week (with p50 and
   * p90 of their whole length, in minutes), those still open at the week's end, and the time all its
   * cycles spent open inside the week. The stage by id ({@code risk}) and by name ({@code Risk review}).
   */
  public record StageHold(String workflow, String stage, String stageName, int ended, long p50Minutes,
      long p90Minutes, int openAtEnd, long minutesHeldInWeek) {}

  /** The retrospective of one week. */
  public record Retrospective(String week, String previousWeek, Instant start, Instant end,
      List<Crossing> crossings, List<RuleCount> rules, List<StageHold> stages) {}

  /** One kind of record of the shop with its KPIs: how to read it and where its channel and time are. */
  private record Family<T>(List<Kpi> kpis, Schema<T> schema, List<T> records, Map<String, Formula> derived,
      Function<T, String> channel, Function<T, Instant> time, boolean hasMember) {}

  private static final Schema<ShopData.Order> ORDERS = Schema.<ShopData.Order>builder()
      .instant("createdAt", ShopData.Order::createdAt)
      .instant("promisedShipBy", ShopData.Order::promisedShipBy)
      .instant("shippedAt", ShopData.Order::shippedAt)
      .longField("amountCents", ShopData.Order::amountCents)
      .booleanField("returned", ShopData.Order::returned)
      .booleanField("oversold", ShopData.Order::oversold)
      .dimension("channel", ShopData.Order::channel)
      .dimension("member", x -> memberName(x.member()))
      .build();
  private static final Schema<ShopData.Ticket> TICKETS = Schema.<ShopData.Ticket>builder()
      .instant("createdAt", ShopData.Ticket::createdAt)
      .instant("firstResponseAt", ShopData.Ticket::firstResponseAt)
      .longField("score", ShopData.Ticket::score)
      .dimension("channel", ShopData.Ticket::channel)
      .dimension("member", x -> memberName(x.member()))
      .build();
  private static final Schema<ShopData.Audit> AUDITS = Schema.<ShopData.Audit>builder()
      .instant("createdAt", ShopData.Audit::createdAt)
      .booleanField("conforms", ShopData.Audit::conforms)
      .dimension("channel", ShopData.Audit::channel)
      .dimension("member", x -> memberName(x.member()))
      .build();
  private static final Schema<ShopData.Session> SESSIONS = Schema.<ShopData.Session>builder()
      .instant("createdAt", ShopData.Session::createdAt)
      .booleanField("converted", ShopData.Session::converted)
      .dimension("channel", ShopData.Session::channel)
      .build();

  /** A member's name ({@code Chen Jing} for {@code chen}); the id for someone not on the team. */
  static String memberName(String id) {
    return id == null ? null : TEAM.member(id).map(Member::name).orElse(id);
  }

  /** The retrospective of {@link #WEEK} over the demo's data. */
  public static Retrospective compute() {
    return compute(ShopData.generate(), WEEK);
  }

  /**
   * The retrospective of {@code week} (an ISO week label such as {@code 2026-W12}) against the week
   * before, over {@code data} and the two review scenarios.
   */
  public static Retrospective compute(ShopData data, String week) {
    List<Family<?>> families = List.of(
        new Family<>(List.of(ON_TIME, OVERSELL, RETURNS), ORDERS, data.orders(), Map.of(),
            ShopData.Order::channel, ShopData.Order::createdAt, true),
        new Family<>(List.of(CSAT, FIRST_RESPONSE), TICKETS, data.tickets(),
            Map.of("firstResponseMinutes", EcommerceKpis.FIRST_RESPONSE_MINUTES),
            ShopData.Ticket::channel, ShopData.Ticket::createdAt, true),
        new Family<>(List.of(ACCURACY), AUDITS, data.audits(), Map.of(),
            ShopData.Audit::channel, ShopData.Audit::createdAt, true),
        new Family<>(List.of(CONVERSION), SESSIONS, data.sessions(), Map.of(),
            ShopData.Session::channel, ShopData.Session::createdAt, false));
    List<Crossing> shop = new ArrayList<>();
    List<Crossing> channels = new ArrayList<>();
    Window[] windows = new Window[2];
    for (Family<?> family : families) {
      crossings(family, week, shop, channels, windows);
    }
    if (windows[0] == null) {
      throw new IllegalArgumentException("week: no data in " + week + " or the week before");
    }
    List<Crossing> all = new ArrayList<>(shop);
    all.addAll(channels);
    Instant start = windows[1].start();
    Instant end = windows[1].end();
    OrderReview.Day day = orderDay(start, end);
    return new Retrospective(week, windows[0].label(), start, end, all, rules(data, day, start, end),
        stages(day, start, end));
  }

  private static <T> void crossings(Family<T> family, String week, List<Crossing> shop, List<Crossing> channels,
      Window[] windows) {
    KpiQuery.Builder byChannel = KpiQuery.builder().addAllKpis(family.kpis()).timeField("createdAt")
        .grain(Grain.ISO_WEEK).zone(ShopData.ZONE).putAllDerivedFields(family.derived()).addGroupBy("channel");
    KpiQuery.Builder whole = KpiQuery.builder().addAllKpis(family.kpis()).timeField("createdAt")
        .grain(Grain.ISO_WEEK).zone(ShopData.ZONE).putAllDerivedFields(family.derived());
    KpiTable channelTable = Kpis.run(byChannel.build(), family.schema(), family.records());
    KpiTable shopTable = Kpis.run(whole.build(), family.schema(), family.records());
    List<Window> weeks = shopTable.rows().stream().map(KpiRow::window).distinct().sorted().toList();
    int at = weeks.stream().map(Window::label).toList().indexOf(week);
    if (at < 1) {
      return;
    }
    Window previous = weeks.get(at - 1);
    Window current = weeks.get(at);
    windows[0] = previous;
    windows[1] = current;
    for (Kpi kpi : family.kpis()) {
      if (kpi.target().isEmpty()) {
        continue;
      }
      KpiCell before = shopTable.row(previous.label(), Map.of()).flatMap(r -> r.cell(kpi.id())).orElseThrow();
      KpiCell after = shopTable.row(current.label(), Map.of()).flatMap(r -> r.cell(kpi.id())).orElseThrow();
      if (crossed(before, after)) {
        Optional<KpiChange> why = decomposable(kpi)
            ? KpiChanges.decompose(channelTable, kpi.id(), "channel", previous.label(), current.label())
            : Optional.empty();
        shop.add(new Crossing(kpi, "shop", "channel", before.value(), after.value(), before.status(),
            after.status(), why, whyNot(kpi, true)));
      }
      for (String channel : ShopData.CHANNELS) {
        Optional<KpiCell> b = channelTable.row(previous.label(), Map.of("channel", channel))
            .flatMap(r -> r.cell(kpi.id()));
        Optional<KpiCell> a = channelTable.row(current.label(), Map.of("channel", channel))
            .flatMap(r -> r.cell(kpi.id()));
        if (b.isEmpty() || a.isEmpty() || !crossed(b.get(), a.get())) {
          continue;
        }
        Optional<KpiChange> why = Optional.empty();
        if (decomposable(kpi) && family.hasMember()) {
          // the rows route: this channel's records of each week, split by the member who handled them
          why = KpiChanges.decompose(kpi, "member", family.schema(), records(family, channel, previous),
              records(family, channel, current), KpiQuery.SMALL_SAMPLE)
              .map(k -> k.withLabels(previous.label(), current.label()));
        }
        channels.add(new Crossing(kpi, channel, "member", b.get().value(), a.get().value(), b.get().status(),
            a.get().status(), why, whyNot(kpi, family.hasMember())));
      }
    }
  }

  private static <T> List<T> records(Family<T> family, String channel, Window window) {
    return family.records().stream().filter(r -> channel.equals(family.channel().apply(r)))
        .filter(r -> {
          Instant t = family.time().apply(r);
          return t != null && !t.isBefore(window.start()) && t.isBefore(window.end());
        }).toList();
  }

  private static boolean crossed(KpiCell before, KpiCell after) {
    return before.status() != Status.UNKNOWN && after.status() != Status.UNKNOWN && before.status() != after.status();
  }

  private static boolean decomposable(Kpi kpi) {
    return kpi.measure() instanceof RatioMeasure || kpi.measure() instanceof MeanMeasure;
  }

  private static String whyNot(Kpi kpi, boolean hasMember) {
    if (!decomposable(kpi)) {
      return "a percentile: it does not split into the groups' contributions";
    }
    return hasMember ? "" : "its records name no member to split by";
  }

  /** The rules broken in the week: the listing audits' and, if its day falls in the week, the order review's. */
  private static List<RuleCount> rules(ShopData data, OrderReview.Day day, Instant start, Instant end) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ShopData.Audit audit : data.audits()) {
      if (!audit.createdAt().isBefore(start) && audit.createdAt().isBefore(end)) {
        audit.problems().forEach(rule -> counts.merge("listing-base\t" + rule, 1, Integer::sum));
      }
    }
    if (day != null) {
      day.checks().values().forEach(c -> c.violations().forEach(
          v -> counts.merge(c.standardId() + "\t" + v.ruleId(), 1, Integer::sum)));
    }
    return counts.entrySet().stream()
        .map(e -> new RuleCount(e.getKey().split("\t")[0], e.getKey().split("\t")[1], e.getValue()))
        .sorted(Comparator.comparingInt(RuleCount::violations).reversed().thenComparing(RuleCount::rule))
        .toList();
  }

  /** The order review's day, simulated, if it falls in the week; else null. */
  private static OrderReview.Day orderDay(Instant start, Instant end) {
    Instant day = OrderReview.DAY.atStartOfDay(OrderReview.ZONE).toInstant();
    return !day.isBefore(start) && day.isBefore(end) ? OrderReview.simulate() : null;
  }

  /** Every stage's cycles from both reviews' events, with the time they spent open inside the week. */
  private static List<StageHold> stages(OrderReview.Day day, Instant start, Instant end) {
    ListingReview.Batch batch = ListingReview.simulate();
    // the platform's scheduler ticks open cases: deadlines due before the week (escalation, expiry) fire
    for (String id : batch.caseIds()) {
      if (!batch.engine().state(id).isClosed() && batch.clocks().get(id).isBefore(start)) {
        batch.engine().handle(Tick.builder().commandId(id + "/tick/" + start).caseId(id).actor(ReviewEvent.SYSTEM)
            .at(start).build());
      }
    }
    Map<String, List<RecordedEvent>> listing = ListingReview.eventsByCase(batch);
    Map<String, ReviewWorkflow> workflows = Map.of("listing-review", ListingReview.workflow(), "order-review",
        OrderReview.workflow());
    Map<String, List<ReviewKpis.StageCycle>> cycles = new LinkedHashMap<>();
    ReviewKpis.from(listing).cycles().forEach(c -> cycles.computeIfAbsent("listing-review\t" + c.stage(),
        k -> new ArrayList<>()).add(c));
    if (day != null) {
      Map<String, List<RecordedEvent>> orders = new LinkedHashMap<>();
      day.orders().forEach(o -> orders.put(o.id(), day.engine().events(o.id())));
      ReviewKpis.from(orders).cycles().forEach(c -> cycles.computeIfAbsent("order-review\t" + c.stage(),
          k -> new ArrayList<>()).add(c));
    }
    List<StageHold> out = new ArrayList<>();
    cycles.forEach((key, list) -> {
      List<Long> ended = new ArrayList<>();
      int open = 0;
      long held = 0;
      for (ReviewKpis.StageCycle c : list) {
        Instant closed = c.closedAt() == null ? end : c.closedAt();
        Instant from = c.openedAt().isAfter(start) ? c.openedAt() : start;
        Instant to = closed.isBefore(end) ? closed : end;
        if (from.isBefore(to)) {
          held += Duration.between(from, to).toMinutes();
        }
        if (c.closedAt() != null && !c.closedAt().isBefore(start) && c.closedAt().isBefore(end)) {
          ended.add(Duration.between(c.openedAt(), c.closedAt()).toMinutes());
        }
        if (c.openedAt().isBefore(end) && (c.closedAt() == null || !c.closedAt().isBefore(end))) {
          open++;
        }
      }
      if (held > 0) {
        ended.sort(null);
        String workflow = key.split("\t")[0];
        String stage = key.split("\t")[1];
        String name = workflows.get(workflow).stage(stage).map(Stage::name).orElse(stage);
        out.add(new StageHold(workflow, stage, name, ended.size(), rank(ended, 0.5),
            rank(ended, 0.9), open, held));
      }
    });
    out.sort(Comparator.comparingLong(StageHold::minutesHeldInWeek).reversed());
    return out;
  }

  /** Nearest-rank quantile of sorted values; 0 for none. */
  private static long rank(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(q * sorted.size()) - 1);
  }

  /** Runs the retrospective of {@link #WEEK} on standard output. */
  public static void main(String[] args) {
    run(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /** Prints the retrospective of {@link #WEEK} to {@code out}. */
  public static void run(PrintStream out) {
    out.print(text(compute()));
  }

  private static final int TOP_RULES = 5;
  private static final int TOP_STAGES = 5;

  /** The retrospective as text. */
  public static String text(Retrospective r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Retrospective of %s (%s to %s, Asia/Shanghai) against %s%n%n", r.week(),
        day(r.start()), day(r.end().minusSeconds(1)), r.previousWeek()));
    out.append("KPIs that crossed a status boundary\n");
    TextTable crossed = TextTable.of("scope", "KPI", r.previousWeek(), r.week(), "change").rightAlign(2, 3, 4);
    for (Crossing c : r.crossings()) {
      crossed.row(c.scope(), c.kpi().name(), value(c.kpi(), c.before(), c.statusBefore()),
          value(c.kpi(), c.after(), c.statusAfter()), change(c));
    }
    out.append(crossed.size() == 0 ? "  none\n" : crossed.render(2));
    for (Crossing c : r.crossings()) {
      out.append('\n');
      out.append(String.format("Why did %s move %s?%n", c.kpi().name(), where(c)));
      if (c.why().isPresent()) {
        c.why().get().toText().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("  ").append(reading(c.why().get())).append('\n');
      } else {
        out.append("  not split: ").append(c.whyNot()).append('\n');
      }
    }
    out.append(String.format("%nStandard rules broken most in %s%n", r.week()));
    TextTable rules = TextTable.of("standard", "rule", "violations").rightAlign(2);
    r.rules().stream().limit(TOP_RULES).forEach(x -> rules.row(x.standard(), x.rule(), x.violations()));
    out.append(rules.size() == 0 ? "  none\n" : rules.render(2));
    out.append(String.format("%nReview stages that held work longest in %s%n", r.week()));
    TextTable stages = TextTable.of("workflow", "stage", "time held in the week", "cycles ended", "p50", "p90",
        "open at week end").rightAlign(2, 3, 4, 5, 6);
    r.stages().stream().limit(TOP_STAGES).forEach(s -> stages.row(s.workflow(), s.stageName(),
        OrderReview.duration(s.minutesHeldInWeek()), s.ended(),
        s.ended() == 0 ? "-" : OrderReview.duration(s.p50Minutes()),
        s.ended() == 0 ? "-" : OrderReview.duration(s.p90Minutes()), s.openAtEnd()));
    out.append(stages.size() == 0 ? "  none\n" : stages.render(2));
    return out.toString();
  }

  /**
   * One sentence on the largest contribution, in the figures the table prints: the group whose printed
   * total is largest (the first of equals), whether its rate or its mix effect is the larger as printed,
   * and what the other groups add when they pull the other way.
   */
  static String reading(KpiChange change) {
    RoundedEffects shown = RoundedEffects.of(change);
    int at = 0;
    for (int i = 1; i < shown.rows().size(); i++) {
      if (shown.rows().get(i).total().abs().compareTo(shown.rows().get(at).total().abs()) > 0) {
        at = i;
      }
    }
    RoundedEffects.Row top = shown.rows().get(at);
    int rateAgainstMix = top.rateEffect().abs().compareTo(top.mixEffect().abs());
    String why = rateAgainstMix > 0 ? "mostly because its own value moved"
        : rateAgainstMix < 0 ? "mostly because its share of the volume moved"
        : "as much because its own value moved as because its share did";
    // a part larger than the whole, or against it, reads as a mistake unless the rest is named
    BigDecimal others = shown.all().total().subtract(top.total());
    String offset = others.signum() != 0 && others.signum() != top.total().signum()
        ? " (the others together " + shown.format(others) + ")" : "";
    return String.format("largest contribution: %s, %s of the %s change%s, %s (rate %s, mix %s)%s",
        top.group(), shown.format(top.total()), shown.format(shown.all().total()), offset, why,
        shown.format(top.rateEffect()), shown.format(top.mixEffect()),
        change.contributions().get(at).smallSample() ? "; a small sample" : "");
  }

  private static String where(Crossing c) {
    return c.scope().equals("shop") ? "for the whole shop" : "on " + c.scope();
  }

  private static String value(Kpi kpi, OptionalDouble v, Status status) {
    return shown(kpi, v) + " " + status.name();
  }

  /** A value in its unit: {@code 95.3%}, {@code 24 min}. */
  static String shown(Kpi kpi, OptionalDouble v) {
    String text = KpiTable.format(kpi, v);
    return kpi.isPercent() || v.isEmpty() || kpi.unit().isEmpty() ? text : text + " " + kpi.unit().get();
  }

  private static String change(Crossing c) {
    if (c.why().isPresent()) {
      return c.why().get().formatEffect(c.why().get().change());
    }
    if (c.before().isEmpty() || c.after().isEmpty()) {
      return "-";
    }
    double d = c.after().getAsDouble() - c.before().getAsDouble();
    if (c.kpi().isPercent()) {
      return String.format(java.util.Locale.ROOT, "%+.2f pp", d * 100);
    }
    String text = shown(c.kpi(), OptionalDouble.of(Math.abs(d)));
    return (d < 0 ? "-" : "+") + text;
  }

  private static String day(Instant t) {
    return t.atZone(ShopData.ZONE).toLocalDate().toString().substring(5);
  }

  /**
   * The retrospective as one self-contained HTML {@code <section>}: its own scoped styles, no script, no
   * external resource; effects drawn as inline bars (rate and mix, right of the axis when they raise
   * the KPI).
   */
  public static String html(Retrospective r) {
    StringBuilder h = new StringBuilder();
    h.append("<section class=\"fg-retro\">\n<style>\n")
        .append(".fg-retro{font-family:system-ui,sans-serif;color:#222}")
        .append(".fg-retro table{border-collapse:collapse;margin:.5em 0 1.2em}")
        .append(".fg-retro th,.fg-retro td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left}")
        .append(".fg-retro td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".fg-retro .GREEN{color:#1a7f37}.fg-retro .AMBER{color:#9a6700}.fg-retro .RED{color:#cf222e}")
        .append(".fg-retro .small{color:#777;font-style:italic}")
        .append("\n</style>\n");
    h.append("<h2>Retrospective of ").append(esc(r.week())).append(" against ").append(esc(r.previousWeek()))
        .append("</h2>\n");
    h.append("<h3>KPIs that crossed a status boundary</h3>\n<table><tr><th>scope</th><th>KPI</th><th>")
        .append(esc(r.previousWeek())).append("</th><th>").append(esc(r.week())).append("</th><th>change</th></tr>\n");
    for (Crossing c : r.crossings()) {
      h.append("<tr><td>").append(esc(c.scope())).append("</td><td>").append(esc(c.kpi().name()))
          .append("</td><td class=\"n\">").append(esc(shown(c.kpi(), c.before()))).append(" <span class=\"")
          .append(c.statusBefore()).append("\">").append(c.statusBefore()).append("</span></td><td class=\"n\">")
          .append(esc(shown(c.kpi(), c.after()))).append(" <span class=\"").append(c.statusAfter())
          .append("\">").append(c.statusAfter()).append("</span></td><td class=\"n\">").append(esc(change(c)))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (Crossing c : r.crossings()) {
      h.append("<h3>Why did ").append(esc(c.kpi().name())).append(" move ").append(esc(where(c))).append("?</h3>\n");
      if (c.why().isEmpty()) {
        h.append("<p>Not split: ").append(esc(c.whyNot())).append(".</p>\n");
        continue;
      }
      KpiChange k = c.why().get();
      double scale = 0;
      for (KpiChange.Contribution x : k.contributions()) {
        scale = Math.max(scale, Math.max(Math.abs(x.rateEffect()), Math.abs(x.mixEffect())));
      }
      h.append("<table><tr><th>").append(esc(k.dimension())).append("</th><th>").append(esc(k.before()))
          .append("</th><th>").append(esc(k.after())).append("</th><th>rate effect</th><th>mix effect</th>")
          .append("<th>total</th></tr>\n");
      RoundedEffects shown = RoundedEffects.of(k);
      for (int i = 0; i < k.contributions().size(); i++) {
        KpiChange.Contribution x = k.contributions().get(i);
        RoundedEffects.Row row = shown.rows().get(i);
        h.append("<tr><td>").append(esc(x.group()))
            .append(x.smallSample() ? " <span class=\"small\">(small sample)</span>" : "")
            .append("</td><td class=\"n\">").append(esc(KpiTable.format(k.kpi(), x.valueBefore())))
            .append("</td><td class=\"n\">").append(esc(KpiTable.format(k.kpi(), x.valueAfter())))
            .append("</td><td class=\"n\">").append(bar(x.rateEffect(), scale))
            .append(esc(shown.format(row.rateEffect())))
            .append("</td><td class=\"n\">").append(bar(x.mixEffect(), scale))
            .append(esc(shown.format(row.mixEffect())))
            .append("</td><td class=\"n\">").append(esc(shown.format(row.total()))).append("</td></tr>\n");
      }
      h.append("<tr><th>all</th><td class=\"n\">").append(esc(KpiTable.format(k.kpi(), OptionalDouble.of(k.valueBefore()))))
          .append("</td><td class=\"n\">").append(esc(KpiTable.format(k.kpi(), OptionalDouble.of(k.valueAfter()))))
          .append("</td><td class=\"n\">").append(esc(shown.format(shown.all().rateEffect())))
          .append("</td><td class=\"n\">").append(esc(shown.format(shown.all().mixEffect())))
          .append("</td><td class=\"n\">").append(esc(shown.format(shown.all().total())))
          .append("</td></tr>\n</table>\n");
      h.append("<p class=\"small\">Each effect within ").append(k.kpi().isPercent() ? "0.01 pp" : "0.01")
          .append(" of its exact value, rounded so that the figures shown add up.</p>\n");
      h.append("<p>").append(esc(reading(k))).append(".</p>\n");
    }
    h.append("<h3>Standard rules broken most</h3>\n<table><tr><th>standard</th><th>rule</th><th>violations</th></tr>\n");
    r.rules().stream().limit(TOP_RULES).forEach(x -> h.append("<tr><td>").append(esc(x.standard()))
        .append("</td><td>").append(esc(x.rule())).append("</td><td class=\"n\">").append(x.violations())
        .append("</td></tr>\n"));
    h.append("</table>\n");
    h.append("<h3>Review stages that held work longest</h3>\n<table><tr><th>workflow</th><th>stage</th>")
        .append("<th>time held in the week</th><th>cycles ended</th><th>p50</th><th>p90</th><th>open at week end</th>")
        .append("</tr>\n");
    r.stages().stream().limit(TOP_STAGES).forEach(s -> h.append("<tr><td>").append(esc(s.workflow()))
        .append("</td><td>").append(esc(s.stageName())).append("</td><td class=\"n\">")
        .append(esc(OrderReview.duration(s.minutesHeldInWeek()))).append("</td><td class=\"n\">").append(s.ended())
        .append("</td><td class=\"n\">").append(s.ended() == 0 ? "-" : esc(OrderReview.duration(s.p50Minutes())))
        .append("</td><td class=\"n\">").append(s.ended() == 0 ? "-" : esc(OrderReview.duration(s.p90Minutes())))
        .append("</td><td class=\"n\">").append(s.openAtEnd()).append("</td></tr>\n"));
    h.append("</table>\n</section>\n");
    return h.toString();
  }

  /** A 60-pixel inline SVG bar: the effect's size against the largest effect, right of the axis if positive. */
  private static String bar(double effect, double scale) {
    int width = scale == 0 ? 0 : (int) Math.round(30 * Math.abs(effect) / scale);
    int x = effect >= 0 ? 30 : 30 - width;
    return "<svg width=\"60\" height=\"10\" role=\"img\" aria-label=\"bar\" style=\"margin-right:.4em\">"
        + "<line x1=\"30\" y1=\"0\" x2=\"30\" y2=\"10\" stroke=\"#999\"/>"
        + "<rect x=\"" + x + "\" y=\"2\" width=\"" + width + "\" height=\"6\" fill=\"#4c6ef5\"/></svg>";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
