package dev.finegrain.kpi.testing;

import static dev.finegrain.kpi.testing.Values.assertSumAgrees;
import static dev.finegrain.kpi.testing.Values.doubles;
import static dev.finegrain.kpi.testing.Values.oneOf;
import static dev.finegrain.kpi.testing.Values.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.kpi.accumulator.DoubleRatio;
import java.util.List;
import org.quicktheories.core.Gen;

/** Double ratios obey the accumulator laws within 1e-14 of the sums of magnitudes; 0 of 0 stays empty. */
class DoubleRatioContractTest
    extends AccumulatorContract<DoubleRatio, DoubleRatio.Result, DoubleRatioContractTest.Weighted> {
  /** One {@code add(numerator, denominator)}. */
  record Weighted(double numerator, double denominator) {}

  @Override
  protected DoubleRatio create() {
    return DoubleRatio.create();
  }

  @Override
  protected Gen<Weighted> values() {
    // denominators are weights >= 0, so a zero total means every weight was zero on every path
    return doubles(-1e6, 1e6, 6).zip(oneOf(pick(0.0), doubles(0, 1e4, 6)), Weighted::new);
  }

  @Override
  protected void add(DoubleRatio accumulator, Weighted value) {
    accumulator.add(value.numerator(), value.denominator());
  }

  @Override
  protected DoubleRatio fromBytes(byte[] bytes) {
    return DoubleRatio.fromBytes(bytes);
  }

  @Override
  protected boolean exact() {
    return false;
  }

  @Override
  protected void assertAgrees(DoubleRatio.Result onePass, DoubleRatio.Result merged, List<Weighted> values) {
    assertEquals(onePass.count(), merged.count());
    double numerators = values.stream().mapToDouble(v -> Math.abs(v.numerator())).sum();
    double denominators = values.stream().mapToDouble(Weighted::denominator).sum();
    assertSumAgrees(onePass.numerator(), merged.numerator(), numerators, "numerator");
    assertSumAgrees(onePass.denominator(), merged.denominator(), denominators, "denominator");
    assertEquals(onePass.value().isPresent(), merged.value().isPresent(), "a zero denominator is empty on every path");
  }
}
