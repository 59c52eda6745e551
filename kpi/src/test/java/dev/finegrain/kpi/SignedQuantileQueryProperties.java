package dev.finegrain.kpi;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Quantiles with {@code significantDigits} of signed fields (hours late against the promised ship
 * date, negative when early; amounts of either sign up to the extremes of a long): columns and
 * rows, on one thread and several, give one table, and each histogram cell is within the stated
 * bound of the exact quantile of the same records.
 */
class SignedQuantileQueryProperties {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  @AfterAll
  static void shutDown() {
    POOL.shutdownNow();
  }

  /** A query's quantile {@code q} at {@code digits}, by histogram and exactly, of hours late and of amounts. */
  private record Quantiles(int digits, double q, Grain grain, boolean byChannel) {
    KpiQuery query() {
      KpiQuery.Builder b = KpiQuery.builder().timeField("createdAt").grain(grain)
          .putDerivedField("hoursLate", Formula.parse("(shippedAt - promisedShipBy) // 1h"))
          .addKpis(kpi("late-hist", histogram("hoursLate")), kpi("late", Measure.quantile("hoursLate", q)))
          .addKpis(kpi("amount-hist", histogram("amountCents")), kpi("amount", Measure.quantile("amountCents", q)));
      if (byChannel) {
        b.addGroupBy("channel");
      }
      return b.build();
    }

    private QuantileMeasure histogram(String field) {
      return ImmutableQuantileMeasure.builder().field(field).q(q).significantDigits(digits).build();
    }

    private static Kpi kpi(String id, Measure measure) {
      return Kpi.builder().id(id).name(id).unit("").direction(Direction.LOWER_IS_BETTER).measure(measure).build();
    }
  }

  /**
   * 1 to 3 digits (the laws do not depend on the precision; {@code SignedHistogramProperties} tries
   * 4 and 5, whose array-backed histograms of huge values take tens of megabytes per group).
   */
  private static Gen<Quantiles> quantiles() {
    return ints(1, 3).zip(doubles(0.01, 1), pick(Grain.DAY, Grain.ALL), booleans(), Quantiles::new);
  }

  /**
   * Up to 150 orders over 4 days: shipped from 3 days early to a week late, or not yet; amounts of
   * either sign, small, large and at the extremes ({@code Long.MIN_VALUE} is an absent amount).
   */
  private static Gen<List<Order>> orders() {
    Gen<Long> amounts = oneOf(longs(-3000, 3000), longs(-1_000_000_000_000L, 1_000_000_000_000L),
        longs(Long.MIN_VALUE + 1, Long.MAX_VALUE),
        pick(Long.MIN_VALUE + 1, -2049L, -2048L, -1L, 0L, 1L, 2047L, 2048L, Long.MAX_VALUE, ColumnBatch.ABSENT));
    Gen<Order> order = longs(0, Duration.ofDays(4).toMillis()).zip(ints(-1, 10 * 24), amounts,
        pick("web", "app", "live"), (offset, shipHours, amount, channel) -> {
          Instant created = START.plusMillis(offset);
          Instant promised = created.plus(Duration.ofHours(72));
          Instant shipped = shipHours < 0 ? null : created.plus(Duration.ofHours(shipHours));
          return new Order("o", channel, "ana", created, promised, shipped, amount, false, 3.5);
        });
    return lists(order, 1, 150);
  }

  /** Up to five ascending cut points over at most 150 records; parts may be empty. */
  private static Gen<int[]> cuts() {
    return lists(ints(0, 150), 5).map(points -> points.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  @Test
  void columnsAndRowsOnOneThreadOrSeveralGiveTheSameTable() {
    qt().forAll(orders(), quantiles(), cuts(), ints(2, 4)).checkAssert((orders, quantiles, cuts, threads) -> {
      KpiQuery query = quantiles.query();
      ColumnBatch batch = Order.columns(orders);

      KpiTable one = Kpis.run(query, batch);

      assertEquals(one, Kpis.run(query, Order.SCHEMA, orders));
      assertEquals(one, Kpis.run(query, batch, Parallelism.threads(threads).withCuts(cuts)));
      assertEquals(one, Kpis.run(query, Order.SCHEMA, orders, Parallelism.on(POOL, threads).withCuts(cuts)));
    });
  }

  @Test
  void eachHistogramQuantileIsWithinTheBoundOfTheExactQuantile() {
    qt().forAll(orders(), quantiles()).checkAssert((orders, quantiles) -> {
      double relativeError = HistogramQuantiles.create(quantiles.digits()).relativeError();

      KpiTable table = Kpis.run(quantiles.query(), Order.columns(orders));

      for (KpiRow row : table.rows()) {
        for (String field : List.of("late", "amount")) {
          KpiCell exact = row.cell(field).orElseThrow();
          KpiCell histogram = row.cell(field + "-hist").orElseThrow();
          assertEquals(exact.sampleSize(), histogram.sampleSize(), row.toString());
          assertEquals(exact.value().isPresent(), histogram.value().isPresent(), row.toString());
          if (exact.value().isPresent()) {
            assertWithinTheBound(exact.value().getAsDouble(), histogram.value().getAsDouble(), relativeError,
                field + " in " + row);
          }
        }
      }
    });
  }

  /**
   * {@code t <= r <= t + relativeError · |t|}, for the two longs as the cells give them, doubles:
   * beyond 2^53 each may be rounded, by at most half an ulp.
   */
  private static void assertWithinTheBound(double t, double r, double relativeError, String what) {
    BigDecimal above = new BigDecimal(r).subtract(new BigDecimal(t));
    BigDecimal bound = new BigDecimal(Math.abs(t)).multiply(new BigDecimal(relativeError))
        .add(new BigDecimal(Math.ulp(t))).add(new BigDecimal(Math.ulp(r)));
    assertTrue(r >= t, what + ": " + t + " reported as " + r + ", below it");
    assertTrue(above.compareTo(bound) <= 0, what + ": " + t + " reported as " + r + ", more than " + relativeError
        + " of |" + t + "| above it");
  }
}
