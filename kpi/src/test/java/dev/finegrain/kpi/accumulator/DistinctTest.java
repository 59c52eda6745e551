package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctTest {
  @Test
  void countsDistinctLongsAndAllValuesAdded() {
    DistinctLongs customers = DistinctLongs.create();
    for (long id : new long[] {3, 1, 3, 2, 1, 0, Long.MIN_VALUE, Long.MAX_VALUE, 0}) {
      customers.add(id);
    }
    assertEquals(6L, customers.result());
    assertEquals(9, customers.count());
    assertArrayEquals(new long[] {Long.MIN_VALUE, 0, 1, 2, 3, Long.MAX_VALUE}, customers.values());
    assertTrue(customers.contains(0));
    assertFalse(customers.contains(4));
  }

  @Test
  void equalSetsEncodeIdenticallyWhateverTheOrder() {
    DistinctLongs a = DistinctLongs.create();
    DistinctLongs b = DistinctLongs.create();
    for (long i = 0; i < 1000; i++) {
      a.add(i * 7919);
      b.add((999 - i) * 7919);
    }
    assertArrayEquals(a.toBytes(), b.toBytes());
    assertEquals(a, b);

    DistinctStrings s = DistinctStrings.create();
    DistinctStrings t = DistinctStrings.create();
    for (String v : new String[] {"b", "a", "客服"}) {
      s.add(v);
    }
    for (String v : new String[] {"客服", "b", "a"}) {
      t.add(v);
    }
    assertArrayEquals(s.toBytes(), t.toBytes());
  }

  @Test
  void countsDistinctStrings() {
    DistinctStrings skus = DistinctStrings.create();
    for (String sku : new String[] {"TEA-1", "TEA-2", "TEA-1", "", "😀", "é"}) {
      skus.add(sku);
    }
    assertEquals(5L, skus.result());
    assertEquals(6, skus.count());
    assertArrayEquals(new String[] {"", "TEA-1", "TEA-2", "é", "😀"}, skus.values());
    assertEquals(skus, DistinctStrings.fromBytes(skus.toBytes()));
  }

  @Test
  void stringsMustBeWellFormed() {
    DistinctStrings s = DistinctStrings.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add("a\ud800b"));
    assertTrue(e.getMessage().contains("lone surrogate at index 1"), e.getMessage());
    assertThrows(NullPointerException.class, () -> s.add(null));
    assertEquals(0, s.count());
  }

  @Test
  void mergingWithItselfKeepsTheSetAndDoublesTheCount() {
    DistinctStrings s = DistinctStrings.create();
    s.add("x");
    s.add("y");
    s.merge(s);
    assertEquals(2L, s.result());
    assertEquals(4, s.count());
    DistinctLongs d = DistinctLongs.create();
    d.add(1);
    d.merge(d);
    assertEquals(1L, d.result());
    assertEquals(2, d.count());
  }
}
