package dev.finegrain.examples.experiment;

import dev.finegrain.core.condition.Condition;
import dev.finegrain.examples.TextTable;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.accumulator.MeanVariance;
import dev.finegrain.kpi.experiment.ConversionComparison;
import dev.finegrain.kpi.experiment.ConversionTest;
import dev.finegrain.kpi.experiment.Conversions;
import dev.finegrain.kpi.experiment.MeanComparison;
import dev.finegrain.kpi.experiment.RateEstimate;
import dev.finegrain.kpi.experiment.SampleRatioCheck;
import dev.finegrain.kpi.experiment.SampleRatioResult;
import dev.finegrain.kpi.experiment.SampleSummary;
import dev.finegrain.kpi.experiment.WelchTest;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scenario: "test small, then roll out". Two versions of the Longjing 250 g product page get
 * generated sessions (fixed seed); the KPI engine counts each variant's conversions (a share KPI
 * grouped by {@code variant}); the experiment module checks the traffic split, gives each rate a
 * Wilson interval, the lift and the z-test verdict, and compares order values with Welch's t-test
 * on daily mean/variance accumulators merged per variant. A second, under-powered test of a few
 * hundred sessions correctly says "not significant". Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.experiment.AbTest}.
 */
public final class AbTest {
  /** The seed of the first test's sessions. */
  public static final long SEED = 20260302L;
  /** The seed of the second test's sessions. */
  public static final long SMALL_SEED = 20260321L;

  public static final String CONTROL = "control";
  public static final String TREATMENT = "treatment";

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final Instant START = OffsetDateTime.parse("2026-03-02T00:00+08:00").toInstant();

  /** The KPI the engine computes per variant: sessions that ordered, among sessions. */
  static final Kpi CONVERSION = Kpi.builder().id("page-conversion").name("Product page conversion").unit("%")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.share(Condition.eq("converted", true))).build();

  static final Schema<Session> SCHEMA = Schema.<Session>builder()
      .instant("at", Session::at)
      .dimension("variant", Session::variant)
      .booleanField("converted", Session::converted)
      .longField("orderCents", Session::orderCents)
      .build();

  private static final long[] PRICE_CENTS = {168_00, 388_00, 388_00, 688_00};

  /** One visit to the product page: the variant shown, and the order it led to (0 cents if none). */
  public record Session(String variant, Instant at, boolean converted, long orderCents) {}

  /** One experiment's set-up: what is tested, how long, and the true rates the generator uses. */
  public record Design(String name, String control, String treatment, int sessions, int days,
      double controlRate, double treatmentRate, long seed) {}

  /** The product-page test: two weeks, 30,000 sessions. */
  public static final Design PAGE_TEST = new Design("Longjing 250 g product page",
      "current page (studio photos)", "new page (tea-garden video, brewing guide)", 30_000, 14, 0.036, 0.045, SEED);

  /** An under-powered test: a weekend on the WeChat mini-shop, 600 sessions. */
  public static final Design BANNER_TEST = new Design("WeChat mini-shop gift-box banner",
      "no banner", "gift-box banner", 600, 2, 0.05, 0.065, SMALL_SEED);

  private AbTest() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * The sessions of {@code design}: each visitor is assigned a variant at random, 50/50, and
   * converts with the variant's rate; a converted session has an order of one or two items.
   */
  public static List<Session> sessions(Design design) {
    SplittableRandom random = new SplittableRandom(design.seed());
    List<Session> sessions = new ArrayList<>(design.sessions());
    for (int i = 0; i < design.sessions(); i++) {
      boolean treatment = random.nextBoolean();
      Instant at = START.plusSeconds(random.nextLong(design.days() * 24L * 3600));
      boolean converted = random.nextDouble() < (treatment ? design.treatmentRate() : design.controlRate());
      long cents = 0;
      if (converted) {
        cents = PRICE_CENTS[random.nextInt(PRICE_CENTS.length)] * (random.nextDouble() < 0.85 ? 1 : 2);
      }
      sessions.add(new Session(treatment ? TREATMENT : CONTROL, at, converted, cents));
    }
    return sessions;
  }

  /** Each variant's sessions and conversions, counted by the KPI engine. */
  public static Map<String, Conversions> conversions(List<Session> sessions) {
    KpiQuery query = KpiQuery.builder().addKpi(CONVERSION).timeField("at").grain(Grain.ALL).addGroupBy("variant")
        .build();
    KpiTable table = Kpis.run(query, SCHEMA, sessions);
    Map<String, Conversions> out = new LinkedHashMap<>();
    for (String variant : List.of(CONTROL, TREATMENT)) {
      KpiCell cell = table.row("all", Map.of("variant", variant)).flatMap(r -> r.cell(CONVERSION.id())).orElseThrow();
      out.put(variant, Conversions.of((long) cell.denominator().getAsDouble(), (long) cell.numerator().getAsDouble()));
    }
    return out;
  }

  /** Prints both experiments to {@code out}. */
  public static void run(PrintStream out) {
    out.println("Test 1 of 2");
    List<Session> page = sessions(PAGE_TEST);
    report(out, PAGE_TEST, page);
    printOrderValues(out, page);

    out.println();
    out.println("Test 2 of 2: the same questions on far less traffic");
    report(out, BANNER_TEST, sessions(BANNER_TEST));
  }

  private static void report(PrintStream out, Design design, List<Session> sessions) {
    out.printf("%s, %s to %s (%d days, %,d sessions, split 50/50)%n", design.name(),
        START.atZone(ZONE).toLocalDate(), START.atZone(ZONE).toLocalDate().plusDays(design.days() - 1L),
        design.days(), sessions.size());
    out.printf("  control:   %s%n  treatment: %s%n", design.control(), design.treatment());

    Map<String, Conversions> counts = conversions(sessions);
    Conversions control = counts.get(CONTROL);
    Conversions treatment = counts.get(TREATMENT);

    SampleRatioResult split = SampleRatioCheck.withDefaults().check(control.visitors(), treatment.visitors());
    out.printf("%n  1. Was traffic split as intended? %s%n", split.mismatch() ? "NO" : "yes");
    out.printf("     %s%n", split.message());

    ConversionComparison result = ConversionTest.withDefaults().compare(control, treatment);
    out.printf("%n  2. Conversion by variant (95%% Wilson intervals)%n");
    TextTable table = TextTable.of("variant", "sessions", "orders", "conversion", "95% interval").rightAlign(1, 2, 3);
    row(table, CONTROL, result.control());
    row(table, TREATMENT, result.treatment());
    out.print(table.render(5));
    out.printf("     lift %s relative, difference %s pp (95%% CI %s to %s pp), z = %s, %s%n",
        result.relativeLift().isPresent() ? signed(result.relativeLift().getAsDouble() * 100, 1) + "%" : "undefined",
        signed(result.difference() * 100, 2), signed(result.differenceInterval().lower() * 100, 2),
        signed(result.differenceInterval().upper() * 100, 2),
        result.z().isPresent() ? fixed(result.z().getAsDouble(), 2) : "-",
        result.pValue().isPresent() ? "p = " + fixed(result.pValue().getAsDouble(), 4) : "no p-value");

    out.printf("%n  3. Verdict: %s%n", result.verdict());
    out.printf("     Decision: %s%n", decision(split, result));
    if (!result.significant()) {
      out.printf("     To detect a change this size (%s to %s) with 80%% power at alpha 0.05 takes about %,d"
          + " sessions per variant; this test had %,d and %,d.%n", percent(result.control().rate()),
          percent(result.treatment().rate()), sessionsNeeded(result.control().rate(), result.treatment().rate()),
          control.visitors(), treatment.visitors());
    }
  }

  private static void row(TextTable table, String variant, RateEstimate e) {
    table.row(variant, String.format(Locale.ROOT, "%,d", e.counts().visitors()),
        String.format(Locale.ROOT, "%,d", e.counts().conversions()), percent(e.rate()),
        percent(e.interval().lower()) + " to " + percent(e.interval().upper()));
  }

  private static String decision(SampleRatioResult split, ConversionComparison result) {
    if (split.mismatch()) {
      return "do not read this test: the traffic split is off, fix assignment or tracking first";
    }
    if (!result.significant()) {
      return "no decision yet: the difference could be chance; keep the current version and keep testing";
    }
    return result.difference() > 0 ? "roll out the treatment" : "keep the control; the treatment converts worse";
  }

  /**
   * Order value per variant with Welch's t-test. The orders arrive as one mean/variance
   * accumulator per variant and day, as a nightly job would store them; the days are merged per
   * variant, never averaged.
   */
  private static void printOrderValues(PrintStream out, List<Session> sessions) {
    Map<String, Map<Long, MeanVariance>> daily = dailyOrderValues(sessions);
    Map<String, MeanVariance> merged = new LinkedHashMap<>();
    daily.forEach((variant, days) -> {
      MeanVariance all = MeanVariance.create();
      days.values().forEach(all::merge);
      merged.put(variant, all);
    });
    SampleSummary control = SampleSummary.from(merged.get(CONTROL));
    SampleSummary treatment = SampleSummary.from(merged.get(TREATMENT));
    MeanComparison values = WelchTest.withDefaults().compare(control, treatment);
    out.printf("%n  4. Did order value change too? (Welch's t-test, CNY; daily accumulators merged per variant: %s)%n",
        accumulators(daily));
    out.printf("     control:   %s%n     treatment: %s%n", summary(control), summary(treatment));
    out.printf("     %s%n", values.verdict());
  }

  /** How many daily accumulators each variant merges: {@code 14 for control, 14 for treatment}. */
  static String accumulators(Map<String, Map<Long, MeanVariance>> daily) {
    return daily.entrySet().stream().map(e -> e.getValue().size() + " for " + e.getKey())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Variant to day number to the order values (CNY) of that day. */
  static Map<String, Map<Long, MeanVariance>> dailyOrderValues(List<Session> sessions) {
    Map<String, Map<Long, MeanVariance>> daily = new LinkedHashMap<>();
    daily.put(CONTROL, new java.util.TreeMap<>());
    daily.put(TREATMENT, new java.util.TreeMap<>());
    for (Session s : sessions) {
      if (s.converted()) {
        long day = Duration.between(START, s.at()).toDays();
        daily.get(s.variant()).computeIfAbsent(day, d -> MeanVariance.create()).add(s.orderCents() / 100.0);
      }
    }
    return daily;
  }

  private static String summary(SampleSummary s) {
    // one decimal, as the verdict below writes means of this size (4 significant digits)
    return String.format(Locale.ROOT, "%,d orders, mean %s, standard deviation %s", s.n(),
        BigDecimal.valueOf(s.mean()).setScale(1, RoundingMode.HALF_UP).toPlainString(),
        BigDecimal.valueOf(s.standardDeviation()).setScale(1, RoundingMode.HALF_UP).toPlainString());
  }

  /**
   * The usual normal-approximation sample size per variant for a two-sided test at alpha 0.05 with
   * 80% power: {@code (1.96 + 0.84)² (p1(1-p1) + p2(1-p2)) / (p2 - p1)²}.
   */
  static long sessionsNeeded(double p1, double p2) {
    double zAlpha = 1.959964;
    double zPower = 0.841621;
    double d = p2 - p1;
    return (long) Math.ceil((zAlpha + zPower) * (zAlpha + zPower) * (p1 * (1 - p1) + p2 * (1 - p2)) / (d * d));
  }

  static String percent(double fraction) {
    return new BigDecimal(Double.toString(fraction)).movePointRight(2).setScale(2, RoundingMode.HALF_UP) + "%";
  }

  private static String signed(double v, int decimals) {
    String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    return v >= 0 ? "+" + s : s;
  }

  private static String fixed(double v, int decimals) {
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }
}
