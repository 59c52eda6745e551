package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.longs;
import static dev.finegrain.kpi.testing.Values.pick;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Compact two-digit quantile histograms obey the accumulator laws, at bucket edges of either sign too. */
class CompactTwoDigitHistogramQuantilesContractTest extends AccumulatorContract<HistogramQuantiles, QuantileResult, Long> {
  @Override
  protected HistogramQuantiles create() {
    return HistogramQuantiles.createCompact(2);
  }

  @Override
  protected Gen<Long> values() {
    // a realistic range and bucket edges; huge values (slow in a packed histogram) are in HistogramQuantilesTest
    return Generate.frequency(List.of(Pair.of(20, longs(0, 100_000)), Pair.of(5, longs(-100_000, 0)),
        Pair.of(1, pick(0L, 255L, 256L, 257L, 1L << 40, -1L, -256L, -257L, -258L, -(1L << 40)))));
  }

  @Override
  protected void add(HistogramQuantiles accumulator, Long value) {
    accumulator.add(value);
  }

  @Override
  protected HistogramQuantiles fromBytes(byte[] bytes) {
    return HistogramQuantiles.fromBytes(bytes);
  }
}
