package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Records of a query with the fused loop's shape are counted straight into the loop as they are
 * read ({@link RowReaderTemplate#fuse}), block after block once the first has laid the loop out;
 * a record the loop cannot take sends it and the rest of its block through the buffers. Either
 * way the table (and any error) is the one reading field by field gives.
 */
class FusedReadTest {
  private static final long START = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final int N = 5 * QueryEngine.BLOCK;
  private static final String[] CHANNELS = {"web", "app", "live", "shop"};
  /** A record in the middle of block 2, which the fused read takes. */
  private static final int AT = 2 * QueryEngine.BLOCK + 700;

  /** Daily orders, GMV, average order value, on-time and return rates and the p90 delay per channel. */
  private static KpiQuery shape() {
    return shape("(shippedAt - createdAt) // 1h").build();
  }

  private static KpiQuery.Builder shape(String delay) {
    return KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
            kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy"))),
            EcommerceKpis.returnRate(), kpi("p90", Measure.quantile("delayHours", 0.9)))
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse(delay))
        .addGroupBy("channel");
  }

  /** The fields of {@link FusedLoopProperties.Data#schema}, the amount read by {@code amount}. */
  private static Schema.Builder<Integer> fields(FusedLoopProperties.Data d, java.util.function.ToLongFunction<Integer> amount) {
    return Schema.<Integer>builder()
        .instant("createdAt", i -> instant(d.created()[i]))
        .instant("promisedShipBy", i -> instant(d.promised()[i]))
        .instant("shippedAt", i -> instant(d.shipped()[i]))
        .longField("amountCents", amount)
        .booleanField("returned", i -> d.returned()[i])
        .dimension("channel", i -> d.channel()[i] < 0 ? null : CHANNELS[d.channel()[i]]);
  }

  /**
   * {@code d}'s fields, where the instant fails at record {@code createdAt}, the amount at
   * {@code amount} and the channel at {@code channel} (-1: never), each with its own exception.
   */
  private static Schema<Integer> failingAt(FusedLoopProperties.Data d, int createdAt, int amount, int channel) {
    return Schema.<Integer>builder()
        .instant("createdAt", i -> {
          if (i == createdAt) {
            throw new IllegalStateException("no instant for record " + i);
          }
          return instant(d.created()[i]);
        })
        .instant("promisedShipBy", i -> instant(d.promised()[i]))
        .instant("shippedAt", i -> instant(d.shipped()[i]))
        .longField("amountCents", i -> {
          if (i == amount) {
            throw new IllegalArgumentException("no amount for record " + i);
          }
          return d.amounts()[i];
        })
        .booleanField("returned", i -> d.returned()[i])
        .dimension("channel", i -> {
          if (i == channel) {
            throw new UnsupportedOperationException("no channel for record " + i);
          }
          return CHANNELS[d.channel()[i]];
        }).build();
  }

  private static Instant instant(long millis) {
    return millis == ColumnBatch.ABSENT ? null : Instant.ofEpochMilli(millis);
  }

  /** Clean orders over 20 days in three of the four channels, changed by {@code change}. */
  private static FusedLoopProperties.Data orders(Consumer<FusedLoopProperties.Data> change) {
    FusedLoopProperties.Data data = FusedLoopProperties.data(new SplittableRandom(7), N, 0);
    for (int i = 0; i < N; i++) {
      data.created()[i] = START + i % 20 * DAY + i % 1000 * 60_000L;
      data.promised()[i] = data.created()[i] + 48 * HOUR;
      data.shipped()[i] = data.created()[i] + (1 + i % 96) * HOUR;
      data.channel()[i] = i % 3;
    }
    change.accept(data);
    return data;
  }

  /** The table, or the type and message of the failure that refused it. */
  private static Object outcome(java.util.function.Supplier<KpiTable> run) {
    try {
      return run.get();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** The outcome of the benchmark's query over {@code data} read through {@code schema} field by field. */
  private static Object byFieldOutcome(Schema<Integer> schema, FusedLoopProperties.Data data) {
    return outcome(() -> Kpis.run(shape(), schema, data.indexes(), Parallelism.none(), null, null,
        Kpis.RowRead.BY_FIELD));
  }

  /** Every record of blocks 1 to 4, which the fused read takes whole on clean data. */
  private static final long AFTER_THE_FIRST = 4 * QueryEngine.BLOCK;
  /** Those, less block 2's records from {@link #AT} on. */
  private static final long UP_TO_AT = AFTER_THE_FIRST - (3 * QueryEngine.BLOCK - AT);

  /**
   * Runs {@code query} over {@code data}'s rows read each way, checks that every way gives the
   * outcome of field by field without the fused loop, and returns the records counted (or
   * skipped) straight into the loop as read.
   */
  private static long countedAsRead(KpiQuery query, FusedLoopProperties.Data data) {
    return countedAsRead(query, data, data.schema());
  }

  private static long countedAsRead(KpiQuery query, FusedLoopProperties.Data data, Schema<Integer> schema) {
    List<Integer> rows = data.indexes();
    Object expected = outcome(() -> Kpis.run(query, schema, rows, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD));
    for (Kpis.RowRead read : Kpis.RowRead.values()) {
      assertEquals(expected, outcome(() -> Kpis.run(query, schema, rows, Parallelism.none(),
          FusedDayKernel.Limits.DEFAULT, null, read)), read.toString());
    }
    assertEquals(expected, outcome(() -> Kpis.run(query, schema, rows, Parallelism.threads(2).withCuts(AT),
        FusedDayKernel.Limits.DEFAULT, null, Kpis.RowRead.FUSED)), "split mid-block");
    LongAdder asRead = new LongAdder();
    assertEquals(expected, outcome(() -> Kpis.run(query, schema, rows, Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
        null, Kpis.RowRead.FUSED, asRead)));
    return asRead.sum();
  }

  @Test
  void everyBlockAfterTheOneThatLaysTheLoopOutIsCountedAsRead() {
    FusedLoopProperties.Data data = orders(d -> {});
    assertEquals(AFTER_THE_FIRST, countedAsRead(shape(), data));
    LongAdder fused = new LongAdder();
    LongAdder asRead = new LongAdder();
    Kpis.run(shape(), data.schema(), data.indexes(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused,
        Kpis.RowRead.FUSED, asRead);
    assertEquals(5, fused.sum(), "the first block takes the loop through the buffers");
    assertEquals(AFTER_THE_FIRST, asRead.sum());
    LongAdder buffered = new LongAdder();
    Kpis.run(shape(), data.schema(), data.indexes(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT, null,
        Kpis.RowRead.BY_RECORD, buffered);
    assertEquals(0, buffered.sum(), "read into the buffers, nothing is counted as read");
  }

  @Test
  void aRecordTheLoopCannotTakeSendsTheRestOfItsBlockThroughTheBuffers() {
    List<Consumer<FusedLoopProperties.Data>> faults = List.of(
        d -> d.created()[AT] = START + 30 * DAY, // a day past the layout's: the buffers widen it
        d -> d.created()[AT] = START - 400 * DAY, // before: likewise
        d -> d.channel()[AT] = 3, // a channel past the layout's cells
        d -> d.amounts()[AT] = 1L << 40, // a sum's value too large for the local sums
        d -> d.amounts()[AT] = -(1L << 40),
        d -> d.shipped()[AT] = 1L << 61, // a comparison's value too large to subtract
        d -> d.promised()[AT] = -(1L << 61),
        d -> d.shipped()[AT] = d.created()[AT] + (1L << 50), // a difference too large for the divisor
        d -> d.shipped()[AT] = d.created()[AT] - (1L << 50));
    for (int f = 0; f < faults.size(); f++) {
      long asRead = countedAsRead(shape(), orders(faults.get(f)));
      assertEquals(UP_TO_AT, asRead, "fault " + f + ": blocks 1, 3 and 4 are counted as read, block 2 up to the fault");
    }
  }

  @Test
  void recordsWithoutAnInstantOrOutsideTheRangeAreSkippedAndCountedAsThePassesCountThem() {
    KpiQuery ranged = shape("(shippedAt - createdAt) // 1h")
        .range(TimeRange.of(Instant.ofEpochMilli(START + 3 * DAY), Instant.ofEpochMilli(START + 9 * DAY))).build();
    FusedLoopProperties.Data data = orders(d -> {
      for (int i = 0; i < N; i += 97) {
        d.created()[i] = ColumnBatch.ABSENT;
      }
      // the first block lays the loop out over its days in the range: not over this one's, eight
      // years before, which would make more counters than a layout may have
      d.created()[5] = START - 3000 * DAY;
    });
    assertEquals(AFTER_THE_FIRST, countedAsRead(ranged, data));
    KpiTable table = Kpis.run(ranged, data.schema(), data.indexes());
    assertTrue(table.skippedNoTime() > 0 && table.skippedOutOfRange() > N / 2, table.toString());
    // and absent values of the other fields, as the passes treat them
    FusedLoopProperties.Data gaps = orders(d -> {
      for (int i = 0; i + 11 < N; i += 31) {
        d.shipped()[i] = ColumnBatch.ABSENT;
        d.amounts()[i + 7] = ColumnBatch.ABSENT;
        d.promised()[i + 11] = ColumnBatch.ABSENT;
      }
    });
    assertEquals(AFTER_THE_FIRST, countedAsRead(shape(), gaps));
  }

  @Test
  void aSkippedRecordWhoseValuesThePassesRefuseFailsTheQueryAsThePassesDo() {
    // no instant, so the record is skipped; but its delay, computed before any record is skipped,
    // overflows
    KpiQuery query = shape("(shippedAt - promisedShipBy) // 1h").build();
    FusedLoopProperties.Data data = orders(d -> {
      d.created()[AT] = ColumnBatch.ABSENT;
      d.shipped()[AT] = Long.MAX_VALUE - 1;
      d.promised()[AT] = -(1L << 62);
    });
    Object outcome = outcome(() -> Kpis.run(query, data.schema(), data.indexes()));
    assertTrue(outcome instanceof String s && s.startsWith("ArithmeticException"), outcome.toString());
    countedAsRead(query, data);
  }

  @Test
  void anExtractorThatFailsInAFusedReadFailsAsReadFieldByField() {
    FusedLoopProperties.Data data = orders(d -> {});
    Schema<Integer> failing = fields(data, i -> {
      if (i == AT) {
        throw new IllegalStateException("no amount for record " + i);
      }
      return data.amounts()[i];
    }).build();
    Object byField = byFieldOutcome(failing, data);
    assertEquals("IllegalStateException: no amount for record " + AT, byField);
    assertEquals(byField, outcome(() -> Kpis.run(shape(), failing, data.indexes())));
    // several fields failing a few records apart: the failure reading field by field meets first,
    // whichever the fused read meets first
    for (int[] at : new int[][] {{AT, AT + 3, AT + 6}, {AT + 6, AT + 3, AT}, {AT + 3, AT, AT + 6}}) {
      Schema<Integer> several = failingAt(data, at[0], at[1], at[2]);
      Object first = byFieldOutcome(several, data);
      assertTrue(first instanceof String, first.toString());
      assertEquals(first, outcome(() -> Kpis.run(shape(), several, data.indexes())), Arrays.toString(at));
    }
  }

  @Test
  void anInstantTooFarFromNineteenSeventyInAFusedReadIsNamedAsReadFieldByField() {
    FusedLoopProperties.Data data = orders(d -> {});
    Schema<Integer> far = Schema.<Integer>builder()
        .instant("createdAt", i -> i == AT ? Instant.MAX : instant(data.created()[i]))
        .instant("promisedShipBy", i -> instant(data.promised()[i]))
        .instant("shippedAt", i -> instant(data.shipped()[i]))
        .longField("amountCents", i -> data.amounts()[i])
        .booleanField("returned", i -> data.returned()[i])
        .dimension("channel", i -> CHANNELS[data.channel()[i]]).build();
    ArithmeticException byField = assertThrows(ArithmeticException.class, () -> Kpis.run(shape(), far,
        data.indexes(), Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD));
    assertTrue(byField.getMessage().contains("field 'createdAt' of a record"), byField.getMessage());
    ArithmeticException fused = assertThrows(ArithmeticException.class, () -> Kpis.run(shape(), far, data.indexes()));
    assertEquals(byField.getMessage(), fused.getMessage());
  }

  @Test
  void everyFieldOfEveryRecordIsReadOnceWhereTheFusedReadStops() {
    for (Consumer<FusedLoopProperties.Data> fault : List.<Consumer<FusedLoopProperties.Data>>of(d -> {},
        d -> d.channel()[AT] = 3, d -> d.created()[AT] = START + 30 * DAY,
        d -> d.created()[2 * QueryEngine.BLOCK] = START + 40 * DAY, d -> d.amounts()[AT] = 1L << 45)) {
      FusedLoopProperties.Data data = orders(fault);
      long[] calls = new long[6];
      Schema<Integer> counting = Schema.<Integer>builder()
          .instant("createdAt", i -> {
            calls[0]++;
            return instant(data.created()[i]);
          })
          .instant("promisedShipBy", i -> {
            calls[1]++;
            return instant(data.promised()[i]);
          })
          .instant("shippedAt", i -> {
            calls[2]++;
            return instant(data.shipped()[i]);
          })
          .longField("amountCents", i -> {
            calls[3]++;
            return data.amounts()[i];
          })
          .booleanField("returned", i -> {
            calls[4]++;
            return data.returned()[i];
          })
          .dimension("channel", i -> {
            calls[5]++;
            return CHANNELS[data.channel()[i]];
          }).build();
      KpiTable table = Kpis.run(shape(), counting, data.indexes());
      long[] once = new long[6];
      Arrays.fill(once, N);
      assertEquals(Arrays.toString(once), Arrays.toString(calls));
      assertEquals(Kpis.run(shape(), data.schema(), data.indexes(), Parallelism.none(), null, null,
          Kpis.RowRead.BY_FIELD), table);
    }
  }

  @Test
  void aFailureAfterTheFusedReadStoppedIsTheOneReadingFieldByFieldMeetsFirst() {
    // block 2 stops at AT (record 700 of its block: a day past the layout's); the rest is read
    // into the buffers. Field by field reads runs of 256 records from the block's start, each
    // field over a run before the next: a failure at AT + 60 (record 760, run 512-767) comes
    // before one at AT + 100 (800, run 768-1023) whichever field fails, where runs counted from
    // the stop (701-956) would hold both and meet the first field's first
    FusedLoopProperties.Data data = orders(d -> d.created()[AT] = START + 30 * DAY);
    for (int[] at : new int[][] {{AT + 100, AT + 60}, {AT + 60, AT + 100}, {AT + 200, AT + 1}, {AT + 1, AT + 200}}) {
      Schema<Integer> failing = failingAt(data, at[0], at[1], -1);
      Object byField = byFieldOutcome(failing, data);
      assertTrue(byField instanceof String, byField.toString());
      assertEquals(byField, outcome(() -> Kpis.run(shape(), failing, data.indexes())), Arrays.toString(at));
    }
  }

  @Test
  void sumsOfManyLargeAmountsInOneGroupStayExactAcrossFlushes() {
    // 9 million orders of 2^40 - 1 cents, one day and channel: more than a long holds in total,
    // so the engine refuses the sum; the fused read must flush its local sums before they wrap
    Instant day = Instant.ofEpochMilli(START);
    Schema<Object> schema = Schema.builder().instant("createdAt", o -> day)
        .longField("amountCents", o -> (1L << 40) - 1).dimension("channel", o -> "web").build();
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv()).timeField("createdAt")
        .grain(Grain.DAY).addGroupBy("channel").build();
    Iterable<Object> orders = java.util.Collections.nCopies(9_000_000, new Object())::iterator; // read as it comes
    LongAdder asRead = new LongAdder();
    Object fused = outcome(() -> Kpis.run(query, schema, orders, Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
        null, Kpis.RowRead.FUSED, asRead));
    assertTrue(fused instanceof String s && s.startsWith("ArithmeticException"), fused.toString());
    assertTrue(asRead.sum() > 8_000_000, "counted as read: " + asRead.sum());
    assertEquals(outcome(() -> Kpis.run(query, schema, orders, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD)),
        fused);
  }

  @Test
  void aFusedReaderTakesOnlyRolesThatAreLanesOfItsFields() {
    FusedLoopProperties.Data data = orders(d -> {});
    // createdAt, promisedShipBy, shippedAt, amountCents, returned, channel
    List<Schema.Field<Integer>> fields = new ArrayList<>(data.schema().fields().values()).subList(0, 6);
    int[] roles = roles();
    assertTrue(RowReaders.define(fields, roles).isPresent());
    int[] all = roles.clone();
    all[RowReaders.KIND0] = FusedDayKernel.COMPARE;
    all[RowReaders.LEFT0] = 2;
    all[RowReaders.RIGHT0] = 1;
    all[RowReaders.KIND1] = FusedDayKernel.FLAG;
    all[RowReaders.LEFT1] = 4;
    all[RowReaders.SUM] = 3;
    all[RowReaders.QUANTILE_LEFT] = 2;
    all[RowReaders.QUANTILE_RIGHT] = 0;
    assertTrue(RowReaders.define(fields, all).isPresent());
    List<java.util.function.Consumer<int[]>> wrong = List.of(
        r -> r[RowReaders.TIME] = 6, // past the fields
        r -> r[RowReaders.TIME] = 3, // a whole number, not an instant
        r -> r[RowReaders.TIME] = -1,
        r -> r[RowReaders.CODE] = 0, // an instant, not a dimension
        r -> r[RowReaders.KIND1] = 3, // no such kind
        r -> r[RowReaders.LEFT1] = 3, // a whole number, not a yes/no field, for a flag
        r -> r[RowReaders.RIGHT1] = 4, // a flag has no right field
        r -> r[RowReaders.RIGHT0] = -1, // a comparison without its right field
        r -> r[RowReaders.LEFT0] = 5, // a dimension in a comparison
        r -> r[RowReaders.SUM] = 4, // a sum of yes/no values
        r -> {
          r[RowReaders.QUANTILE_LEFT] = -1; // a right field without a left one
        });
    for (int k = 0; k < wrong.size(); k++) {
      int[] bad = all.clone();
      wrong.get(k).accept(bad);
      assertThrows(IllegalArgumentException.class, () -> RowReaders.define(fields, bad), "case " + k);
    }
    int[] noneWithField = roles.clone();
    noneWithField[RowReaders.LEFT0] = 1;
    assertThrows(IllegalArgumentException.class, () -> RowReaders.define(fields, noneWithField));
    assertThrows(IllegalArgumentException.class, () -> RowReaders.define(fields, new int[RowReaders.ROLES - 1]));
    Schema<Integer> decimal = Schema.<Integer>builder().doubleField("weight", i -> 1.5).build();
    assertThrows(IllegalArgumentException.class,
        () -> RowReaders.define(new ArrayList<>(decimal.fields().values()), roles));
    RowReaders.Reader plain = RowReaders.define(fields).orElseThrow();
    assertThrows(IllegalStateException.class, () -> plain.fuse(new Object[1], 0, 1, null, new Slot[3]));
  }

  @Test
  void aGroupWithHundredsOfRecordsOfOneQuantileValueKeepsItsCounts() {
    // one day and channel: 6,000 delays of 5 h, then 4,240 of 9 h (a median of 5 h); the loop's counts of a value
    // pass what the engine's table keeps per cell (254), which must move them on, not wrap
    FusedLoopProperties.Data data = orders(d -> {
      for (int i = 0; i < N; i++) {
        d.created()[i] = START + i * 1000L;
        d.shipped()[i] = d.created()[i] + (i < 6000 ? 5 : 9) * HOUR;
        d.channel()[i] = 0;
      }
    });
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), kpi("p50", Measure.quantile("delayHours", 0.5)))
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel").build();
    LongAdder asRead = new LongAdder();
    KpiTable rows = Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
        null, Kpis.RowRead.FUSED, asRead);
    assertEquals(AFTER_THE_FIRST, asRead.sum());
    KpiRow row = rows.rows().get(0);
    assertEquals(java.util.OptionalDouble.of(N), row.cell("orders").orElseThrow().value(), rows.toString());
    assertEquals(java.util.OptionalDouble.of(5), row.cell("p50").orElseThrow().value(), rows.toString());
    assertEquals(Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(), null, null,
        Kpis.RowRead.BY_FIELD), rows);
    LongAdder fused = new LongAdder();
    assertEquals(rows, Kpis.run(query, data.batch(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused));
    assertEquals(5, fused.sum());
  }

  @Test
  void limitsThatFlushAtEveryBlockGiveTheSameTable() {
    FusedLoopProperties.Data data = orders(d -> {
      for (int i = 0; i < N; i += 13) {
        d.shipped()[i] = d.created()[i] + 5000 * HOUR; // outside the quantile's table: spilled
      }
    });
    Object expected = Kpis.run(shape(), data.schema(), data.indexes(), Parallelism.none(), null, null,
        Kpis.RowRead.BY_FIELD);
    for (FusedDayKernel.Limits limits : List.of(new FusedDayKernel.Limits(1, 0),
        new FusedDayKernel.Limits(1L << 45, 100))) {
      LongAdder asRead = new LongAdder();
      assertEquals(expected, Kpis.run(shape(), data.schema(), data.indexes(), Parallelism.none(), limits, null,
          Kpis.RowRead.FUSED, asRead), limits.toString());
      assertEquals(AFTER_THE_FIRST, asRead.sum(), limits.toString());
    }
  }

  @Test
  void aQueryOutsideTheShapeOrOfMoreFieldsThanAReaderTakesIsReadIntoTheBuffers() {
    FusedLoopProperties.Data data = orders(d -> {});
    // a decimal: the loop has no place for it, so the query is not of its shape
    Schema<Integer> withDecimal = fields(data, i -> data.amounts()[i]).doubleField("weight", i -> i % 7 * 0.5).build();
    KpiQuery decimal = shape("(shippedAt - createdAt) // 1h").addKpis(kpi("weight", Measure.mean("weight"))).build();
    assertEquals(0, countedAsRead(decimal, data, withDecimal));
    // the most fields the shape reads: an instant, a dimension, two comparisons of two fields each,
    // a sum and a quantile of a difference of two fields; nine do not fit a reader's eight lanes
    Schema<Integer> wide = fields(data, i -> data.amounts()[i])
        .longField("f1", i -> i % 11).longField("f2", i -> i % 13)
        .instant("f3", i -> instant(data.shipped()[i])).instant("f4", i -> instant(data.promised()[i])).build();
    KpiQuery eight = twoComparisons("(f3 - createdAt) // 1h");
    KpiQuery nine = twoComparisons("(f3 - f4) // 1h");
    assertEquals(0, countedAsRead(nine, data, wide), "nine fields");
    assertEquals(AFTER_THE_FIRST, countedAsRead(eight, data, wide), "eight fields");
  }

  @Test
  void aSchemaKeepsItsFusedReaderApartFromItsPlainOne() {
    FusedLoopProperties.Data data = orders(d -> {});
    Schema<Integer> schema = data.schema();
    Kpis.run(shape(), schema, data.indexes());
    assertEquals(2, schema.readers(), "one reader into the buffers, one with the loop's roles");
    Kpis.run(shape(), schema, data.indexes());
    assertEquals(2, schema.readers(), "kept for the next query");
    List<Schema.Field<Integer>> fields = new ArrayList<>(schema.fields().values()).subList(0, 6);
    int[] roles = roles();
    RowReaders.Reader plain = schema.reader(fields).orElseThrow();
    RowReaders.Reader fused = schema.reader(fields, roles).orElseThrow();
    assertNotSame(plain, fused);
    assertSame(fused, schema.reader(fields, roles.clone()).orElseThrow());
  }

  /** Orders, GMV, on-time rate, the share of f1 below f2 and the p90 of {@code delay}, daily per channel. */
  private static KpiQuery twoComparisons(String delay) {
    return KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(),
            kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy"))),
            kpi("f1-below", Measure.share(Condition.compareFields("f1", Comparison.LT, "f2"))),
            kpi("p90", Measure.quantile("delayHours", 0.9)))
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse(delay))
        .addGroupBy("channel").build();
  }

  /** The fewest roles: the instant in lane 0, the dimension in lane 5, no mask, sum or quantile. */
  private static int[] roles() {
    int[] roles = new int[RowReaders.ROLES];
    Arrays.fill(roles, -1);
    roles[RowReaders.TIME] = 0;
    roles[RowReaders.CODE] = 5;
    roles[RowReaders.KIND0] = FusedDayKernel.NONE;
    roles[RowReaders.KIND1] = FusedDayKernel.NONE;
    return roles;
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }
}
