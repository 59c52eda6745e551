package dev.finegrain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which lists of rows a query cuts into chunks for its workers, and that each gives one thread's table. */
class ParallelRowListsTest {
  private static final KpiQuery QUERY = KpiQuery.builder().timeField("createdAt").grain(Grain.DAY)
      .addGroupBy("channel")
      .addKpis(Kpi.builder().id("orders").name("Orders").measure(Measure.count()).build())
      .addKpis(Kpi.builder().id("aov").name("AOV").measure(Measure.mean("amountCents")).build()).build();

  private static List<Order> orders() {
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      orders.add(new Order("o" + i, i % 3 == 0 ? "web" : "app", "m" + i % 5, t.plusSeconds(3_600L * (i % 70)), t, t,
          100 + i, i % 2 == 0, 3.5));
    }
    return orders;
  }

  /** The tasks the query handed its executor: none when it read the records on the calling thread. */
  private static int tasksHandedOut(Iterable<Order> records, KpiTable expected) {
    AtomicInteger tasks = new AtomicInteger();
    KpiTable table = Kpis.run(QUERY, Order.SCHEMA, records, Parallelism.on(task -> {
      tasks.incrementAndGet();
      task.run();
    }, 2).withMinRecordsPerTask(16));
    assertEquals(expected, table, records.getClass().getName());
    return tasks.get();
  }

  @Test
  void listsWhoseContentsCannotChangeUnderTheQueryAreSplitAcrossWorkers() {
    List<Order> orders = orders();
    KpiTable one = Kpis.run(QUERY, Order.SCHEMA, orders);
    for (List<Order> list : List.of(orders, List.copyOf(orders), orders.stream().toList(),
        Arrays.asList(orders.toArray(new Order[0])), ImmutableList.copyOf(orders))) {
      assertTrue(tasksHandedOut(list, one) > 0, list.getClass().getName() + " was not split");
    }
  }

  @Test
  void otherIterablesAreReadInOrderOnTheCallingThread() {
    List<Order> orders = orders();
    KpiTable one = Kpis.run(QUERY, Order.SCHEMA, orders);
    for (Iterable<Order> other : List.<Iterable<Order>>of(new LinkedList<>(orders), new CopyOnWriteArrayList<>(orders),
        Collections.unmodifiableList(orders), orders::iterator)) {
      assertEquals(0, tasksHandedOut(other, one), other.getClass().getName() + " was split");
    }
  }
}
