package dev.finegrain.kpi.testing;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The usage example of {@link AccumulatorContract}'s javadoc, compiled and run as a user would write
 * it, plus a {@link #tries()} override: a tenth of the tries, since
 * {@link CompactTwoDigitHistogramQuantilesContractTest} already runs this configuration in full.
 */
class DelayHistogramContractTest extends AccumulatorContract<HistogramQuantiles, QuantileResult, Long> {
  @Override
  protected HistogramQuantiles create() {
    return HistogramQuantiles.createCompact(2);
  }

  @Override
  protected Gen<Long> values() {
    return SourceDSL.longs().between(0, 86_400_000L)
        .mix(SourceDSL.arbitrary().pick(0L, 255L, 256L, 257L));
  }

  @Override
  protected void add(HistogramQuantiles accumulator, Long delay) {
    accumulator.add(delay);
  }

  @Override
  protected int tries() {
    return Math.max(1, super.tries() / 10);
  }
}
