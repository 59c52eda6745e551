package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.oneOf;
import static dev.finegrain.kpi.testing.Values.pick;

import dev.finegrain.kpi.accumulator.DistinctStrings;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Distinct counts of strings obey the accumulator laws, over repeats, any BMP text, CJK, emoji and combining marks. */
class DistinctStringsContractTest extends AccumulatorContract<DistinctStrings, Long, String> {
  @Override
  protected DistinctStrings create() {
    return DistinctStrings.create();
  }

  @Override
  protected Gen<String> values() {
    return oneOf(
        SourceDSL.strings().betweenCodePoints('a', 'd').ofLengthBetween(0, 2),
        // up to U+D7FF: below the surrogates, as in the laws before
        SourceDSL.strings().betweenCodePoints(0, 0xd7ff).ofLengthBetween(0, 6),
        pick("", "客服", "😀", "é", "e\u0301", "\uffff"));
  }

  @Override
  protected void add(DistinctStrings accumulator, String value) {
    accumulator.add(value);
  }

  @Override
  protected DistinctStrings fromBytes(byte[] bytes) {
    return DistinctStrings.fromBytes(bytes);
  }
}
