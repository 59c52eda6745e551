package dev.finegrain.benchmarks;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Parallelism;
import dev.finegrain.kpi.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Daily KPIs per channel (and optionally per member) over synthetic orders: finegrain's KPI engine
 * over columns and over rows, on one thread and on two, beside what an analyst writes with streams,
 * a hand-written loop over primitive columns (the practical limit for one core), and DuckDB (an
 * embedded, vectorised, multi-threaded columnar SQL engine) on one thread and on two.
 *
 * <p>Workload (fixed seed 20260101, so every tool can be compared on the same data): per order a
 * member (of 50), a channel (of 8), {@code createdAt} uniform over 90 days from 2026-01-01T00:00Z,
 * {@code promisedShipBy = createdAt + 48h}, {@code shippedAt = createdAt + (1..96)h},
 * {@code amountCents} in [500, 50000], {@code returned} with probability 0.07. KPIs per (UTC day of
 * {@code createdAt}, channel[, member]): order count, GMV, average order value, on-time shipping
 * rate ({@code shippedAt <= promisedShipBy}), return rate and the nearest-rank p90 of the ship delay
 * in whole hours. One operation is one full aggregation of all records.
 *
 * <p>The finegrain {@code TwoThreads} methods run the same query with {@code Parallelism.on(pool, 2)}: the
 * calling thread and one thread of a pool made in {@code @Setup}. Queries of fewer than 2 ×
 * {@link Parallelism#MIN_RECORDS_PER_TASK} records run on the calling thread alone, so at 100,000
 * records they measure that this costs nothing.
 *
 * <p>Two baselines say what this machine gives code written by hand: {@code
 * baselineHandLoopTwoThreads} is the hand loop split in two halves, one on the calling thread and one
 * on the pool's, so its speed-up over {@code baselineHandLoop} is what two of this machine's cores
 * give a loop that only counts (the reference for {@code finegrainColumnsTwoThreads}; an even split
 * waits for the slower core, where the engine's chunks do not; it splits at any size, where the
 * engine runs 100,000 records on one thread); {@code baselineObjectLoop} is the
 * hand loop written over the {@code Order} objects, each field read once (the reference for {@code
 * finegrainRows}).
 *
 * <p>{@code baselineCheckedHandLoop} is the hand loop with what the engine must do per record and
 * the hand loop may skip because it knows this data (see {@link #checkedHandLoop}): the best that
 * fusing all of the engine's passes into one loop could reach, without generating code per query.
 *
 * <p>{@code finegrainDecimalColumns} runs a second query over a decimal field, {@code amount =
 * amountCents / 100.0} (prices such as 123.45, which binary doubles do not hold exactly): the sum
 * and the mean of {@code amount} per group, beside {@code baselineDecimalHandLoop}, a hand loop that
 * adds the doubles naively (in record order, rounding at each addition) into arrays by group.
 *
 * <p>DuckDB ({@code org.duckdb:duckdb_jdbc}) reads the orders from an in-memory table loaded once in
 * {@code @Setup} through its appender (not timed): instants as {@code BIGINT} epoch milliseconds,
 * the UTC day as {@code created_at // 86400000}, channel and member as {@code VARCHAR}, the p90 as
 * {@code quantile_disc(delay, 0.9)}, which is the nearest-rank quantile (DuckDB's discrete index is
 * {@code ceil(q n) - 1}, computed exactly for the decimal literal 0.9; the agreement check confirms
 * it on this data). One operation runs the one SQL query and reads every result row. The database
 * runs with {@code SET threads = 1} or {@code 2}.
 *
 * <p>Before measuring, each trial checks on 10,000 records that all the methods agree on every
 * group's six values ({@link #checkAgreement}); a unit test runs the same check in CI. A finegrain
 * {@code TwoThreads} trial also checks, on its own records, that its table equals the one-thread
 * table.
 *
 * <p>Run (about 45 minutes for all parameters on 2 cores; one size and grouping, about 7):
 *
 * <pre>
 * mvn -B -o -q -pl core,workflow,kpi,benchmarks -am verify
 * java -jar benchmarks/target/benchmarks.jar KpiAggregationBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
 *     -jvmArgs "-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
 * # while iterating: one size
 * java -jar benchmarks/target/benchmarks.jar KpiAggregationBenchmark -p records=1000000 -f 1 -wi 2 -i 3
 * # finegrain beside DuckDB, 1 and 2 threads, day-channel groups
 * java -jar benchmarks/target/benchmarks.jar 'KpiAggregationBenchmark.(finegrainColumns|baselineDuckDb|baselineHandLoop)' \
 *     -p groupBy=dayChannel -f 1 -wi 3 -i 5 -w 2s -r 2s -jvmArgs "-Xms4g -Xmx4g -XX:+AlwaysPreTouch"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// AlwaysPreTouch: the heap's pages are touched once when the JVM starts, so that a measurement does
// not include the guest OS faulting in never-used heap memory as the young generation moves over it
// (measured 2026-11-28: fullReview 42,679 ± 82,344 reviews/s without, 91,773 ± 10,232 with; see JOURNAL.md, "Page faults in the measurements")
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class KpiAggregationBenchmark {
  static final long SEED = 20260101L;
  static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final int DAYS = 90;
  static final int CHANNELS = 8;
  static final int MEMBERS = 50;
  /** Ship delays are 1 to 96 whole hours; bucket {@code h} counts delay {@code h}. */
  static final int DELAY_BUCKETS = 97;
  static final String[] CHANNEL_NAMES = {"web", "app", "mini-program", "live", "marketplace", "social", "pos",
      "call-center"};
  static final String[] MEMBER_NAMES = new String[MEMBERS];

  static {
    for (int m = 0; m < MEMBERS; m++) {
      MEMBER_NAMES[m] = String.format("m%02d", m);
    }
  }

  @Param({"100000", "1000000", "5000000"})
  public int records;

  /** {@code dayChannel}: 720 groups; {@code dayChannelMember}: 36,000 groups. */
  @Param({"dayChannel", "dayChannelMember"})
  public String groupBy;

  private Columns columns;
  private ColumnBatch batch;
  private List<Order> orders;
  private KpiQuery query;
  private boolean byMember;
  private ExecutorService pool;
  private Parallelism twoThreads;
  private Connection duckDb;
  private String sql;
  private ColumnBatch decimalBatch;
  private KpiQuery decimalQuery;
  private double[] amounts;

  /** An order as an application holds it. */
  public record Order(String member, String channel, Instant createdAt, Instant promisedShipBy, Instant shippedAt,
      long amountCents, boolean returned) {}

  /** The orders as primitive columns. */
  static final class Columns {
    final int[] member;
    final int[] channel;
    final long[] createdAt;
    final long[] promisedShipBy;
    final long[] shippedAt;
    final long[] amountCents;
    final boolean[] returned;

    Columns(int n) {
      member = new int[n];
      channel = new int[n];
      createdAt = new long[n];
      promisedShipBy = new long[n];
      shippedAt = new long[n];
      amountCents = new long[n];
      returned = new boolean[n];
      SplittableRandom rnd = new SplittableRandom(SEED);
      for (int i = 0; i < n; i++) {
        member[i] = rnd.nextInt(MEMBERS);
        channel[i] = rnd.nextInt(CHANNELS);
        createdAt[i] = START + rnd.nextLong(DAYS * DAY);
        promisedShipBy[i] = createdAt[i] + 48 * HOUR;
        shippedAt[i] = createdAt[i] + (1 + rnd.nextInt(96)) * HOUR;
        amountCents[i] = 500 + rnd.nextLong(49_501);
        returned[i] = rnd.nextDouble() < 0.07;
      }
    }

    int size() {
      return createdAt.length;
    }

    ColumnBatch batch() {
      return ColumnBatch.builder(size())
          .dimension("member", member, MEMBER_NAMES)
          .dimension("channel", channel, CHANNEL_NAMES)
          .instants("createdAt", createdAt)
          .instants("promisedShipBy", promisedShipBy)
          .instants("shippedAt", shippedAt)
          .longs("amountCents", amountCents)
          .booleans("returned", returned)
          .build();
    }

    List<Order> orders() {
      List<Order> out = new ArrayList<>(size());
      for (int i = 0; i < size(); i++) {
        out.add(new Order(MEMBER_NAMES[member[i]], CHANNEL_NAMES[channel[i]], Instant.ofEpochMilli(createdAt[i]),
            Instant.ofEpochMilli(promisedShipBy[i]), Instant.ofEpochMilli(shippedAt[i]), amountCents[i],
            returned[i]));
      }
      return out;
    }
  }

  static final Schema<Order> SCHEMA = Schema.<Order>builder()
      .dimension("member", Order::member)
      .dimension("channel", Order::channel)
      .instant("createdAt", Order::createdAt)
      .instant("promisedShipBy", Order::promisedShipBy)
      .instant("shippedAt", Order::shippedAt)
      .longField("amountCents", Order::amountCents)
      .booleanField("returned", Order::returned)
      .build();

  /** The six KPIs as finegrain definitions, grouped by day and channel (and member). */
  static KpiQuery query(boolean byMember) {
    Kpi onTime = Kpi.builder().id("on-time").name("On-time shipping rate").unit("%")
        .direction(Direction.HIGHER_IS_BETTER)
        .measure(Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy"))).build();
    Kpi p90 = Kpi.builder().id("p90-delay").name("p90 ship delay").unit("hours")
        .direction(Direction.LOWER_IS_BETTER).measure(Measure.quantile("delayHours", 0.9)).build();
    KpiQuery.Builder b = KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(), onTime,
            EcommerceKpis.returnRate(), p90)
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel");
    if (byMember) {
      b.addGroupBy("member");
    }
    return b.build();
  }

  static boolean byMember(String groupBy) {
    switch (groupBy) {
      case "dayChannel":
        return false;
      case "dayChannelMember":
        return true;
      default:
        throw new IllegalArgumentException("groupBy: " + groupBy + "; expected dayChannel or dayChannelMember");
    }
  }

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws SQLException {
    byMember = byMember(groupBy);
    checkAgreement(10_000, groupBy);
    query = query(byMember);
    columns = new Columns(records);
    // build only the input the measured method reads, so the others do not weigh on its GC
    String method = params.getBenchmark();
    if (method.endsWith("TwoThreads")) {
      pool = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "kpi-benchmark-part");
        t.setDaemon(true);
        return t;
      });
      twoThreads = Parallelism.on(pool, 2);
    }
    if (method.endsWith("finegrainColumns") || method.endsWith("finegrainColumnsTwoThreads")) {
      batch = columns.batch();
      if (twoThreads != null && !Kpis.run(query, batch).equals(Kpis.run(query, batch, twoThreads))) {
        throw new IllegalStateException("two threads' table differs from one thread's");
      }
    } else if (method.endsWith("finegrainRows") || method.endsWith("finegrainRowsTwoThreads")
        || method.endsWith("baselineStreams") || method.endsWith("baselineObjectLoop")) {
      orders = columns.orders();
      columns = null;
      if (twoThreads != null && !Kpis.run(query, SCHEMA, orders).equals(Kpis.run(query, SCHEMA, orders, twoThreads))) {
        throw new IllegalStateException("two threads' table differs from one thread's");
      }
    } else if (method.endsWith("DecimalColumns") || method.endsWith("DecimalHandLoop")) {
      amounts = new double[columns.size()];
      for (int i = 0; i < amounts.length; i++) {
        amounts[i] = columns.amountCents[i] / 100.0;
      }
      decimalBatch = ColumnBatch.builder(columns.size())
          .dimension("member", columns.member, MEMBER_NAMES)
          .dimension("channel", columns.channel, CHANNEL_NAMES)
          .instants("createdAt", columns.createdAt)
          .doubles("amount", amounts)
          .build();
      decimalQuery = decimalQuery(byMember);
    } else if (method.contains("baselineDuckDb")) {
      duckDb = duckDb(columns, method.endsWith("TwoThreads") ? 2 : 1);
      sql = duckDbSql(byMember);
      columns = null;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (duckDb != null) {
      duckDb.close();
    }
  }

  @Benchmark
  public KpiTable finegrainColumns() {
    return Kpis.run(query, batch);
  }

  @Benchmark
  public KpiTable finegrainColumnsTwoThreads() {
    return Kpis.run(query, batch, twoThreads);
  }

  @Benchmark
  public KpiTable finegrainRows() {
    return Kpis.run(query, SCHEMA, orders);
  }

  @Benchmark
  public KpiTable finegrainRowsTwoThreads() {
    return Kpis.run(query, SCHEMA, orders, twoThreads);
  }

  @Benchmark
  public KpiTable finegrainDecimalColumns() {
    return Kpis.run(decimalQuery, decimalBatch);
  }

  @Benchmark
  public double[][] baselineDecimalHandLoop() {
    return decimalHandLoop(columns, amounts, byMember);
  }

  @Benchmark
  public Map<StreamKey, double[]> baselineStreams() {
    return streams(orders, byMember);
  }

  @Benchmark
  public HandLoop baselineHandLoop() {
    return handLoop(columns, byMember);
  }

  @Benchmark
  public HandLoop baselineHandLoopTwoThreads() {
    return handLoopTwoThreads(columns, byMember, pool);
  }

  @Benchmark
  public HandLoop baselineObjectLoop() {
    return objectLoop(orders, byMember);
  }

  @Benchmark
  public HandLoop baselineCheckedHandLoop() {
    return checkedHandLoop(columns, byMember);
  }

  @Benchmark
  public double[][] baselineDuckDbOneThread() throws SQLException {
    return duckDbQuery(duckDb, sql, byMember);
  }

  @Benchmark
  public double[][] baselineDuckDbTwoThreads() throws SQLException {
    return duckDbQuery(duckDb, sql, byMember);
  }

  // ---- the baselines ----

  /** The sum and the mean of the decimal {@code amount} per UTC day and channel (and member). */
  static KpiQuery decimalQuery(boolean byMember) {
    KpiQuery.Builder b = KpiQuery.builder()
        .addKpis(Kpi.builder().id("revenue").name("Revenue").unit("EUR").direction(Direction.HIGHER_IS_BETTER)
                .measure(Measure.sum("amount")).build(),
            Kpi.builder().id("mean-price").name("Mean price").unit("EUR").direction(Direction.HIGHER_IS_BETTER)
                .measure(Measure.mean("amount")).build())
        .timeField("createdAt").grain(Grain.DAY)
        .addGroupBy("channel");
    if (byMember) {
      b.addGroupBy("member");
    }
    return b.build();
  }

  /** Naive double sums, counts and means of {@code amounts} by flat group index, in record order. */
  static double[][] decimalHandLoop(Columns c, double[] amounts, boolean byMember) {
    int groups = DAYS * CHANNELS * (byMember ? MEMBERS : 1);
    double[] sums = new double[groups];
    double[] counts = new double[groups];
    int[] channel = c.channel;
    int[] member = c.member;
    long[] created = c.createdAt;
    for (int i = 0; i < created.length; i++) {
      int g = (int) ((created[i] - START) / DAY) * CHANNELS + channel[i];
      if (byMember) {
        g = g * MEMBERS + member[i];
      }
      sums[g] += amounts[i];
      counts[g]++;
    }
    double[] means = new double[groups];
    for (int g = 0; g < groups; g++) {
      means[g] = counts[g] == 0 ? Double.NaN : sums[g] / counts[g];
    }
    return new double[][] {sums, means};
  }

  /** A group of the streams baseline. */
  public record StreamKey(LocalDate day, String channel, String member) {}

  /** What an analyst writes: group the objects, then compute each KPI per group; p90 by sorting. */
  static Map<StreamKey, double[]> streams(List<Order> orders, boolean byMember) {
    Map<StreamKey, List<Order>> groups = orders.stream().collect(Collectors.groupingBy(
        o -> new StreamKey(LocalDate.ofInstant(o.createdAt(), ZoneOffset.UTC), o.channel(),
            byMember ? o.member() : null)));
    Map<StreamKey, double[]> out = new HashMap<>();
    groups.forEach((key, list) -> {
      int n = list.size();
      long gmv = list.stream().mapToLong(Order::amountCents).sum();
      double aov = list.stream().mapToLong(Order::amountCents).average().orElse(Double.NaN);
      long onTime = list.stream().filter(o -> !o.shippedAt().isAfter(o.promisedShipBy())).count();
      long returned = list.stream().filter(Order::returned).count();
      long[] delays = list.stream().mapToLong(o -> Duration.between(o.createdAt(), o.shippedAt()).toHours())
          .sorted().toArray();
      out.put(key, new double[] {n, gmv, aov, (double) onTime / n, (double) returned / n,
          delays[nearestRankP90(n) - 1]});
    });
    return out;
  }

  /** The 1-based nearest rank of p90 among {@code n} values: {@code ceil(0.9 n)}. */
  static int nearestRankP90(long n) {
    return (int) ((9 * n + 9) / 10);
  }

  /** The hand loop's state: primitive arrays by flat group index {@code (day * 8 + channel) [* 50 + member]}. */
  public static final class HandLoop {
    final boolean byMember;
    final int[] count;
    final long[] gmv;
    final int[] onTime;
    final int[] returned;
    final int[] delays; // group * DELAY_BUCKETS + hours
    final int[] p90; // -1 for an empty group

    HandLoop(boolean byMember) {
      this.byMember = byMember;
      int groups = DAYS * CHANNELS * (byMember ? MEMBERS : 1);
      count = new int[groups];
      gmv = new long[groups];
      onTime = new int[groups];
      returned = new int[groups];
      delays = new int[groups * DELAY_BUCKETS];
      p90 = new int[groups];
    }

    /** Adds {@code other}'s counts, of the same grouping, to these. */
    void add(HandLoop other) {
      for (int g = 0; g < count.length; g++) {
        count[g] += other.count[g];
        gmv[g] += other.gmv[g];
        onTime[g] += other.onTime[g];
        returned[g] += other.returned[g];
      }
      for (int k = 0; k < delays.length; k++) {
        delays[k] += other.delays[k];
      }
    }

    /** Sets every group's p90 from its delay counts, once the counts are complete. */
    void finish() {
      for (int g = 0; g < p90.length; g++) {
        p90[g] = count[g] == 0 ? -1 : p90Of(g);
      }
    }

    /** The p90 ship delay of group {@code g} in hours, from its delay counts. */
    int p90Of(int g) {
      int rank = nearestRankP90(count[g]);
      int seen = 0;
      for (int h = 0; h < DELAY_BUCKETS; h++) {
        seen += delays[g * DELAY_BUCKETS + h];
        if (seen >= rank) {
          return h;
        }
      }
      throw new IllegalStateException("group " + g + " is empty");
    }
  }

  /** One pass over the primitive columns into flat primitive arrays; the practical limit for one core. */
  static HandLoop handLoop(Columns c, boolean byMember) {
    HandLoop s = new HandLoop(byMember);
    handLoop(c, 0, c.size(), s);
    s.finish();
    return s;
  }

  /**
   * {@link #handLoop} split in two halves by hand: the second half on {@code pool}'s thread, the
   * first on the calling thread, each into arrays of its own, then the arrays added up: what two
   * cores of this machine give a loop that does nothing but count, the reference for
   * {@code finegrainColumnsTwoThreads}' speed-up (an even split waits for the slower core).
   */
  static HandLoop handLoopTwoThreads(Columns c, boolean byMember, ExecutorService pool) {
    int half = c.size() / 2;
    Future<HandLoop> second = pool.submit(() -> {
      HandLoop s = new HandLoop(byMember);
      handLoop(c, half, c.size(), s);
      return s;
    });
    HandLoop s = new HandLoop(byMember);
    handLoop(c, 0, half, s);
    try {
      s.add(second.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the second half", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the second half failed", e.getCause());
    }
    s.finish();
    return s;
  }

  /** Adds the records {@code from} to {@code to} of {@code c} into {@code s}'s counts. */
  static void handLoop(Columns c, int from, int to, HandLoop s) {
    boolean byMember = s.byMember;
    int[] channel = c.channel;
    int[] member = c.member;
    long[] created = c.createdAt;
    long[] promised = c.promisedShipBy;
    long[] shipped = c.shippedAt;
    long[] amount = c.amountCents;
    boolean[] returned = c.returned;
    for (int i = from; i < to; i++) {
      int day = (int) ((created[i] - START) / DAY);
      int g = day * CHANNELS + channel[i];
      if (byMember) {
        g = g * MEMBERS + member[i];
      }
      s.count[g]++;
      s.gmv[g] += amount[i];
      s.onTime[g] += shipped[i] <= promised[i] ? 1 : 0;
      s.returned[g] += returned[i] ? 1 : 0;
      s.delays[g * DELAY_BUCKETS + (int) ((shipped[i] - created[i]) / HOUR)]++;
    }
  }

  /**
   * The same pass written by hand over the application's objects, as {@code finegrainRows} reads
   * them: each {@link Order}'s fields read once into locals, the channel's (and member's) index
   * looked up in a map: what a developer writing the one pass over the objects gets, the reference
   * for {@code finegrainRows}.
   */
  static HandLoop objectLoop(List<Order> orders, boolean byMember) {
    HandLoop s = new HandLoop(byMember);
    for (Order o : orders) {
      long created = o.createdAt().toEpochMilli();
      long shipped = o.shippedAt().toEpochMilli();
      int g = (int) ((created - START) / DAY) * CHANNELS + CHANNELS_BY_NAME.get(o.channel());
      if (byMember) {
        g = g * MEMBERS + MEMBERS_BY_NAME.get(o.member());
      }
      s.count[g]++;
      s.gmv[g] += o.amountCents();
      s.onTime[g] += shipped <= o.promisedShipBy().toEpochMilli() ? 1 : 0;
      s.returned[g] += o.returned() ? 1 : 0;
      s.delays[g * DELAY_BUCKETS + (int) ((shipped - created) / HOUR)]++;
    }
    s.finish();
    return s;
  }

  /**
   * {@link #handLoop}'s single pass with what the engine must do per record and the hand loop may
   * skip, because it knows this data: windows and groups numbered as they first appear (a day table,
   * then a table of (window, channel[, member]) cells, as the engine's), absent values checked in
   * every field, GMV added with an overflow check, the delay floor-divided with an overflow check,
   * and the exact quantile's counts in 8-bit cells that spill to a per-group count when full (the
   * engine's table layout). It is what fusing all of the engine's passes into one loop could reach
   * at best, without generating code per query.
   */
  static HandLoop checkedHandLoop(Columns c, boolean byMember) {
    final long absent = ColumnBatch.ABSENT;
    int n = c.size();
    int[] channel = c.channel;
    int[] member = c.member;
    long[] created = c.createdAt;
    long[] promised = c.promisedShipBy;
    long[] shipped = c.shippedAt;
    long[] amount = c.amountCents;
    boolean[] returnedFlags = c.returned;
    int memberBits = byMember ? 6 : 0; // codes + 1 below 64
    int cellBits = 4 + memberBits; // channel codes + 1 below 16
    int[] dayIds = new int[512]; // day since START -> window id + 1 (the engine grows its table; 90 days fit here)
    int windows = 0;
    int[] cells = new int[512 << cellBits]; // (window << cellBits | cell) -> group id + 1
    int maxGroups = DAYS * CHANNELS * (byMember ? MEMBERS : 1);
    int[] groupDay = new int[maxGroups];
    int[] groupCell = new int[maxGroups];
    int groups = 0;
    long[] count = new long[maxGroups];
    long[] gmv = new long[maxGroups];
    long[] gmvAbsent = new long[maxGroups];
    long[] onTime = new long[maxGroups];
    long[] returned = new long[maxGroups];
    long[] delayOther = new long[maxGroups]; // counts that spilled, absent or outside the table
    byte[] delays = new byte[maxGroups * DELAY_BUCKETS];
    long[][] spilled = new long[maxGroups][]; // a group's spilled counts, made on its first spill
    for (int i = 0; i < n; i++) {
      long at = created[i];
      if (at == absent) {
        continue;
      }
      long day = Math.floorDiv(at - START, DAY);
      if (day < 0 || day >= dayIds.length) {
        continue; // not in this workload (the engine would grow its table)
      }
      int w = dayIds[(int) day] - 1;
      if (w < 0) {
        w = windows++;
        dayIds[(int) day] = w + 1;
      }
      int cell = (w << cellBits) | ((channel[i] + 1) << memberBits) | (byMember ? member[i] + 1 : 0);
      int g = cells[cell] - 1;
      if (g < 0) {
        g = groups++;
        cells[cell] = g + 1;
        groupDay[g] = (int) day;
        groupCell[g] = cell & ((1 << cellBits) - 1);
      }
      count[g]++;
      long x = amount[i];
      if (x != absent) {
        gmv[g] = Math.addExact(gmv[g], x);
      } else {
        gmvAbsent[g]++;
      }
      long sh = shipped[i];
      long pr = promised[i];
      onTime[g] += sh != absent && pr != absent && sh <= pr ? 1 : 0;
      returned[g] += returnedFlags[i] ? 1 : 0;
      if (sh == absent) {
        delayOther[g]++;
        continue;
      }
      long k = Math.floorDiv(Math.subtractExact(sh, at), HOUR);
      if (k < 0 || k >= DELAY_BUCKETS) {
        delayOther[g]++;
        continue;
      }
      int d = g * DELAY_BUCKETS + (int) k;
      int v = (delays[d] & 0xFF) + 1;
      delays[d] = (byte) v;
      if (v == 0xFF) {
        if (spilled[g] == null) {
          spilled[g] = new long[DELAY_BUCKETS];
        }
        spilled[g][(int) k] += v;
        delays[d] = 0;
      }
    }
    // the groups as the hand loop numbers them, to compare and to read
    HandLoop s = new HandLoop(byMember);
    for (int g = 0; g < groups; g++) {
      int ch = (groupCell[g] >>> memberBits) - 1;
      int m = byMember ? (groupCell[g] & ((1 << memberBits) - 1)) - 1 : 0;
      int h = (groupDay[g] * CHANNELS + ch) * (byMember ? MEMBERS : 1) + m;
      s.count[h] = Math.toIntExact(count[g]);
      s.gmv[h] = gmv[g];
      s.onTime[h] = Math.toIntExact(onTime[g]);
      s.returned[h] = Math.toIntExact(returned[g]);
      for (int b = 0; b < DELAY_BUCKETS; b++) {
        int d = g * DELAY_BUCKETS + b;
        s.delays[h * DELAY_BUCKETS + b] = Math.toIntExact((delays[d] & 0xFF) + (spilled[g] == null ? 0 : spilled[g][b]));
      }
    }
    for (int g = 0; g < s.p90.length; g++) {
      s.p90[g] = s.count[g] == 0 ? -1 : s.p90Of(g);
    }
    return s;
  }

  /**
   * A new in-memory DuckDB database running on {@code threads} threads, holding the orders in table
   * {@code orders}, loaded through DuckDB's appender.
   */
  static Connection duckDb(Columns c, int threads) throws SQLException {
    Connection conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = conn.createStatement()) {
      st.execute("SET threads = " + threads);
      st.execute("CREATE TABLE orders (member VARCHAR, channel VARCHAR, created_at BIGINT, promised_ship_by BIGINT,"
          + " shipped_at BIGINT, amount_cents BIGINT, returned BOOLEAN)");
    }
    try (DuckDBAppender appender = conn.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "orders")) {
      for (int i = 0; i < c.size(); i++) {
        appender.beginRow().append(MEMBER_NAMES[c.member[i]]).append(CHANNEL_NAMES[c.channel[i]])
            .append(c.createdAt[i]).append(c.promisedShipBy[i]).append(c.shippedAt[i]).append(c.amountCents[i])
            .append(c.returned[i]).endRow();
      }
    }
    return conn;
  }

  /** The six KPIs per UTC day and channel (and member) as one SQL query. */
  static String duckDbSql(boolean byMember) {
    String groups = byMember ? "channel, member" : "channel";
    return "SELECT created_at // " + DAY + " AS day, " + groups + ", count(*) AS orders,"
        + " sum(amount_cents)::BIGINT AS gmv, avg(amount_cents) AS aov,"
        + " count_if(shipped_at <= promised_ship_by) / count(*) AS on_time,"
        + " count_if(returned) / count(*) AS return_rate,"
        + " quantile_disc((shipped_at - created_at) // " + HOUR + ", 0.9) AS p90_delay"
        + " FROM orders GROUP BY ALL";
  }

  /**
   * Runs {@code sql} and reads every row: per group its day (epoch day), channel index, member
   * index (-1 without members) and six values.
   */
  static double[][] duckDbQuery(Connection conn, String sql, boolean byMember) throws SQLException {
    List<double[]> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double[] row = new double[9];
        row[0] = rs.getLong(1);
        row[1] = CHANNELS_BY_NAME.get(rs.getString(2));
        row[2] = byMember ? MEMBERS_BY_NAME.get(rs.getString(3)) : -1;
        int first = byMember ? 4 : 3; // the first KPI's column
        for (int k = 0; k < 6; k++) {
          row[3 + k] = rs.getDouble(first + k);
        }
        out.add(row);
      }
    }
    return out.toArray(new double[0][]);
  }

  /** Each channel's and member's index by name: for reading DuckDB's rows and for {@link #objectLoop}. */
  private static final Map<String, Integer> CHANNELS_BY_NAME = new HashMap<>();
  private static final Map<String, Integer> MEMBERS_BY_NAME = new HashMap<>();

  static {
    for (int k = 0; k < CHANNELS; k++) {
      CHANNELS_BY_NAME.put(CHANNEL_NAMES[k], k);
    }
    for (int k = 0; k < MEMBERS; k++) {
      MEMBERS_BY_NAME.put(MEMBER_NAMES[k], k);
    }
  }

  // ---- agreement ----

  /**
   * Runs the methods on {@code records} orders grouped by {@code groupBy} (DuckDB on one thread and
   * on two) and throws if any group's six values differ between them (the average order value to
   * within 1e-9 relative: the methods divide the sum in different ways).
   *
   * @return the number of groups compared
   */
  public static int checkAgreement(int records, String groupBy) {
    boolean byMember = byMember(groupBy);
    Columns c = new Columns(records);
    List<Order> orders = c.orders();
    KpiQuery query = query(byMember);
    Map<String, double[]> columns = fromTable(Kpis.run(query, c.batch()), byMember);
    Map<String, double[]> rows = fromTable(Kpis.run(query, SCHEMA, orders), byMember);
    Map<String, double[]> streams = fromStreams(streams(orders, byMember));
    Map<String, double[]> hand = fromHandLoop(handLoop(c, byMember));
    compare("baselineStreams", streams, "baselineHandLoop", hand);
    compare("finegrainColumns", columns, "baselineHandLoop", hand);
    compare("finegrainRows", rows, "baselineHandLoop", hand);
    compare("baselineCheckedHandLoop", fromHandLoop(checkedHandLoop(c, byMember)), "baselineHandLoop", hand);
    compare("baselineObjectLoop", fromHandLoop(objectLoop(orders, byMember)), "baselineHandLoop", hand);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      compare("baselineHandLoopTwoThreads", fromHandLoop(handLoopTwoThreads(c, byMember, pool)), "baselineHandLoop",
          hand);
    } finally {
      pool.shutdownNow();
    }
    for (int threads = 1; threads <= 2; threads++) {
      try (Connection conn = duckDb(c, threads)) {
        compare("baselineDuckDb (" + threads + " threads)",
            fromDuckDb(duckDbQuery(conn, duckDbSql(byMember), byMember)), "baselineHandLoop", hand);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB failed: " + e.getMessage(), e);
      }
    }
    return hand.size();
  }

  private static final String[] KPIS = {"orders", "gmv", "aov", "on-time", "return-rate", "p90-delay"};

  private static String key(LocalDate day, String channel, String member) {
    return day + "|" + channel + (member == null ? "" : "|" + member);
  }

  static Map<String, double[]> fromTable(KpiTable table, boolean byMember) {
    Map<String, double[]> out = new TreeMap<>();
    for (KpiRow row : table.rows()) {
      double[] v = new double[KPIS.length];
      for (int k = 0; k < KPIS.length; k++) {
        KpiCell cell = row.cell(KPIS[k]).orElseThrow();
        v[k] = cell.value().orElse(Double.NaN);
      }
      out.put(key(LocalDate.parse(row.window().label()), row.dimension("channel").orElseThrow(),
          byMember ? row.dimension("member").orElseThrow() : null), v);
    }
    return out;
  }

  static Map<String, double[]> fromStreams(Map<StreamKey, double[]> result) {
    Map<String, double[]> out = new TreeMap<>();
    result.forEach((k, v) -> out.put(key(k.day(), k.channel(), k.member()), v));
    return out;
  }

  static Map<String, double[]> fromDuckDb(double[][] rows) {
    Map<String, double[]> out = new TreeMap<>();
    for (double[] r : rows) {
      out.put(key(LocalDate.ofEpochDay((long) r[0]), CHANNEL_NAMES[(int) r[1]],
          r[2] < 0 ? null : MEMBER_NAMES[(int) r[2]]), Arrays.copyOfRange(r, 3, 9));
    }
    return out;
  }

  static Map<String, double[]> fromHandLoop(HandLoop s) {
    Map<String, double[]> out = new TreeMap<>();
    LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(START), ZoneOffset.UTC);
    int perDay = CHANNELS * (s.byMember ? MEMBERS : 1);
    for (int g = 0; g < s.count.length; g++) {
      int n = s.count[g];
      if (n == 0) {
        continue;
      }
      int channel = (g % perDay) / (s.byMember ? MEMBERS : 1);
      String member = s.byMember ? MEMBER_NAMES[g % MEMBERS] : null;
      out.put(key(first.plusDays(g / perDay), CHANNEL_NAMES[channel], member), new double[] {n, s.gmv[g],
          (double) s.gmv[g] / n, (double) s.onTime[g] / n, (double) s.returned[g] / n, s.p90[g]});
    }
    return out;
  }

  private static void compare(String name, Map<String, double[]> actual, String baseline,
      Map<String, double[]> expected) {
    if (!actual.keySet().equals(expected.keySet())) {
      throw new IllegalStateException(name + " has groups " + actual.size() + ", " + baseline + " has "
          + expected.size() + "; first of " + name + ": " + actual.keySet().stream().findFirst().orElse("none"));
    }
    for (Map.Entry<String, double[]> e : expected.entrySet()) {
      double[] a = actual.get(e.getKey());
      double[] x = e.getValue();
      for (int k = 0; k < KPIS.length; k++) {
        boolean same = k == 2 ? Math.abs(a[k] - x[k]) <= 1e-9 * Math.abs(x[k]) : a[k] == x[k];
        if (!same) {
          throw new IllegalStateException(name + " disagrees with " + baseline + " on " + KPIS[k] + " of group "
              + e.getKey() + ": " + a[k] + " vs " + x[k] + " (all: " + Arrays.toString(a) + " vs "
              + Arrays.toString(x) + ")");
        }
      }
    }
  }
}
