package dev.finegrain.kpi.accumulator;

import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Quantiles against the nearest rank of the sorted values. */
class QuantileProperties {
  /** The reference: the value at 1-based rank ceil(q·n) of the sorted values. */
  private static long nearestRank(List<Long> values, double q) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((int) QuantileResult.nearestRank(q, sorted.size()) - 1);
  }

  /** Delays in milliseconds: short ones and ones of up to 30 years. */
  static Gen<List<Long>> delays() {
    return lists(oneOf(longs(0, 3000), longs(0, 1_000_000_000_000L)), 1, 200);
  }

  static Gen<Double> qs() {
    return doubles(0, 1);
  }

  @Test
  void exactQuantilesAreTheNearestRankOfTheSortedValues() {
    qt().forAll(lists(longs(), 1, 200), qs()).checkAssert((values, q) -> {
      ExactQuantiles e = ExactQuantiles.create();
      values.forEach(e::add);
      assertEquals(OptionalLong.of(nearestRank(values, q)), e.result().quantile(q));
    });
  }

  @Test
  void histogramQuantilesAreNeverBelowAndAtMostTheRelativeErrorAbove() {
    qt().forAll(delays(), qs(), ints(1, 5)).checkAssert((values, q, digits) -> {
      HistogramQuantiles h = HistogramQuantiles.create(digits);
      values.forEach(h::add);
      long exact = nearestRank(values, q);
      long reported = h.result().quantile(q).getAsLong();
      assertTrue(reported >= exact, reported + " < " + exact);
      assertTrue(reported - exact <= exact * h.relativeError(), reported + " too far above " + exact);
      assertEquals(values.stream().mapToLong(Long::longValue).min().getAsLong(), h.result().min().getAsLong());
      assertEquals(values.stream().mapToLong(Long::longValue).max().getAsLong(), h.result().max().getAsLong());
    });
  }

  @Test
  void histogramQuantilesBelowTheExactLimitAreExact() {
    qt().forAll(lists(longs(0, 2047), 1, 200), qs()).checkAssert((values, q) -> {
      HistogramQuantiles h = HistogramQuantiles.create();
      values.forEach(h::add);
      assertEquals(OptionalLong.of(nearestRank(values, q)), h.result().quantile(q));
    });
  }

  @Test
  void compactAndArrayBackedHistogramsGiveTheSameResult() {
    qt().forAll(delays()).checkAssert(values -> {
      HistogramQuantiles array = HistogramQuantiles.create();
      HistogramQuantiles compact = HistogramQuantiles.createCompact(3);
      values.forEach(v -> {
        array.add(v);
        compact.add(v);
      });
      assertEquals(array.result(), compact.result());
    });
  }

  @Test
  void quantilesRiseWithQ() {
    qt().forAll(delays(), qs(), qs()).checkAssert((values, p, q) -> {
      HistogramQuantiles h = HistogramQuantiles.create();
      values.forEach(h::add);
      QuantileResult r = h.result();
      double lo = Math.min(p, q);
      double hi = Math.max(p, q);
      assertTrue(r.quantile(lo).getAsLong() <= r.quantile(hi).getAsLong());
    });
  }
}
