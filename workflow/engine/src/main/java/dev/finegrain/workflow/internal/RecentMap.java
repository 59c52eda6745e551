package dev.finegrain.workflow.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BinaryOperator;

/**
 * A thread-safe map that keeps at least the {@code capacity} most recently added keys and at most
 * twice as many: two generations of {@link ConcurrentHashMap}; new keys go to the young one, and
 * when it holds {@code capacity} keys it becomes the old one and the previous old one is dropped
 * whole. Cheaper per put than an LRU cache or a ring of keys (no access order, no clock, no
 * removal per put). A key found only in the old generation stays there until it is dropped.
 *
 * <p>Each generation has a one-hash bit filter over its keys' hash codes (about 16 bits per key,
 * so about 6 % false positives when full), set before a key goes into the map: a key that is in
 * neither generation, the usual case for a new command id, is answered from the filters without
 * probing either map.
 */
public final class RecentMap<K, V> {
  /** One generation: its keys and a filter over their hash codes (a key in the map has its bit set). */
  private static final class Generation<K, V> {
    final ConcurrentHashMap<K, V> map;
    final AtomicLongArray bits;
    final int shift;

    Generation(int capacity) {
      int expected = Math.min(capacity, 1 << 16);
      map = new ConcurrentHashMap<>(expected);
      int nbits = Integer.highestOneBit(Math.max(64, Math.min(capacity, 1 << 20) * 16 - 1) << 1);
      bits = new AtomicLongArray(nbits >>> 6);
      shift = Integer.numberOfLeadingZeros(nbits) + 1;
    }

    private int bit(Object key) {
      return (key.hashCode() * 0x9E3779B9) >>> shift;  // the top bits of a multiplicative hash
    }

    boolean mayContain(Object key) {
      int b = bit(key);
      return (bits.get(b >>> 6) & (1L << b)) != 0;
    }

    /** Sets the key's bit; before the key goes into the map, so that a reader who finds it there also finds its bit. */
    void mark(Object key) {
      int b = bit(key);
      long word = 1L << b;
      if ((bits.get(b >>> 6) & word) == 0) {
        bits.getAndAccumulate(b >>> 6, word, (x, y) -> x | y);
      }
    }

    V get(Object key) {
      return mayContain(key) ? map.get(key) : null;
    }
  }

  private final int capacity;
  private volatile Generation<K, V> young;
  private volatile Generation<K, V> old;

  public RecentMap(int capacity) {
    this.capacity = capacity;
    this.young = new Generation<>(capacity);
    this.old = new Generation<>(0);
  }

  public V get(K key) {
    if (capacity == 0) {
      return null;
    }
    V value = young.get(key);
    return value != null ? value : old.get(key);
  }

  /** Puts {@code value} unless {@code key} is present; the value kept. */
  public V putIfAbsent(K key, V value) {
    if (capacity == 0) {
      return value;
    }
    V kept = old.get(key);
    if (kept != null) {
      return kept;
    }
    Generation<K, V> into = young;
    into.mark(key);
    kept = into.map.putIfAbsent(key, value);
    if (kept != null) {
      return kept;
    }
    rotateIfFull(into);
    return value;
  }

  /** Merges {@code value} into the entry of {@code key} with {@code merge}. */
  public void merge(K key, V value, BinaryOperator<V> merge) {
    if (capacity == 0) {
      return;
    }
    Generation<K, V> into = young;
    Generation<K, V> older = old;
    into.mark(key);
    into.map.compute(key, (k, current) -> {
      V base = current != null ? current : older.get(k);
      return base == null ? value : merge.apply(base, value);
    });
    rotateIfFull(into);
  }

  private void rotateIfFull(Generation<K, V> into) {
    if (into.map.size() >= capacity) {
      synchronized (this) {
        if (young == into && into.map.size() >= capacity) {
          old = into;
          young = new Generation<>(capacity);
        }
      }
    }
  }

  /** The number of keys held (a key in both generations counts twice). */
  public int size() {
    return young.map.size() + old.map.size();
  }
}
