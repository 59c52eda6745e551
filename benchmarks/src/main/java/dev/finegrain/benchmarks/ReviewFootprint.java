package dev.finegrain.benchmarks;

import dev.finegrain.workflow.ReviewEngine;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.SplittableRandom;

/**
 * Retained heap per open case: opens {@value #DEFAULT_CASES} cases of the listing review
 * ({@link ReviewWorkload}) on a fresh engine, each waiting at stage 1 (copy) with its own subject,
 * forces full GCs, and prints the heap retained by the engine (store, case cache, idempotency
 * records) per open case. The subjects are counted: each case owns its listing.
 *
 * <pre>
 * mvn -B -o -q -pl core,workflow,kpi,benchmarks -am verify -DskipTests
 * java -Xmx2g -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.finegrain.benchmarks.ReviewFootprint [cases]
 * </pre>
 */
public final class ReviewFootprint {
  /** Cases opened by default. */
  public static final int DEFAULT_CASES = 100_000;

  private ReviewFootprint() {}

  /** What one measurement found. */
  public record Result(int cases, long retainedBytes) {
    public double bytesPerCase() {
      return (double) retainedBytes / cases;
    }

    @Override
    public String toString() {
      return String.format("%,d open cases retain %,d bytes: %.0f bytes per open case", cases, retainedBytes,
          bytesPerCase());
    }
  }

  public static void main(String[] args) {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CASES;
    System.out.println(measure(cases));
  }

  /** Opens {@code cases} cases on a fresh engine, checks a sample, and measures the heap they retain. */
  public static Result measure(int cases) {
    ReviewEngine engine = ReviewWorkload.engine();
    ReviewWorkload.accepted(ReviewWorkload.open(engine, -1));  // warm the engine's own structures
    long before = usedAfterGc();
    for (int n = 0; n < cases; n++) {
      ReviewWorkload.accepted(ReviewWorkload.open(engine, n));
    }
    long after = usedAfterGc();
    SplittableRandom sample = new SplittableRandom(1);
    for (int k = 0; k < Math.min(cases, 100); k++) {
      ReviewWorkload.checkOpen(engine, ReviewWorkload.caseId(sample.nextInt(cases)));
    }
    ReviewWorkload.check(engine.caseIds().size() == cases + 1, "%s cases stored", engine.caseIds().size());
    Reference.reachabilityFence(engine);
    return new Result(cases, after - before);
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
