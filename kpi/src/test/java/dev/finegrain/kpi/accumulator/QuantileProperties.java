package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** Quantiles against the nearest rank of the sorted values. */
class QuantileProperties {
  /** The reference: the value at 1-based rank ceil(q·n) of the sorted values. */
  private static long nearestRank(List<Long> values, double q) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((int) QuantileResult.nearestRank(q, sorted.size()) - 1);
  }

  @Provide
  Arbitrary<List<Long>> delays() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 3000), Arbitraries.longs().between(0, 1_000_000_000_000L))
        .list().ofMinSize(1).ofMaxSize(200);
  }

  @Property
  void exactQuantilesAreTheNearestRankOfTheSortedValues(
      @ForAll @Size(min = 1, max = 200) List<Long> values, @ForAll @DoubleRange(min = 0, max = 1) double q) {
    ExactQuantiles e = ExactQuantiles.create();
    values.forEach(e::add);
    assertEquals(OptionalLong.of(nearestRank(values, q)), e.result().quantile(q));
  }

  @Property
  void histogramQuantilesAreNeverBelowAndAtMostTheRelativeErrorAbove(
      @ForAll("delays") List<Long> values, @ForAll @DoubleRange(min = 0, max = 1) double q,
      @ForAll("digits") int digits) {
    HistogramQuantiles h = HistogramQuantiles.create(digits);
    values.forEach(h::add);
    long exact = nearestRank(values, q);
    long reported = h.result().quantile(q).getAsLong();
    assertTrue(reported >= exact, reported + " < " + exact);
    assertTrue(reported - exact <= exact * h.relativeError(), reported + " too far above " + exact);
    assertEquals(values.stream().mapToLong(Long::longValue).min().getAsLong(), h.result().min().getAsLong());
    assertEquals(values.stream().mapToLong(Long::longValue).max().getAsLong(), h.result().max().getAsLong());
  }

  @Property
  void histogramQuantilesBelowTheExactLimitAreExact(
      @ForAll @Size(min = 1, max = 200) List<@net.jqwik.api.constraints.LongRange(min = 0, max = 2047) Long> values,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    HistogramQuantiles h = HistogramQuantiles.create();
    values.forEach(h::add);
    assertEquals(OptionalLong.of(nearestRank(values, q)), h.result().quantile(q));
  }

  @Property
  void compactAndArrayBackedHistogramsGiveTheSameResult(@ForAll("delays") List<Long> values) {
    HistogramQuantiles array = HistogramQuantiles.create();
    HistogramQuantiles compact = HistogramQuantiles.createCompact(3);
    values.forEach(v -> {
      array.add(v);
      compact.add(v);
    });
    assertEquals(array.result(), compact.result());
  }

  @Property
  void quantilesRiseWithQ(@ForAll("delays") List<Long> values,
      @ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll @DoubleRange(min = 0, max = 1) double q) {
    HistogramQuantiles h = HistogramQuantiles.create();
    values.forEach(h::add);
    QuantileResult r = h.result();
    double lo = Math.min(p, q);
    double hi = Math.max(p, q);
    assertTrue(r.quantile(lo).getAsLong() <= r.quantile(hi).getAsLong());
  }

  @Provide
  Arbitrary<Integer> digits() {
    return Arbitraries.integers().between(1, 5);
  }
}
