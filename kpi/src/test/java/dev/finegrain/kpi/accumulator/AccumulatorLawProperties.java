package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Group;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Every accumulator obeys the laws of {@link AccumulatorLaws}: any split merged in any order or
 * tree gives the one-pass result, a fresh accumulator is the identity, the byte form round-trips,
 * merge is commutative, copies are independent.
 */
class AccumulatorLawProperties {
  /** Tolerance of a compensated double sum across splits: 1e-14 of the sum of magnitudes. */
  static void assertSumAgrees(double expected, double actual, double sumOfMagnitudes, String what) {
    double tolerance = 1e-14 * sumOfMagnitudes;
    assertTrue(Math.abs(expected - actual) <= tolerance,
        what + ": " + actual + " differs from one pass " + expected + " by more than " + tolerance);
  }

  static double sumOfMagnitudes(List<Object> values) {
    return values.stream().mapToDouble(v -> Math.abs((Double) v)).sum();
  }

  @Group
  class CountLaws extends AccumulatorLaws<Count> {
    @Override
    Count create() {
      return Count.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.integers().between(1, 3);
    }

    @Override
    void add(Count accumulator, Object value) {
      int n = (Integer) value;
      if (n == 1) {
        accumulator.add();
      } else {
        accumulator.add(n);
      }
    }

    @Override
    Count fromBytes(byte[] bytes) {
      return Count.fromBytes(bytes);
    }
  }

  @Group
  class LongSumLaws extends AccumulatorLaws<LongSum> {
    @Override
    LongSum create() {
      return LongSum.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
    }

    @Override
    void add(LongSum accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    LongSum fromBytes(byte[] bytes) {
      return LongSum.fromBytes(bytes);
    }
  }

  @Group
  class DoubleSumLaws extends AccumulatorLaws<DoubleSum> {
    @Override
    DoubleSum create() {
      return DoubleSum.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6).ofScale(6),
          Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(12), Arbitraries.doubles().between(1e12, 1e13));
    }

    @Override
    void add(DoubleSum accumulator, Object value) {
      accumulator.add((Double) value);
    }

    @Override
    DoubleSum fromBytes(byte[] bytes) {
      return DoubleSum.fromBytes(bytes);
    }

    @Override
    boolean exact() {
      return false;
    }

    @Override
    void assertAgrees(Object onePass, Object merged, List<Object> values) {
      DoubleSum.Result a = (DoubleSum.Result) onePass;
      DoubleSum.Result b = (DoubleSum.Result) merged;
      assertEquals(a.count(), b.count());
      assertSumAgrees(a.sum(), b.sum(), sumOfMagnitudes(values), "sum");
    }
  }

  @Group
  class MeanVarianceLaws extends AccumulatorLaws<MeanVariance> {
    @Override
    MeanVariance create() {
      return MeanVariance.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6).ofScale(6),
          Arbitraries.doubles().between(1e9, 1e9 + 100).ofScale(6), Arbitraries.of(0.0, 1.0, 2.0));
    }

    @Override
    void add(MeanVariance accumulator, Object value) {
      accumulator.add((Double) value);
    }

    @Override
    MeanVariance fromBytes(byte[] bytes) {
      return MeanVariance.fromBytes(bytes);
    }

    @Override
    boolean exact() {
      return false;
    }

    /** The tolerance documented on {@link MeanVariance}. */
    @Override
    void assertAgrees(Object onePass, Object merged, List<Object> values) {
      MeanVariance.Result a = (MeanVariance.Result) onePass;
      MeanVariance.Result b = (MeanVariance.Result) merged;
      assertEquals(a.count(), b.count());
      assertEquals(a.mean().isPresent(), b.mean().isPresent());
      assertEquals(a.variance().isPresent(), b.variance().isPresent());
      double scale = Math.max(1, values.stream().mapToDouble(v -> Math.abs((Double) v)).max().orElse(0));
      if (a.mean().isPresent()) {
        double tolerance = 1e-9 * scale;
        assertTrue(Math.abs(a.mean().getAsDouble() - b.mean().getAsDouble()) <= tolerance,
            "mean " + b.mean() + " differs from one pass " + a.mean() + " by more than " + tolerance);
      }
      if (a.variance().isPresent()) {
        double tolerance = 1e-9 * scale * scale;
        assertTrue(Math.abs(a.variance().getAsDouble() - b.variance().getAsDouble()) <= tolerance,
            "variance " + b.variance() + " differs from one pass " + a.variance() + " by more than " + tolerance);
      }
    }
  }

  @Group
  class LongRatioLaws extends AccumulatorLaws<LongRatio> {
    @Override
    LongRatio create() {
      return LongRatio.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.of(true, false),
          Arbitraries.longs().between(-1000, 1000).tuple2(),
          Arbitraries.longs().between(0, 1L << 50).tuple2());
    }

    @Override
    void add(LongRatio accumulator, Object value) {
      if (value instanceof Boolean) {
        accumulator.add((Boolean) value);
      } else {
        @SuppressWarnings("unchecked")
        Tuple2<Long, Long> t = (Tuple2<Long, Long>) value;
        accumulator.add(t.get1(), t.get2());
      }
    }

    @Override
    LongRatio fromBytes(byte[] bytes) {
      return LongRatio.fromBytes(bytes);
    }
  }

  @Group
  class DoubleRatioLaws extends AccumulatorLaws<DoubleRatio> {
    @Override
    DoubleRatio create() {
      return DoubleRatio.create();
    }

    @Override
    Arbitrary<?> value() {
      // denominators are weights >= 0, so a zero total means every weight was zero on every path
      return Combinators.combine(Arbitraries.doubles().between(-1e6, 1e6).ofScale(6),
          Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 1e4).ofScale(6)))
          .as(Tuple::of);
    }

    @Override
    void add(DoubleRatio accumulator, Object value) {
      @SuppressWarnings("unchecked")
      Tuple2<Double, Double> t = (Tuple2<Double, Double>) value;
      accumulator.add(t.get1(), t.get2());
    }

    @Override
    DoubleRatio fromBytes(byte[] bytes) {
      return DoubleRatio.fromBytes(bytes);
    }

    @Override
    boolean exact() {
      return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    void assertAgrees(Object onePass, Object merged, List<Object> values) {
      DoubleRatio.Result a = (DoubleRatio.Result) onePass;
      DoubleRatio.Result b = (DoubleRatio.Result) merged;
      assertEquals(a.count(), b.count());
      double numerators = values.stream().mapToDouble(v -> Math.abs(((Tuple2<Double, Double>) v).get1())).sum();
      double denominators = values.stream().mapToDouble(v -> ((Tuple2<Double, Double>) v).get2()).sum();
      assertSumAgrees(a.numerator(), b.numerator(), numerators, "numerator");
      assertSumAgrees(a.denominator(), b.denominator(), denominators, "denominator");
      assertEquals(a.value().isPresent(), b.value().isPresent(), "a zero denominator is empty on every path");
    }
  }

  @Group
  class LongMinMaxLaws extends AccumulatorLaws<LongMinMax> {
    @Override
    LongMinMax create() {
      return LongMinMax.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.longs();
    }

    @Override
    void add(LongMinMax accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    LongMinMax fromBytes(byte[] bytes) {
      return LongMinMax.fromBytes(bytes);
    }
  }

  @Group
  class HistogramQuantilesLaws extends AccumulatorLaws<HistogramQuantiles> {
    @Override
    HistogramQuantiles create() {
      return HistogramQuantiles.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.longs().between(0, 5000), Arbitraries.longs().between(0, 1_000_000),
          Arbitraries.of(0L, 2047L, 2048L, 2049L));
    }

    @Override
    void add(HistogramQuantiles accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    HistogramQuantiles fromBytes(byte[] bytes) {
      return HistogramQuantiles.fromBytes(bytes);
    }
  }

  @Group
  class CompactTwoDigitHistogramQuantilesLaws extends AccumulatorLaws<HistogramQuantiles> {
    @Override
    HistogramQuantiles create() {
      return HistogramQuantiles.createCompact(2);
    }

    @Override
    Arbitrary<?> value() {
      // a realistic range and bucket edges; huge values (slow in a packed histogram) are in HistogramQuantilesTest
      return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.longs().between(0, 100_000)),
          Tuple.of(1, Arbitraries.of(0L, 255L, 256L, 257L, 1L << 40)));
    }

    @Override
    void add(HistogramQuantiles accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    HistogramQuantiles fromBytes(byte[] bytes) {
      return HistogramQuantiles.fromBytes(bytes);
    }
  }

  @Group
  class ExactQuantilesLaws extends AccumulatorLaws<ExactQuantiles> {
    @Override
    ExactQuantiles create() {
      return ExactQuantiles.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.longs().between(-5, 20), Arbitraries.longs());
    }

    @Override
    void add(ExactQuantiles accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    ExactQuantiles fromBytes(byte[] bytes) {
      return ExactQuantiles.fromBytes(bytes);
    }
  }

  @Group
  class DistinctLongsLaws extends AccumulatorLaws<DistinctLongs> {
    @Override
    DistinctLongs create() {
      return DistinctLongs.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(Arbitraries.longs().between(-30, 30), Arbitraries.longs());
    }

    @Override
    void add(DistinctLongs accumulator, Object value) {
      accumulator.add((Long) value);
    }

    @Override
    DistinctLongs fromBytes(byte[] bytes) {
      return DistinctLongs.fromBytes(bytes);
    }
  }

  @Group
  class DistinctStringsLaws extends AccumulatorLaws<DistinctStrings> {
    @Override
    DistinctStrings create() {
      return DistinctStrings.create();
    }

    @Override
    Arbitrary<?> value() {
      return Arbitraries.oneOf(
          Arbitraries.strings().withCharRange('a', 'd').ofMaxLength(2),
          Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(6),
          Arbitraries.of("", "客服", "😀", "é", "e\u0301", "\uffff"));
    }

    @Override
    void add(DistinctStrings accumulator, Object value) {
      accumulator.add((String) value);
    }

    @Override
    DistinctStrings fromBytes(byte[] bytes) {
      return DistinctStrings.fromBytes(bytes);
    }
  }
}
