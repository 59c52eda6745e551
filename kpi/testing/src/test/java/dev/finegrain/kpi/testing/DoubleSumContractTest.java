package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.assertSumAgrees;
import static dev.finegrain.kpi.testing.Values.doubles;
import static dev.finegrain.kpi.testing.Values.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.kpi.accumulator.DoubleSum;
import java.util.List;
import org.quicktheories.core.Gen;

/** Compensated double sums obey the accumulator laws within 1e-14 of the sum of magnitudes. */
class DoubleSumContractTest extends AccumulatorContract<DoubleSum, DoubleSum.Result, Double> {
  @Override
  protected DoubleSum create() {
    return DoubleSum.create();
  }

  @Override
  protected Gen<Double> values() {
    // prices, tiny amounts, and amounts large enough that a naive sum would lose the small ones
    return oneOf(doubles(-1e6, 1e6, 6), doubles(-1e-3, 1e-3, 12), doubles(1e12, 1e13, 3));
  }

  @Override
  protected void add(DoubleSum accumulator, Double value) {
    accumulator.add(value);
  }

  @Override
  protected DoubleSum fromBytes(byte[] bytes) {
    return DoubleSum.fromBytes(bytes);
  }

  @Override
  protected boolean exact() {
    return false;
  }

  @Override
  protected void assertAgrees(DoubleSum.Result onePass, DoubleSum.Result merged, List<Double> values) {
    assertEquals(onePass.count(), merged.count());
    assertSumAgrees(onePass.sum(), merged.sum(), values.stream().mapToDouble(Math::abs).sum(), "sum");
  }
}
