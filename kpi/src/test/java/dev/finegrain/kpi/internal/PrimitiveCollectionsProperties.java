package dev.finegrain.kpi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The primitive hash tables behave like their boxed java.util counterparts. */
class PrimitiveCollectionsProperties {
  @Provide
  Arbitrary<List<Long>> keys() {
    return Arbitraries.oneOf(Arbitraries.longs().between(-20, 20), Arbitraries.longs(),
        Arbitraries.longs().between(0, 1000).map(v -> v << 32)).list().ofMaxSize(300);
  }

  @Property
  void longHashSetActsLikeASortedSet(@ForAll("keys") List<Long> keys, @ForAll("keys") List<Long> probes) {
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
  }

  @Property
  void longLongHashMapCountsLikeAHashMap(@ForAll("keys") List<Long> keys, @ForAll("keys") List<Long> probes) {
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
  }
}
