package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A target's status read in exact arithmetic: KPI values that are ratios of counts ({@code k / n},
 * as a rate is), targets and amber bands written with up to three decimals; values drawn at and
 * beside each edge, where the doubles' subtraction used to put a value exactly at the amber edge in red.
 */
class TargetProperties {
  @Test
  void statusAgreesWithExactArithmeticOverRatesAndDecimalTargets() {
    qt().forAll(cases()).checkAssert(c -> {
      long t = c[0];
      long b = c[1];
      long n = c[2];
      long k = c[3];
      Target target = Target.of(t / 1000.0, b / 1000.0);
      OptionalDouble value = OptionalDouble.of((double) k / n);

      // k / n against (t -/+ b) / 1000, as whole numbers: k * 1000 against n * (t -/+ b)
      Status higher = k * 1000 >= n * t ? Status.GREEN : b > 0 && k * 1000 >= n * (t - b) ? Status.AMBER : Status.RED;
      Status lower = k * 1000 <= n * t ? Status.GREEN : b > 0 && k * 1000 <= n * (t + b) ? Status.AMBER : Status.RED;
      assertEquals(higher, target.status(value, Direction.HIGHER_IS_BETTER), () -> k + "/" + n + " against " + target);
      assertEquals(lower, target.status(value, Direction.LOWER_IS_BETTER), () -> k + "/" + n + " against " + target);
    });
  }

  /** {target, band, n, k} in thousandths for the first two; k at or beside an edge more often than not. */
  private static Gen<long[]> cases() {
    return longs(0, 1000).zip(longs(0, 200), (t, b) -> new long[] {t, b})
        .flatMap(tb -> oneOf(pick(20L, 40L, 100L, 1000L), longs(1, 1_000_000))
            .flatMap(n -> {
              long low = Math.floorDiv(n * (tb[0] - tb[1]), 1000);
              long high = Math.floorDiv(n * (tb[0] + tb[1]), 1000);
              long at = Math.floorDiv(n * tb[0], 1000);
              return oneOf(longs(0, n), pick(low, low + 1, high, high + 1, at, at + 1))
                  .map(k -> new long[] {tb[0], tb[1], n, Math.max(0, Math.min(n, k))});
            }));
  }
}
