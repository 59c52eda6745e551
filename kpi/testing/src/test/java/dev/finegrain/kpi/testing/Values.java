package dev.finegrain.kpi.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Value generators and tolerances for the built-in accumulators' contract tests. */
final class Values {
  private Values() {}

  /**
   * Longs from {@code min} to {@code max}: half uniform, half spread over the magnitudes, the bounds,
   * zero and ±1 (when inside) one time in twenty.
   */
  static Gen<Long> longs(long min, long max) {
    List<Long> edges = Arrays.stream(new long[] {min, min + 1, -1, 0, 1, max - 1, max})
        .filter(e -> e >= min && e <= max).distinct().boxed().toList();
    Gen<Long> any = SourceDSL.longs().between(min, max);
    // spreading needs max - min to fit a long; a range that wide is drawn uniformly
    boolean spreadable = min >= -(1L << 62) && max <= (1L << 62);
    Gen<Long> values = spreadable ? Generate.frequency(List.of(Pair.of(1, any), Pair.of(1, spread(min, max)))) : any;
    return Generate.frequency(List.of(Pair.of(19, values), Pair.of(1, Generate.pick(edges))));
  }

  /**
   * Longs from {@code min} to {@code max}, magnitudes spread evenly: a bit length first, then a
   * value of that many bits above or below the point of the range nearest zero. Small values are as
   * common as large ones, as in real data; shrinks towards that point.
   */
  static Gen<Long> spread(long min, long max) {
    long center = Math.max(min, Math.min(max, 0));
    long up = max - center;
    long down = center - min;
    Gen<Boolean> upwards = SourceDSL.booleans().all();
    return in -> {
      boolean upward = down == 0 || up != 0 && upwards.generate(in);
      long span = upward ? up : down;
      int bits = Generate.range(0, 64 - Long.numberOfLeadingZeros(span)).generate(in);
      long limit = bits == 0 ? 0 : Math.min(span, (1L << (bits - 1)) * 2 - 1);
      long offset = Generate.longRange(0, limit).generate(in);
      return upward ? center + offset : center - offset;
    };
  }

  /** Any long, {@code Long.MIN_VALUE} and {@code MAX_VALUE} among them. */
  static Gen<Long> longs() {
    return longs(Long.MIN_VALUE, Long.MAX_VALUE);
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
