package dev.finegrain.workflow.internal.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A sorted set of distinct elements (by {@code order}) kept as a skip list of small sorted arrays,
 * "chunks" of at most {@code capacity} elements: about 4 bytes per element where a
 * {@link java.util.concurrent.ConcurrentSkipListSet} spends a node and a share of its index nodes
 * (36 bytes). One writer at a time (the caller serialises {@link #add} and {@link #remove}); readers
 * take no lock.
 *
 * <p>A chunk's array is never written once published: a write publishes a new array in its place,
 * a split inserts the upper part (or parts, for a batch, {@link #addAll}) as new chunks before
 * publishing the lowest part in place, and a merge publishes the joined array in the lower chunk
 * before removing the upper one. Each chunk is
 * keyed by a lower bound of its elements that is above every element of the chunks before it (the
 * first chunk by a bound below everything). A {@link Cursor} returns elements in order, each once,
 * and every element present for the whole of its walk: when it leaves a chunk it checks that the
 * chunk still holds the array it read, and otherwise seeks again from the last element it
 * returned, so that elements a merge moved behind it are not passed over.
 *
 * @param <E> the elements
 */
final class ChunkedSortedSet<E> {
  /** The key of the first chunk: below every element. */
  private static final Object LOWEST = new Object() {
    @Override
    public String toString() {
      return "LOWEST";
    }
  };
  private static final Object[] EMPTY = new Object[0];

  private final Comparator<? super E> order;
  private final int capacity;
  private final ConcurrentSkipListMap<Object, Object[]> chunks;

  /** An empty set of chunks of up to {@code capacity} (at least 4) elements. */
  ChunkedSortedSet(Comparator<? super E> order, int capacity) {
    if (capacity < 4) {
      throw new IllegalArgumentException("capacity " + capacity + " should be at least 4");
    }
    this.order = order;
    this.capacity = capacity;
    this.chunks = new ConcurrentSkipListMap<>(this::compareKeys);
    chunks.put(LOWEST, EMPTY);
  }

  @SuppressWarnings("unchecked")
  private int compareKeys(Object a, Object b) {
    if (a == LOWEST || b == LOWEST) {
      return a == b ? 0 : a == LOWEST ? -1 : 1;
    }
    return order.compare((E) a, (E) b);
  }

  /** Adds {@code element} unless an element equal to it in {@code order} is in; only one writer at a time. */
  boolean add(E element) {
    Map.Entry<Object, Object[]> chunk = chunks.floorEntry(element);
    Object[] elements = chunk.getValue();
    int at = search(elements, element);
    if (at >= 0) {
      return false;
    }
    at = -at - 1;
    Object key = chunk.getKey();
    if (elements.length < capacity) {
      chunks.put(key, inserted(elements, at, element));
    } else if (at == elements.length && chunks.higherKey(key) == null) {
      chunks.put(element, new Object[] {element});  // past the full last chunk (elements mostly come in order)
    } else {
      int half = capacity / 2;
      Object[] lower = Arrays.copyOf(elements, half);
      Object[] upper = Arrays.copyOfRange(elements, half, elements.length);
      if (at <= half) {
        lower = inserted(lower, at, element);
      } else {
        upper = inserted(upper, at - half, element);
      }
      chunks.put(upper[0], upper);  // before the lower half is published: a reader of the old array sees both
      chunks.put(key, lower);
    }
    return true;
  }

  /**
   * Removes {@code element} itself (not another element equal to it in {@code order}); returns
   * whether it was in. Only one writer at a time.
   */
  boolean remove(E element) {
    Map.Entry<Object, Object[]> chunk = chunks.floorEntry(element);
    Object[] elements = chunk.getValue();
    int at = search(elements, element);
    if (at < 0 || elements[at] != element) {
      return false;
    }
    Object key = chunk.getKey();
    Object[] rest = new Object[elements.length - 1];
    System.arraycopy(elements, 0, rest, 0, at);
    System.arraycopy(elements, at + 1, rest, at, rest.length - at);
    shrunk(key, rest);
    return true;
  }

  /**
   * Adds each element of {@code sorted} (in {@link #order}) unless an element equal to it is in, as
   * {@link #add} would one by one; only one writer at a time. The chunks are searched once per chunk
   * the elements reach, not once per element, and a chunk is published once per visit, not once per
   * element: a drain of thousands of entries into an inbox of a million walks it from its start to
   * its end. Given elements out of order, it would put them in the wrong chunks: callers sort them.
   */
  void addAll(List<? extends E> sorted) {
    Walk walk = new Walk(false);
    for (E element : sorted) {
      walk.reach(element);
      int at = walk.search(element);
      if (at < 0) {
        walk.insert(-at - 1, element);
      }
    }
    walk.publish();
  }

  /**
   * Removes each element of {@code sorted} (in {@link #order}) itself, as {@link #remove} would one
   * by one; only one writer at a time. As {@link #addAll}, one search per chunk reached.
   */
  void removeAll(List<? extends E> sorted) {
    Walk walk = new Walk(true);
    for (E element : sorted) {
      walk.reach(element);
      int at = walk.search(element);
      if (at >= 0 && walk.work[at] == element) {
        walk.delete(at);
      }
    }
    walk.publish();
  }

  /**
   * A writer's walk over the chunks in order: the chunk it is at ({@link #key}), a working copy of
   * its elements, made at the first change and published when the walk moves on.
   */
  private final class Walk {
    private final boolean removing;
    /** The chunk the walk is at, or null before the first element. */
    private Object key;
    /** The key of the chunk after it, or null if it is the last. */
    private Object upper;
    private Object[] work;
    private int size;
    private boolean copied;

    Walk(boolean removing) {
      this.removing = removing;
    }

    /** Moves to the chunk that holds, or would hold, {@code element}: past every element walked. */
    void reach(Object element) {
      if (key != null && (upper == null || compareKeys(element, upper) < 0)) {
        return;
      }
      publish();
      Map.Entry<Object, Object[]> chunk = chunks.floorEntry(element);
      key = chunk.getKey();
      upper = chunks.higherKey(key);
      work = chunk.getValue();
      size = work.length;
      copied = false;
    }

    @SuppressWarnings("unchecked")
    int search(Object element) {
      return Arrays.binarySearch((E[]) work, 0, size, (E) element, order);
    }

    void insert(int at, Object element) {
      if (!copied || size == work.length) {
        work = Arrays.copyOf(work, Math.max(size + 1, 2 * size));
        copied = true;
      }
      System.arraycopy(work, at, work, at + 1, size - at);
      work[at] = element;
      size++;
      if (size >= 4 * capacity) {
        publish();  // bounds the copying of a chunk that takes many elements: the next one searches again
      }
    }

    void delete(int at) {
      if (!copied) {
        work = work.clone();
        copied = true;
      }
      System.arraycopy(work, at + 1, work, at, size - at - 1);
      work[--size] = null;
    }

    /** Publishes the working copy, if any, as {@link #add} or {@link #remove} would; the walk then searches again. */
    void publish() {
      if (key == null || !copied) {
        key = null;
        return;
      }
      Object[] elements = Arrays.copyOf(work, size);
      if (removing) {
        shrunk(key, elements);
      } else if (size <= capacity) {
        chunks.put(key, elements);
      } else {
        // as a split: the upper pieces first, each keyed by its first element, then the lowest in place
        int pieces = (size + capacity - 1) / capacity;
        for (int p = pieces - 1; p > 0; p--) {
          int from = (int) ((long) size * p / pieces);
          int to = (int) ((long) size * (p + 1) / pieces);
          chunks.put(elements[from], Arrays.copyOfRange(elements, from, to));
        }
        chunks.put(key, Arrays.copyOf(elements, size / pieces));
      }
      key = null;
    }
  }

  /**
   * Publishes chunk {@code key} with fewer elements, {@code rest}, after a removal or a batch of
   * them: a chunk left sparse is joined with its neighbours while it is sparse, and one left empty
   * goes, its sparse previous chunk then joined with the next (a batch can empty or thin a chunk at
   * once, where removals one by one would have joined it on the way).
   */
  private void shrunk(Object key, Object[] rest) {
    if (rest.length == 0 && key != LOWEST) {
      chunks.remove(key);
      Map.Entry<Object, Object[]> previous = chunks.lowerEntry(key);  // next to the chunk after now
      if (previous != null && previous.getValue().length <= capacity / 4) {
        joinWhileSparse(previous.getKey(), previous.getValue());
      }
    } else if (rest.length > capacity / 4) {
      chunks.put(key, rest);
    } else {
      joinWhileSparse(key, rest);
    }
  }

  /**
   * Publishes the sparse chunk {@code key} as {@code elements}, joined with the next chunk, or else
   * into the previous one, while the two fit in one and the joined chunk is still sparse; the joined
   * array is published in the lower chunk before the upper one goes. Two sparse chunks always fit in
   * one, so none is left next to it.
   */
  private void joinWhileSparse(Object key, Object[] elements) {
    while (true) {
      Map.Entry<Object, Object[]> next = chunks.higherEntry(key);
      Map.Entry<Object, Object[]> previous;
      if (next != null && elements.length + next.getValue().length <= capacity) {
        elements = joined(elements, next.getValue());
        chunks.put(key, elements);
        chunks.remove(next.getKey());
      } else if (key != LOWEST && (previous = chunks.lowerEntry(key)) != null
          && previous.getValue().length + elements.length <= capacity) {
        elements = joined(previous.getValue(), elements);
        chunks.put(previous.getKey(), elements);
        chunks.remove(key);
        key = previous.getKey();
      } else {
        chunks.put(key, elements);
        return;
      }
      if (elements.length > capacity / 4) {
        return;
      }
    }
  }

  /** {@return the order of the elements} */
  Comparator<? super E> order() {
    return order;
  }

  /** A walk over the elements after {@code from} in order (from the first for null). */
  Cursor<E> after(E from) {
    return new Cursor<>(this, from);
  }

  /** The number of elements of each chunk, in order (for tests of the layout). */
  int[] chunkSizes() {
    return chunks.values().stream().mapToInt(elements -> elements.length).toArray();
  }

  @SuppressWarnings("unchecked")
  private int search(Object[] elements, Object element) {
    return Arrays.binarySearch((E[]) elements, (E) element, order);  // the elements are distinct in order
  }

  private static Object[] inserted(Object[] elements, int at, Object element) {
    Object[] out = new Object[elements.length + 1];
    System.arraycopy(elements, 0, out, 0, at);
    out[at] = element;
    System.arraycopy(elements, at, out, at + 1, elements.length - at);
    return out;
  }

  private static Object[] joined(Object[] a, Object[] b) {
    Object[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * A reader's walk: {@link #next()} returns the elements after the last one it returned, in order,
   * or null at the end. Not thread-safe itself; any number of cursors may walk while one writer writes.
   *
   * @param <E> the elements
   */
  static final class Cursor<E> {
    private final ChunkedSortedSet<E> set;
    private E last;
    private Object key;
    private Object[] elements;
    private int next;

    private Cursor(ChunkedSortedSet<E> set, E from) {
      this.set = set;
      this.last = from;
      seek();
    }

    private void seek() {
      Map.Entry<Object, Object[]> chunk = last == null ? set.chunks.firstEntry() : set.chunks.floorEntry(last);
      key = chunk.getKey();
      elements = chunk.getValue();
      if (last == null) {
        next = 0;
      } else {
        int at = set.search(elements, last);
        next = at >= 0 ? at + 1 : -at - 1;
      }
    }

    /** The next element, or null if there is none. */
    @SuppressWarnings("unchecked")
    E next() {
      while (true) {
        while (next < elements.length) {
          E element = (E) elements[next++];
          if (last == null || set.order.compare(element, last) > 0) {  // a split's upper half read twice
            last = element;
            return element;
          }
        }
        Map.Entry<Object, Object[]> following = set.chunks.higherEntry(key);
        if (set.chunks.get(key) != elements) {  // a merge may have moved the following chunk's elements into this one
          seek();
          continue;
        }
        if (following == null) {
          return null;
        }
        key = following.getKey();
        elements = following.getValue();
        next = 0;
      }
    }
  }
}
