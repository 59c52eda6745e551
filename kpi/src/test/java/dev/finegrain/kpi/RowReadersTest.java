package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.kpi.Schema.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Records read record by record through a {@link RowReaders} reader hold what reading them field by
 * field holds: the same values in the same buffers, the same bounds, the same dictionary codes, the
 * same tables and the same errors.
 */
class RowReadersTest {
  private static final String[] TEXTS = {"web", "app", "live", "shop", "pos"};
  private static final FieldType[] TYPES = FieldType.values();

  /** A record: one value per field, boxed; null for an absent instant or dimension value. */
  private record Rec(Object[] values) {}

  /** A schema of {@code types}: field {@code k} is named {@code f<k>} and reads {@code values[k]}. */
  private static Schema<Rec> schema(FieldType[] types) {
    Schema.Builder<Rec> b = Schema.builder();
    for (int k = 0; k < types.length; k++) {
      int i = k;
      String name = "f" + k;
      switch (types[k]) {
        case LONG -> b.longField(name, r -> (Long) r.values[i]);
        case DOUBLE -> b.doubleField(name, r -> (Double) r.values[i]);
        case BOOLEAN -> b.booleanField(name, r -> (Boolean) r.values[i]);
        case DIMENSION -> b.dimension(name, r -> (String) r.values[i]);
        case INSTANT -> b.instant(name, r -> (Instant) r.values[i]);
      }
    }
    return b.build();
  }

  private static Object value(FieldType type, SplittableRandom random) {
    int kind = random.nextInt(10);
    switch (type) {
      case LONG:
        return kind == 0 ? ColumnBatch.ABSENT : kind == 1 ? Long.MAX_VALUE : kind == 2 ? Long.MIN_VALUE + 1
            : random.nextLong(-1_000_000, 1_000_000);
      case DOUBLE:
        return kind == 0 ? Double.NaN : random.nextDouble(-1e6, 1e6);
      case BOOLEAN:
        return random.nextBoolean();
      case DIMENSION:
        return kind == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
      default:
        return kind == 0 ? null : kind == 1 ? Instant.ofEpochSecond(-random.nextLong(1L << 40), random.nextInt(1_000_000_000))
            : Instant.ofEpochMilli(1_780_000_000_000L + random.nextLong(1L << 33));
    }
  }

  private static FieldType[] types(SplittableRandom random, int fields) {
    FieldType[] types = new FieldType[fields];
    for (int k = 0; k < fields; k++) {
      types[k] = TYPES[random.nextInt(TYPES.length)];
    }
    return types;
  }

  private static Rec[] records(FieldType[] types, SplittableRandom random, int n) {
    Rec[] records = new Rec[n];
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[types.length];
      for (int k = 0; k < types.length; k++) {
        values[k] = value(types[k], random);
      }
      records[i] = new Rec(values);
    }
    return records;
  }

  /** A slot with a buffer for a field of {@code type}, its bounds reset as the row path resets them. */
  private static Slot slot(Field<Rec> field, Slot.Dictionary dictionary, int n) {
    Slot slot = new Slot(field.name(), field.type(), field.type().isWhole(),
        field.type() == FieldType.DIMENSION ? dictionary : null);
    switch (field.type()) {
      case DOUBLE -> slot.doubles = new double[n];
      case BOOLEAN -> slot.booleans = new boolean[n];
      case DIMENSION -> slot.codes = new int[n];
      default -> slot.longs = new long[n];
    }
    slot.clearBounds();
    return slot;
  }

  private static void assertSameSlot(Slot expected, Slot got, String what) {
    switch (expected.type) {
      case DOUBLE -> assertArrayEquals(expected.doubles, got.doubles, what);
      case BOOLEAN -> assertArrayEquals(expected.booleans, got.booleans, what);
      case DIMENSION -> assertArrayEquals(expected.codes, got.codes, what);
      default -> {
        assertArrayEquals(expected.longs, got.longs, what);
        assertEquals(expected.low, got.low, what + ": smallest present value");
        assertEquals(expected.high, got.high, what + ": largest present value");
        // field by field knows which field had an absent value; a reader marks every whole field
        assertTrue(!expected.absent || got.absent, what + ": an absent value not flagged");
      }
    }
  }

  /** Whether a whole-number or instant field's buffer holds an absent value in {@code [0, n)}. */
  private static boolean holdsAbsent(Slot slot, int n) {
    for (int i = 0; i < n; i++) {
      if (slot.longs[i] == ColumnBatch.ABSENT) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aReaderFillsTheBuffersAndBoundsThatReadingFieldByFieldFills() {
    qt().forAll(seeds(), ints(1, RowReaders.LANES), ints(1, 600)).checkAssert((seed, fields, n) -> {
      SplittableRandom random = new SplittableRandom(seed);
      FieldType[] types = types(random, fields);
      Schema<Rec> schema = schema(types);
      Rec[] records = records(types, random, n);
      List<Field<Rec>> list = new ArrayList<>(schema.fields().values());
      // a dictionary per dimension field and side, as each query's engine has
      Slot[] expected = new Slot[fields];
      Slot[] got = new Slot[fields];
      for (int k = 0; k < fields; k++) {
        expected[k] = slot(list.get(k), Slot.Dictionary.growing(), n);
        got[k] = slot(list.get(k), Slot.Dictionary.growing(), n);
      }
      for (int from = 0; from < n; from += Kpis.ROW_RUN) {
        for (int k = 0; k < fields; k++) {
          list.get(k).fill(records, from, Math.min(n, from + Kpis.ROW_RUN), expected[k]);
        }
      }
      RowReaders.Reader reader = RowReaders.define(list).orElseThrow();
      // in two calls, as a caller reading part of a block would
      int cut = random.nextInt(n + 1);
      reader.read(records, 0, cut, got);
      reader.read(records, cut, n, got);
      for (int k = 0; k < fields; k++) {
        assertSameSlot(expected[k], got[k], "seed " + seed + ", field " + k + " of " + Arrays.toString(types));
        if (expected[k].longs != null) {
          assertEquals(holdsAbsent(expected[k], n), expected[k].absent, "field by field, field " + k);
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          for (int i = 0; i < n; i++) {
            long v = expected[k].longs[i];
            if (v != ColumnBatch.ABSENT) {
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
          }
          assertEquals(min, got[k].low, "the smallest present value, field " + k);
          assertEquals(max, got[k].high, "the largest present value, field " + k);
        }
      }
    });
  }

  @Test
  void aReaderTakesOneToEightFields() {
    assertThrows(IllegalArgumentException.class, () -> RowReaders.define(List.of()));
    List<Field<Rec>> nine = new ArrayList<>(schema(filled(9)).fields().values());
    assertThrows(IllegalArgumentException.class, () -> RowReaders.define(nine));
    assertTrue(RowReaders.define(nine.subList(0, 8)).isPresent());
  }

  private static FieldType[] filled(int n) {
    FieldType[] types = new FieldType[n];
    Arrays.fill(types, FieldType.LONG);
    return types;
  }

  @Test
  void aSchemaMakesOneReaderPerListOfFieldsAndStopsAtItsLimit() {
    Schema<Rec> schema = schema(filled(8));
    List<Field<Rec>> fields = new ArrayList<>(schema.fields().values());
    Optional<RowReaders.Reader> first = schema.reader(fields.subList(0, 3));
    assertTrue(first.isPresent(), "a reader on this runtime");
    assertSame(first.get(), schema.reader(new ArrayList<>(fields.subList(0, 3))).orElseThrow());
    assertNotSame(first.get(), schema.reader(fields.subList(1, 4)).orElseThrow());
    // lists of one to eight of the eight fields, by bit pattern, until the schema keeps its limit
    int made = 2;
    for (int bits = 1; made < Schema.MAX_READERS; bits++) {
      List<Field<Rec>> some = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        if ((bits >> k & 1) != 0) {
          some.add(fields.get(k));
        }
      }
      if (!some.equals(fields.subList(0, 3)) && !some.equals(fields.subList(1, 4))) {
        assertTrue(schema.reader(some).isPresent());
        made++;
      }
    }
    assertEquals(Optional.empty(), schema.reader(fields.subList(5, 8)), "a list past the limit reads field by field");
    assertSame(first.get(), schema.reader(fields.subList(0, 3)).orElseThrow(), "lists made before still have theirs");
  }

  /** A query over every field of {@code types}: counts, sums, means, shares, a quantile, by a dimension and day. */
  private static KpiQuery query(FieldType[] types, SplittableRandom random) {
    KpiQuery.Builder b = KpiQuery.builder().addKpis(EcommerceKpis.orders());
    String time = null;
    String dimension = null;
    for (int k = 0; k < types.length; k++) {
      String name = "f" + k;
      switch (types[k]) {
        case LONG -> b.addKpis(kpi("sum" + k, Measure.sum(name)), kpi("p" + k, Measure.quantile(name, 0.5)));
        case DOUBLE -> b.addKpis(kpi("mean" + k, Measure.mean(name)));
        case BOOLEAN -> b.addKpis(kpi("share" + k, Measure.share(dev.finegrain.core.condition.Condition.eq(name, true))));
        case DIMENSION -> dimension = dimension == null ? name : dimension;
        case INSTANT -> time = time == null ? name : time;
      }
    }
    if (time != null && random.nextBoolean()) {
      b.timeField(time).grain(Grain.DAY);
    } else {
      b.grain(Grain.ALL);
    }
    if (dimension != null) {
      b.addGroupBy(dimension);
    }
    return b.build();
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("x").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  private static Object outcome(Supplier<KpiTable> run) {
    try {
      return run.get();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void queriesOverRowsReadRecordByRecordGiveTheTablesAndErrorsOfFieldByField() {
    // up to 12 fields: past a reader's eight, the rest are read field by field after it
    qt().forAll(seeds(), ints(1, 12), ints(0, 3), ints(1, 2)).checkAssert((seed, fields, blocks, threads) -> {
      SplittableRandom random = new SplittableRandom(seed);
      FieldType[] types = types(random, fields);
      Schema<Rec> schema = schema(types);
      List<Rec> records = Arrays.asList(records(types, random, blocks * QueryEngine.BLOCK + random.nextInt(300)));
      List<Rec> list = new ArrayList<>(records);
      KpiQuery query = query(types, random);
      Parallelism parallelism = threads == 1 ? Parallelism.none()
          : Parallelism.threads(threads).withCuts(QueryEngine.BLOCK + 7, 3 * QueryEngine.BLOCK);
      Object expected = outcome(() -> Kpis.run(query, schema, list, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD));
      assertEquals(expected, outcome(() -> Kpis.run(query, schema, list, parallelism, FusedDayKernel.Limits.DEFAULT,
          null, Kpis.RowRead.FUSED)), () -> "seed " + seed + ", " + Arrays.toString(types) + ", " + query);
      // an Iterable that is not a list: read through its iterator
      Iterable<Rec> iterable = list::iterator;
      assertEquals(expected, outcome(() -> Kpis.run(query, schema, iterable, Parallelism.none(), null, null, Kpis.RowRead.FUSED)),
          () -> "iterated, seed " + seed);
    });
  }

  /** {@code n} records of an instant, a long and a double field, all ordinary. */
  private static List<Rec> ordinary(int n) {
    List<Rec> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new Rec(new Object[] {Instant.ofEpochMilli(1_780_000_000_000L + i * 1000L), (long) i, 1.5 * i}));
    }
    return records;
  }

  private static final FieldType[] ORDINARY = {FieldType.INSTANT, FieldType.LONG, FieldType.DOUBLE};

  private static KpiQuery sums() {
    return KpiQuery.builder().addKpis(kpi("s", Measure.sum("f1")), kpi("m", Measure.mean("f2")))
        .timeField("f0").grain(Grain.DAY).build();
  }

  @Test
  void anInstantTooFarFromNineteenSeventyInABlockReadRecordByRecordIsNamed() {
    List<Rec> records = ordinary(3 * QueryEngine.BLOCK);
    records.get(2 * QueryEngine.BLOCK + 5).values[0] = Instant.MAX;
    Schema<Rec> schema = schema(ORDINARY);
    ArithmeticException byField = assertThrows(ArithmeticException.class,
        () -> Kpis.run(sums(), schema, records, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD));
    ArithmeticException byRecord = assertThrows(ArithmeticException.class,
        () -> Kpis.run(sums(), schema, records, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, null, Kpis.RowRead.FUSED));
    assertEquals(byField.getMessage(), byRecord.getMessage());
    assertTrue(byRecord.getMessage().contains("field 'f0' of a record"), byRecord.getMessage());
    assertEquals(1, schema.readers(), "a reader read the blocks");
  }

  @Test
  void anInfiniteDecimalInABlockReadRecordByRecordIsNamed() {
    List<Rec> records = ordinary(2 * QueryEngine.BLOCK);
    records.get(QueryEngine.BLOCK + 9).values[2] = Double.NEGATIVE_INFINITY;
    Schema<Rec> schema = schema(ORDINARY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kpis.run(sums(), schema, records, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, null, Kpis.RowRead.FUSED));
    assertEquals("field 'f2' of a record: -Infinity; expected a finite number, or NaN for absent", e.getMessage());
  }

  @Test
  void anExtractorsOwnFailureReachesTheCallerUnchanged() {
    List<Rec> records = ordinary(2 * QueryEngine.BLOCK);
    records.get(QueryEngine.BLOCK + 1).values[1] = "not a long";
    Schema<Rec> schema = schema(ORDINARY);
    ClassCastException e = assertThrows(ClassCastException.class,
        () -> Kpis.run(sums(), schema, records, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, null, Kpis.RowRead.FUSED));
    assertTrue(e.getMessage().contains("String"), e.getMessage());
  }

  @Test
  void aBlockWithSeveralFailuresFailsWithTheFailureFieldByFieldReadingMeetsFirst() {
    // an infinite decimal at record 5 of the block and a failing extractor at record 300 of an
    // earlier field: field by field, the decimal's run fails first; record by record, the
    // extractor would
    List<Rec> records = ordinary(2 * QueryEngine.BLOCK);
    records.get(QueryEngine.BLOCK + 5).values[2] = Double.POSITIVE_INFINITY;
    records.get(QueryEngine.BLOCK + 300).values[1] = "not a long";
    Schema<Rec> schema = schema(ORDINARY);
    Object byField = outcome(() -> Kpis.run(sums(), schema, records, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD));
    assertEquals(byField, outcome(() -> Kpis.run(sums(), schema, records, Parallelism.none(),
        FusedDayKernel.Limits.DEFAULT, null, Kpis.RowRead.FUSED)));
    assertTrue(byField.toString().startsWith("IllegalArgumentException: field 'f2'"), byField.toString());
    assertEquals(1, schema.readers());
  }

  @Test
  void aQueryOfFewerRecordsThanABlockMakesNoReader() {
    List<Rec> records = ordinary(QueryEngine.BLOCK - 1);
    Schema<Rec> schema = schema(ORDINARY);
    Kpis.run(sums(), schema, records);
    assertEquals(0, schema.readers());
    Kpis.run(sums(), schema, ordinary(QueryEngine.BLOCK));
    assertEquals(1, schema.readers());
    Kpis.run(sums(), schema, ordinary(5 * QueryEngine.BLOCK), Parallelism.threads(2));
    assertEquals(1, schema.readers(), "one reader for every query and thread that reads the same fields");
  }
}
