package dev.finegrain.kpi.accumulator;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Damaged byte forms fail with an IllegalArgumentException, never another exception. */
class ByteFormatProperties {
  /**
   * Every type of accumulator, with up to 30 values added; whole sums also of any longs, quantile
   * histograms also of negative values.
   */
  static Gen<Accumulator<?, ?>> accumulators() {
    Gen<List<Long>> longs = lists(longs(0, 100_000), 30);
    Gen<List<Long>> wide = lists(longs(), 30); // sums beyond a long, with their wraps
    Gen<List<Long>> signed = lists(longs(-100_000, 100_000), 30); // a histogram's negative values
    return oneOf(
        longs.map(vs -> { Count a = Count.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { LongSum a = LongSum.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DoubleSum a = DoubleSum.create(); vs.forEach(v -> a.add(v / 7.0)); return a; }),
        longs.map(vs -> { MeanVariance a = MeanVariance.create(); vs.forEach(v -> a.add(v / 7.0)); return a; }),
        longs.map(vs -> { LongRatio a = LongRatio.create(); vs.forEach(v -> a.add(v % 2 == 0)); return a; }),
        wide.map(vs -> { LongSum a = LongSum.create(); vs.forEach(a::add); return a; }),
        wide.map(vs -> { LongRatio a = LongRatio.create(); vs.forEach(v -> a.add(v, v ^ 1)); return a; }),
        longs.map(vs -> { DoubleRatio a = DoubleRatio.create(); vs.forEach(v -> a.add(v / 3.0, 1)); return a; }),
        longs.map(vs -> { LongMinMax a = LongMinMax.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { HistogramQuantiles a = HistogramQuantiles.create(2); vs.forEach(a::add); return a; }),
        signed.map(vs -> { HistogramQuantiles a = HistogramQuantiles.createCompact(2); vs.forEach(a::add); return a; }),
        longs.map(vs -> { ExactQuantiles a = ExactQuantiles.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DistinctLongs a = DistinctLongs.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DistinctStrings a = DistinctStrings.create(); vs.forEach(v -> a.add("v" + v)); return a; }));
  }

  @Test
  void everyProperPrefixIsRejectedAsTruncated() {
    qt().forAll(accumulators(), ints(0, 10_000)).checkAssert((a, cut) -> {
      byte[] bytes = a.toBytes();
      byte[] prefix = Arrays.copyOf(bytes, cut % bytes.length);
      assertThrows(IllegalArgumentException.class, () -> Accumulators.fromBytes(prefix));
    });
  }

  @Test
  void aDamagedByteIsRejectedOrReadsAValidAccumulator() {
    qt().forAll(accumulators(), ints(0, 10_000), ints(Byte.MIN_VALUE, Byte.MAX_VALUE)).checkAssert((a, at, value) -> {
      byte[] bytes = a.toBytes();
      bytes[at % bytes.length] = (byte) (int) value;
      try {
        Accumulator<?, ?> read = Accumulators.fromBytes(bytes);
        // whatever was read is a consistent accumulator: it re-encodes to the same bytes
        assertEquals(Arrays.toString(bytes), Arrays.toString(read.toBytes()));
      } catch (IllegalArgumentException expected) {
        // rejected with a message, as it should be
      }
    });
  }
}
