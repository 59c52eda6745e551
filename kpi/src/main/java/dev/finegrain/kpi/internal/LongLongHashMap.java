package dev.finegrain.kpi.internal;

/**
 * Positive {@code long} counts per {@code long} key without boxing: open addressing with linear
 * probing, at most half full. {@link #addTo} allocates only when the table doubles. A slot whose
 * count is 0 is empty, so every key, 0 included, can be counted.
 */
public final class LongLongHashMap {
  private static final int MIN_CAPACITY = 16;

  private long[] keys;
  private long[] counts;
  private int size;

  public LongLongHashMap() {
    keys = new long[MIN_CAPACITY];
    counts = new long[MIN_CAPACITY];
  }

  private LongLongHashMap(int capacity) {
    keys = new long[capacity];
    counts = new long[capacity];
  }

  /**
   * An empty table sized for {@code expected} entries, so that adding them never grows it: the
   * byte readers size it once from a count they have checked against the bytes left.
   */
  public static LongLongHashMap withExpectedSize(int expected) {
    int capacity = MIN_CAPACITY;
    while (capacity < 2L * expected && capacity < (1 << 30)) {
      capacity <<= 1;
    }
    return new LongLongHashMap(capacity);
  }

  private LongLongHashMap(LongLongHashMap other) {
    keys = other.keys.clone();
    counts = other.counts.clone();
    size = other.size;
  }

  /**
   * Adds {@code delta} (positive) to the count of {@code key}.
   *
   * @throws ArithmeticException if the count would overflow a long; the map is then unchanged
   */
  public void addTo(long key, long delta) {
    int mask = keys.length - 1;
    int i = Mix.slot(key, mask);
    while (counts[i] != 0) {
      if (keys[i] == key) {
        counts[i] = Math.addExact(counts[i], delta);
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    counts[i] = delta;
    size++;
    if (2 * size > keys.length) {
      grow();
    }
  }

  /** The count of {@code key}, 0 if absent. */
  public long get(long key) {
    int mask = keys.length - 1;
    int i = Mix.slot(key, mask);
    while (counts[i] != 0) {
      if (keys[i] == key) {
        return counts[i];
      }
      i = (i + 1) & mask;
    }
    return 0;
  }

  /** Adds every count of {@code other}. */
  public void addAll(LongLongHashMap other) {
    LongLongHashMap source = other == this ? copy() : other;
    for (int i = 0; i < source.keys.length; i++) {
      if (source.counts[i] != 0) {
        addTo(source.keys[i], source.counts[i]);
      }
    }
  }

  /** The number of keys. */
  public int size() {
    return size;
  }

  /** The number of slots; slots are read with {@link #keyAt} and {@link #countAt}. */
  public int capacity() {
    return keys.length;
  }

  public long keyAt(int slot) {
    return keys[slot];
  }

  /** The count in {@code slot}; 0 for an empty slot. */
  public long countAt(int slot) {
    return counts[slot];
  }

  /**
   * The slots looking up every key walks past before reaching it: the sum of each key's distance
   * from the slot it hashes to. For tests: it stays near the size whatever the keys.
   */
  long displacement() {
    int mask = keys.length - 1;
    long total = 0;
    for (int i = 0; i < keys.length; i++) {
      if (counts[i] != 0) {
        total += Mix.displacement(keys[i], i, mask);
      }
    }
    return total;
  }

  /** An independent copy. */
  public LongLongHashMap copy() {
    return new LongLongHashMap(this);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldCounts[j] != 0) {
        int i = Mix.slot(oldKeys[j], mask);
        while (counts[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LongLongHashMap other)) {
      return false;
    }
    if (other.size != size) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      if (counts[i] != 0 && other.get(keys[i]) != counts[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < keys.length; i++) {
      if (counts[i] != 0) {
        h += Long.hashCode(Mix.mix(keys[i]) ^ counts[i]); // order-free sum
      }
    }
    return h;
  }
}
