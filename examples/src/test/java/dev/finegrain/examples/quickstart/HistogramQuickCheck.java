package dev.finegrain.examples.quickstart;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;

/**
 * Uses kpi's histogram (HdrHistogram, relocated inside the kpi jar) as a consumer would: both
 * layouts, a merge and a byte round-trip. {@link ModulePathIT} runs it on the module path.
 */
public final class HistogramQuickCheck {
  private HistogramQuickCheck() {}

  public static void main(String[] args) {
    HistogramQuantiles arrayBacked = HistogramQuantiles.create();
    HistogramQuantiles compact = HistogramQuantiles.createCompact(3);
    for (long millis = 1; millis <= 120_000; millis += 7) {
      arrayBacked.add(millis);
      compact.add(millis * 3);
    }
    HistogramQuantiles merged = arrayBacked.copy().merge(compact);
    System.out.println(merged.result());
    System.out.println(HistogramQuantiles.fromBytes(merged.toBytes()).equals(merged));
  }
}
