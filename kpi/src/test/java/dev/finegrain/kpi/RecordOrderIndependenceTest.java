package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a query gives does not depend on the order of its records nor on which worker took which
 * chunk: the KPI and row an error names, and the order of rows whose dimensions read alike.
 */
class RecordOrderIndependenceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static Order order(String id, String channel, long amountCents, double rating) {
    return new Order(id, channel, "ma", T0, T0.plusSeconds(3_600), T0.plusSeconds(60), amountCents, false, rating);
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  @Test
  void aDecimalSumBeyondADoubleInTwoGroupsFailsWithOneMessageWhateverTheOrderOfTheRecords() {
    // one channel's ratings sum above the largest double, the other's below its negative: the
    // error names the first failing row in table order (jd before tmall), whichever channel's
    // records came first
    KpiQuery query = KpiQuery.builder().addKpis(kpi("rating-sum", Measure.sum("rating"))).timeField("createdAt")
        .addGroupBy("channel").build();
    List<Order> upFirst = List.of(order("o1", "tmall", 1, 1.5e308), order("o2", "tmall", 1, 1.5e308),
        order("o3", "jd", 1, -1.5e308), order("o4", "jd", 1, -1.5e308));
    List<Order> downFirst = List.of(upFirst.get(2), upFirst.get(3), upFirst.get(0), upFirst.get(1));

    ArithmeticException up = assertThrows(ArithmeticException.class, () -> Kpis.run(query, Order.SCHEMA, upFirst));
    ArithmeticException down = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.SCHEMA, downFirst));
    ArithmeticException upColumns = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.columns(upFirst)));
    ArithmeticException downColumns = assertThrows(ArithmeticException.class,
        () -> Kpis.run(query, Order.columns(downFirst)));

    assertEquals(up.getMessage(), upColumns.getMessage());
    assertEquals(down.getMessage(), downColumns.getMessage());
    assertEquals(up.getMessage(), down.getMessage());
    assertTrue(up.getMessage().startsWith("KPI 'rating-sum': ") && up.getMessage().contains("below"), up.getMessage());
  }

  @Test
  void rowsWhoseDimensionsReadAlikeAreInTheSingleThreadsOrderWhicheverWorkerTookWhichChunk() {
    // an absent channel and the text "(none)" are two groups whose rows read alike; their order
    // must not follow group ids, which follow which engine met which record first. The executor's worker
    // takes chunk 0 (the absent channel) and waits there until the calling thread has read chunk 1
    // (the text "(none)"), so the calling thread's engine, into which the others merge, meets
    // "(none)" first; one thread meets the absent channel first
    List<Order> orders = new ArrayList<>(List.of(order("o0", null, 1, 4), order("o1", QueryEngine.NONE, 2, 4)));
    KpiQuery query = KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"))).timeField("createdAt")
        .grain(Grain.ALL).addGroupBy("channel").build();
    CountDownLatch workerInChunk0 = new CountDownLatch(1);
    CountDownLatch callerReadChunk1 = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    Schema<Order> hooked = Schema.<Order>builder().dimension("channel", o -> {
      if (o.id().equals("o0") && Thread.currentThread() != caller) {
        workerInChunk0.countDown();
        Uninterruptibles.awaitUninterruptibly(callerReadChunk1, 10, TimeUnit.SECONDS);
      } else if (o.id().equals("o1") && Thread.currentThread() == caller) {
        callerReadChunk1.countDown();
      }
      return o.channel();
    }).instant("createdAt", Order::createdAt).longField("amountCents", Order::amountCents).build();
    Executor startsTheWorkerAndWaitsUntilItIsInChunk0 = task -> {
      new Thread(task, "review-worker").start();
      Uninterruptibles.awaitUninterruptibly(workerInChunk0, 10, TimeUnit.SECONDS);
    };
    KpiTable one = Kpis.run(query, Order.SCHEMA, orders);

    KpiTable split = Kpis.run(query, hooked, orders,
        Parallelism.on(startsTheWorkerAndWaitsUntilItIsInChunk0, 2).withCuts(1));

    assertEquals(0, workerInChunk0.getCount(), "the worker took chunk 0");
    assertEquals(0, callerReadChunk1.getCount(), "the calling thread took chunk 1");
    assertEquals(one.rows().size(), split.rows().size());
    assertEquals(one, split);
  }
}
