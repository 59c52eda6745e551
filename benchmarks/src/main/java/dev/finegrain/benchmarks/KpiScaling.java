package dev.finegrain.benchmarks;

import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Parallelism;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The two-thread speed-up of a KPI query over columns, measured in one JVM: each round runs the
 * query of {@link KpiAggregationBenchmark} (day-channel groups) on one thread and on two, and the
 * benchmark's hand loop whole and split in two halves, one right after the other, so that every
 * ratio compares calls made within the same second on the same host level.
 *
 * <p>Why beside JMH: on this shared host a JVM runs at one of two speed levels and may change level
 * mid-run (JOURNAL.md, "Two threads at 5M records: what changes from one fork to the next"), so a
 * ratio of two JMH forks compares two levels as often as two codes. Here each round's ratio is
 * taken between neighbouring calls, and the hand loop split in halves says, in the same rounds, what
 * the two cores give a loop that only counts.
 *
 * <p>Prints, per window of rounds, the median milliseconds of the four calls and the medians of the
 * rounds' ratios, then the medians over all rounds after the first window (the warm-up).
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     dev.finegrain.benchmarks.KpiScaling [records=5000000] [rounds=600] [window=100]
 * </pre>
 */
public final class KpiScaling {
  private KpiScaling() {}

  /** The times of one round, in nanoseconds. */
  record Round(long columns, long columnsTwo, long hand, long handTwo) {
    double columnsSpeedUp() {
      return (double) columns / columnsTwo;
    }

    double handSpeedUp() {
      return (double) hand / handTwo;
    }
  }

  /** The medians of a run of rounds. */
  record Summary(int from, int to, double columnsMs, double columnsTwoMs, double handMs, double handTwoMs,
      double columnsSpeedUp, double handSpeedUp) {
    static Summary of(List<Round> rounds, int from, int to) {
      List<Round> r = rounds.subList(from, to);
      return new Summary(from, to, median(r, x -> x.columns) / 1e6, median(r, x -> x.columnsTwo) / 1e6,
          median(r, x -> x.hand) / 1e6, median(r, x -> x.handTwo) / 1e6, median(r, Round::columnsSpeedUp),
          median(r, Round::handSpeedUp));
    }

    @Override
    public String toString() {
      return String.format("rounds %4d-%4d  columns %6.2f ms, two threads %6.2f ms: %.2fx   "
          + "hand loop %6.2f ms, halves %6.2f ms: %.2fx", from, to, columnsMs, columnsTwoMs, columnsSpeedUp,
          handMs, handTwoMs, handSpeedUp);
    }
  }

  static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * Runs {@code rounds} rounds over {@code records} orders; each round's four calls run in an order
   * that alternates, so that neither the one-thread nor the two-thread call always runs first.
   * Checks first that the two-thread table equals the one-thread table.
   */
  static List<Round> measure(int records, int rounds) {
    KpiAggregationBenchmark.Columns columns = new KpiAggregationBenchmark.Columns(records);
    ColumnBatch batch = columns.batch();
    KpiQuery query = KpiAggregationBenchmark.query(false);
    ExecutorService pool = Executors.newFixedThreadPool(1, r -> {
      Thread t = new Thread(r, "kpi-scaling-part");
      t.setDaemon(true);
      return t;
    });
    try {
      Parallelism two = Parallelism.on(pool, 2);
      if (!Kpis.run(query, batch).equals(Kpis.run(query, batch, two))) {
        throw new IllegalStateException("two threads' table differs from one thread's");
      }
      List<Round> out = new ArrayList<>(rounds);
      long sink = 0;
      for (int i = 0; i < rounds; i++) {
        long[] t = new long[4];
        for (int k = 0; k < 4; k++) {
          int which = (i % 2 == 0) ? k : 3 - k;
          long start = System.nanoTime();
          switch (which) {
            case 0 -> sink += Kpis.run(query, batch).rows().size();
            case 1 -> sink += Kpis.run(query, batch, two).rows().size();
            case 2 -> sink += KpiAggregationBenchmark.handLoop(columns, false).p90[0];
            default -> sink += KpiAggregationBenchmark.handLoopTwoThreads(columns, false, pool).p90[0];
          }
          t[which] = System.nanoTime() - start;
        }
        out.add(new Round(t[0], t[1], t[2], t[3]));
      }
      if (sink == 42) {
        System.out.println("(sink)");
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The summaries by window of {@code window} rounds, then one over every round after the first window. */
  static List<Summary> summarise(List<Round> rounds, int window) {
    List<Summary> out = new ArrayList<>();
    for (int from = 0; from < rounds.size(); from += window) {
      out.add(Summary.of(rounds, from, Math.min(rounds.size(), from + window)));
    }
    int warm = Math.min(window, rounds.size() - 1);
    out.add(Summary.of(rounds, warm, rounds.size()));
    return out;
  }

  public static void main(String[] args) {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    System.out.printf("KpiScaling: %,d records, day-channel groups, %d rounds, %s%n", records, rounds,
        Arrays.toString(new String[] {System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors() + " cpus"}));
    List<Summary> summaries = summarise(measure(records, rounds), window);
    for (int i = 0; i < summaries.size() - 1; i++) {
      System.out.println(summaries.get(i));
    }
    System.out.println("after warm-up: " + summaries.get(summaries.size() - 1));
  }
}
