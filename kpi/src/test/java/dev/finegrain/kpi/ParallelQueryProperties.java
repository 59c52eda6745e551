package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.spread;
import static dev.finegrain.core.testing.Gens.subsets;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.Uninterruptibles;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A query split into parts aggregated on several threads gives the table one thread gives, for
 * every measure, roll-ups and time ranges included, however the records are split: bit for bit,
 * decimal sums, ratios and means of awkward decimals included.
 */
class ParallelQueryProperties {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  @AfterAll
  static void shutDown() {
    POOL.shutdownNow();
  }

  /** Every kind of measure: counts, whole sums and means, shares, ratios, quantiles, distincts, decimals. */
  private static final List<Kpi> KPIS = List.of(
      kpi("orders", Measure.count(), null),
      kpi("gmv", Measure.sum("amountCents"), null),
      kpi("web-gmv", Measure.sum("amountCents"), Condition.eq("channel", "web")),
      kpi("aov", Measure.mean("amountCents"), null),
      kpi("web-aov", Measure.mean("amountCents"), Condition.eq("channel", "web")),
      kpi("on-time", Measure.share(Condition.compareFields("shippedAt", Comparison.LE,
          "promisedShipBy")), null),
      kpi("big-share", Measure.ratio(RatioTerm.sum("amountCents",
          Condition.compare("amountCents", Comparison.GE, 500)),
          RatioTerm.sum("amountCents")), null),
      kpi("p50-delay", Measure.quantile("delayHours", 0.5), null),
      kpi("p90-delay", Measure.quantile("delayHours", 0.9), null),
      kpi("p90-amount", Measure.quantile("amountCents", 0.9), null),
      kpi("p90-delay-hist", ImmutableQuantileMeasure.builder().field("delayHours").q(0.9).significantDigits(2).build(),
          null),
      kpi("members", Measure.distinct("member"), null),
      kpi("amounts", Measure.distinct("amountCents"), null),
      kpi("unshipped", Measure.count(), Condition.not(Condition.exists("shippedAt"))),
      // ratings are awkward decimals (ExactSumsProperties.awkwardDecimals): mixed magnitudes from
      // subnormals to 1e300, negatives that cancel, prices; decimal cells must agree to the last bit
      kpi("rating", Measure.mean("rating"), null),
      kpi("web-rating", Measure.mean("rating"), Condition.eq("channel", "web")),
      kpi("rating-sum", Measure.sum("rating"), null),
      kpi("returned-rating-sum", Measure.sum("rating"), Condition.eq("returned", true)),
      kpi("rating-per-cent", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.sum("amountCents")), null),
      kpi("rating-per-order", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.count()), null),
      kpi("web-rating-share", Measure.ratio(RatioTerm.sum("rating", Condition.eq("channel", "web")),
          RatioTerm.sum("rating")), null));

  /** A KPI without a target, filtered by {@code filter} unless it is null. */
  static Kpi kpi(String id, Measure measure, Condition filter) {
    Kpi.Builder b = Kpi.builder().id(id).name(id).unit("").direction(Direction.HIGHER_IS_BETTER).measure(measure);
    if (filter != null) {
      b.filter(filter);
    }
    return b.build();
  }

  @Test
  void anySplitOfColumnsGivesTheSingleThreadTable() {
    qt().forAll(orders(), queries(), cuts(), pick(true, false)).checkAssert((orders, query, cuts, pooled) -> {
      ColumnBatch batch = Order.columns(orders);
      Parallelism split = pooled ? Parallelism.on(POOL, 4).withCuts(cuts) : Parallelism.threads(4).withCuts(cuts);

      assertEquals(Kpis.run(query, batch), Kpis.run(query, batch, split));
    });
  }

  @Test
  void anySplitOfRowsGivesTheSingleThreadTable() {
    qt().forAll(orders(), queries(), cuts(), booleans()).checkAssert((orders, query, cuts, immutable) -> {
      List<Order> list = immutable ? ImmutableList.copyOf(orders) : new ArrayList<>(orders);

      assertEquals(Kpis.run(query, Order.SCHEMA, list),
          Kpis.run(query, Order.SCHEMA, list, Parallelism.on(POOL, 4).withCuts(cuts)));
    });
  }

  @Test
  void evenPartsOfManyBlocksOnAnyNumberOfThreadsGiveTheSingleThreadTable() {
    // parts of several blocks each, with counts past a quantile cell's 8-bit limit
    qtWithAtMost(20).forAll(orders(), queries(), ints(1, 5)).checkAssert((orders, query, threads) -> {
      List<Order> many = new ArrayList<>();
      while (!orders.isEmpty() && many.size() < 5 * QueryEngine.BLOCK + 13) {
        many.addAll(orders);
      }
      ColumnBatch batch = Order.columns(many);
      Parallelism parallelism = Parallelism.threads(threads).withMinRecordsPerTask(1000);
      KpiTable one = Kpis.run(query, batch);

      assertEquals(one, Kpis.run(query, batch, parallelism));
      assertEquals(one, Kpis.run(query, Order.SCHEMA, many, parallelism));
    });
  }

  @Test
  void workersTakingChunksInAnyOrderGiveTheSingleThreadTable() {
    // chunks of 1 to 16 records taken by 2 to 4 workers on the pool's threads, as they come: each
    // worker's engine gets chunks scattered over the records, different from one run to the next
    qtWithAtMost(40).forAll(orders(), queries(), ints(2, 4), ints(4, 64)).checkAssert((orders, query, threads, min) -> {
      Parallelism parallelism = Parallelism.on(POOL, threads).withMinRecordsPerTask(min);
      List<Order> list = new ArrayList<>(orders);

      assertEquals(Kpis.run(query, Order.columns(orders)), Kpis.run(query, Order.columns(orders), parallelism));
      assertEquals(Kpis.run(query, Order.SCHEMA, list), Kpis.run(query, Order.SCHEMA, list, parallelism));
    });
  }

  @Test
  void aWorkerThatBeginsAfterTheCallingThreadTakesTheChunksLeftAndTheTableIsTheSame() {
    // the worker's task begins only once the calling thread reads its first record, and the calling
    // thread goes on only once the worker has read one: both take chunks, in an order no fixed
    // split would give
    Thread caller = Thread.currentThread();
    CountDownLatch callerReads = new CountDownLatch(1);
    CountDownLatch workerReads = new CountDownLatch(1);
    AtomicInteger readByWorker = new AtomicInteger();
    Schema<Order> hooked = Schema.<Order>builder().instant("createdAt", o -> {
      if (Thread.currentThread() == caller) {
        callerReads.countDown();
        Uninterruptibles.awaitUninterruptibly(workerReads, 10, TimeUnit.SECONDS);
      } else {
        readByWorker.incrementAndGet();
        workerReads.countDown();
      }
      return o.createdAt();
    }).dimension("channel", Order::channel).longField("amountCents", Order::amountCents).build();
    KpiQuery query = KpiQuery.builder().timeField("createdAt").grain(Grain.DAY).addGroupBy("channel")
        .addKpis(kpi("orders", Measure.count(), null)).addKpis(kpi("gmv", Measure.sum("amountCents"), null))
        .addKpis(kpi("p90-amount", Measure.quantile("amountCents", 0.9), null)).build();
    List<Order> orders = orders(4 * QueryEngine.BLOCK);

    KpiTable table = Kpis.run(query, hooked, orders, Parallelism.on(task -> new Thread(() -> {
      Uninterruptibles.awaitUninterruptibly(callerReads, 10, TimeUnit.SECONDS);
      task.run();
    }).start(), 2).withMinRecordsPerTask(QueryEngine.BLOCK));

    assertEquals(0, workerReads.getCount(), "the worker read records");
    assertTrue(readByWorker.get() > 0 && readByWorker.get() < orders.size(), "records read by the worker: "
        + readByWorker.get());
    assertEquals(Kpis.run(query, Order.SCHEMA, orders), table);
  }

  @Test
  void aMeanOfWholeNumbersIsTheirExactSumOverTheirCountHoweverSplit() {
    // values up to 2^62: their sum leaves the range of a long, which the mean's 128-bit sum keeps
    Gen<List<Long>> values = lists(spread(-(1L << 62), 1L << 62), 1, 60);
    qt().forAll(values, cuts()).checkAssert((amounts, cuts) -> {
      List<Order> orders = new ArrayList<>();
      for (long amount : amounts) {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        orders.add(new Order("o", "web", "ana", t, t, t, amount, false, 3.5));
      }
      KpiQuery query = KpiQuery.builder().addKpis(kpi("mean", Measure.mean("amountCents"), null)).grain(Grain.ALL)
          .build();
      BigDecimal exact = new BigDecimal(amounts.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO,
          BigInteger::add)).divide(BigDecimal.valueOf(amounts.size()), new MathContext(2_000));

      KpiTable one = Kpis.run(query, Order.columns(orders));
      double mean = one.rows().get(0).cell("mean").orElseThrow().value().orElseThrow();

      assertEquals(exact.doubleValue(), mean); // rounded once, correctly
      assertEquals(one, Kpis.run(query, Order.columns(orders), Parallelism.threads(4).withCuts(cuts)));
    });
  }

  @Test
  void wholeSumsAndRatiosFailOnlyWhenACellsExactTotalLeavesTheRangeOfALongHoweverSplit() {
    // values at both ends of the long range, small ones and absent ones, in any order: running
    // totals leave the range and come back; each cell's outcome depends on its exact total alone,
    // and the error names the first failing KPI in the query's order at its first row in the table
    Gen<Long> amounts = oneOf(spread(Long.MAX_VALUE - 3, Long.MAX_VALUE), spread(Long.MIN_VALUE + 1,
        Long.MIN_VALUE + 4), spread(-5, 5), pick(ColumnBatch.ABSENT));
    Gen<List<Order>> orders = lists(amounts.zip(pick("web", "app"), booleans(), (amount, channel, returned) -> {
      Instant t = Instant.parse("2026-03-01T00:00:00Z");
      return new Order("o", channel, "ana", t, t, t, amount, returned, 3.5);
    }), 1, 12);
    KpiQuery query = KpiQuery.builder().timeField("createdAt").grain(Grain.ALL).addGroupBy("channel")
        .rollup(Rollup.of("channel", "platform", Map.of("web", "own", "app", "own")))
        .addKpis(kpi("returned-to-kept", Measure.ratio(RatioTerm.sum("amountCents", Condition.eq("returned", true)),
            RatioTerm.sum("amountCents", Condition.eq("returned", false))), null))
        .addKpis(kpi("gmv", Measure.sum("amountCents"), null))
        .addKpis(kpi("aov", Measure.mean("amountCents"), null)).build();
    qt().forAll(orders, cuts()).checkAssert((list, cuts) -> {
      ColumnBatch batch = Order.columns(list);
      String expected = expectedFailure(list);
      if (expected == null) {
        KpiTable one = Kpis.run(query, batch);

        assertEquals(one, Kpis.run(query, batch, Parallelism.threads(4).withCuts(cuts)));
        assertEquals(one, Kpis.run(query, Order.SCHEMA, list, Parallelism.threads(4).withCuts(cuts)));
        for (KpiRow row : one.rows()) {
          String channel = row.dimensions().getOrDefault("channel", "");
          boolean rolledUp = !channel.equals("web") && !channel.equals("app");
          List<Order> cell = list.stream().filter(o -> rolledUp || channel.equals(o.channel())).toList();
          assertEquals(sum(cell, null).doubleValue(), row.cell("gmv").orElseThrow().value().orElseThrow(),
              row.toString());
          assertEquals(sum(cell, true).doubleValue(), row.cell("returned-to-kept").orElseThrow().numerator()
              .orElseThrow(), row.toString());
          assertEquals(sum(cell, false).doubleValue(), row.cell("returned-to-kept").orElseThrow().denominator()
              .orElseThrow(), row.toString());
        }
      } else {
        ArithmeticException one = assertThrows(ArithmeticException.class, () -> Kpis.run(query, batch));
        ArithmeticException split = assertThrows(ArithmeticException.class,
            () -> Kpis.run(query, batch, Parallelism.threads(4).withCuts(cuts)));
        ArithmeticException rows = assertThrows(ArithmeticException.class,
            () -> Kpis.run(query, Order.SCHEMA, list, Parallelism.threads(4).withCuts(cuts)));

        assertEquals(expected, one.getMessage());
        assertEquals(expected, split.getMessage());
        assertEquals(expected, rows.getMessage());
      }
    });
  }

  /**
   * The message of a query that has a cell whose exact total of a whole sum or of a ratio's side
   * leaves the range of a long: it names the first such KPI in the query's order, at its first
   * failing row in the table (the channels' rows, "app" then "web", before the roll-up rows, which
   * hold every order); null if there is none.
   */
  private static String expectedFailure(List<Order> orders) {
    List<List<Order>> channels = List.of(orders.stream().filter(o -> o.channel().equals("app")).toList(),
        orders.stream().filter(o -> o.channel().equals("web")).toList());
    List<Predicate<List<Order>>> kpis = List.of(
        cell -> beyondALong(sum(cell, true)) || beyondALong(sum(cell, false)),
        cell -> beyondALong(sum(cell, null)));
    List<String> names = List.of("returned-to-kept", "gmv");
    for (int k = 0; k < kpis.size(); k++) {
      if (channels.stream().filter(cell -> !cell.isEmpty()).anyMatch(kpis.get(k))) {
        return "KPI '" + names.get(k) + "': long overflow";
      }
      if (kpis.get(k).test(orders)) {
        return "KPI '" + names.get(k) + "', rolled up: long overflow";
      }
    }
    return null;
  }

  /** The exact sum of the orders' amounts that are not absent: all, or those returned or not. */
  private static BigInteger sum(List<Order> orders, Boolean returned) {
    BigInteger sum = BigInteger.ZERO;
    for (Order o : orders) {
      if (o.amountCents() != ColumnBatch.ABSENT && (returned == null || o.returned() == returned)) {
        sum = sum.add(BigInteger.valueOf(o.amountCents()));
      }
    }
    return sum;
  }

  private static boolean beyondALong(BigInteger sum) {
    return sum.bitLength() > 63;
  }

  @Test
  void decimalSumsRatiosAndMeansAreTheExactValuesRoundedOnceHoweverSplit() {
    Gen<List<Double>> values = lists(ExactSumsProperties.awkwardDecimals(), 1, 130);
    qt().forAll(values, cuts(), ints(1, 5)).checkAssert((ratings, cuts, threads) -> {
      List<Order> orders = new ArrayList<>();
      Instant t = Instant.parse("2026-03-01T00:00:00Z");
      for (double rating : ratings) {
        orders.add(new Order("o", "web", "ana", t, t, t, 1, false, rating));
      }
      KpiQuery query = KpiQuery.builder().addKpis(kpi("sum", Measure.sum("rating"), null),
          kpi("mean", Measure.mean("rating"), null),
          kpi("per-cent", Measure.ratio(RatioTerm.sum("rating"), RatioTerm.sum("amountCents")), null))
          .grain(Grain.ALL).build();
      BigDecimal exact = ExactSumsProperties.exactSum(ratings);
      double sum = ExactSumsProperties.rounded(exact);
      double mean = ExactSumsProperties.rounded(exact.divide(BigDecimal.valueOf(ratings.size()),
          new MathContext(2_000)));

      KpiTable one = Kpis.run(query, Order.columns(orders));
      KpiRow row = one.rows().get(0);

      assertEquals(sum, row.cell("sum").orElseThrow().value().orElseThrow());
      assertEquals(mean, row.cell("mean").orElseThrow().value().orElseThrow());
      assertEquals(sum, row.cell("per-cent").orElseThrow().numerator().orElseThrow());
      assertEquals(one, Kpis.run(query, Order.columns(orders), Parallelism.threads(threads).withCuts(cuts)));
      assertEquals(one, Kpis.run(query, Order.SCHEMA, orders,
          Parallelism.on(POOL, threads).withMinRecordsPerTask(1)));
    });
  }

  @Test
  void aRollupRowOfSumsRatiosAndMeansIsTheExactValueOfItsMembersRecords() {
    // a roll-up row merges its groups' exact states: the same value as a query over its records alone
    Map<String, String> teams = Map.of("ana", "north", "bo", "north", "cy", "south");
    qt().forAll(orders(), cuts()).checkAssert((orders, cuts) -> {
      List<Kpi> decimals = KPIS.stream().filter(k -> k.id().contains("rating") || k.id().contains("aov")).toList();
      KpiQuery byMember = KpiQuery.builder().addAllKpis(decimals).timeField("createdAt").grain(Grain.ISO_WEEK)
          .addGroupBy("member").rollup(Rollup.of("member", "team", teams)).build();
      KpiQuery whole = KpiQuery.builder().addAllKpis(decimals).timeField("createdAt").grain(Grain.ISO_WEEK).build();
      List<Order> north = orders.stream().filter(o -> o.member() != null && "north".equals(teams.get(o.member())))
          .toList();

      KpiTable rolled = Kpis.run(byMember, Order.columns(orders), Parallelism.threads(4).withCuts(cuts));

      for (KpiRow row : Kpis.run(whole, Order.SCHEMA, north).rows()) {
        KpiRow team = rolled.row(row.window().label(), Map.of("member", "north")).orElseThrow();
        assertEquals(row.cells(), team.cells());
      }
      for (KpiRow row : Kpis.run(whole, Order.SCHEMA, orders).rows()) {
        KpiRow everyone = rolled.row(row.window().label(), Map.of("member", Rollup.ALL)).orElseThrow();
        assertEquals(row.cells(), everyone.cells());
      }
    });
  }

  @Test
  void aQueryOfFewerThanTwiceTheMinimumRecordsPerPartRunsOnTheCallingThreadAlone() {
    AtomicInteger tasks = new AtomicInteger();
    List<Order> orders = orders(2 * Parallelism.MIN_RECORDS_PER_TASK - 1);
    ColumnBatch batch = Order.columns(orders);
    KpiQuery query = KpiQuery.builder().addAllKpis(KPIS).timeField("createdAt").grain(Grain.DAY)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h")).build();

    KpiTable table = Kpis.run(query, batch, Parallelism.on(task -> {
      tasks.incrementAndGet();
      task.run();
    }, 8));

    assertEquals(0, tasks.get());
    assertEquals(Kpis.run(query, batch), table);
    assertEquals(2, Parallelism.threads(2).workers(2 * Parallelism.MIN_RECORDS_PER_TASK));
    assertEquals(8, Parallelism.threads(2).chunks(2 * Parallelism.MIN_RECORDS_PER_TASK).length - 1);
  }

  @Test
  void chunksStartWhereBlocksAndRowRunsStartSoAChunkFailsAtTheRecordOneThreadFailsAt() {
    // a block (and a run of rows) never spans two chunks: the first failing block of a chunk is
    // the one thread's first failing block, so the earliest failing chunk reports what one thread
    // reports
    assertEquals(0, Parallelism.CHUNK_RECORDS % QueryEngine.BLOCK);
    assertEquals(0, QueryEngine.BLOCK % Kpis.ROW_RUN);
  }

  @Test
  void theChunksOfARejectedWorkerAreTakenByTheCallingThread() {
    List<Order> orders = orders(3 * QueryEngine.BLOCK);
    ColumnBatch batch = Order.columns(orders);
    KpiQuery query = queryOf(Grain.DAY);

    KpiTable table = Kpis.run(query, batch, Parallelism.on(task -> {
      throw new RejectedExecutionException("full");
    }, 3).withMinRecordsPerTask(QueryEngine.BLOCK));

    assertEquals(Kpis.run(query, batch), table);
  }

  @Test
  void aWorkerWhoseTaskHasNotStartedWhenTheChunksRunOutIsNotWaitedFor() {
    // an executor that queues the tasks and runs none of them until the query has returned, like a
    // full pool whose one thread is the one running the query: the query must not wait for them
    List<Order> orders = orders(3 * QueryEngine.BLOCK);
    ColumnBatch batch = Order.columns(orders);
    KpiQuery query = queryOf(Grain.DAY);
    List<Runnable> held = new ArrayList<>();

    KpiTable table = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Kpis.run(query, batch,
        Parallelism.on(held::add, 3).withMinRecordsPerTask(QueryEngine.BLOCK)));

    assertEquals(Kpis.run(query, batch), table);
    assertEquals(2, held.size());
    held.forEach(Runnable::run); // started at last, they find themselves ended and do nothing
  }

  @Test
  void anExecutorThatFailsFailsTheQueryOnlyOnceNoWorkerOfItReadsTheRecords() {
    // the first task runs on a thread of its own; the executor then breaks: the query must not
    // return (or throw) while that task still reads the caller's records
    AtomicInteger reads = new AtomicInteger();
    Schema<Order> slow = Schema.<Order>builder().instant("createdAt", o -> {
      reads.incrementAndGet();
      LockSupport.parkNanos(50_000);
      return o.createdAt();
    }).longField("amountCents", Order::amountCents).build();
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"), null)).timeField("createdAt")
        .grain(Grain.DAY).build();
    AtomicInteger submitted = new AtomicInteger();
    Executor breaking = task -> {
      if (submitted.getAndIncrement() > 0) {
        throw new IllegalStateException("executor broken");
      }
      new Thread(task).start();
    };

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kpis.run(query, slow,
        orders(3 * QueryEngine.BLOCK), Parallelism.on(breaking, 3).withMinRecordsPerTask(QueryEngine.BLOCK)));
    int readsWhenItFailed = reads.get();
    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());

    assertEquals("executor broken", e.getMessage());
    assertEquals(readsWhenItFailed, reads.get());
  }

  @Test
  void theFailureOfTheEarliestFailingChunkFailsTheQueryWhicheverWorkerTookIt() {
    // an infinite rating early on, and near the end an amount whose derived field (amountCents * 2)
    // overflows a long: one thread meets the rating first, and so must the workers, whichever of
    // them took which chunk
    List<Order> orders = new ArrayList<>(orders(3 * QueryEngine.BLOCK));
    Order early = orders.get(700);
    orders.set(700, new Order(early.id(), early.channel(), early.member(), early.createdAt(),
        early.promisedShipBy(), early.shippedAt(), early.amountCents(), early.returned(), Double.POSITIVE_INFINITY));
    Order late = orders.get(orders.size() - 1);
    orders.set(orders.size() - 1, new Order(late.id(), late.channel(), late.member(), late.createdAt(),
        late.promisedShipBy(), late.shippedAt(), Long.MAX_VALUE, late.returned(), late.rating()));
    KpiQuery query = KpiQuery.builder().addKpis(kpi("doubled", Measure.sum("doubled"), null))
        .addKpis(kpi("rating", Measure.mean("rating"), null)).timeField("createdAt").grain(Grain.ALL)
        .putDerivedField("doubled", Formula.parse("amountCents * 2")).build();
    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
        () -> Kpis.run(query, Order.SCHEMA, orders));

    for (int run = 0; run < 20; run++) {
      IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Kpis.run(query,
          Order.SCHEMA, orders, Parallelism.on(POOL, 3).withMinRecordsPerTask(QueryEngine.BLOCK)));

      assertEquals(alone.getMessage(), split.getMessage());
    }
    assertEquals("field 'rating' of a record: Infinity; expected a finite number, or NaN for absent",
        alone.getMessage());
  }

  @Test
  void aCheckedExceptionAnExtractorThrowsUndeclaredComesOutAsItselfOnEveryNumberOfThreads() {
    List<Order> orders = orders(3 * QueryEngine.BLOCK);
    Order failing = orders.get(2 * QueryEngine.BLOCK + 5);
    Schema<Order> schema = Schema.<Order>builder()
        .instant("createdAt", Order::createdAt)
        .longField("amountCents", order -> order == failing ? sneaky(new java.io.IOException("record gone")) : 1L)
        .build();
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"), null)).timeField("createdAt")
        .grain(Grain.ALL).build();

    Throwable alone = assertThrows(java.io.IOException.class, () -> Kpis.run(query, schema, orders));
    for (int threads = 2; threads <= 3; threads++) {
      Parallelism parallelism = Parallelism.on(POOL, threads).withMinRecordsPerTask(QueryEngine.BLOCK);
      Throwable split = assertThrows(java.io.IOException.class, () -> Kpis.run(query, schema, orders, parallelism));
      assertEquals(alone.getMessage(), split.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> long sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void aBadQueryFailsBeforeAnyPartStarts() {
    AtomicInteger tasks = new AtomicInteger();
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("nope"), null)).timeField("createdAt")
        .grain(Grain.DAY).build();

    assertThrows(DefinitionException.class, () -> Kpis.run(query, Order.columns(orders(4 * QueryEngine.BLOCK)),
        Parallelism.on(task -> tasks.incrementAndGet(), 4).withMinRecordsPerTask(1)));
    assertEquals(0, tasks.get());
  }

  @Test
  void parallelismSaysWhatItIs() {
    assertSame(Parallelism.none(), Parallelism.threads(1));
    assertEquals(1, Parallelism.none().threads());
    assertTrue(Parallelism.threads(4).executor().isEmpty());
    assertEquals(Parallelism.on(POOL, 3), Parallelism.on(POOL, 3));
    assertEquals("Parallelism{threads=4}", Parallelism.threads(4).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.threads(0));
    assertEquals("threads: expected 1 or more, got 0", e.getMessage());
  }

  // ---- generators ----

  /** The engine properties' orders, with awkward decimal ratings. */
  private static Gen<List<Order>> orders() {
    return KpiEngineProperties.orders().zip(lists(ExactSumsProperties.awkwardDecimals(), 120, 120),
        (orders, ratings) -> {
          List<Order> out = new ArrayList<>(orders.size());
          for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            out.add(new Order(o.id(), o.channel(), o.member(), o.createdAt(), o.promisedShipBy(), o.shippedAt(),
                o.amountCents(), o.returned(), ratings.get(i)));
          }
          return out;
        });
  }

  /** Orders spread over 20 days, deterministic: a fixed pattern, not a random draw. */
  private static List<Order> orders(int n) {
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    String[] channels = {"web", "app", "live"};
    String[] members = {"ana", "bo", "cy"};
    List<Order> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant created = start.plusMillis(i * 7_919_000L % Duration.ofDays(20).toMillis());
      out.add(new Order("o" + i, channels[i % 3], members[i / 3 % 3], created, created.plus(Duration.ofHours(48)),
          created.plus(Duration.ofHours(i % 97)), i % 1000, i % 7 == 0, 3.5));
    }
    return out;
  }

  /** Up to five ascending cut points over at most 130 records; parts may be empty. */
  private static Gen<int[]> cuts() {
    return lists(ints(0, 130), 5).map(points -> points.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  private static KpiQuery queryOf(Grain grain) {
    return KpiQuery.builder().addAllKpis(KPIS).timeField("createdAt").grain(grain)
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h")).build();
  }

  /** Any grain and zone, with or without dimensions, a roll-up and a time range; any set of KPIs. */
  private static Gen<KpiQuery> queries() {
    Map<String, String> teams = Map.of("ana", "north", "bo", "north", "cy", "south");
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    return KpiEngineProperties.queries().zip(subsets(KPIS, 1, KPIS.size()),
        ints(0, 3), booleans(), (base, kpis, shape, ranged) -> {
          KpiQuery.Builder b = KpiQuery.builder().from(base).kpis(kpis);
          if (shape == 1 && base.groupBy().contains("member")) {
            b.rollup(Rollup.of("member", "team", teams));
          }
          if (ranged) {
            b.range(TimeRange.of(start.plus(Duration.ofDays(3)), start.plus(Duration.ofDays(15))));
          }
          return b.build();
        });
  }
}
