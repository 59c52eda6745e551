package dev.finegrain.examples.dashboard;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import dev.finegrain.examples.Words;
import dev.finegrain.examples.dashboard.ShopData.Audit;
import dev.finegrain.examples.dashboard.ShopData.Order;
import dev.finegrain.examples.dashboard.ShopData.Session;
import dev.finegrain.examples.retrospective.WeeklyRetrospective;
import dev.finegrain.examples.dashboard.ShopData.Ticket;
import dev.finegrain.examples.team.TeamSetup;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Rollup;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.Status;
import dev.finegrain.kpi.TimeRange;
import dev.finegrain.kpi.incentive.Payout;
import dev.finegrain.kpi.incentive.PayoutLine;
import dev.finegrain.kpi.incentive.PayoutPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Scenario: the West Lake Tea shop's weekly KPI dashboard over four generated ISO weeks on Tmall,
 * JD, Douyin and WeChat: each week's KPIs per channel against their targets, the trend against the
 * previous week, the month's roll-up member → team → shop, and the month's bonus per member from a
 * payout plan in JSON, each payout with its explanation. Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.dashboard.WeeklyDashboard};
 * give a file name ({@code -Dexec.args=target/dashboard.html}) to also write a self-contained HTML
 * report with trend charts and status tiles.
 */
public final class WeeklyDashboard {
  /** The payout plan, relative to {@code dev/finegrain/examples/}. */
  public static final String PLAN = "shop/bonus-plan.json";

  /** Member to team, in display order; members not named here are not on the bonus plan. */
  public static final Map<String, String> TEAMS = teams();

  static final Kpi ORDERS = EcommerceKpis.orders();
  static final Kpi GMV = EcommerceKpis.gmv();
  static final Kpi ON_TIME = EcommerceKpis.onTimeShippingRate(ShopData.AS_OF);
  static final Kpi OVERSELL = EcommerceKpis.oversellRate();
  static final Kpi RETURNS = EcommerceKpis.returnRate();
  static final Kpi CONVERSION = EcommerceKpis.conversionRate();
  static final Kpi CSAT = EcommerceKpis.csat();
  static final Kpi FIRST_RESPONSE = EcommerceKpis.firstResponseTimeP90();
  static final Kpi ACCURACY = EcommerceKpis.informationAccuracyRate();

  /** The dashboard's KPIs in display order, with the short labels a manager reads. */
  static final Map<Kpi, String> LABELS = labels();

  private static final Pattern STATUS_WORD = Pattern.compile("\\b(GREEN|AMBER|RED)\\b");

  private WeeklyDashboard() {}

  private static Map<String, String> teams() {
    Map<String, String> teams = new LinkedHashMap<>();
    teams.put("chen", "fulfilment");
    teams.put("guo", "fulfilment");
    teams.put("he", "fulfilment");
    teams.put("sun", "service");
    teams.put("lin", "content");
    teams.put("zhou", "content");
    teams.put("wang", "content");
    return java.util.Collections.unmodifiableMap(teams);
  }

  /**
   * {@code kpi} named as the dashboard labels it ({@code On-time shipping} for {@code On-time shipping rate}),
   * so that the demo calls one KPI by one name throughout; a KPI the dashboard does not show as it is.
   */
  public static Kpi labelled(Kpi kpi) {
    String label = LABELS.get(kpi);
    return label == null ? kpi : Kpi.builder().from(kpi).name(label).build();
  }

  private static Map<Kpi, String> labels() {
    Map<Kpi, String> labels = new LinkedHashMap<>();
    labels.put(ORDERS, "Orders");
    labels.put(GMV, "GMV (CNY)");
    labels.put(ON_TIME, "On-time shipping");
    labels.put(OVERSELL, "Oversell rate");
    labels.put(RETURNS, "Return rate");
    labels.put(CONVERSION, "Conversion rate");
    labels.put(CSAT, "CSAT (score 4-5)");
    labels.put(FIRST_RESPONSE, "First response p90");
    labels.put(ACCURACY, "Listing accuracy");
    return java.util.Collections.unmodifiableMap(labels);
  }

  /** Prints the dashboard; with a file name, also writes the HTML report there. */
  public static void main(String[] args) {
    String term = System.getenv("TERM");
    boolean colour = System.console() != null && term != null && !term.equals("dumb");
    Report report = report();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    print(out, report, colour);
    if (args.length > 0) {
      Path path = Path.of(args[0]);
      writeHtml(report, path);
      out.printf("%nHTML report written to %s%n", path.toAbsolutePath());
    }
  }

  /** Prints the dashboard to {@code out}, without colour. */
  public static void run(PrintStream out) {
    print(out, report(), false);
  }

  /**
   * Writes the self-contained HTML report of {@code report} to {@code path}, with the weekly
   * retrospective of {@link WeeklyRetrospective#WEEK} as its last section.
   */
  public static void writeHtml(Report report, Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String retrospective = WeeklyRetrospective.html(WeeklyRetrospective.compute());
      Files.writeString(path, DashboardHtml.render(report, retrospective), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // computing

  /** Everything the dashboard shows, computed from {@link ShopData#generate()}. */
  public static Report report() {
    return report(ShopData.generate());
  }

  /** Everything the dashboard shows, computed from {@code data}. */
  public static Report report(ShopData data) {
    Team team = TeamSetup.team();
    List<KpiTable> weekly = new ArrayList<>();
    List<KpiTable> weeklyShop = new ArrayList<>();
    for (boolean byChannel : new boolean[] {true, false}) {
      List<KpiTable> into = byChannel ? weekly : weeklyShop;
      Function<KpiQuery.Builder, KpiQuery.Builder> weeks = q -> {
        q.timeField("createdAt").grain(Grain.ISO_WEEK).zone(ShopData.ZONE);
        return byChannel ? q.addGroupBy("channel") : q;
      };
      into.add(Kpis.run(weeks.apply(KpiQuery.builder().addKpis(ORDERS, GMV, ON_TIME, OVERSELL, RETURNS)).build(),
          ORDER_SCHEMA, data.orders()));
      into.add(Kpis.run(weeks.apply(KpiQuery.builder().addKpis(CSAT, FIRST_RESPONSE)
          .putDerivedField("firstResponseMinutes", EcommerceKpis.FIRST_RESPONSE_MINUTES)).build(),
          TICKET_SCHEMA, data.tickets()));
      into.add(Kpis.run(weeks.apply(KpiQuery.builder().addKpis(ACCURACY)).build(), AUDIT_SCHEMA, data.audits()));
      into.add(Kpis.run(weeks.apply(KpiQuery.builder().addKpis(CONVERSION)).build(), SESSION_SCHEMA,
          data.sessions()));
    }

    // the month: member -> team -> all, merged, never averaged
    Rollup rollup = Rollup.of("member", "team", TEAMS);
    TimeRange month = TimeRange.of(ShopData.START, ShopData.AS_OF);
    Function<KpiQuery.Builder, KpiQuery> byMember = q -> q.timeField("createdAt").grain(Grain.ALL).range(month)
        .addGroupBy("member").rollup(rollup).build();
    List<KpiTable> members = List.of(
        Kpis.run(byMember.apply(KpiQuery.builder().addKpis(ORDERS, ON_TIME, OVERSELL)), ORDER_SCHEMA, data.orders()),
        Kpis.run(byMember.apply(KpiQuery.builder().addKpis(CSAT, FIRST_RESPONSE)
            .putDerivedField("firstResponseMinutes", EcommerceKpis.FIRST_RESPONSE_MINUTES)), TICKET_SCHEMA,
            data.tickets()),
        Kpis.run(byMember.apply(KpiQuery.builder().addKpis(ACCURACY)), AUDIT_SCHEMA, data.audits()));
    KpiTable monthSessions = Kpis.run(KpiQuery.builder().addKpis(CONVERSION).timeField("createdAt").grain(Grain.ALL)
        .range(month).build(), SESSION_SCHEMA, data.sessions());

    Board memberBoard = new Board(members);
    OptionalDouble shopAccuracy = memberBoard.value("all", Map.of("member", Rollup.ALL), ACCURACY.id());
    OptionalDouble shopConversion = new Board(List.of(monthSessions)).value("all", Map.of(), CONVERSION.id());
    Map<String, Map<String, OptionalDouble>> values = new LinkedHashMap<>();
    Map<String, String> accuracySource = new LinkedHashMap<>();
    for (String member : TEAMS.keySet()) {
      Map<String, String> dims = Map.of("member", member);
      Map<String, OptionalDouble> v = new LinkedHashMap<>();
      OptionalDouble own = memberBoard.value("all", dims, ACCURACY.id());
      v.put(ACCURACY.id(), own.isPresent() ? own : shopAccuracy);
      accuracySource.put(member, own.isPresent() ? "own listings" : "shop");
      v.put(ON_TIME.id(), memberBoard.value("all", dims, ON_TIME.id()));
      v.put(CSAT.id(), memberBoard.value("all", dims, CSAT.id()));
      // nobody owns a session; the content team's listings are what converts, so it is paid on the shop's rate
      v.put(CONVERSION.id(), TEAMS.get(member).equals("content") ? shopConversion : OptionalDouble.empty());
      // the plan pays on the rates as its explanations print them (percent with two decimals), so that
      // anyone can redo the sums from the printed figures: 2.99% pays 60 x 4.9 = 294.00
      v.replaceAll((kpi, value) -> asPrinted(value));
      values.put(member, v);
    }
    PayoutPlan plan = Resources.read(PLAN, PayoutPlan.class);
    List<Payout> payouts = plan.evaluateTeam(values);
    List<String> weekLabels = weekly.get(0).rows().stream().map(r -> r.window().label()).distinct().toList();
    return new Report(data, team, weekLabels, new Board(weekly), new Board(weeklyShop), memberBoard, shopConversion,
        values, accuracySource, plan, payouts);
  }

  /** A rate rounded to the two decimals of a percentage the bonus plan prints: 0.029862 as 0.0299. */
  static OptionalDouble asPrinted(OptionalDouble rate) {
    return rate.isEmpty() ? rate
        : OptionalDouble.of(new BigDecimal(Double.toString(rate.getAsDouble())).setScale(4, RoundingMode.HALF_UP)
            .doubleValue());
  }

  /** What the dashboard computed: KPI tables, the members' values for the plan, and the payouts. */
  public record Report(ShopData data, Team team, List<String> weeks, Board weekly, Board weeklyShop,
      Board members, OptionalDouble shopConversion, Map<String, Map<String, OptionalDouble>> planValues,
      Map<String, String> accuracySource, PayoutPlan plan, List<Payout> payouts) {

    /** The cell of {@code kpi} in {@code week} for {@code channel}, or the whole shop when it is null. */
    public Optional<KpiCell> cell(String week, String channel, Kpi kpi) {
      return channel == null ? weeklyShop.cell(week, Map.of(), kpi.id())
          : weekly.cell(week, Map.of("channel", channel), kpi.id());
    }

    /** The cell of {@code kpi} in the week before {@code week}; empty for the first week. */
    public Optional<KpiCell> previousCell(String week, String channel, Kpi kpi) {
      int i = weeks.indexOf(week);
      return i <= 0 ? Optional.empty() : cell(weeks.get(i - 1), channel, kpi);
    }

    /** The change from the previous week as shown: {@code ▲ 1.3 pp better}, computed from the printed figures. */
    public String change(String week, String channel, Kpi kpi) {
      OptionalDouble empty = OptionalDouble.empty();
      return Figures.delta(kpi, previousCell(week, channel, kpi).map(KpiCell::value).orElse(empty),
          cell(week, channel, kpi).map(KpiCell::value).orElse(empty));
    }

    public String latestWeek() {
      return weeks.get(weeks.size() - 1);
    }

    public String memberName(String id) {
      return team.member(id).map(Member::name).orElse(id);
    }
  }

  /** Several KPI tables over different records, read as one: a cell is found in the table that has its KPI. */
  public static final class Board {
    private final List<KpiTable> tables;

    Board(List<KpiTable> tables) {
      this.tables = List.copyOf(tables);
    }

    public List<KpiTable> tables() {
      return tables;
    }

    public Optional<KpiCell> cell(String window, Map<String, String> dimensions, String kpiId) {
      return tables.stream().filter(t -> t.query().kpi(kpiId).isPresent()).findFirst()
          .flatMap(t -> t.row(window, dimensions)).flatMap(r -> r.cell(kpiId));
    }

    public OptionalDouble value(String window, Map<String, String> dimensions, String kpiId) {
      return cell(window, dimensions, kpiId).map(KpiCell::value).orElse(OptionalDouble.empty());
    }
  }

  static final Schema<Order> ORDER_SCHEMA = Schema.<Order>builder()
      .instant("createdAt", Order::createdAt)
      .instant("promisedShipBy", Order::promisedShipBy)
      .instant("shippedAt", Order::shippedAt)
      .longField("amountCents", Order::amountCents)
      .booleanField("returned", Order::returned)
      .booleanField("oversold", Order::oversold)
      .dimension("channel", Order::channel)
      .dimension("member", Order::member)
      .build();

  static final Schema<Ticket> TICKET_SCHEMA = Schema.<Ticket>builder()
      .instant("createdAt", Ticket::createdAt)
      .instant("firstResponseAt", Ticket::firstResponseAt)
      .longField("score", Ticket::score)
      .dimension("channel", Ticket::channel)
      .dimension("member", Ticket::member)
      .build();

  static final Schema<Audit> AUDIT_SCHEMA = Schema.<Audit>builder()
      .instant("createdAt", Audit::createdAt)
      .booleanField("conforms", Audit::conforms)
      .dimension("channel", Audit::channel)
      .dimension("member", Audit::member)
      .build();

  static final Schema<Session> SESSION_SCHEMA = Schema.<Session>builder()
      .instant("createdAt", Session::createdAt)
      .booleanField("converted", Session::converted)
      .dimension("channel", Session::channel)
      .build();

  // ---------------------------------------------------------------------------------------------
  // printing

  static void print(PrintStream out, Report r, boolean colour) {
    ShopData data = r.data();
    out.printf("%s: weekly dashboard, %s to %s (weeks start Monday, Asia/Shanghai; figures as of %s)%n",
        r.team().name(), r.weeks().get(0), r.latestWeek(), ShopData.AS_OF.atZone(ShopData.ZONE).toLocalDate()
            .minusDays(1) + " 24:00");
    out.printf("%,d orders, %,d service tickets, %,d listing audits, %,d sessions on %s%n", data.orders().size(),
        data.tickets().size(), data.audits().size(), data.sessions().size(), String.join(", ", ShopData.CHANNELS));
    for (String week : r.weeks()) {
      out.printf("%nWeek %s (from %s)%n", week, weekStartDate(r, week));
      out.print(paint(weekTable(r, week).render(2), colour));
      out.println(statusCount(r, week));
    }
    out.println("  * fewer than " + KpiQuery.SMALL_SAMPLE + " records behind the value (for a rate, those its"
        + " denominator counts): read with care");

    String latest = r.latestWeek();
    String previous = r.weeks().get(r.weeks().size() - 2);
    out.printf("%nNeeds attention in %s:%n", latest);
    List<String> attention = attention(r, latest);
    if (attention.isEmpty()) {
      out.println("  nothing is red");
    }
    attention.forEach(line -> out.println(paint("  " + line, colour)));

    out.printf("%nTrend: %s against %s (pp = percentage points)%n", latest, previous);
    out.print(trendTable(r, latest).render(2));

    out.printf("%nThe month by member, team and shop, %s to %s (teams merge their members' records)%n",
        r.weeks().get(0), latest);
    out.print(paint(rollupTable(r).render(2), colour));

    printPayouts(out, r, colour);
  }

  private static String weekStartDate(Report r, String week) {
    return ShopData.weekStart(r.weeks().indexOf(week)).atZone(ShopData.ZONE).toLocalDate().toString();
  }

  static TextTable weekTable(Report r, String week) {
    List<String> header = new ArrayList<>(List.of("KPI", "target"));
    header.addAll(ShopData.CHANNELS);
    header.add("shop");
    TextTable table = TextTable.of(header.toArray(new String[0])).rightAlign(2, 3, 4, 5, 6);
    for (Map.Entry<Kpi, String> e : LABELS.entrySet()) {
      Kpi kpi = e.getKey();
      List<Object> row = new ArrayList<>(List.of(e.getValue(), Figures.target(kpi)));
      for (String channel : channelsAndShop()) {
        row.add(r.cell(week, channel, kpi).map(c -> Figures.cell(kpi, c)).orElse("-"));
      }
      table.row(row.toArray());
    }
    return table;
  }

  private static List<String> channelsAndShop() {
    List<String> columns = new ArrayList<>(ShopData.CHANNELS);
    columns.add(null);
    return columns;
  }

  /** How many channel cells of a week are red, amber and green (the shop column not counted). */
  static Map<Status, Integer> statusCounts(Report r, String week) {
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : List.of(Status.RED, Status.AMBER, Status.GREEN)) {
      counts.put(s, 0);
    }
    for (Kpi kpi : LABELS.keySet()) {
      for (String channel : ShopData.CHANNELS) {
        r.cell(week, channel, kpi).map(KpiCell::status).filter(counts::containsKey)
            .ifPresent(s -> counts.merge(s, 1, Integer::sum));
      }
    }
    return counts;
  }

  private static String statusCount(Report r, String week) {
    Map<Status, Integer> counts = statusCounts(r, week);
    return String.format("  channel cells: %d RED, %d AMBER, %d GREEN", counts.get(Status.RED),
        counts.get(Status.AMBER), counts.get(Status.GREEN));
  }

  private static List<String> attention(Report r, String week) {
    List<String> lines = new ArrayList<>();
    for (String channel : channelsAndShop()) {
      for (Kpi kpi : LABELS.keySet()) {
        Optional<KpiCell> cell = r.cell(week, channel, kpi);
        if (cell.isPresent() && cell.get().status() == Status.RED) {
          KpiCell c = cell.get();
          lines.add(String.format("RED  %-7s %s %s (target %s; week on week %s)%s",
              channel == null ? "shop" : channel, LABELS.get(kpi), Figures.value(kpi, c.value()),
              Figures.target(kpi).replaceAll(" \\(.*", ""), r.change(week, channel, kpi),
              c.smallSample() ? ", small sample of " + c.sampleSize() : ""));
        }
      }
    }
    return lines;
  }

  static TextTable trendTable(Report r, String week) {
    List<String> header = new ArrayList<>(List.of("KPI"));
    header.addAll(ShopData.CHANNELS);
    header.add("shop");
    TextTable table = TextTable.of(header.toArray(new String[0]));
    for (Map.Entry<Kpi, String> e : LABELS.entrySet()) {
      Kpi kpi = e.getKey();
      List<Object> row = new ArrayList<>(List.of(e.getValue()));
      for (String channel : channelsAndShop()) {
        row.add(r.change(week, channel, kpi));
      }
      table.row(row.toArray());
    }
    return table;
  }

  static TextTable rollupTable(Report r) {
    List<Kpi> kpis = List.of(ORDERS, ON_TIME, OVERSELL, CSAT, FIRST_RESPONSE, ACCURACY);
    TextTable table = TextTable.of("who", "orders", "on-time", "oversell", "tickets", "CSAT", "1st resp. p90",
        "audits", "listing accuracy").rightAlign(1, 2, 3, 4, 5, 6, 7, 8);
    Map<String, List<String>> byTeam = new LinkedHashMap<>();
    TEAMS.forEach((member, team) -> byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(member));
    for (Map.Entry<String, List<String>> team : byTeam.entrySet()) {
      for (String member : team.getValue()) {
        rollupRow(table, r, "  " + r.memberName(member), Map.of("member", member), kpis);
      }
      rollupRow(table, r, team.getKey() + " team", Map.of("member", team.getKey()), kpis);
    }
    rollupRow(table, r, "shop", Map.of("member", Rollup.ALL), kpis);
    return table;
  }

  private static void rollupRow(TextTable table, Report r, String who, Map<String, String> dims, List<Kpi> kpis) {
    Board b = r.members();
    Function<Kpi, String> cell = kpi -> b.cell("all", dims, kpi.id()).map(c -> Figures.cell(kpi, c)).orElse("-");
    Function<Kpi, String> n = kpi -> b.cell("all", dims, kpi.id()).map(c -> String.valueOf(c.sampleSize()))
        .orElse("-");
    table.row(who, cell.apply(ORDERS), cell.apply(ON_TIME), cell.apply(OVERSELL), n.apply(CSAT), cell.apply(CSAT),
        cell.apply(FIRST_RESPONSE), n.apply(ACCURACY), cell.apply(ACCURACY));
  }

  private static void printPayouts(PrintStream out, Report r, boolean colour) {
    PayoutPlan plan = r.plan();
    out.printf("%nBonus: %s%n", plan.name());
    plan.gates().forEach(g -> out.printf("  gate: %s, or nothing is paid%n", kpiNames(g.toString())));
    plan.rules().forEach(rule -> out.printf("  rule: %s%n", kpiNames(rule.toString())));
    out.printf("  cap:  at most %s %s per person%n", plan.cap().map(BigDecimal::toPlainString).orElse("no limit"),
        plan.currency());
    out.printf("  Listing accuracy is each copywriter's own; everyone else is gated on the shop's.%n"
        + "  Conversion belongs to no one: the content team is paid on the shop's %s.%n"
        + "  The plan pays on each rate as printed here, rounded to two decimals of a percent.%n%n",
        r.shopConversion().isPresent() ? Figures.planPercent(r.shopConversion().getAsDouble()) : "-");
    out.print(bonusTable(r).render(2));

    out.println();
    out.println("  Why each person gets what they get:");
    for (Payout p : r.payouts()) {
      out.printf("  %s (%s): %s %s%n", r.memberName(p.memberId()), TEAMS.get(p.memberId()), p.currency(),
          cny(p.total()));
      for (PayoutLine line : explained(p)) {
        String mark = switch (line.kind()) {
          case GATE -> line.passed() ? "ok" : "NO";
          case CAP -> "cap";
          default -> line.amount().signum() > 0 ? "+" : " ";
        };
        out.println(paint(String.format("    %-3s %s", mark, kpiNames(line.text())), colour));
      }
    }
    List<String> notOnPlan = r.team().members().stream().filter(m -> !TEAMS.containsKey(m.id()))
        .map(m -> m.name() + " (" + Words.list(m.roles().stream()
            .map(role -> r.team().role(role).map(Role::name).orElse(role)).toList()) + ")").toList();
    out.printf("  Not on this plan: %s%n", String.join(", ", notOnPlan));
  }

  /** The bonus table: each member's plan inputs (as the plan's explanations write them) and payout, with a total. */
  static TextTable bonusTable(Report r) {
    TextTable inputs = TextTable.of("member", "team", LABELS.get(ACCURACY), "accuracy of", LABELS.get(ON_TIME), "CSAT",
        LABELS.get(CONVERSION), "payout (" + r.plan().currency() + ")").rightAlign(2, 4, 5, 6, 7);
    for (Payout p : r.payouts()) {
      Map<String, OptionalDouble> v = r.planValues().get(p.memberId());
      inputs.row(r.memberName(p.memberId()), TEAMS.get(p.memberId()), pct(v.get(ACCURACY.id())),
          r.accuracySource().get(p.memberId()), pct(v.get(ON_TIME.id())), pct(v.get(CSAT.id())),
          pct(v.get(CONVERSION.id())), cny(p.total()));
    }
    inputs.row("total", "", "", "", "", "", "", cny(total(r)));
    return inputs;
  }

  /** The sum of every payout. */
  static BigDecimal total(Report r) {
    return r.payouts().stream().map(Payout::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The lines of a payout worth reading: a rule whose KPI the member has no value for (a copywriter
   * has no on-time rate) pays nothing and is left out rather than shown as {@code 0.00 ... no value}.
   */
  static List<PayoutLine> explained(Payout p) {
    return p.lines().stream().filter(l -> !(l.kind() == PayoutLine.Kind.RULE && l.value().isEmpty())).toList();
  }

  /** KPI ids in a plan's text replaced by the dashboard's names: {@code on-time-shipping-rate} as {@code On-time shipping}. */
  static String kpiNames(String text) {
    String out = text;
    List<Kpi> longestFirst = new ArrayList<>(LABELS.keySet());
    longestFirst.sort((a, b) -> Integer.compare(b.id().length(), a.id().length()));
    for (Kpi kpi : longestFirst) {
      out = out.replaceAll("(?<![\\w-])" + Pattern.quote(kpi.id()) + "(?![\\w-])",
          java.util.regex.Matcher.quoteReplacement(LABELS.get(kpi)));
    }
    return out;
  }

  private static String pct(OptionalDouble v) {
    return v == null || v.isEmpty() ? "-" : Figures.planPercent(v.getAsDouble());
  }

  static String cny(BigDecimal amount) {
    return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
        .format(amount);
  }

  /** Colours status words for a terminal; the text is unchanged when {@code colour} is false. */
  static String paint(String text, boolean colour) {
    if (!colour) {
      return text;
    }
    return STATUS_WORD.matcher(text).replaceAll(m -> {
      String code = switch (m.group(1)) {
        case "GREEN" -> "32";
        case "AMBER" -> "33";
        default -> "1;31";
      };
      return "\u001B[" + code + "m" + m.group(1) + "\u001B[0m";
    }).replace(" NO ", " \u001B[1;31mNO\u001B[0m ");
  }

  /** The rows of the month's member table, for tests and the HTML report. */
  static List<KpiRow> memberRows(Report r) {
    List<KpiRow> rows = new ArrayList<>();
    r.members().tables().forEach(t -> rows.addAll(t.rows()));
    return rows;
  }
}
