package dev.finegrain.kpi.accumulator;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link LongSum} and {@link LongRatio} over values at both ends of the long range, added in
 * partials split anywhere, each sent through its byte form, and merged in any order: the state
 * equals the one of adding every value in turn, holds the exact sums, and reads as a result
 * exactly when each sum fits in a long. This is what makes a Spark job's sum equal to
 * {@code Kpis.run}'s over the same records, however the job partitions them.
 */
class WholeSumAccumulatorProperties {
  private static final int N = 30;

  /** Values near both ends of the range, small ones, and any long. */
  private static Gen<Long> values() {
    return oneOf(longs(Long.MAX_VALUE - 3, Long.MAX_VALUE), longs(Long.MIN_VALUE, Long.MIN_VALUE + 3),
        longs(-5, 5), longs());
  }

  /** The partials of {@code values} cut at {@code cuts}, in an order shuffled by {@code seed}. */
  private static <T> List<List<T>> partials(List<T> values, List<Integer> cuts, long seed) {
    List<Integer> at = new ArrayList<>(cuts);
    at.add(0);
    at.add(values.size());
    Collections.sort(at);
    List<List<T>> out = new ArrayList<>();
    for (int i = 1; i < at.size(); i++) {
      out.add(values.subList(at.get(i - 1), at.get(i)));
    }
    Collections.shuffle(out, new Random(seed));
    return out;
  }

  private static BigInteger sum(List<Long> values) {
    return values.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static boolean fits(BigInteger v) {
    return v.bitLength() < 64;
  }

  @Test
  void aLongSumMergedFromPartialsInAnyOrderIsTheExactSum() {
    qt().forAll(lists(values(), 0, N), lists(ints(0, N), 0, 4), longs()).checkAssert((values, cuts, seed) -> {
      List<Long> vs = values;
      List<Integer> in = cuts.stream().map(c -> Math.min(c, vs.size())).toList();
      LongSum inTurn = LongSum.create();
      vs.forEach(inTurn::add);
      LongSum merged = LongSum.create();
      for (List<Long> part : partials(vs, in, seed)) {
        LongSum p = LongSum.create();
        part.forEach(p::add);
        merged.merge(LongSum.fromBytes(p.toBytes()));
      }
      merged = LongSum.fromBytes(merged.toBytes());

      BigInteger exact = sum(vs);
      assertEquals(inTurn, merged);
      assertEquals(exact, merged.exactSum());
      if (fits(exact)) {
        assertEquals(new LongSum.Result(vs.size(), exact.longValueExact()), merged.result());
      } else {
        assertThrows(ArithmeticException.class, merged::result);
      }
    });
  }

  @Test
  void aLongRatioMergedFromPartialsInAnyOrderHoldsBothExactSums() {
    Gen<List<Long>> sides = lists(values(), 2 * N, 2 * N);
    qt().forAll(sides, ints(0, N), lists(ints(0, N), 0, 4), longs()).checkAssert((pairs, n, cuts, seed) -> {
      List<long[]> records = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        records.add(new long[] {pairs.get(2 * i), pairs.get(2 * i + 1)});
      }
      List<Integer> in = cuts.stream().map(c -> Math.min(c, n)).toList();
      LongRatio inTurn = LongRatio.create();
      records.forEach(r -> inTurn.add(r[0], r[1]));
      LongRatio merged = LongRatio.create();
      for (List<long[]> part : partials(records, in, seed)) {
        LongRatio p = LongRatio.create();
        part.forEach(r -> p.add(r[0], r[1]));
        merged.merge(LongRatio.fromBytes(p.toBytes()));
      }
      merged = LongRatio.fromBytes(merged.toBytes());

      BigInteger numerator = sum(records.stream().map(r -> r[0]).toList());
      BigInteger denominator = sum(records.stream().map(r -> r[1]).toList());
      assertEquals(inTurn, merged);
      assertEquals(numerator, merged.exactNumerator());
      assertEquals(denominator, merged.exactDenominator());
      if (fits(numerator) && fits(denominator)) {
        assertEquals(new LongRatio.Result(n, numerator.longValueExact(), denominator.longValueExact()),
            merged.result());
      } else {
        assertThrows(ArithmeticException.class, merged::result);
      }
    });
  }
}
