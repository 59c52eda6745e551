package dev.finegrain.kpi.internal;

import java.util.Arrays;

/**
 * A set of {@code long} values without boxing: open addressing with linear probing, at most half
 * full. {@link #add} allocates only when the table doubles.
 */
public final class LongHashSet {
  private static final int MIN_CAPACITY = 16;

  private long[] keys;
  private int size;
  private boolean hasZero; // 0 marks an empty slot, so the value 0 is kept aside

  public LongHashSet() {
    keys = new long[MIN_CAPACITY];
  }

  private LongHashSet(int capacity) {
    keys = new long[capacity];
  }

  /**
   * An empty table sized for {@code expected} entries, so that adding them never grows it: the
   * byte readers size it once from a count they have checked against the bytes left.
   */
  public static LongHashSet withExpectedSize(int expected) {
    int capacity = MIN_CAPACITY;
    while (capacity < 2L * expected && capacity < (1 << 30)) {
      capacity <<= 1;
    }
    return new LongHashSet(capacity);
  }

  private LongHashSet(LongHashSet other) {
    keys = other.keys.clone();
    size = other.size;
    hasZero = other.hasZero;
  }

  /** Adds {@code value}; true if it was not there yet. */
  public boolean add(long value) {
    if (value == 0) {
      if (hasZero) {
        return false;
      }
      hasZero = true;
      size++;
      return true;
    }
    int mask = keys.length - 1;
    int i = Mix.slot(value, mask);
    while (keys[i] != 0) {
      if (keys[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = value;
    size++;
    if (2 * size > keys.length) {
      grow();
    }
    return true;
  }

  /** Whether {@code value} is in the set. */
  public boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    int mask = keys.length - 1;
    int i = Mix.slot(value, mask);
    while (keys[i] != 0) {
      if (keys[i] == value) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /** Adds every value of {@code other}. */
  public void addAll(LongHashSet other) {
    long[] source = other == this ? keys.clone() : other.keys;
    if (other.hasZero) {
      add(0);
    }
    for (long key : source) {
      if (key != 0) {
        add(key);
      }
    }
  }

  public int size() {
    return size;
  }

  /** The values in ascending order, in a new array. */
  public long[] toSortedArray() {
    long[] out = new long[size];
    int n = 0;
    if (hasZero) {
      out[n++] = 0;
    }
    for (long key : keys) {
      if (key != 0) {
        out[n++] = key;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * The slots looking up every value walks past before reaching it: the sum of each value's distance
   * from the slot it hashes to. For tests: it stays near the size whatever the values.
   */
  long displacement() {
    int mask = keys.length - 1;
    long total = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        total += Mix.displacement(keys[i], i, mask);
      }
    }
    return total;
  }

  /** An independent copy. */
  public LongHashSet copy() {
    return new LongHashSet(this);
  }

  private void grow() {
    long[] old = keys;
    keys = new long[old.length * 2];
    int mask = keys.length - 1;
    for (long key : old) {
      if (key != 0) {
        int i = Mix.slot(key, mask);
        while (keys[i] != 0) {
          i = (i + 1) & mask;
        }
        keys[i] = key;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LongHashSet other)) {
      return false;
    }
    if (other.size != size || other.hasZero != hasZero) {
      return false;
    }
    for (long key : keys) {
      if (key != 0 && !other.contains(key)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hasZero ? 1 : 0;
    for (long key : keys) {
      h += Long.hashCode(Mix.mix(key)); // order-free sum
    }
    return h;
  }
}
