package dev.finegrain.workflow.internal.store;

import java.util.function.Function;

/**
 * A hash table of values that carry their own string key, by open addressing (linear probing):
 * one array slot per value, where a {@link java.util.HashMap} adds a 32-byte node. The table grows
 * (doubling) past three-quarters full and shrinks (halving) below an eighth, so it is 3/8 to 3/4
 * full as it grows and down to 1/8 after removals: about 5 to 11 bytes per value while cases
 * accumulate, up to 32 after most have gone. Not thread-safe: the caller serialises every call.
 *
 * @param <V> the values
 */
final class KeyedTable<V> {
  private static final int MIN_SLOTS = 16;

  private final Function<? super V, String> keyOf;
  private Object[] slots = new Object[MIN_SLOTS];
  private int size;

  /** An empty table of values whose key is {@code keyOf}. */
  KeyedTable(Function<? super V, String> keyOf) {
    this.keyOf = keyOf;
  }

  /** The value with key {@code key}, or null. */
  @SuppressWarnings("unchecked")
  V get(String key) {
    int mask = slots.length - 1;
    for (int i = indexOf(key, mask); slots[i] != null; i = (i + 1) & mask) {
      if (keyOf.apply((V) slots[i]).equals(key)) {
        return (V) slots[i];
      }
    }
    return null;
  }

  /** Puts {@code value} in the place of the value with its key, if any. */
  @SuppressWarnings("unchecked")
  void put(V value) {
    String key = keyOf.apply(value);
    int mask = slots.length - 1;
    int i = indexOf(key, mask);
    for (; slots[i] != null; i = (i + 1) & mask) {
      if (keyOf.apply((V) slots[i]).equals(key)) {
        slots[i] = value;
        return;
      }
    }
    slots[i] = value;
    if (++size * 4 > slots.length * 3) {
      resize(slots.length * 2);
    }
  }

  /** Removes the value with key {@code key}, if any. */
  @SuppressWarnings("unchecked")
  void remove(String key) {
    int mask = slots.length - 1;
    int i = indexOf(key, mask);
    while (true) {
      if (slots[i] == null) {
        return;
      }
      if (keyOf.apply((V) slots[i]).equals(key)) {
        break;
      }
      i = (i + 1) & mask;
    }
    // backward-shift deletion: move up each later value of the run that may sit at the freed slot
    int free = i;
    for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = indexOf(keyOf.apply((V) slots[j]), mask);
      if (((j - home) & mask) >= ((j - free) & mask)) {
        slots[free] = slots[j];
        free = j;
      }
    }
    slots[free] = null;
    size--;
    if (slots.length > MIN_SLOTS && size * 8 < slots.length) {
      resize(slots.length / 2);
    }
  }

  /** The number of values. */
  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  private void resize(int length) {
    Object[] old = slots;
    slots = new Object[length];
    int mask = length - 1;
    for (Object value : old) {
      if (value != null) {
        int i = indexOf(keyOf.apply((V) value), mask);
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = value;
      }
    }
  }

  private static int indexOf(String key, int mask) {
    int h = key.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
