package dev.finegrain.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.finegrain.kpi.FieldType;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.MeanMeasure;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.RatioMeasure;
import dev.finegrain.kpi.SumMeasure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * The example job: a weekly KPI dashboard, by ISO week and channel, computed by Spark in
 * {@code local[2]} mode from generated orders (fixed seed) with the finegrain KPI definitions of
 * {@link DashboardKpis}, then checked cell by cell against finegrain's single-JVM engine.
 *
 * <pre>
 * mvn -q -pl examples/spark -am compile exec:exec                          # 200,000 orders
 * mvn -q -pl examples/spark -am compile exec:exec -Ddashboard.orders=1000000
 * </pre>
 */
public final class WeeklyDashboard {
  /** The ISO week of {@code createdAt} in the session time zone (UTC here), labelled as finegrain does: 2026-W02. */
  public static final String ISO_WEEK_SQL =
      "format_string('%d-W%02d', year(date_add(to_date(date_trunc('WEEK', createdAt)), 3)), weekofyear(createdAt))";

  /** Whole hours from creation to shipping, rounded down; NULL while not shipped. */
  public static final String DELAY_HOURS_SQL =
      "CAST(floor((unix_millis(shippedAt) - unix_millis(createdAt)) / 3600000D) AS BIGINT)";

  private WeeklyDashboard() {}

  /** The ISO week of {@code t} in UTC, labelled as finegrain labels it: 2026-W02 (for typed Datasets). */
  public static String isoWeek(Instant t) {
    LocalDate d = t.atOffset(ZoneOffset.UTC).toLocalDate();
    return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** A local Spark session for the job and the tests: two cores, UTC, no UI, few shuffle partitions. */
  public static SparkSession localSession(String appName) {
    return SparkSession.builder().master("local[2]").appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** The orders as a DataFrame with the columns the dashboard reads: the bean's, plus {@code delayHours} and {@code week}. */
  public static Dataset<Row> frame(SparkSession spark, List<Order> orders) {
    return spark.createDataset(orders, Encoders.bean(Order.class)).toDF()
        .withColumn("delayHours", expr(DELAY_HOURS_SQL))
        .withColumn("week", expr(ISO_WEEK_SQL));
  }

  /**
   * The dashboard: one row per ISO week and channel, one column per KPI (named by its id), each a
   * finegrain {@link KpiAggregator} used as a user-defined aggregate function.
   */
  public static Dataset<Row> weekly(Dataset<Row> orders, List<Kpi> kpis) {
    List<Column> columns = new ArrayList<>();
    for (Kpi kpi : kpis) {
      UserDefinedFunction udaf = KpiAggregator.udaf(kpi, orders.schema());
      Column[] args = KpiAggregator.argumentNames(kpi).stream().map(c -> col(c)).toArray(Column[]::new);
      columns.add(udaf.apply(args).as(kpi.id()));
    }
    return orders.groupBy("week", "channel")
        .agg(columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]))
        .orderBy("week", "channel");
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(System.getProperty("dashboard.orders", args.length > 0 ? args[0] : "200000"));
    List<Order> orders = Orders.generate(n, 2026L);
    List<Kpi> kpis = DashboardKpis.all();
    SparkSession spark = localSession("finegrain weekly dashboard");
    try {
      long start = System.nanoTime();
      List<Row> rows = weekly(frame(spark, orders), kpis).collectAsList();
      Duration sparkTime = Duration.ofNanos(System.nanoTime() - start);
      System.out.println(table(rows, kpis));
      start = System.nanoTime();
      KpiTable single = Kpis.run(DashboardKpis.weeklyQuery(), Orders.SCHEMA, orders);
      Duration singleTime = Duration.ofNanos(System.nanoTime() - start);
      List<String> differences = differences(rows, kpis, single);
      System.out.printf(Locale.ROOT, "%,d orders, %d weeks x channels, %d KPIs: Spark local[2] %d ms,"
              + " finegrain single JVM %d ms%n", n, rows.size(), kpis.size(), sparkTime.toMillis(),
          singleTime.toMillis());
      if (differences.isEmpty()) {
        System.out.printf(Locale.ROOT, "Spark and finegrain's single-JVM engine agree on all %d cells.%n",
            rows.size() * kpis.size());
      } else {
        System.out.println("Spark and finegrain differ:");
        differences.forEach(d -> System.out.println("  " + d));
        System.exit(1);
      }
    } finally {
      spark.stop();
    }
  }

  /**
   * Where the Spark rows differ from finegrain's single-JVM table: missing or extra rows, and
   * cells whose values differ (exactly for counts, whole sums and ratios, quantiles and distinct
   * counts; within a relative 1e-9 for means and decimal sums and ratios, whose rounding depends on
   * the order of merging). Empty when they agree.
   */
  public static List<String> differences(List<Row> rows, List<Kpi> kpis, KpiTable expected) {
    List<String> out = new ArrayList<>();
    int matched = 0;
    for (Row row : rows) {
      String week = row.getAs("week");
      String channel = row.getAs("channel");
      KpiRow want = expected.rows().stream()
          .filter(r -> r.window().label().equals(week) && channel.equals(r.dimensions().get("channel")))
          .findFirst().orElse(null);
      if (want == null) {
        out.add(week + " " + channel + ": not in finegrain's table");
        continue;
      }
      matched++;
      for (Kpi kpi : kpis) {
        Object got = row.getAs(kpi.id());
        OptionalDouble value = want.cell(kpi.id()).map(KpiCell::value).orElseThrow();
        if (!same(value, (Double) got, exact(kpi))) {
          out.add(week + " " + channel + " " + kpi.id() + ": Spark " + got + ", finegrain " + value);
        }
      }
    }
    if (matched != expected.rows().size()) {
      out.add("Spark has " + matched + " of finegrain's " + expected.rows().size() + " rows");
    }
    return out;
  }

  /**
   * Whether a KPI's value is computed in whole numbers until the end (counts, whole sums and ratios,
   * quantiles, distinct counts), so that Spark must match it bit for bit; means and decimal sums and
   * ratios round differently in a different merge order.
   */
  static boolean exact(Kpi kpi) {
    Measure m = kpi.measure();
    if (m instanceof MeanMeasure) {
      return false;
    }
    if (m instanceof SumMeasure) {
      return whole(((SumMeasure) m).field());
    }
    if (m instanceof RatioMeasure) {
      RatioMeasure r = (RatioMeasure) m;
      return r.numerator().field().map(WeeklyDashboard::whole).orElse(true)
          && r.denominator().field().map(WeeklyDashboard::whole).orElse(true);
    }
    return true;
  }

  private static boolean whole(String field) {
    return Orders.FIELDS.type(field).map(FieldType::isWhole).orElse(false);
  }

  static boolean same(OptionalDouble want, Double got, boolean exact) {
    if (want.isEmpty() || got == null) {
      return want.isEmpty() && got == null;
    }
    double w = want.getAsDouble();
    if (exact) {
      return Double.compare(w, got) == 0;
    }
    return Math.abs(w - got) <= 1e-9 * Math.max(1, Math.abs(w));
  }

  private static String table(List<Row> rows, List<Kpi> kpis) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-9s %-12s", "week", "channel"));
    for (Kpi kpi : kpis) {
      out.append(String.format(Locale.ROOT, " %12s", shorten(kpi.id())));
    }
    out.append('\n');
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "%-9s %-12s", row.getAs("week"), row.getAs("channel")));
      for (Kpi kpi : kpis) {
        Double v = row.getAs(kpi.id());
        String text = v == null ? "-" : kpi.isPercent() ? String.format(Locale.ROOT, "%.1f%%", v * 100)
            : v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) (double) v)
            : String.format(Locale.ROOT, "%,.2f", v);
        out.append(String.format(Locale.ROOT, " %12s", text));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String shorten(String id) {
    return id.length() <= 12 ? id : id.substring(0, 11) + "…";
  }
}
