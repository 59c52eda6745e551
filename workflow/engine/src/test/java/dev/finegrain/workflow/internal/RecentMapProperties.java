package dev.finegrain.workflow.internal;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link RecentMap} against a plain model of its two generations (the map without its bit
 * filters): the same answers to every get, putIfAbsent and merge, and a key stays at least until
 * {@code capacity} newer keys went in.
 */
class RecentMapProperties {
  record Op(int kind, int key, int value) {}

  /** Two plain generations, exactly as documented. */
  static final class Model {
    final int capacity;
    Map<Integer, Integer> young = new HashMap<>();
    Map<Integer, Integer> old = new HashMap<>();

    Model(int capacity) {
      this.capacity = capacity;
    }

    Integer get(int key) {
      if (capacity == 0) {
        return null;
      }
      Integer value = young.get(key);
      return value != null ? value : old.get(key);
    }

    Integer putIfAbsent(int key, int value) {
      if (capacity == 0) {
        return value;
      }
      Integer kept = old.get(key);
      if (kept != null) {
        return kept;
      }
      kept = young.putIfAbsent(key, value);
      if (kept != null) {
        return kept;
      }
      rotate();
      return value;
    }

    void merge(int key, int value) {
      if (capacity == 0) {
        return;
      }
      Integer current = young.get(key);
      Integer base = current != null ? current : old.get(key);
      young.put(key, base == null ? value : Math.max(base, value));
      rotate();
    }

    private void rotate() {
      if (young.size() >= capacity) {
        old = young;
        young = new HashMap<>();
      }
    }
  }

  @Test
  void answersAsTwoPlainGenerations() {
    qt().forAll(ints(0, 40), ops()).checkAssert(RecentMapProperties::answersAsTwoPlainGenerations);
  }

  private static void answersAsTwoPlainGenerations(int capacity, List<Op> ops) {
    RecentMap<Integer, Integer> map = new RecentMap<>(capacity);
    Model model = new Model(capacity);
    for (Op op : ops) {
      Integer key = keyOf(op.key());
      switch (op.kind()) {
        case 0 -> assertEquals(model.get(key), map.get(key), "get " + key);
        case 1 -> assertEquals(model.putIfAbsent(key, op.value()), map.putIfAbsent(key, op.value()),
            "putIfAbsent " + key);
        default -> {
          model.merge(key, op.value());
          map.merge(key, op.value(), Math::max);
        }
      }
      assertEquals(model.young.size() + model.old.size(), map.size());
    }
    for (int k = 0; k < 1000; k++) {
      assertEquals(model.get(keyOf(k)), map.get(keyOf(k)), "get " + k);
    }
  }

  @Test
  void keepsAKeyUntilCapacityNewerKeysWentIn() {
    qt().forAll(ints(1, 64), keys()).checkAssert(RecentMapProperties::keepsAKeyUntilCapacityNewerKeysWentIn);
  }

  private static void keepsAKeyUntilCapacityNewerKeysWentIn(int capacity, List<Integer> keys) {
    RecentMap<Integer, Integer> map = new RecentMap<>(capacity);
    Deque<Integer> recent = new ArrayDeque<>();
    for (int key : keys) {
      if (map.get(key) == null) {
        map.putIfAbsent(key, key);
        recent.addFirst(key);
        if (recent.size() > capacity) {
          recent.removeLast();
        }
      }
      for (int kept : recent) {
        assertNotNull(map.get(kept), "one of the " + capacity + " most recent keys");
      }
    }
  }

  /** Keys with many colliding hash codes too (multiples of a power of two), so that the filters' collisions are hit. */
  private static Integer keyOf(int n) {
    return n % 3 == 0 ? n << 12 : n;
  }

  private static Gen<List<Op>> ops() {
    Gen<Integer> kinds = ints(0, 2);
    Gen<Integer> keys = ints(0, 200);
    Gen<Integer> values = ints(1, 1000);
    return lists(in -> new Op(kinds.generate(in), keys.generate(in), values.generate(in)), 300);
  }

  private static Gen<List<Integer>> keys() {
    return lists(ints(0, 10_000), 300);
  }
}
