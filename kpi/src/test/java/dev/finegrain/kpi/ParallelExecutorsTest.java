package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Whatever an executor does with a query's tasks (runs them at once, later, inline, never, or
 * rejects them), the query ends without waiting for a task that never runs and gives one thread's
 * table.
 */
class ParallelExecutorsTest {
  @Test
  void anyMixOfExecutorBehavioursGivesTheSingleThreadTable() {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      orders.add(new Order("o" + i, i % 3 == 0 ? "web" : "app", "m" + i % 5, t.plusSeconds(3_600L * (i % 50)), t, t,
          i % 7 == 0 ? Long.MAX_VALUE - i : i % 11 == 0 ? Long.MIN_VALUE + 1 + i : i, i % 2 == 0, 3.5));
    }
    KpiQuery query = KpiQuery.builder().timeField("createdAt").grain(Grain.DAY).addGroupBy("member")
        .addKpis(Kpi.builder().id("n").name("n").measure(Measure.count()).build())
        .addKpis(Kpi.builder().id("aov").name("aov").measure(Measure.mean("amountCents")).build()).build();
    KpiTable one = Kpis.run(query, Order.SCHEMA, orders);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Runnable> never = new ArrayList<>();
    Random random = new Random(7);
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int run = 0; run < 300; run++) {
          int threads = 2 + random.nextInt(4);
          KpiTable split = Kpis.run(query, Order.SCHEMA, orders, Parallelism.on(task -> {
            switch (random.nextInt(5)) {
              case 0 -> pool.execute(task);
              case 1 -> task.run();
              case 2 -> never.add(task);
              case 3 -> throw new RejectedExecutionException("full");
              default -> pool.execute(() -> {
                Thread.yield();
                task.run();
              });
            }
          }, threads).withMinRecordsPerTask(4 + random.nextInt(40)));
          assertEquals(one, split, "run " + run);
        }
      });
      never.forEach(Runnable::run); // ended long ago: they must do nothing
    } finally {
      pool.shutdownNow();
    }
  }
}
