package dev.finegrain.kpi;

import java.time.Instant;
import java.util.List;

/** A test order record. */
record Order(String id, String channel, String member, Instant createdAt, Instant promisedShipBy, Instant shippedAt,
    long amountCents, boolean returned, double rating) {

  static final Schema<Order> SCHEMA = Schema.<Order>builder()
      .dimension("channel", Order::channel)
      .dimension("member", Order::member)
      .instant("createdAt", Order::createdAt)
      .instant("promisedShipBy", Order::promisedShipBy)
      .instant("shippedAt", Order::shippedAt)
      .longField("amountCents", Order::amountCents)
      .booleanField("returned", Order::returned)
      .doubleField("rating", Order::rating)
      .build();

  /** The same orders as columns. */
  static ColumnBatch columns(List<Order> orders) {
    int n = orders.size();
    java.util.List<String> channels = orders.stream().map(Order::channel).filter(java.util.Objects::nonNull)
        .distinct().sorted().toList();
    java.util.List<String> members = orders.stream().map(Order::member).filter(java.util.Objects::nonNull)
        .distinct().sorted().toList();
    int[] channel = new int[n];
    int[] member = new int[n];
    long[] created = new long[n];
    long[] promised = new long[n];
    long[] shipped = new long[n];
    long[] amount = new long[n];
    boolean[] returned = new boolean[n];
    double[] rating = new double[n];
    for (int i = 0; i < n; i++) {
      Order o = orders.get(i);
      channel[i] = o.channel() == null ? -1 : channels.indexOf(o.channel());
      member[i] = o.member() == null ? -1 : members.indexOf(o.member());
      created[i] = millis(o.createdAt());
      promised[i] = millis(o.promisedShipBy());
      shipped[i] = millis(o.shippedAt());
      amount[i] = o.amountCents();
      returned[i] = o.returned();
      rating[i] = o.rating();
    }
    return ColumnBatch.builder(n)
        .dimension("channel", channel, channels.toArray(new String[0]))
        .dimension("member", member, members.toArray(new String[0]))
        .instants("createdAt", created)
        .instants("promisedShipBy", promised)
        .instants("shippedAt", shipped)
        .longs("amountCents", amount)
        .booleans("returned", returned)
        .doubles("rating", rating)
        .build();
  }

  private static long millis(Instant t) {
    return t == null ? ColumnBatch.ABSENT : t.toEpochMilli();
  }
}
