package dev.finegrain.examples.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.ImmutableQuantileMeasure;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.LongRatio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The aggregator's zero, reduce, merge and finish, and its buffer's byte form, without Spark running. */
class KpiAggregatorTest {
  private static final Instant T = Orders.START;

  private static Order order(long shipHours, long amount) {
    Instant shipped = shipHours < 0 ? null : T.plus(Duration.ofHours(shipHours));
    return new Order("o", "web", "m1", T, T.plus(Duration.ofHours(48)), shipped, amount, false, Double.NaN, 0);
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).unit("n").direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  private static final Kpi ON_TIME = kpi("on-time",
      Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy")));

  @Test
  void aRatioIsKeptAsThePairAndDividedAtTheEnd() {
    KpiAggregator<Order> agg = KpiAggregator.of(ON_TIME, Orders.FIELDS);
    Accumulator<?, ?> a = agg.reduce(agg.reduce(agg.zero(), order(10, 1)), order(50, 1)); // 1 of 2
    Accumulator<?, ?> b = agg.reduce(agg.zero(), order(-1, 1)); // not shipped: 0 of 1
    Accumulator<?, ?> merged = agg.merge(a, b);

    LongRatio.Result r = ((LongRatio) merged).result();
    assertEquals(1, r.numerator());
    assertEquals(3, r.denominator());
    assertEquals(1.0 / 3, agg.finish(merged));
  }

  @Test
  void aWholeSumWhosePartialTotalsLeaveTheRangeOfALongIsTheOneJvmSum() {
    Kpi gmv = kpi("gmv", Measure.sum("amountCents"));
    KpiAggregator<Order> agg = KpiAggregator.of(gmv, Orders.FIELDS);
    List<Order> orders = List.of(order(10, Long.MAX_VALUE), order(10, 1_000), order(10, -2_000));
    Supplier<Accumulator<?, ?>> pastTheTop = () -> agg.reduce(agg.reduce(agg.zero(), orders.get(0)), orders.get(1));
    Supplier<Accumulator<?, ?>> back = () -> agg.reduce(agg.zero(), orders.get(2));
    KpiQuery query = KpiQuery.builder().addKpis(gmv).timeField("createdAt").grain(Grain.DAY).build();
    double oneJvm = Kpis.run(query, Orders.SCHEMA, orders).rows().get(0).cell("gmv").orElseThrow().value()
        .orElseThrow();

    assertEquals((double) (Long.MAX_VALUE - 1_000), oneJvm);
    assertEquals(oneJvm, agg.finish(agg.merge(pastTheTop.get(), back.get())));
    assertEquals(oneJvm, agg.finish(agg.merge(back.get(), pastTheTop.get())));
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> agg.finish(pastTheTop.get()));
    assertTrue(e.getMessage().contains("long overflow"), e.getMessage());
  }

  @Test
  void emptyIsNullNeverNaNOrZero() {
    assertNull(KpiAggregator.of(ON_TIME, Orders.FIELDS).finish(KpiAggregator.of(ON_TIME, Orders.FIELDS).zero()));
    KpiAggregator<Order> p90 = KpiAggregator.of(kpi("p90", Measure.quantile("delayHours", 0.9)), Orders.FIELDS);
    assertNull(p90.finish(p90.reduce(p90.zero(), order(-1, 1)))); // no delay: not shipped
    KpiAggregator<Order> count = KpiAggregator.of(kpi("orders", Measure.count()), Orders.FIELDS);
    assertEquals(0.0, count.finish(count.zero()), "a count of nothing is 0, as in finegrain");
  }

  @Test
  void quantilesAreNearestRank() {
    KpiAggregator<Order> p90 = KpiAggregator.of(kpi("p90", Measure.quantile("delayHours", 0.9)), Orders.FIELDS);
    Accumulator<?, ?> buf = p90.zero();
    for (long h : new long[] {10, 50, 24}) {
      buf = p90.reduce(buf, order(h, 1));
    }
    assertEquals(50.0, p90.finish(buf)); // rank ceil(0.9 * 3) = 3
  }

  @Test
  void theBufferEncoderIsTheAccumulatorsByteForm() throws Exception {
    AccumulatorEncoder.BytesCodec codec = new AccumulatorEncoder.BytesCodec();
    HistogramQuantiles h = HistogramQuantiles.create(2);
    h.add(7);
    h.add(700);
    byte[] bytes = codec.encode(h);
    assertArrayEquals(h.toBytes(), bytes);
    assertEquals(h, codec.decode(bytes));
    assertTrue(AccumulatorEncoder.get().schema().toString().contains("BinaryType"),
        AccumulatorEncoder.get().schema().toString());
  }

  @Test
  void aHistogramQuantileOfNegativeValuesIsTheOneJvmQuantileThroughTheBufferBytes() {
    // refunds as negative amounts; at 2 digits -2000 shares a bucket with -1993 to -2000, reported as -1993
    Kpi medianAmount = kpi("median-amount",
        ImmutableQuantileMeasure.builder().field("amountCents").q(0.5).significantDigits(2).build());
    KpiAggregator<Order> agg = KpiAggregator.of(medianAmount, Orders.FIELDS);
    AccumulatorEncoder.BytesCodec codec = new AccumulatorEncoder.BytesCodec();
    List<Order> orders = List.of(order(10, -123_456), order(10, 300), order(10, -2_000), order(10, 98_765),
        order(10, -5_000));
    Accumulator<?, ?> first = agg.reduce(agg.reduce(agg.zero(), orders.get(0)), orders.get(1));
    Accumulator<?, ?> second = agg.reduce(agg.reduce(agg.reduce(agg.zero(), orders.get(2)), orders.get(3)),
        orders.get(4));
    KpiQuery query = KpiQuery.builder().addKpis(medianAmount).timeField("createdAt").grain(Grain.DAY).build();

    double oneJvm = Kpis.run(query, Orders.SCHEMA, orders).rows().get(0).cell("median-amount").orElseThrow().value()
        .orElseThrow();

    assertEquals(-1_993.0, oneJvm);
    assertEquals(oneJvm, agg.finish(agg.merge(codec.decode(codec.encode(first)), codec.decode(codec.encode(second)))));
  }

  @Test
  void survivesJavaSerializationAsSparkShipsIt() throws Exception {
    KpiAggregator<Order> agg = KpiAggregator.of(ON_TIME, Orders.FIELDS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(agg);
    }
    @SuppressWarnings("unchecked")
    KpiAggregator<Order> back = (KpiAggregator<Order>) new ObjectInputStream(
        new ByteArrayInputStream(out.toByteArray())).readObject();
    assertEquals(1.0, back.finish(back.reduce(back.zero(), order(3, 1))));
    assertEquals("on-time", back.kpiId());
  }

  @Test
  void rejectsDerivedKpisAndUnknownOrMistypedFields() {
    IllegalArgumentException derived = assertThrows(IllegalArgumentException.class,
        () -> KpiAggregator.of(kpi("net", Measure.derived("gmv - refunds")), Orders.FIELDS));
    assertTrue(derived.getMessage().contains("derived"), derived.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> KpiAggregator.of(kpi("x", Measure.sum("refundCents")), Orders.FIELDS));
    assertTrue(unknown.getMessage().contains("unknown field 'refundCents'"), unknown.getMessage());
    IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
        () -> KpiAggregator.of(kpi("x", Measure.quantile("rating", 0.5)), Orders.FIELDS));
    assertTrue(mistyped.getMessage().contains("a quantile needs whole numbers"), mistyped.getMessage());
  }

  @Test
  void udafArgumentsAreTheKpisFieldsInOrder() {
    assertEquals(List.of("shippedAt", "promisedShipBy"), KpiAggregator.argumentNames(ON_TIME));
    assertEquals(List.of(), KpiAggregator.argumentNames(kpi("orders", Measure.count())));
  }
}
