package dev.finegrain.examples.spark;

import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated orders for the example job and the tests: the same seed gives the same orders. Orders
 * are spread over whole ISO weeks before {@link #AS_OF}; each is promised to ship within 48 hours;
 * one that would ship after {@code AS_OF} has not shipped yet. Marketplace orders are never rated
 * here (the marketplace keeps their ratings), so rating KPIs are empty for that channel.
 */
public final class Orders {
  /** Monday 2026-01-05 00:00 UTC, the start of ISO week 2026-W02. */
  public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /** "Now" for the generated history: the end of the last generated week. */
  public static final Instant AS_OF = START.plus(Duration.ofDays(7 * 8));

  /** The channels, the last one never rated. */
  public static final List<String> CHANNELS = List.of("web", "app", "live", "marketplace");

  private static final long HOUR = 3_600_000L;

  private Orders() {}

  /** {@code n} orders over 8 ISO weeks, from {@code seed}. */
  public static List<Order> generate(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long span = AS_OF.toEpochMilli() - START.toEpochMilli();
    List<Order> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String channel = CHANNELS.get(pick(random, 0.45, 0.30, 0.15));
      Instant created = START.plusMillis(random.nextLong(span));
      Instant promised = created.plusMillis(48 * HOUR);
      // most ship within a day or two, a few take up to a week; live-stream orders are slower
      long delayHours = random.nextDouble() < 0.9 ? random.nextLong(4, 48) : random.nextLong(48, 170);
      if (channel.equals("live")) {
        delayHours += 6;
      }
      Instant shipped = created.plusMillis(delayHours * HOUR + random.nextLong(HOUR));
      if (!shipped.isBefore(AS_OF)) {
        shipped = null;
      }
      long amount = 500 + (long) Math.floor(Math.exp(random.nextDouble(5, 11)));
      boolean returned = random.nextDouble() < (channel.equals("live") ? 0.12 : 0.05);
      double rating = channel.equals("marketplace") || random.nextDouble() < 0.6 ? Double.NaN
          : 1 + random.nextInt(5);
      double fee = random.nextDouble() < 0.3 ? 0.0 : Math.round(random.nextDouble(4, 25) * 100) / 100.0;
      String member = "m" + random.nextInt(Math.max(1, n / 4));
      out.add(new Order("o" + i, channel, member, created, promised, shipped, amount, returned, rating, fee));
    }
    return out;
  }

  private static int pick(SplittableRandom random, double... shares) {
    double x = random.nextDouble();
    for (int i = 0; i < shares.length; i++) {
      x -= shares[i];
      if (x < 0) {
        return i;
      }
    }
    return shares.length;
  }

  /** Whole hours from creation to shipping (rounded down), {@link ColumnBatch#ABSENT} when not shipped. */
  public static long shipDelayHours(Order o) {
    return o.getShippedAt() == null ? ColumnBatch.ABSENT
        : Math.floorDiv(o.getShippedAt().toEpochMilli() - o.getCreatedAt().toEpochMilli(), HOUR);
  }

  /**
   * How a {@link KpiAggregator} reads an {@link Order}, including the derived field
   * {@code delayHours} that the single-JVM query computes with the formula
   * {@code (shippedAt - createdAt) // 1h}.
   */
  public static final RecordFields<Order> FIELDS = RecordFields.<Order>builder()
      .dimension("channel", Order::getChannel)
      .dimension("member", Order::getMember)
      .instant("createdAt", Order::getCreatedAt)
      .instant("promisedShipBy", Order::getPromisedShipBy)
      .instant("shippedAt", Order::getShippedAt)
      .longField("amountCents", Order::getAmountCents)
      .booleanField("returned", Order::isReturned)
      .doubleField("rating", Order::getRating)
      .doubleField("shippingFee", Order::getShippingFee)
      .longField("delayHours", Orders::shipDelayHours)
      .build();

  /** The same record fields for finegrain's single-JVM engine ({@code Kpis.run}). */
  public static final Schema<Order> SCHEMA = Schema.<Order>builder()
      .dimension("channel", Order::getChannel)
      .dimension("member", Order::getMember)
      .instant("createdAt", Order::getCreatedAt)
      .instant("promisedShipBy", Order::getPromisedShipBy)
      .instant("shippedAt", Order::getShippedAt)
      .longField("amountCents", Order::getAmountCents)
      .booleanField("returned", Order::isReturned)
      .doubleField("rating", Order::getRating)
      .doubleField("shippingFee", Order::getShippingFee)
      .build();
}
