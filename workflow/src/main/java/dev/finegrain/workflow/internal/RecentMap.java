package dev.finegrain.workflow.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

/**
 * A thread-safe map that keeps at least the {@code capacity} most recently added keys and at most
 * twice as many: two generations of {@link ConcurrentHashMap}; new keys go to the young one, and
 * when it holds {@code capacity} keys it becomes the old one and the previous old one is dropped
 * whole. Cheaper per put than an LRU cache or a ring of keys (no access order, no clock, no
 * removal per put). A key found only in the old generation stays there until it is dropped.
 */
public final class RecentMap<K, V> {
  private final int capacity;
  private volatile ConcurrentHashMap<K, V> young;
  private volatile ConcurrentHashMap<K, V> old = new ConcurrentHashMap<>();

  public RecentMap(int capacity) {
    this.capacity = capacity;
    this.young = generation();
  }

  /** A young generation sized for its keys up front (up to a limit), so that it does not grow by rehashing. */
  private ConcurrentHashMap<K, V> generation() {
    return new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
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
    ConcurrentHashMap<K, V> into = young;
    kept = into.putIfAbsent(key, value);
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
    ConcurrentHashMap<K, V> into = young;
    ConcurrentHashMap<K, V> older = old;
    into.compute(key, (k, current) -> {
      V base = current != null ? current : older.get(k);
      return base == null ? value : merge.apply(base, value);
    });
    rotateIfFull(into);
  }

  private void rotateIfFull(ConcurrentHashMap<K, V> into) {
    if (into.size() >= capacity) {
      synchronized (this) {
        if (young == into && into.size() >= capacity) {
          old = into;
          young = generation();
        }
      }
    }
  }

  /** The number of keys held (a key in both generations counts twice). */
  public int size() {
    return young.size() + old.size();
  }
}
