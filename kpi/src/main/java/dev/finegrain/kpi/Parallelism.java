package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How many threads a KPI query may use, and whose. By default a query runs on the calling thread
 * alone, and finegrain starts no thread of its own: a query uses more threads only when given a
 * {@code Parallelism} that asks for them.
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(8);               // the application's threads
 * KpiTable daily = Kpis.run(query, batch, Parallelism.on(pool, 8));     // up to 8 workers at once
 * KpiTable same = Kpis.run(query, batch, Parallelism.threads(8));       // or threads for this query only
 * }</pre>
 *
 * <p>A query is aggregated by up to {@link #threads()} workers at once, the calling thread one of
 * them, each into a partial state of its own; the partial states are merged at the end. A query
 * has a worker per {@value #MIN_RECORDS_PER_TASK} records at most: below that, starting and
 * merging a worker's state costs more than it saves, so a query of fewer than twice as many records
 * runs on the calling thread alone, however many threads it may use. The records are cut into
 * consecutive chunks of {@value #CHUNK_RECORDS}, and each worker takes the next chunk no worker has
 * taken until none is left: a worker on a slower or busier core takes fewer, so the query does not
 * wait for its slowest thread to finish an equal share. A worker whose task no thread has started
 * by the time the chunks run out is not waited for: a query never waits on a thread that is busy
 * elsewhere, and does not deadlock when run on a thread of the executor's own full pool.
 *
 * <p>The table is the one a single thread computes, cell for cell and bit for bit, for every
 * measure: counts, sums, ratios, means, quantiles and distinct counts, roll-up rows included. The
 * state every cell reads merges exactly. Sums and ratios of decimal fields and means of a decimal
 * field are no exception: they are summed exactly (in 128-bit fixed-point numbers per group, and an
 * unbounded number for values too tiny or too large for them) and rounded once, to the nearest
 * double, when the cell is read, so they depend neither on how the records were split nor on their
 * order, and each is the correctly rounded exact sum (or exact sum over the count). Sums and ratios
 * of whole numbers are exact in 128 bits and checked against the range of a {@code long} when a
 * cell is read, so whether a query fails, and which KPI and row its error names, do not depend on
 * the split either.
 *
 * @since 0.1
 */
public final class Parallelism {
  /** Records per worker at least: a query gets a second worker only where each has this many records. */
  public static final int MIN_RECORDS_PER_TASK = 1 << 17;

  /** Records per chunk a worker takes at a time: small enough that workers finish close together. */
  public static final int CHUNK_RECORDS = MIN_RECORDS_PER_TASK / 4;

  private static final Parallelism NONE = new Parallelism(1, null, MIN_RECORDS_PER_TASK, null);

  private final int threads;
  private final Executor executor; // null: threads started for the query (or none, for 1)
  private final int minRecordsPerTask;
  private final int[] cuts; // null: chunks of CHUNK_RECORDS; else, for tests, where the chunks end

  private Parallelism(int threads, Executor executor, int minRecordsPerTask, int[] cuts) {
    this.threads = threads;
    this.executor = executor;
    this.minRecordsPerTask = minRecordsPerTask;
    this.cuts = cuts;
  }

  /** {@return the calling thread only: what {@link Kpis#run(KpiQuery, ColumnBatch)} uses} */
  public static Parallelism none() {
    return NONE;
  }

  /**
   * Up to {@code threads} workers at once: the calling thread and up to {@code threads - 1} threads
   * started for the query. Each thread ends on its own: one whose worker began is waited for; one
   * that starts after the chunks ran out finds its worker ended and returns at once.
   *
   * @param threads the most threads a query uses, the calling one included; 1 or more
   * @return the parallelism
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static Parallelism threads(int threads) {
    checkArgument(threads >= 1, "threads: expected 1 or more, got %s", threads);
    return threads == 1 ? NONE : new Parallelism(threads, null, MIN_RECORDS_PER_TASK, null);
  }

  /**
   * Up to {@code threads} workers at once: the calling thread and up to {@code threads - 1} tasks
   * handed to {@code executor}, which owns its threads. If the executor rejects a task, or has not
   * started it by the time every chunk is taken, the calling thread takes that worker's chunks and
   * the query does not wait for the task; a task started late finds nothing to do and returns. An
   * executor that throws anything else fails the query with its exception, after every task it
   * started has stopped.
   *
   * @param executor runs the workers besides the calling thread; the query waits for those that began
   * @param threads the most workers aggregating at once, the calling thread included; 1 or more
   * @return the parallelism
   * @throws IllegalArgumentException if {@code threads} is less than 1
   */
  public static Parallelism on(Executor executor, int threads) {
    checkNotNull(executor, "executor");
    checkArgument(threads >= 1, "threads: expected 1 or more, got %s", threads);
    return new Parallelism(threads, executor, MIN_RECORDS_PER_TASK, null);
  }

  /** {@return the most threads a query uses at once, the calling one included} */
  public int threads() {
    return threads;
  }

  /** {@return the executor the workers besides the calling thread run on; empty when the query starts its own threads} */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * The same, splitting down to {@code records} records per worker (and chunks of a quarter of
   * that): for tests over small inputs.
   */
  Parallelism withMinRecordsPerTask(int records) {
    checkArgument(records >= 1, "records: expected 1 or more, got %s", records);
    return new Parallelism(threads, executor, records, cuts);
  }

  /**
   * The same, with chunks that end at {@code cuts} (ascending; past the records' end they are
   * clamped to it, so chunks may be empty) and a last chunk up to the end, and as many workers as
   * chunks up to {@link #threads()}: for tests of uneven splits.
   */
  Parallelism withCuts(int... cuts) {
    return new Parallelism(threads, executor, minRecordsPerTask, cuts.clone());
  }

  /** How many workers aggregate {@code size} records: 1 when a second would have too few records. */
  int workers(int size) {
    if (cuts != null) {
      return Math.min(threads, cuts.length + 1);
    }
    return (int) Math.max(1, Math.min(threads, (long) size / minRecordsPerTask));
  }

  /**
   * Where the {@code size} records are cut into chunks: {@code bounds[k]} to {@code bounds[k + 1]}
   * is chunk {@code k}; one chunk when one worker reads them all.
   */
  int[] chunks(int size) {
    if (cuts != null) {
      int[] bounds = new int[cuts.length + 2];
      for (int k = 0; k < cuts.length; k++) {
        bounds[k + 1] = Math.max(bounds[k], Math.min(size, cuts[k]));
      }
      bounds[cuts.length + 1] = size;
      return bounds;
    }
    if (workers(size) == 1) {
      return new int[] {0, size};
    }
    long chunk = Math.max(1, (long) minRecordsPerTask * CHUNK_RECORDS / MIN_RECORDS_PER_TASK);
    int count = (int) ((size + chunk - 1) / chunk);
    int[] bounds = new int[count + 1];
    for (int k = 0; k <= count; k++) {
      bounds[k] = (int) Math.min(size, chunk * k);
    }
    return bounds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parallelism p && threads == p.threads && executor == p.executor
        && minRecordsPerTask == p.minRecordsPerTask && Arrays.equals(cuts, p.cuts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(threads, System.identityHashCode(executor), minRecordsPerTask, Arrays.hashCode(cuts));
  }

  @Override
  public String toString() {
    return executor == null ? "Parallelism{threads=" + threads + "}"
        : "Parallelism{threads=" + threads + ", executor=" + executor + "}";
  }
}
