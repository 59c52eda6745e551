package dev.finegrain.kpi.testing;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** The usage example of {@link AccumulatorContract}'s javadoc, as a user would write it: only the three hooks. */
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
}
