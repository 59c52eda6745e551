package dev.finegrain.kpi.internal;

import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The primitive hash tables behave like their boxed java.util counterparts. */
class PrimitiveCollectionsProperties {
  /** Keys that collide often: small ones, any, and multiples of 2^32 (equal low halves). */
  static Gen<List<Long>> keys() {
    return lists(oneOf(longs(-20, 20), longs(), longs(0, 1000).map(v -> v << 32)), 300);
  }

  @Test
  void longHashSetActsLikeASortedSet() {
    qt().forAll(keys(), keys()).checkAssert((keys, probes) -> {
      LongHashSet set = new LongHashSet();
      TreeSet<Long> reference = new TreeSet<>();
      for (long k : keys) {
        assertEquals(reference.add(k), set.add(k));
      }
      assertEquals(reference.size(), set.size());
      assertArrayEquals(reference.stream().mapToLong(Long::longValue).toArray(), set.toSortedArray());
      for (long p : probes) {
        assertEquals(reference.contains(p), set.contains(p));
      }
      LongHashSet copy = set.copy();
      copy.addAll(set);
      assertEquals(set, copy);
      assertEquals(set.hashCode(), copy.hashCode());
    });
  }

  @Test
  void longLongHashMapCountsLikeAHashMap() {
    qt().forAll(keys(), keys()).checkAssert((keys, probes) -> {
      LongLongHashMap map = new LongLongHashMap();
      Map<Long, Long> reference = new HashMap<>();
      for (long k : keys) {
        map.addTo(k, 1 + (k & 3));
        reference.merge(k, 1 + (k & 3), Long::sum);
      }
      assertEquals(reference.size(), map.size());
      for (long p : probes) {
        assertEquals(reference.getOrDefault(p, 0L), map.get(p));
      }
      LongLongHashMap doubled = map.copy();
      doubled.addAll(doubled);
      for (Map.Entry<Long, Long> e : reference.entrySet()) {
        assertEquals(2 * e.getValue(), doubled.get(e.getKey()));
      }
      assertEquals(map, map.copy());
      assertEquals(map.hashCode(), map.copy().hashCode());
    });
  }
}
