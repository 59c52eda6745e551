package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.testing.Gens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The chunked sorted set answers as a sorted set: after any adds and removes (in chunks of 4 to 9,
 * so that chunks split and merge), a walk from the start or from any value returns the elements
 * in order, each once, the very instances added; {@code add} refuses an element equal to one in,
 * {@code remove} takes out only the instance given; and no two neighbouring chunks are both a
 * quarter full or less. Readers walking while a writer splits and merges chunks return, in order
 * and once, every element present for the whole walk.
 */
class ChunkedSortedSetProperties {
  /** An element: equal values are distinct instances. */
  record Item(int value) {}

  private static final Comparator<Item> BY_VALUE = Comparator.comparingInt(Item::value);

  /** Add (or remove, if {@code remove}) an item of value {@code value}. */
  record Op(boolean remove, int value) {}

  private static Gen<Op> ops() {
    return Gens.booleans().zip(Gens.mostly(4, ints(0, 60), ints(0, 1000)), Op::new);
  }

  @Test
  void walksAsASortedSetAfterAnyAddsAndRemoves() {
    qt().forAll(lists(ops(), 0, 400), ints(4, 9), ints(-1, 61))
        .checkAssert(ChunkedSortedSetProperties::walksAsASortedSetAfterAnyAddsAndRemoves);
  }

  private static void walksAsASortedSetAfterAnyAddsAndRemoves(List<Op> ops, int capacity, int from) {
    ChunkedSortedSet<Item> set = new ChunkedSortedSet<>(BY_VALUE, capacity);
    TreeMap<Integer, Item> model = new TreeMap<>();
    for (Op op : ops) {
      Item in = model.get(op.value());
      if (op.remove()) {
        assertFalse(set.remove(new Item(op.value())), "an equal item that was never added is not removed");
        assertEquals(in != null, in != null && set.remove(in), () -> "remove " + op.value());
        model.remove(op.value());
      } else {
        Item item = new Item(op.value());
        assertEquals(in == null, set.add(item), () -> "add " + op.value());
        model.putIfAbsent(op.value(), item);
      }
      assertLayout(set, model.size(), capacity);
    }
    assertWalk(new ArrayList<>(model.values()), set.after(null));
    Item start = new Item(from);
    assertWalk(new ArrayList<>(model.tailMap(from, false).values()), set.after(start));
  }

  private static void assertWalk(List<Item> expected, ChunkedSortedSet.Cursor<Item> cursor) {
    List<Item> walked = new ArrayList<>();
    for (Item item = cursor.next(); item != null; item = cursor.next()) {
      walked.add(item);
    }
    assertEquals(expected, walked);
    for (int i = 0; i < expected.size(); i++) {
      assertSame(expected.get(i), walked.get(i), "the instance added");
    }
  }

  /** A batch: random adds and removes, or the removal of a run of values (which empties whole chunks). */
  private static Gen<List<Op>> batches() {
    Gen<List<Op>> run = ints(0, 60).zip(ints(1, 30), (from, length) -> java.util.stream.IntStream
        .range(from, from + length).mapToObj(v -> new Op(true, v)).toList());
    return Gens.mostly(2, lists(ops(), 0, 80), run);
  }

  @Test
  void batchesOfAddsAndRemovesAnswerAsAddsAndRemovesOneByOne() {
    qt().forAll(lists(batches(), 0, 12), ints(4, 9), ints(-1, 61))
        .checkAssert(ChunkedSortedSetProperties::batchesAnswerAsOneByOne);
  }

  @Test
  void aBatchThatEmptiesAChunkBetweenTwoSparseOnesJoinsThem() {
    // given chunks of 4: [0 1 2 3] [4 5 6 7] [8 9 10 11], then [3] [4 5 6 7] [8]
    ChunkedSortedSet<Item> set = new ChunkedSortedSet<>(BY_VALUE, 4);
    List<Item> items = java.util.stream.IntStream.range(0, 12).mapToObj(Item::new).toList();
    set.addAll(items.subList(0, 8));
    set.addAll(items.subList(8, 12));
    set.removeAll(List.of(items.get(0), items.get(1), items.get(2), items.get(9), items.get(10), items.get(11)));
    assertLayout(set, 6, 4);
    // when one batch empties the middle chunk
    set.removeAll(items.subList(4, 8));
    // then the two sparse chunks left side by side are one
    assertLayout(set, 2, 4);
    assertWalk(List.of(items.get(3), items.get(8)), set.after(null));
  }

  @Test
  void aChunkJoinedWithTheNextAndStillSparseJoinsThePreviousSparseOneToo() {
    // given chunks of 8: [0..7] [8..15] [16..23], then [6 7] [8..15] [16]
    ChunkedSortedSet<Item> set = new ChunkedSortedSet<>(BY_VALUE, 8);
    List<Item> items = java.util.stream.IntStream.range(0, 24).mapToObj(Item::new).toList();
    set.addAll(items.subList(0, 8));
    set.addAll(items.subList(8, 16));
    set.addAll(items.subList(16, 24));
    List<Item> removed = new ArrayList<>(items.subList(0, 6));
    removed.addAll(items.subList(17, 24));
    set.removeAll(removed);
    assertLayout(set, 11, 8);
    // when one batch leaves the middle chunk [15], which joins [16] and is still sparse
    set.removeAll(items.subList(8, 15));
    // then it joins [6 7] as well
    assertLayout(set, 4, 8);
    assertEquals(1, set.chunkSizes().length, () -> Arrays.toString(set.chunkSizes()));
  }

  /** Each batch as the open-work index applies one: its removals in order, then its additions in order. */
  private static void batchesAnswerAsOneByOne(List<List<Op>> batches, int capacity, int from) {
    ChunkedSortedSet<Item> set = new ChunkedSortedSet<>(BY_VALUE, capacity);
    TreeMap<Integer, Item> model = new TreeMap<>();
    for (List<Op> batch : batches) {
      List<Item> removed = new ArrayList<>();
      List<Item> added = new ArrayList<>();
      for (Op op : batch) {
        Item in = model.get(op.value());
        if (op.remove()) {
          removed.add(in != null && removed.stream().noneMatch(i -> i == in) ? in : new Item(op.value()));
        } else {
          added.add(new Item(op.value()));
        }
      }
      removed.sort(BY_VALUE);
      added.sort(BY_VALUE);
      set.removeAll(removed);
      for (Item item : removed) {
        model.remove(item.value(), item);  // only the instance in
      }
      assertLayout(set, model.size(), capacity);
      set.addAll(added);
      for (Item item : added) {
        model.putIfAbsent(item.value(), item);
      }
      assertLayout(set, model.size(), capacity);
    }
    assertWalk(new ArrayList<>(model.values()), set.after(null));
    assertWalk(new ArrayList<>(model.tailMap(from, false).values()), set.after(new Item(from)));
  }

  private static void assertLayout(ChunkedSortedSet<Item> set, int elements, int capacity) {
    int[] sizes = set.chunkSizes();
    assertEquals(elements, Arrays.stream(sizes).sum(), "elements in chunks");
    for (int i = 0; i < sizes.length; i++) {
      int at = i;
      assertTrue(sizes[i] <= capacity, () -> "chunk " + at + " of " + Arrays.toString(sizes));
      assertFalse(i > 0 && sizes[i - 1] <= capacity / 4 && sizes[i] <= capacity / 4,
          () -> "neighbouring sparse chunks at " + at + " of " + Arrays.toString(sizes));
    }
  }

  @Test
  void readersWhileAWriterSplitsAndMergesChunksReturnEveryLastingElementOnceInOrder() throws Exception {
    readersWhileAWriterChangesTheSet(false);
  }

  @Test
  void readersWhileAWriterAddsAndRemovesInBatchesReturnEveryLastingElementOnceInOrder() throws Exception {
    readersWhileAWriterChangesTheSet(true);
  }

  private static void readersWhileAWriterChangesTheSet(boolean batches) throws Exception {
    // given elements at multiples of 10 that stay, and a writer adding and removing values between them
    ChunkedSortedSet<Item> set = new ChunkedSortedSet<>(BY_VALUE, 4);
    int lasting = 300;
    for (int v = 0; v < lasting * 10; v += 10) {
      set.add(new Item(v));
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      java.util.Random random = new java.util.Random(7);
      Item[] churn = new Item[lasting * 10];
      List<Item> removed = new ArrayList<>();
      List<Item> added = new ArrayList<>();
      int batch = 100;
      for (int i = 0; i < 300_000 && failure.get() == null; i++) {
        int v = random.nextInt(lasting * 10);
        if (v % 10 == 0) {
          continue;
        }
        if (churn[v] == null) {
          churn[v] = new Item(v);
          if (batches) {
            added.add(churn[v]);
          } else {
            set.add(churn[v]);
          }
        } else {
          if (batches) {
            if (!added.remove(churn[v])) {
              removed.add(churn[v]);
            }
          } else {
            set.remove(churn[v]);
          }
          churn[v] = null;
        }
        if (batches && removed.size() + added.size() >= batch) {
          removed.sort(BY_VALUE);
          added.sort(BY_VALUE);
          set.removeAll(removed);
          set.addAll(added);
          removed.clear();
          added.clear();
          batch = random.nextInt(10) == 0 ? 2_000 : 100;  // some batches empty or fill many chunks at once
        }
      }
    });
    // when readers walk from random values meanwhile
    List<Thread> readers = new ArrayList<>();
    int[] walks = new int[2];
    for (int r = 0; r < 2; r++) {
      int reader = r;
      readers.add(new Thread(() -> {
        java.util.Random random = new java.util.Random(reader);
        try {
          while (writer.isAlive() || walks[reader] < 100) {
            int from = random.nextInt(lasting * 10 + 10) - 10;
            ChunkedSortedSet.Cursor<Item> cursor = set.after(from < 0 ? null : new Item(from));
            int previous = from < 0 ? Integer.MIN_VALUE : from;
            int seen = 0;
            for (Item item = cursor.next(); item != null; item = cursor.next()) {
              if (item.value() <= previous) {
                throw new AssertionError("walk from " + from + ": " + item.value() + " after " + previous);
              }
              previous = item.value();
              if (item.value() % 10 == 0) {
                seen++;
              }
            }
            int expected = from < 0 ? lasting : lasting - 1 - from / 10;
            if (seen != expected) {
              throw new AssertionError("walk from " + from + " saw " + seen + " lasting elements of " + expected);
            }
            walks[reader]++;
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }));
    }
    writer.start();
    readers.forEach(Thread::start);
    writer.join();
    for (Thread reader : readers) {
      reader.join();
    }
    // then no walk missed, repeated or disordered an element
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(walks[0] >= 100 && walks[1] >= 100, "walks: " + Arrays.toString(walks));
  }
}
