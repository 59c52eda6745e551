package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema's fields of one type alternate between two copies of their reading loop (so that the
 * JIT can inline each loop's extractors); whichever copy a field takes, it reads its own values,
 * into the positions of the records it was given, however a block is cut into runs.
 */
class SchemaFieldProperties {
  record Item(long a, long b, long c, double x, double y, double z, boolean p, boolean q, boolean r, String s,
      String t, String u, long i, long j, long k) {}

  @Test
  void everyFieldReadsItsOwnValuesWhicheverLoopCopyItTakes() {
    qtWithAtMost(50).forAll(lists(longs(), 40), ints(0, 40))
        .checkAssert(SchemaFieldProperties::everyFieldReadsItsOwnValues);
  }

  /** Reads the records in two runs, {@code [0, cut)} and {@code [cut, n)}, as the engine reads a block. */
  private static void everyFieldReadsItsOwnValues(List<Long> seeds, int cutAt) {
    Schema<Item> schema = Schema.<Item>builder()
        .longField("a", Item::a).longField("b", Item::b).longField("c", Item::c)
        .doubleField("x", Item::x).doubleField("y", Item::y).doubleField("z", Item::z)
        .booleanField("p", Item::p).booleanField("q", Item::q).booleanField("r", Item::r)
        .dimension("s", Item::s).dimension("t", Item::t).dimension("u", Item::u)
        .instant("i", it -> Instant.ofEpochMilli(it.i())).instant("j", it -> Instant.ofEpochMilli(it.j()))
        .instant("k", it -> it.k() % 3 == 0 ? null : Instant.ofEpochMilli(it.k()))
        .build();
    Item[] items = seeds.stream().map(w -> {
      return new Item(w, w + 1, w * 3, w / 2.0, (double) -w, w * 0.25, w % 2 == 0, w % 3 == 0, w % 5 == 0, "s" + (w % 4),
          "t" + (w % 7), w % 2 == 0 ? null : "u", w % 1_000_000, -(w % 999_999), (w >>> 20) % 5_000_000);
    }).toArray(Item[]::new);
    int n = items.length;
    for (Schema.Field<Item> field : schema.fields().values()) {
      Slot slot = new Slot(field.name(), field.type(), field.type().isWhole(),
          field.type() == FieldType.DIMENSION ? Slot.Dictionary.growing() : null);
      slot.longs = new long[n];
      slot.doubles = new double[n];
      slot.booleans = new boolean[n];
      slot.codes = new int[n];
      int cut = Math.min(cutAt, n);
      field.fill(items, cut, n, slot);
      field.fill(items, 0, cut, slot);
      for (int r = 0; r < n; r++) {
        Item it = items[r];
        String where = field.name() + " of record " + r;
        switch (field.name()) {
          case "a" -> assertEquals(it.a(), slot.longs[r], where);
          case "b" -> assertEquals(it.b(), slot.longs[r], where);
          case "c" -> assertEquals(it.c(), slot.longs[r], where);
          case "x" -> assertEquals(it.x(), slot.doubles[r], where);
          case "y" -> assertEquals(it.y(), slot.doubles[r], where);
          case "z" -> assertEquals(it.z(), slot.doubles[r], where);
          case "p" -> assertEquals(it.p(), slot.booleans[r], where);
          case "q" -> assertEquals(it.q(), slot.booleans[r], where);
          case "r" -> assertEquals(it.r(), slot.booleans[r], where);
          case "s" -> assertEquals(it.s(), slot.dictionary.text(slot.codes[r]), where);
          case "t" -> assertEquals(it.t(), slot.dictionary.text(slot.codes[r]), where);
          case "u" -> assertEquals(it.u() == null ? -1 : slot.dictionary.code(it.u()), slot.codes[r], where);
          case "i" -> assertEquals(it.i(), slot.longs[r], where);
          case "j" -> assertEquals(it.j(), slot.longs[r], where);
          case "k" -> assertEquals(it.k() % 3 == 0 ? ColumnBatch.ABSENT : it.k(), slot.longs[r], where);
          default -> throw new AssertionError(field.name());
        }
      }
    }
    // the two copies really are in use: fields of one type alternate between two classes
    assertArrayEquals(new boolean[] {true, false}, new boolean[] {
        schema.field("a").get().getClass() == schema.field("c").get().getClass(),
        schema.field("a").get().getClass() == schema.field("b").get().getClass()});
  }
}
