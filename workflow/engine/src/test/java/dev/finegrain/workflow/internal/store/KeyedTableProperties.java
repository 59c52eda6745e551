package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.finegrain.core.testing.Gens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The keyed table answers as a map from each value's key to the value last put: after any puts and
 * removes, with keys whose hashes collide ("Aa" and "BB" have the same hash, and so have their
 * concatenations), through growing and shrinking, every key finds its value or nothing.
 */
class KeyedTableProperties {
  /** A value with its key. */
  record Value(String key, int n) {}

  /** Put a value of key {@code key} (or remove the key, if {@code remove}). */
  record Op(boolean remove, String key, int n) {}

  private static final List<String> PARTS = List.of("Aa", "BB", "C", "case-");

  private static Gen<String> keys() {
    return Gens.mostly(3, lists(Gens.pick(PARTS), 1, 4).map(parts -> String.join("", parts)),
        ints(0, 500).map(i -> "case-" + i));
  }

  private static Gen<Op> ops() {
    return Gens.mostly(2, Gens.pick(false), Gens.pick(true)).zip(keys(), ints(0, 9), Op::new);
  }

  @Test
  void findsWhatWasLastPutUnderEachKey() {
    qt().forAll(lists(ops(), 0, 500)).checkAssert(KeyedTableProperties::findsWhatWasLastPutUnderEachKey);
  }

  private static void findsWhatWasLastPutUnderEachKey(List<Op> ops) {
    KeyedTable<Value> table = new KeyedTable<>(Value::key);
    Map<String, Value> model = new HashMap<>();
    for (Op op : ops) {
      if (op.remove()) {
        table.remove(op.key());
        model.remove(op.key());
      } else {
        Value value = new Value(op.key(), op.n());
        table.put(value);
        model.put(op.key(), value);
      }
      assertEquals(model.size(), table.size(), "size");
    }
    for (Op op : ops) {
      assertSame(model.get(op.key()), table.get(op.key()), op.key());
    }
    for (Map.Entry<String, Value> e : model.entrySet()) {
      assertSame(e.getValue(), table.get(e.getKey()), e.getKey());
    }
  }
}
