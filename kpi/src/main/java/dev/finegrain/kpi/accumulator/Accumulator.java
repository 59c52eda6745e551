package dev.finegrain.kpi.accumulator;

/**
 * A mergeable aggregation state: values are added to it, states of different parts of the data are
 * merged, and the result is read at the end — so one KPI runs the same in one thread, in parallel
 * and in a distributed engine.
 *
 * <p>The laws, checked by property tests for every accumulator:
 * <ul>
 *   <li><b>identity</b>: a freshly created accumulator ({@link #fresh()}, or the type's
 *       {@code create()}) is the identity of {@link #merge}, on either side;
 *   <li><b>associative and commutative</b>: however the data is split into parts and in whatever
 *       order or tree the parts are merged, the result is that of one pass over all the data —
 *       exactly for counts, {@code long} sums and ratios, min/max, quantiles and distinct counts;
 *       within floating-point rounding for {@code double} sums, ratios, means and variances (each
 *       type documents its tolerance). {@code a.merge(b)} and {@code b.merge(a)} give exactly the
 *       same result for every type;
 *   <li><b>byte form</b>: {@code fromBytes(toBytes(a))} equals {@code a}.
 * </ul>
 *
 * <p>Accumulators are <b>mutable and not thread-safe</b>: {@code add} and {@link #merge} change the
 * accumulator in place and return it, which is what Spark, Flink and Beam expect of a buffer. Give
 * each thread its own accumulator and merge at the end; take a {@link #copy()} to keep a state.
 * The {@code add} methods take primitives and do not allocate (apart from the amortised growth of
 * a table or histogram, documented per type), so a columnar loop can call them per value.
 *
 * <p>The byte form ({@link #toBytes()}) starts with a format version byte (currently 2) and a type
 * tag byte, followed by the type's fields, big-endian, and ends with a CRC32C of all the bytes
 * before it; there is no Java serialisation. Each type has a static {@code fromBytes(byte[])}, and
 * {@link Accumulators#fromBytes(byte[])} reads any of them by its tag. Both reject a checksum that
 * does not match (so any single changed bit), a wrong tag, an unknown version, truncated and
 * trailing bytes with an {@link IllegalArgumentException} that says what was expected and at which
 * offset, and read version 1 (the same fields, no checksum) as before. Reading allocates in
 * proportion to the bytes read: a size field is checked against the bytes left before anything is
 * allocated for it, and no reader allocates more than 64 bytes per byte read plus a few kilobytes.
 *
 * <pre>{@code
 * LongRatio onTime = LongRatio.create();          // per partition
 * onTime.add(true);                               // shipped on time: 1 of 1
 * onTime.add(false);                              // late: 0 of 1
 * LongRatio other = LongRatio.create();
 * other.add(3, 4);                                // 3 of 4 orders on time
 * onTime.merge(other);                            // in place: 4 of 6
 * onTime.result().value();                        // OptionalDouble[0.666...]
 * byte[] bytes = onTime.toBytes();                // version 2, tag 5, the fields, a CRC32C
 * LongRatio back = LongRatio.fromBytes(bytes);    // equals onTime
 * Accumulator<?, ?> any = Accumulators.fromBytes(bytes);  // a LongRatio, found by its tag
 * LongRatio.create().result().value();            // OptionalDouble.empty: 0 of 0 is undefined
 * }</pre>
 *
 * <p><b>In a distributed engine.</b> A Spark {@code Aggregator<IN, BUF, OUT>} wraps an accumulator
 * as: {@code zero()} returns {@code X.create()}; {@code reduce(buf, row)} calls {@code buf.add(..)}
 * with the row's primitive value and returns {@code buf}; {@code merge(b1, b2)} returns
 * {@code b1.merge(b2)}; {@code finish(buf)} returns {@code buf.result()}; and
 * {@code bufferEncoder()} is {@code Encoders.BINARY()} mapped through {@link #toBytes()} and
 * {@code X.fromBytes} (or a Kryo/Java bean encoder of a holder of those bytes). A Flink
 * {@code AggregateFunction<IN, ACC, OUT>} maps {@code createAccumulator}, {@code add},
 * {@code merge} and {@code getResult} the same way, with a {@code TypeSerializer} that writes
 * {@link #toBytes()}; a Beam {@code CombineFn} likewise, with a {@code Coder} over the bytes.
 * This module depends on none of those engines.
 *
 * @param <A> the accumulator type itself, so that {@code merge} and {@code copy} return it
 * @param <R> the result type
 *
 * @since 0.1
 */
public sealed interface Accumulator<A extends Accumulator<A, R>, R>
    permits Count, LongSum, DoubleSum, MeanVariance, LongRatio, DoubleRatio, LongMinMax,
        HistogramQuantiles, ExactQuantiles, DistinctLongs, DistinctStrings {

  /**
   * Merges {@code other} into this accumulator and returns this one; {@code other} is not changed.
   * Merging an accumulator with itself counts its data twice.
   *
   * @param other the accumulator merged in, which is not changed
   * @return this accumulator, with {@code other} merged in
   * @throws ArithmeticException if a count would overflow a {@code long}, or a decimal sum the
   *     range of a {@code double} (whole sums are kept in 128 bits and fail only when read); this
   *     accumulator is then unchanged
   * @throws IllegalArgumentException if the two are configured differently (e.g. quantile
   *     histograms of different precision)
   */
  A merge(A other);

  /** {@return the result so far, as an immutable value; empty parts are empty, never zero or NaN} */
  R result();

  /** {@return how many values (records) were added, over all merged parts: the sample size} */
  long count();

  /** {@return whether nothing was added: {@code count() == 0}} */
  default boolean isEmpty() {
    return count() == 0;
  }

  /** {@return a new, empty accumulator with this one's configuration: the identity of {@link #merge}} */
  A fresh();

  /** {@return an independent copy of this accumulator's state} */
  A copy();

  /**
   * The compact, versioned byte form: format version, type tag, then the state, big-endian. Equal
   * states give equal bytes.
   *
   * @return the compact, versioned byte form: format version, type tag, then the state, big-endian
   */
  byte[] toBytes();
}
