package dev.finegrain.workflow.internal.store;

import java.util.function.Function;

/**
 * A hash table of values that carry their own string key, by open addressing (linear probing):
 * one array slot per value and the hash of its key beside it, where a {@link java.util.HashMap}
 * adds a 32-byte node. The table grows (doubling) past three-quarters full and shrinks (halving)
 * below an eighth, so it is 3/8 to 3/4 full as it grows and down to 1/8 after removals: about 11
 * to 22 bytes per value while cases accumulate, up to 64 after most have gone. Not thread-safe:
 * the caller serialises every call.
 *
 * @param <V> the values
 */
final class KeyedTable<V> {
  private static final int MIN_SLOTS = 16;

  private final Function<? super V, String> keyOf;
  private Object[] slots = new Object[MIN_SLOTS];
  /** The hash of each slot's key: a probe passes over other keys without loading their values. */
  private int[] hashes = new int[MIN_SLOTS];
  private int size;

  /** An empty table of values whose key is {@code keyOf}. */
  KeyedTable(Function<? super V, String> keyOf) {
    this.keyOf = keyOf;
  }

  /** The value with key {@code key}, or null. */
  @SuppressWarnings("unchecked")
  V get(String key) {
    int h = key.hashCode();
    int mask = slots.length - 1;
    for (int i = indexOf(h, mask); slots[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && keyOf.apply((V) slots[i]).equals(key)) {
        return (V) slots[i];
      }
    }
    return null;
  }

  /** Puts {@code value} in the place of the value with its key, if any. */
  @SuppressWarnings("unchecked")
  void put(V value) {
    String key = keyOf.apply(value);
    int h = key.hashCode();
    int mask = slots.length - 1;
    int i = indexOf(h, mask);
    for (; slots[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == h && keyOf.apply((V) slots[i]).equals(key)) {
        slots[i] = value;
        return;
      }
    }
    slots[i] = value;
    hashes[i] = h;
    if (++size * 4 > slots.length * 3) {
      resize(slots.length * 2);
    }
  }

  /** Removes the value with key {@code key}, if any. */
  @SuppressWarnings("unchecked")
  void remove(String key) {
    int h = key.hashCode();
    int mask = slots.length - 1;
    int i = indexOf(h, mask);
    while (true) {
      if (slots[i] == null) {
        return;
      }
      if (hashes[i] == h && keyOf.apply((V) slots[i]).equals(key)) {
        break;
      }
      i = (i + 1) & mask;
    }
    // backward-shift deletion: move up each later value of the run that may sit at the freed slot
    int free = i;
    for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = indexOf(hashes[j], mask);
      if (((j - home) & mask) >= ((j - free) & mask)) {
        slots[free] = slots[j];
        hashes[free] = hashes[j];
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

  private void resize(int length) {
    Object[] old = slots;
    int[] oldHashes = hashes;
    slots = new Object[length];
    hashes = new int[length];
    int mask = length - 1;
    for (int k = 0; k < old.length; k++) {
      if (old[k] != null) {
        int i = indexOf(oldHashes[k], mask);
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = old[k];
        hashes[i] = oldHashes[k];
      }
    }
  }

  private static int indexOf(int hash, int mask) {
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}
