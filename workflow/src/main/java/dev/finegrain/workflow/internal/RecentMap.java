package dev.finegrain.workflow.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BinaryOperator;

/**
 * A thread-safe map that keeps about the {@code capacity} most recently put keys, first in first
 * out: a {@link ConcurrentHashMap} plus a ring of the keys put, whose slot a new key takes from the
 * oldest. Cheaper per put than an LRU cache (no access order, no clock); a key put again takes a
 * new slot, so under concurrency it may hold a few keys fewer than {@code capacity}, never more.
 */
public final class RecentMap<K, V> {
  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<K> ring;
  private final AtomicLong puts = new AtomicLong();

  public RecentMap(int capacity) {
    this.ring = capacity > 0 ? new AtomicReferenceArray<>(capacity) : null;
  }

  public V get(K key) {
    return ring == null ? null : map.get(key);
  }

  /** Puts {@code value} unless {@code key} is present; the value kept. */
  public V putIfAbsent(K key, V value) {
    if (ring == null) {
      return value;
    }
    V previous = map.putIfAbsent(key, value);
    if (previous != null) {
      return previous;
    }
    track(key);
    return value;
  }

  /** Merges {@code value} into the entry of {@code key} with {@code merge}. */
  public void merge(K key, V value, BinaryOperator<V> merge) {
    if (ring == null) {
      return;
    }
    boolean[] added = {false};
    map.compute(key, (k, old) -> {
      if (old == null) {
        added[0] = true;
        return value;
      }
      return merge.apply(old, value);
    });
    if (added[0]) {
      track(key);
    }
  }

  private void track(K key) {
    int slot = (int) (puts.getAndIncrement() % ring.length());
    K evicted = ring.getAndSet(slot, key);
    if (evicted != null && !evicted.equals(key)) {
      map.remove(evicted);
    }
  }

  public int size() {
    return map.size();
  }
}
