package dev.finegrain.kpi;

import java.util.Arrays;

/**
 * Gives each distinct (window, dimension codes...) tuple a dense group id, in order of first
 * appearance: an open-addressing table over tuples kept in one {@code int[]}, so that finding a
 * record's group allocates nothing.
 */
final class Groups {
  private final int width; // 1 + number of dimensions
  private int[] tuples; // group id -> its tuple at [id * width, (id + 1) * width)
  private int[] table; // slot -> group id + 1, 0 when empty
  private int size;

  Groups(int dimensions) {
    this.width = 1 + dimensions;
    this.tuples = new int[64 * width];
    this.table = new int[128];
  }

  int size() {
    return size;
  }

  int width() {
    return width;
  }

  /** Element {@code k} of group {@code id}'s tuple: 0 is the window id, then the dimension codes. */
  int part(int id, int k) {
    return tuples[id * width + k];
  }

  /** The id of the tuple {@code key[0..width)}, added if new. */
  int idOf(int[] key) {
    int h = hash(key);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return add(key, slot);
      }
      if (matches(entry - 1, key)) {
        return entry - 1;
      }
    }
  }

  private boolean matches(int id, int[] key) {
    int base = id * width;
    for (int k = 0; k < width; k++) {
      if (tuples[base + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private int add(int[] key, int slot) {
    int id = size++;
    if ((id + 1) * width > tuples.length) {
      tuples = Arrays.copyOf(tuples, tuples.length * 2);
    }
    System.arraycopy(key, 0, tuples, id * width, width);
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length - 1;
    int[] key = new int[width];
    for (int id = 0; id < size; id++) {
      System.arraycopy(tuples, id * width, key, 0, width);
      int slot = hash(key) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = id + 1;
    }
    table = bigger;
  }

  private int hash(int[] key) {
    int h = 0x9E3779B9;
    for (int k = 0; k < width; k++) {
      h = (h ^ key[k]) * 0x01000193;
      h ^= h >>> 15;
    }
    return h ^ (h >>> 16);
  }
}
