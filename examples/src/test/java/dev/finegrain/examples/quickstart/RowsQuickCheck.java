package dev.finegrain.examples.quickstart;

import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads records through a {@link Schema} as a consumer would, enough of them (several blocks of
 * 2,048) for the engine to define its record-by-record reader inside the kpi jar, and checks the
 * table against the same records as columns. {@link ModulePathIT} runs it on the module path.
 */
public final class RowsQuickCheck {
  private RowsQuickCheck() {}

  /** An order as an application holds it. */
  record Order(Instant createdAt, String channel, long amountCents, double weightKg, boolean returned) {}

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("x").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  public static void main(String[] args) {
    String[] channels = {"web", "app", "store"};
    int n = 3 * 2048 + 17;
    long start = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    List<Order> orders = new ArrayList<>();
    long[] created = new long[n];
    int[] channel = new int[n];
    long[] amounts = new long[n];
    double[] weights = new double[n];
    boolean[] returned = new boolean[n];
    for (int i = 0; i < n; i++) {
      created[i] = start + i * 997_000L;
      channel[i] = i % 3;
      amounts[i] = 500 + i * 37L % 9000;
      weights[i] = 0.25 * (i % 11);
      returned[i] = i % 13 == 0;
      orders.add(new Order(Instant.ofEpochMilli(created[i]), channels[channel[i]], amounts[i], weights[i],
          returned[i]));
    }
    Schema<Order> schema = Schema.<Order>builder()
        .instant("createdAt", Order::createdAt)
        .dimension("channel", Order::channel)
        .longField("amountCents", Order::amountCents)
        .doubleField("weightKg", Order::weightKg)
        .booleanField("returned", Order::returned)
        .build();
    KpiQuery query = KpiQuery.builder()
        .addKpis(kpi("gmv", Measure.sum("amountCents")), kpi("p90", Measure.quantile("amountCents", 0.9)),
            kpi("weight", Measure.mean("weightKg")), kpi("returns", Measure.share(Condition.eq("returned", true))))
        .timeField("createdAt").grain(Grain.DAY).addGroupBy("channel").build();
    KpiTable rows = Kpis.run(query, schema, orders);
    KpiTable columns = Kpis.run(query, ColumnBatch.builder(n).instants("createdAt", created)
        .dimension("channel", channel, channels).longs("amountCents", amounts).doubles("weightKg", weights)
        .booleans("returned", returned).build());
    System.out.println(rows.rows().size() + " rows");
    System.out.println(rows.equals(columns));
  }
}
