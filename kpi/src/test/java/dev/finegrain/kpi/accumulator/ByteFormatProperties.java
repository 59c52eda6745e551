package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Damaged byte forms fail with an IllegalArgumentException, never another exception. */
class ByteFormatProperties {
  @Provide
  Arbitrary<Accumulator<?, ?>> accumulators() {
    Arbitrary<List<Long>> longs = Arbitraries.longs().between(0, 100_000).list().ofMaxSize(30);
    return Arbitraries.oneOf(
        longs.map(vs -> { Count a = Count.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { LongSum a = LongSum.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DoubleSum a = DoubleSum.create(); vs.forEach(v -> a.add(v / 7.0)); return a; }),
        longs.map(vs -> { MeanVariance a = MeanVariance.create(); vs.forEach(v -> a.add(v / 7.0)); return a; }),
        longs.map(vs -> { LongRatio a = LongRatio.create(); vs.forEach(v -> a.add(v % 2 == 0)); return a; }),
        longs.map(vs -> { DoubleRatio a = DoubleRatio.create(); vs.forEach(v -> a.add(v / 3.0, 1)); return a; }),
        longs.map(vs -> { LongMinMax a = LongMinMax.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { HistogramQuantiles a = HistogramQuantiles.create(2); vs.forEach(a::add); return a; }),
        longs.map(vs -> { ExactQuantiles a = ExactQuantiles.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DistinctLongs a = DistinctLongs.create(); vs.forEach(a::add); return a; }),
        longs.map(vs -> { DistinctStrings a = DistinctStrings.create(); vs.forEach(v -> a.add("v" + v)); return a; }));
  }

  @Property
  void everyProperPrefixIsRejectedAsTruncated(@ForAll("accumulators") Accumulator<?, ?> a,
      @ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] bytes = a.toBytes();
    byte[] prefix = Arrays.copyOf(bytes, cut % bytes.length);
    assertThrows(IllegalArgumentException.class, () -> Accumulators.fromBytes(prefix));
  }

  @Property
  void aDamagedByteIsRejectedOrReadsAValidAccumulator(@ForAll("accumulators") Accumulator<?, ?> a,
      @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value) {
    byte[] bytes = a.toBytes();
    bytes[at % bytes.length] = value;
    try {
      Accumulator<?, ?> read = Accumulators.fromBytes(bytes);
      // whatever was read is a consistent accumulator: it re-encodes to the same bytes
      assertEquals(Arrays.toString(bytes), Arrays.toString(read.toBytes()));
    } catch (IllegalArgumentException expected) {
      // rejected with a message, as it should be
    }
  }
}
