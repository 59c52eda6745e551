package dev.finegrain.kpi.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.testing.Gens;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Value generators and tolerances for the built-in accumulators' contract tests. */
final class Values {
  private Values() {}

  /** Longs from {@code min} to {@code max}, as {@link Gens#longs(long, long)} draws them. */
  static Gen<Long> longs(long min, long max) {
    return Gens.longs(min, max);
  }

  /** Any long, {@code Long.MIN_VALUE} and {@code MAX_VALUE} among them. */
  static Gen<Long> longs() {
    return Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Doubles from {@code min} to {@code max} with at most {@code scale} decimals, the bounds and zero among them. */
  static Gen<Double> doubles(double min, double max, int scale) {
    Gen<Double> any = SourceDSL.doubles().between(min, max).map(d -> Math.min(max, d));
    List<Double> edges = min < 0 && max > 0 ? List.of(min, 0.0, max) : List.of(min, max);
    return Generate.frequency(List.of(Pair.of(19, any), Pair.of(1, Generate.pick(edges))))
        .map(d -> new java.math.BigDecimal(d).setScale(scale, java.math.RoundingMode.HALF_UP).doubleValue());
  }

  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
    List<Gen<? extends T>> all = new java.util.ArrayList<>();
    for (Gen<? extends T> generator : generators) {
      all.add(generator);
    }
    Gen<Integer> index = Generate.range(0, all.size() - 1);
    return in -> all.get(index.generate(in)).generate(in);
  }

  @SafeVarargs
  static <T> Gen<T> pick(T... values) {
    List<T> list = new java.util.ArrayList<>();
    for (T value : values) {
      list.add(value);
    }
    return Generate.pick(list);
  }

  /** Tolerance of a compensated double sum across splits: 1e-14 of the sum of magnitudes. */
  static void assertSumAgrees(double expected, double actual, double sumOfMagnitudes, String what) {
    double tolerance = 1e-14 * sumOfMagnitudes;
    assertTrue(Math.abs(expected - actual) <= tolerance,
        what + ": " + actual + " differs from one pass " + expected + " by more than " + tolerance);
  }
}
