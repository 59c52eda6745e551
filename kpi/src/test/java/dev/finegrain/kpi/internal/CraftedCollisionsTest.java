package dev.finegrain.kpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Values chosen so that the unseeded MurmurHash3 finalizer puts them all in one slot, as anyone can
 * choose them by inverting it, still spread over the tables: looking them all up walks past about as
 * many slots as there are values, not half their square.
 */
class CraftedCollisionsTest {
  private static final int N = 20_000;

  /** The inverse of {@link Mix#mix}: xor-shifts by 33 undo themselves, odd multipliers have inverses. */
  private static long unmix(long x) {
    x ^= x >>> 33;
    x *= inverse(0xc4ceb9fe1a85ec53L);
    x ^= x >>> 33;
    x *= inverse(0xff51afd7ed558ccdL);
    x ^= x >>> 33;
    return x;
  }

  private static long inverse(long odd) {
    long inv = odd;  // Newton's iteration doubles the correct low bits each step: 3, 6, ..., 96
    for (int i = 0; i < 5; i++) {
      inv *= 2 - odd * inv;
    }
    return inv;
  }

  /** N values whose unseeded mix has its low 32 bits 0: one slot for any table up to 2^32 slots. */
  private static long[] crafted() {
    long[] values = new long[N];
    for (int j = 0; j < N; j++) {
      values[j] = unmix((j + 1L) << 32);
      assertEquals(0, (int) Mix.mix(values[j]), "the values collide under the unseeded hash");
    }
    return values;
  }

  @Test
  void craftedValuesAddedToASetAreFoundInLinearProbes() {
    LongHashSet grown = new LongHashSet();
    LongHashSet sized = LongHashSet.withExpectedSize(N);  // as the byte readers size it

    for (long v : crafted()) {
      assertTrue(grown.add(v));
      assertTrue(sized.add(v));
    }

    assertEquals(N, grown.size());
    assertEquals(N, sized.size());
    // at most half full, a uniform hash walks about N / 2 slots in all; unseeded, these walk N^2 / 2
    assertTrue(grown.displacement() < 4L * N, "walked " + grown.displacement());
    assertTrue(sized.displacement() < 4L * N, "walked " + sized.displacement());
  }

  @Test
  void craftedKeysCountedInAMapAreFoundInLinearProbes() {
    LongLongHashMap grown = new LongLongHashMap();
    LongLongHashMap sized = LongLongHashMap.withExpectedSize(N);

    for (long v : crafted()) {
      grown.addTo(v, 1);
      sized.addTo(v, 2);
    }

    assertEquals(N, grown.size());
    assertEquals(N, sized.size());
    assertTrue(grown.displacement() < 4L * N, "walked " + grown.displacement());
    assertTrue(sized.displacement() < 4L * N, "walked " + sized.displacement());
  }
}
