package dev.finegrain.kpi.accumulator;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Quantile histograms over values of either sign, {@code Long.MIN_VALUE} to {@code Long.MAX_VALUE}:
 * every quantile within the stated bound of the exact nearest-rank value, the merge laws, and the
 * byte form.
 */
class SignedHistogramProperties {
  /** A precision and a layout: array-backed or compact. */
  private record Shape(int digits, boolean compact) {
    HistogramQuantiles create() {
      return compact ? HistogramQuantiles.createCompact(digits) : HistogramQuantiles.create(digits);
    }

    HistogramQuantiles of(List<Long> values) {
      HistogramQuantiles h = create();
      values.forEach(h::add);
      return h;
    }
  }

  /**
   * 1 to 3 digits, either layout. The laws do not depend on the precision, and at 4 and 5 digits
   * an array-backed histogram of a value near 2^62 takes tens of megabytes (twice, with negative
   * values), so those precisions are tried only by the error bound, fewer times.
   */
  private static Gen<Shape> shapes() {
    return ints(1, 3).zip(booleans(), Shape::new);
  }

  private static Gen<Shape> finestShapes() {
    return ints(4, 5).zip(booleans(), Shape::new);
  }

  /**
   * Signed values: hours late (small, either sign), seconds late over years, any long, and the
   * edges that matter: the extremes, 0, ±1 and the bounds of the exact range at 1 and 3 digits.
   */
  static Gen<Long> signed() {
    return oneOf(longs(-3000, 3000), longs(-1_000_000_000_000L, 1_000_000_000_000L), longs(),
        pick(Long.MIN_VALUE, Long.MIN_VALUE + 1, -2049L, -2048L, -33L, -32L, -1L, 0L, 1L, 31L, 32L, 2047L, 2048L,
            Long.MAX_VALUE));
  }

  /** {@code t <= r <= t + relativeError · |t|}, in exact arithmetic. */
  private static void assertWithinTheBound(long t, long r, HistogramQuantiles h, String what) {
    BigInteger above = BigInteger.valueOf(r).subtract(BigInteger.valueOf(t));
    // relativeError() is 2 / exactBelow() exactly, a power of two
    BigInteger bound = BigInteger.valueOf(t).abs().multiply(BigInteger.TWO);
    assertTrue(above.signum() >= 0, what + ": " + t + " reported as " + r + ", below it");
    assertTrue(above.multiply(BigInteger.valueOf(h.exactBelow())).compareTo(bound) <= 0,
        what + ": " + t + " reported as " + r + ", more than " + h.relativeError() + " of |" + t + "| above it");
  }

  @Test
  void everyQuantileOfSignedValuesIsWithinTheRelativeErrorOfTheNearestRank() {
    qt().forAll(lists(signed(), 1, 200), shapes())
        .checkAssert(SignedHistogramProperties::assertEveryQuantileWithinTheBound);
  }

  @Test
  void atFourAndFiveDigitsTooEveryQuantileIsWithinTheRelativeErrorOfTheNearestRank() {
    qtWithAtMost(100).forAll(lists(signed(), 1, 200), finestShapes())
        .checkAssert(SignedHistogramProperties::assertEveryQuantileWithinTheBound);
  }

  private static void assertEveryQuantileWithinTheBound(List<Long> values, Shape shape) {
    HistogramQuantiles h = shape.of(values);
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();

    QuantileResult r = h.result();

    assertTrue(h.relativeError() < Math.pow(10, -shape.digits()));
    assertEquals(OptionalLong.of(sorted.get(0)), r.min());
    assertEquals(OptionalLong.of(sorted.get(n - 1)), r.max());
    for (int rank = 1; rank <= n; rank++) {
      double q = (double) rank / n;
      long t = sorted.get((int) QuantileResult.nearestRank(q, n) - 1);
      assertWithinTheBound(t, r.quantile(q).getAsLong(), h, "rank " + rank + " of " + n);
      if (t >= -h.exactBelow() && t < h.exactBelow()) {
        assertEquals(OptionalLong.of(t), r.quantile(q), "rank " + rank + " of " + n + " is in the exact range");
      }
    }
  }

  @Test
  void theArrayBackedAndTheCompactLayoutGiveTheSameResult() {
    qt().forAll(lists(signed(), 1, 200), ints(1, 3)).checkAssert((values, digits) ->
        assertEquals(new Shape(digits, false).of(values).result(), new Shape(digits, true).of(values).result()));
  }

  @Test
  void mergeIsAssociativeAndCommutativeAndEqualsOnePass() {
    qt().forAll(lists(signed(), 0, 120), shapes(), seeds(), booleans()).checkAssert((values, shape, seed, viaBytes) -> {
      // three parts, each of any of the values; one of them maybe read from bytes (buckets kept as read)
      Random random = new Random(seed);
      int i = random.nextInt(values.size() + 1);
      int j = i + random.nextInt(values.size() - i + 1);
      List<List<Long>> parts = List.of(values.subList(0, i), values.subList(i, j), values.subList(j, values.size()));
      HistogramQuantiles[] h = new HistogramQuantiles[3];
      for (int k = 0; k < 3; k++) {
        h[k] = shape.of(parts.get(k));
      }
      if (viaBytes) {
        h[1] = HistogramQuantiles.fromBytes(h[1].toBytes());
      }
      HistogramQuantiles onePass = shape.of(values);

      HistogramQuantiles left = h[0].copy().merge(h[1]).merge(h[2]);
      HistogramQuantiles right = h[0].copy().merge(h[1].copy().merge(h[2]));
      HistogramQuantiles swapped = h[2].copy().merge(h[1]).merge(h[0]);

      for (HistogramQuantiles merged : List.of(left, right, swapped)) {
        assertEquals(onePass, merged);
        assertEquals(onePass.result(), merged.result());
        assertArrayEquals(onePass.toBytes(), merged.toBytes());
      }
    });
  }

  @Test
  void aHistogramMergedIntoItselfCountsEveryValueTwice() {
    qt().forAll(lists(signed(), 0, 100), shapes(), booleans()).checkAssert((values, shape, viaBytes) -> {
      HistogramQuantiles h = viaBytes ? HistogramQuantiles.fromBytes(shape.of(values).toBytes()) : shape.of(values);
      List<Long> twice = new ArrayList<>(values);
      twice.addAll(values);

      assertEquals(shape.of(twice), h.merge(h));
    });
  }

  @Test
  void theOrderOfTheValuesDoesNotChangeTheState() {
    qt().forAll(lists(signed(), 0, 120), shapes(), seeds()).checkAssert((values, shape, seed) -> {
      List<Long> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, new Random(seed));

      assertArrayEquals(shape.of(values).toBytes(), shape.of(shuffled).toBytes());
    });
  }

  @Test
  void bytesRoundTripToAnEqualHistogramWithTheSameResultAndBytes() {
    qt().forAll(lists(signed(), 0, 200), shapes()).checkAssert((values, shape) -> {
      HistogramQuantiles h = shape.of(values);
      byte[] bytes = h.toBytes();

      HistogramQuantiles back = HistogramQuantiles.fromBytes(bytes);

      assertEquals(h, back);
      assertEquals(h.hashCode(), back.hashCode());
      assertEquals(h.result(), back.result());
      assertEquals(h.count(), back.count());
      assertEquals(h.isCompact(), back.isCompact());
      assertArrayEquals(bytes, back.toBytes());
      assertEquals(h, Accumulators.fromBytes(bytes));
      HistogramQuantiles added = back.copy(); // a histogram read from bytes, then added to, builds its counts
      added.add(values.isEmpty() ? -7 : values.get(0));
      HistogramQuantiles expected = h.copy();
      expected.add(values.isEmpty() ? -7 : values.get(0));
      assertEquals(expected, added);
    });
  }

  @Test
  void theBytesOfNegativeValuesFollowTheBytesTheOthersHaveAlone() {
    // so a histogram without negative values has the bytes it had before they were taken, and a
    // reader from then refuses one with them as trailing bytes, having read the others as before
    qt().forAll(lists(signed(), 0, 200), shapes()).checkAssert((values, shape) -> {
      byte[] all = shape.of(values).toBytes();
      byte[] others = shape.of(values.stream().filter(v -> v >= 0).toList()).toBytes();
      boolean anyNegative = values.stream().anyMatch(v -> v < 0);

      byte[] prefix = Arrays.copyOf(all, others.length - Format.CHECKSUM_BYTES);

      assertArrayEquals(Arrays.copyOf(others, others.length - Format.CHECKSUM_BYTES), prefix);
      assertEquals(anyNegative, all.length > others.length);
    });
  }
}
