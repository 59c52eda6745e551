package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fused loop of the common shape ({@link FusedDayKernel}) gives the table the engine's passes
 * give, over batches of several blocks whose blocks are clean or not (absent values, sums near
 * the range of a long, delays beyond any table, instants outside the range), for the shape's
 * variations and for queries just outside it; on one thread and split over threads.
 */
class FusedLoopProperties {
  private static final long START = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final String[] CHANNELS = {"web", "app", "live", "shop"};
  private static final String[] MEMBERS = {"ana", "bo", "cy"};
  private static final LongAdder FUSED = new LongAdder(); // queries in which the fused loop ran
  private static final LongAdder ROWS_FUSED = new LongAdder(); // queries over rows in which it ran
  private static final LongAdder AS_READ = new LongAdder(); // queries over rows with a block counted as read
  private static final LongAdder QUERIES = new LongAdder();

  @Test
  void theFusedLoopGivesTheTableOfTheEnginesPasses() {
    // limits that make the kernel flush between blocks: its local sums, and its spilled quantile values
    Gen<FusedDayKernel.Limits> limits = pick(FusedDayKernel.Limits.DEFAULT, new FusedDayKernel.Limits(1L << 27, 100),
        new FusedDayKernel.Limits(1, 0));
    qt().forAll(seeds(), seeds(), ints(1, 3), limits).checkAssert((dataSeed, querySeed, threads, limit) -> {
      Data data = data(new SplittableRandom(dataSeed));
      ColumnBatch batch = data.batch();
      KpiQuery query = query(new SplittableRandom(querySeed));
      LongAdder fused = new LongAdder();
      Object expected = outcome(() -> Kpis.run(query, batch, Parallelism.none(), null, null));
      Object got = outcome(() -> Kpis.run(query, batch, Parallelism.none(), limit, fused));
      assertEquals(expected, got, () -> "data seed " + dataSeed + ", query " + query);
      Parallelism split = Parallelism.threads(threads).withCuts(1000, 2048 * 2 + 5, 9000);
      assertEquals(expected, outcome(() -> Kpis.run(query, batch, split, limit, null)),
          () -> "split, data seed " + dataSeed);
      // records read through a schema: with and without the loop, alone and split
      List<Integer> rows = data.indexes();
      LongAdder rowsFused = new LongAdder();
      assertEquals(expected, outcome(() -> Kpis.run(query, data.schema(), rows, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD)),
          () -> "rows, data seed " + dataSeed);
      LongAdder asRead = new LongAdder();
      assertEquals(expected, outcome(() -> Kpis.run(query, data.schema(), rows, Parallelism.none(), limit, rowsFused,
          Kpis.RowRead.FUSED, asRead)),
          () -> "rows fused, data seed " + dataSeed + ", query " + query);
      // read record by record into the block buffers, not counted straight into the loop
      assertEquals(expected, outcome(() -> Kpis.run(query, data.schema(), rows, Parallelism.none(), limit, null,
          Kpis.RowRead.BY_RECORD)), () -> "rows fused, read into the buffers, data seed " + dataSeed);
      assertEquals(expected, outcome(() -> Kpis.run(query, data.schema(), rows, split, limit, null, Kpis.RowRead.FUSED)),
          () -> "rows fused and split, data seed " + dataSeed);
      // bounds found by reading field by field, not by a record-by-record reader
      assertEquals(expected, outcome(() -> Kpis.run(query, data.schema(), rows, Parallelism.none(), limit, null, Kpis.RowRead.BY_FIELD)),
          () -> "rows fused, read field by field, data seed " + dataSeed);
      FUSED.add(fused.sum() > 0 ? 1 : 0);
      ROWS_FUSED.add(rowsFused.sum() > 0 ? 1 : 0);
      AS_READ.add(asRead.sum() > 0 ? 1 : 0);
      QUERIES.increment();
    });
    // the property is about the fused loop: it must have run in a fair share of the queries (about
    // a quarter have the shape and a clean block)
    assertTrue(FUSED.sum() > 0 && FUSED.sum() * 10 >= QUERIES.sum(),
        "the fused loop ran in " + FUSED.sum() + " of " + QUERIES.sum() + " queries");
    assertTrue(ROWS_FUSED.sum() > 0 && ROWS_FUSED.sum() * 10 >= QUERIES.sum(),
        "the fused loop ran on rows in " + ROWS_FUSED.sum() + " of " + QUERIES.sum() + " queries");
    // about 7% of the queries read a second block of rows in the shape, which the fused read takes
    // (FusedReadTest checks its cases one by one)
    assertTrue(AS_READ.sum() > 0 && AS_READ.sum() * 50 >= QUERIES.sum(),
        "rows were counted into the loop as read in " + AS_READ.sum() + " of " + QUERIES.sum() + " queries");
  }

  @Test
  void theBenchmarksShapeOverCleanRecordsTakesTheFusedLoopForEveryBlock() {
    SplittableRandom random = new SplittableRandom(1);
    Data data = data(random, 10_000, 0);
    ColumnBatch batch = data.batch();
    KpiQuery query = benchmarkShape();
    LongAdder fused = new LongAdder();
    KpiTable got = Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused);
    assertEquals(Kpis.run(query, batch, Parallelism.none(), null, null), got);
    assertEquals((10_000 + QueryEngine.BLOCK - 1) / QueryEngine.BLOCK, fused.sum());
    LongAdder rowsFused = new LongAdder();
    assertEquals(got, Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT,
        rowsFused, Kpis.RowRead.FUSED));
    assertEquals((10_000 + QueryEngine.BLOCK - 1) / QueryEngine.BLOCK, rowsFused.sum());
  }

  @Test
  void blocksWithAbsentValuesTakeTheFusedLoopAndCountThemAsThePassesDoOverBatchesAndObjects() {
    // unshipped orders, orders without an amount or a promise, and some without an instant, in
    // every block: each block still takes the loop, which counts them as the passes do
    SplittableRandom random = new SplittableRandom(5);
    Data data = data(random, 10_000, 0);
    int noTime = 0;
    for (int i = 7; i < 10_000; i += 97) {
      switch (i % 4) {
        case 0 -> data.shipped()[i] = ColumnBatch.ABSENT;
        case 1 -> data.amounts()[i] = ColumnBatch.ABSENT;
        case 2 -> data.promised()[i] = ColumnBatch.ABSENT;
        default -> {
          data.created()[i] = ColumnBatch.ABSENT;
          noTime++;
        }
      }
    }
    ColumnBatch batch = data.batch();
    KpiQuery query = benchmarkShape();
    LongAdder fused = new LongAdder();
    KpiTable got = Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused);
    assertEquals(Kpis.run(query, batch, Parallelism.none(), null, null), got);
    assertEquals((10_000 + QueryEngine.BLOCK - 1) / QueryEngine.BLOCK, fused.sum());
    assertEquals(noTime, got.skippedNoTime());
    // the same records as objects, read record by record and field by field
    for (Kpis.RowRead byRecord : Kpis.RowRead.values()) {
      LongAdder rowsFused = new LongAdder();
      assertEquals(got, Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(),
          FusedDayKernel.Limits.DEFAULT, rowsFused, byRecord), "by record: " + byRecord);
      assertEquals((10_000 + QueryEngine.BLOCK - 1) / QueryEngine.BLOCK, rowsFused.sum(), "by record: " + byRecord);
    }
  }

  @Test
  void blocksWhereAFieldIsAbsentThroughoutGiveThePassesTable() {
    // block 0 without any instant (the passes take it), block 1 without any shipping time (no
    // value to lay the quantile's table out by: the passes take it too), block 2 without any
    // amount, block 3 clean; over batches and objects
    int n = 4 * QueryEngine.BLOCK;
    Data data = data(new SplittableRandom(11), n, 0);
    for (int i = 0; i < QueryEngine.BLOCK; i++) {
      data.created()[i] = ColumnBatch.ABSENT;
      data.shipped()[QueryEngine.BLOCK + i] = ColumnBatch.ABSENT;
      data.amounts()[2 * QueryEngine.BLOCK + i] = ColumnBatch.ABSENT;
    }
    KpiQuery query = KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
            kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy"))),
            kpi("p90", Measure.quantile("delayHours", 0.9)))
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel").build();
    KpiTable passes = Kpis.run(query, data.batch(), Parallelism.none(), null, null);
    assertEquals(QueryEngine.BLOCK, passes.skippedNoTime());
    LongAdder fused = new LongAdder();
    assertEquals(passes, Kpis.run(query, data.batch(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused));
    assertEquals(2, fused.sum(), "blocks 2 and 3 take the loop");
    for (Kpis.RowRead byRecord : Kpis.RowRead.values()) {
      LongAdder rowsFused = new LongAdder();
      assertEquals(passes, Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(),
          FusedDayKernel.Limits.DEFAULT, rowsFused, byRecord), "by record: " + byRecord);
      assertEquals(2, rowsFused.sum(), "by record: " + byRecord);
    }
  }

  @Test
  void aSumOverFusedAndCheckedBlocksFailsWhenReadAsTheCheckedPassesAlone() {
    // block 0 is clean for the fused loop (values below 2^40); blocks 1 and 2 hold values of 2^61,
    // which only the passes take; all in one day and channel, whose total passes a long
    int n = 3 * QueryEngine.BLOCK;
    long[] created = new long[n];
    long[] amounts = new long[n];
    int[] channel = new int[n];
    java.util.Arrays.fill(created, START);
    java.util.Arrays.fill(amounts, 0, QueryEngine.BLOCK, (1L << 40) - 1);
    java.util.Arrays.fill(amounts, QueryEngine.BLOCK, n, 1L << 61);
    ColumnBatch batch = ColumnBatch.builder(n).instants("createdAt", created).longs("amountCents", amounts)
        .dimension("channel", channel, CHANNELS).build();
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv()).timeField("createdAt")
        .grain(Grain.DAY).addGroupBy("channel").build();
    LongAdder fused = new LongAdder();
    ArithmeticException passes = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, batch, Parallelism.none(), null, null));
    ArithmeticException mixed = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused));
    assertEquals(1, fused.sum());
    assertEquals(passes.getMessage(), mixed.getMessage());
    // and a total that comes back into range is exact either way
    java.util.Arrays.fill(amounts, 2 * QueryEngine.BLOCK, n, -(1L << 61));
    ColumnBatch back = ColumnBatch.builder(n).instants("createdAt", created).longs("amountCents", amounts)
        .dimension("channel", channel, CHANNELS).build();
    assertEquals(Kpis.run(query, back, Parallelism.none(), null, null),
        Kpis.run(query, back, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, null));
  }

  @Test
  void aQueryWhoseDaysAndDictionaryWouldMakeTooManyCountersTakesThePasses() {
    // two instants 2 * 10^18 ms apart: 2.3 * 10^10 days, which no layout holds
    long[] created = {-1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L};
    long[] amounts = {5, 7};
    int[] channel = {0, 1};
    ColumnBatch batch = ColumnBatch.builder(2).instants("createdAt", created).longs("amountCents", amounts)
        .dimension("channel", channel, CHANNELS).build();
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), kpi("p90", Measure.quantile("amountCents", 0.9)))
        .timeField("createdAt").grain(Grain.DAY).addGroupBy("channel").build();
    LongAdder fused = new LongAdder();
    assertEquals(Kpis.run(query, batch, Parallelism.none(), null, null),
        Kpis.run(query, batch, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, fused));
    assertEquals(0, fused.sum());
  }

  @Test
  void rowsWhoseFirstBlockLiesOutsideTheRangeTakeTheFusedLoopFromTheFirstBlockInside() {
    // block 0 a year before the query's range, blocks 1 to 3 in it: the layout starts at block 1's
    // days, not at block 0's, and the fused loop takes the three blocks
    int n = 4 * QueryEngine.BLOCK;
    Data data = data(new SplittableRandom(3), n, 0);
    for (int i = 0; i < QueryEngine.BLOCK; i++) {
      data.created()[i] = START - 365 * 86_400_000L;
    }
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(),
            kpi("p90", Measure.quantile("amountCents", 0.9)))
        .timeField("createdAt").grain(Grain.DAY)
        .range(TimeRange.of(Instant.ofEpochMilli(START), Instant.ofEpochMilli(START + 80 * 86_400_000L)))
        .addGroupBy("channel").build();
    LongAdder rowsFused = new LongAdder();
    assertEquals(Kpis.run(query, data.batch(), Parallelism.none(), null, null),
        Kpis.run(query, data.schema(), data.indexes(), Parallelism.none(), FusedDayKernel.Limits.DEFAULT, rowsFused,
            Kpis.RowRead.FUSED));
    assertEquals(3, rowsFused.sum());
  }

  @Test
  void rowsWhoseDaysOutgrowTheRoomToGrowKeepTheFusedLoopWhenTheExactLayoutFits() {
    // a quantile and one channel: 1,200 days fit the loop's counters, and so do 1,301, but not
    // the 2,400 that doubling the layout for room would ask for
    int n = 2 * QueryEngine.BLOCK;
    long[] created = new long[n];
    long[] amounts = new long[n];
    int[] channel = new int[n];
    for (int i = 0; i < QueryEngine.BLOCK; i++) {
      created[i] = START + (long) (i % 1200) * 86_400_000L;
      created[QueryEngine.BLOCK + i] = START + (1200L + i % 101) * 86_400_000L;
    }
    for (int i = 0; i < n; i++) {
      amounts[i] = 1 + i % 37;
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(i);
    }
    Schema<Integer> schema = Schema.<Integer>builder().instant("createdAt", i -> Instant.ofEpochMilli(created[i]))
        .longField("amountCents", i -> amounts[i]).dimension("channel", i -> CHANNELS[channel[i]]).build();
    KpiQuery query = KpiQuery.builder().addKpis(EcommerceKpis.orders(), kpi("p90", Measure.quantile("amountCents", 0.9)))
        .timeField("createdAt").grain(Grain.DAY).addGroupBy("channel").build();
    LongAdder rowsFused = new LongAdder();
    assertEquals(Kpis.run(query, schema, rows, Parallelism.none(), null, null, Kpis.RowRead.BY_FIELD),
        Kpis.run(query, schema, rows, Parallelism.none(), FusedDayKernel.Limits.DEFAULT, rowsFused, Kpis.RowRead.FUSED));
    assertEquals(2, rowsFused.sum());
  }

  /** The table, or the message of the overflow that refused it (sums of huge amounts may). */
  private static Object outcome(java.util.function.Supplier<KpiTable> run) {
    try {
      return run.get();
    } catch (ArithmeticException e) {
      return "refused: " + e.getMessage();
    }
  }

  /** Records as arrays: as a batch, or as the indexes of records read through a schema. */
  record Data(long[] created, long[] promised, long[] shipped, long[] amounts, boolean[] returned, int[] channel,
      int[] member) {
    ColumnBatch batch() {
      int n = created.length;
      return ColumnBatch.builder(n).instants("createdAt", created).instants("promisedShipBy", promised)
          .instants("shippedAt", shipped).longs("amountCents", amounts).booleans("returned", returned)
          .dimension("channel", channel, CHANNELS).dimension("member", member, MEMBERS).build();
    }

    List<Integer> indexes() {
      List<Integer> out = new ArrayList<>(created.length);
      for (int i = 0; i < created.length; i++) {
        out.add(i);
      }
      return out;
    }

    Schema<Integer> schema() {
      return Schema.<Integer>builder()
          .instant("createdAt", i -> instant(created[i]))
          .instant("promisedShipBy", i -> instant(promised[i]))
          .instant("shippedAt", i -> instant(shipped[i]))
          .longField("amountCents", i -> amounts[i])
          .booleanField("returned", i -> returned[i])
          .dimension("channel", i -> channel[i] < 0 ? null : CHANNELS[channel[i]])
          .dimension("member", i -> MEMBERS[member[i]])
          .build();
    }

    private static Instant instant(long millis) {
      return millis == ColumnBatch.ABSENT ? null : Instant.ofEpochMilli(millis);
    }
  }

  /** 1 to 7,000 records, each block clean or dirty at random. */
  static Data data(SplittableRandom random) {
    int n = random.nextInt(3) == 0 ? 1 + random.nextInt(300) : 1 + random.nextInt(7000);
    int dirt = random.nextInt(3); // 0: every block clean; 1: a few dirty records; 2: many
    return data(random, n, dirt);
  }

  static Data data(SplittableRandom random, int n, int dirt) {
    long[] created = new long[n];
    long[] promised = new long[n];
    long[] shipped = new long[n];
    long[] amounts = new long[n];
    boolean[] returned = new boolean[n];
    int[] channel = new int[n];
    int[] member = new int[n];
    boolean sorted = random.nextBoolean(); // orders in time, or not
    long days = 1 + random.nextInt(70);
    // channels that appear only in later blocks, so that a layout over rows must widen
    boolean growing = random.nextInt(3) == 0;
    for (int i = 0; i < n; i++) {
      created[i] = START + (sorted ? (long) i * days * 86_400_000L / n : random.nextLong(days * 86_400_000L));
      promised[i] = created[i] + 48 * HOUR;
      shipped[i] = created[i] + (random.nextInt(20) == 0 ? random.nextLong(-5 * HOUR, 2000 * HOUR)
          : (1 + random.nextInt(96)) * HOUR + random.nextInt(1000));
      amounts[i] = 500 + random.nextLong(50_000);
      returned[i] = random.nextInt(14) == 0;
      channel[i] = random.nextInt((growing ? Math.min(CHANNELS.length, 1 + i / 1500) : CHANNELS.length) + 1) - 1;
      member[i] = random.nextInt(MEMBERS.length);
      boolean dirty = dirt == 1 ? random.nextInt(3000) == 0 : dirt == 2 && random.nextInt(50) == 0;
      if (dirty) {
        switch (random.nextInt(7)) {
          case 0 -> created[i] = ColumnBatch.ABSENT;
          case 1 -> shipped[i] = ColumnBatch.ABSENT;
          case 2 -> amounts[i] = ColumnBatch.ABSENT;
          case 3 -> amounts[i] = random.nextBoolean() ? Long.MAX_VALUE / 3 : -(1L << 45);
          case 4 -> promised[i] = ColumnBatch.ABSENT;
          case 5 -> created[i] = START - 400 * 86_400_000L; // before any range the queries take
          default -> shipped[i] = Long.MAX_VALUE - 1;
        }
      }
    }
    return new Data(created, promised, shipped, amounts, returned, channel, member);
  }

  /** The shape's variations, and some queries just outside it. */
  static KpiQuery query(SplittableRandom random) {
    List<Kpi> kpis = new ArrayList<>();
    kpis.add(EcommerceKpis.orders());
    if (random.nextInt(4) > 0) {
      kpis.add(EcommerceKpis.gmv());
      if (random.nextBoolean()) {
        kpis.add(EcommerceKpis.averageOrderValue());
      }
    }
    Comparison[] ops = {Comparison.LT, Comparison.LE, Comparison.GT, Comparison.GE, Comparison.EQ};
    if (random.nextInt(4) > 0) {
      kpis.add(kpi("on-time", Measure.share(Condition.compareFields("shippedAt", ops[random.nextInt(ops.length)],
          "promisedShipBy"))));
    }
    if (random.nextInt(4) > 0) {
      kpis.add(kpi("kept", Measure.share(Condition.eq("returned", random.nextBoolean()))));
    }
    long[] divisors = {1, 2, 3, 7, 1000, HOUR, 86_400_000L};
    long divisor = divisors[random.nextInt(divisors.length)];
    int quantile = random.nextInt(4); // 0: none, 1: of the delay, 2: of the amount, 3: both (outside the shape)
    if (quantile == 1 || quantile == 3) {
      kpis.add(kpi("p90", Measure.quantile("delay", 0.9)));
    }
    if (quantile >= 2) {
      kpis.add(kpi("p50-amount", Measure.quantile("amountCents", 0.5)));
    }
    if (random.nextInt(10) == 0) {
      kpis.add(Kpi.builder().from(EcommerceKpis.orders()).id("web-orders").filter(Condition.eq("channel", "web"))
          .build()); // a filter: outside the shape
    }
    KpiQuery.Builder b = KpiQuery.builder().addAllKpis(kpis).timeField("createdAt")
        .grain(new Grain[] {Grain.DAY, Grain.DAY, Grain.ISO_WEEK, Grain.MONTH}[random.nextInt(4)])
        .zone(ZoneId.of(new String[] {"UTC", "UTC", "+05:30", "-09:45", "Europe/Berlin"}[random.nextInt(5)]))
        .putDerivedField("delay", Formula.parse("(shippedAt - createdAt) // " + divisor))
        .addGroupBy("channel");
    if (random.nextInt(3) == 0) {
      Instant from = Instant.ofEpochMilli(START + random.nextLong(20 * 86_400_000L));
      b.range(TimeRange.of(from, from.plus(Duration.ofMillis(1 + random.nextLong(40 * 86_400_000L)))));
    }
    if (random.nextInt(8) == 0) {
      b.addGroupBy("member"); // a second dimension: outside the shape
    } else if (random.nextInt(4) == 0) {
      b.rollup(Rollup.of("channel", "kind", java.util.Map.of("web", "online", "app", "online", "live", "stores")));
    }
    return b.build();
  }

  /** The benchmark's query: daily orders, GMV, average order value, on-time and return rates and p90 delay per channel. */
  private static KpiQuery benchmarkShape() {
    return KpiQuery.builder()
        .addKpis(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
            kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy"))),
            EcommerceKpis.returnRate(), kpi("p90", Measure.quantile("delayHours", 0.9)))
        .timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .addGroupBy("channel").build();
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }
}
