package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.condition.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null among the records of a query over rows is refused naming its index
 * ({@code records[1]: expected a record, got null}), whatever the query reads of a record (a
 * dimension, a time, a sum's field, a decimal, nothing at all), however the records are read (by
 * field, by record, fused, a list or only an iterator) and on one thread or several; never the
 * bare {@code NullPointerException} of an extractor handed null. An extractor's own failure on a
 * record before the null is not blamed on it.
 */
class NullRecordProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  private static final String[] CHANNELS = {"web", "app", "live"};

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  /** Queries of several shapes: the fused loop's (time, one dimension, a sum), a dimension alone, no field, a decimal. */
  private static final List<KpiQuery> QUERIES = List.of(
      KpiQuery.builder().addKpis(kpi("gmv", Measure.sum("amountCents"))).timeField("createdAt").grain(Grain.DAY)
          .addGroupBy("channel").build(),
      KpiQuery.builder().addKpis(kpi("n", Measure.count())).addGroupBy("channel").build(),
      KpiQuery.builder().addKpis(kpi("n", Measure.count())).build(),
      KpiQuery.builder().addKpis(kpi("rating", Measure.mean("rating")),
          kpi("kept", Measure.share(Condition.eq("returned", false)))).addGroupBy("member").build());

  private static List<Order> orders(int n) {
    List<Order> orders = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(60L * i);
      orders.add(new Order("o" + i, CHANNELS[i % 3], i % 5 == 0 ? null : "m" + i % 4, at, at, at.plusSeconds(3600),
          100 + i, i % 7 == 0, i % 11 == 0 ? Double.NaN : i % 5));
    }
    return orders;
  }

  private static String message(Runnable run) {
    return assertThrows(NullPointerException.class, run::run).getMessage();
  }

  @Test
  void aNullRecordIsNamedByItsIndexOnEveryReadPath() {
    // container: 0 ArrayList, 1 only an iterator; read: the three ways; threads: 1 or 3 (a list only)
    qtWithAtMost(300).forAll(ints(1, 5_000), ints(0, 4_999), pick(QUERIES), ints(0, 11))
        .checkAssert((n, at, query, how) -> {
          int index = at % n;
          List<Order> records = orders(n);
          records.set(index, null);
          Kpis.RowRead read = Kpis.RowRead.values()[how % 3];
          boolean iterator = how / 3 % 2 == 1;
          Parallelism parallelism = how / 6 == 1
              ? Parallelism.threads(3).withCuts(n / 3, 2 * n / 3) : Parallelism.none();
          Iterable<Order> given = iterator ? records::iterator : records;
          assertEquals("records[" + index + "]: expected a record, got null",
              message(() -> Kpis.run(query, Order.SCHEMA, given, parallelism, FusedDayKernel.Limits.DEFAULT, null, read)),
              () -> n + " records, " + read + (iterator ? ", iterator" : "") + ", " + parallelism + ", " + query);
        });
  }

  @Test
  void aNullRecordIsNamedThroughThePublicEntryPoint() {
    List<Order> records = Arrays.asList(orders(1).get(0), null);

    assertEquals("records[1]: expected a record, got null", message(() -> Kpis.run(QUERIES.get(1), Order.SCHEMA, records)));
    assertEquals("records[1]: expected a record, got null", message(() -> Kpis.run(QUERIES.get(2), Order.SCHEMA, records)));
  }

  @Test
  void anExtractorsOwnNullPointerExceptionBeforeTheNullRecordIsNotBlamedOnIt() {
    NullPointerException own = new NullPointerException("the extractor's own");
    Schema<Order> schema = Schema.<Order>builder().dimension("channel", o -> {
      if (o.amountCents() == 102) {
        throw own;
      }
      return o.channel();
    }).build();
    List<Order> before = orders(10);
    before.set(5, null);  // the extractor fails on record 2 first
    List<Order> after = orders(10);
    after.set(1, null);  // the null comes first

    assertEquals("the extractor's own", message(() -> Kpis.run(QUERIES.get(1), schema, before)));
    assertEquals("records[1]: expected a record, got null", message(() -> Kpis.run(QUERIES.get(1), schema, after)));
  }
}
