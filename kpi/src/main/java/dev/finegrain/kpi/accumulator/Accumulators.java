package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.AccumulatorStates;

/**
 * Factories for every accumulator, and {@link #fromBytes(byte[])}, which reads the byte form of
 * any of them by its type tag.
 *
 * <pre>{@code
 * LongRatio monday = Accumulators.longRatio();      // on-time shipments over shipments
 * monday.add(true);
 * monday.add(false);
 * LongRatio tuesday = Accumulators.longRatio();
 * tuesday.add(true);
 * // ship the state between threads, executors or days as bytes, then merge: the order does not matter
 * LongRatio week = ((LongRatio) Accumulators.fromBytes(monday.toBytes())).merge(tuesday);
 * week.result().value();                            // OptionalDouble[0.666...]: 2 of 3, never an average of averages
 * }</pre>
 *
 * <p>Each type's documentation gives its type tag and fields; {@code docs/formats/accumulators.md}
 * in the source repository lays out every byte form, with a byte table each.
 *
 * @since 0.1
 */
public final class Accumulators {
  static {
    AccumulatorStates.install(new StateFactory());
  }

  private Accumulators() {}

  /** The current version of the byte form, the first byte of every {@code toBytes()}. */
  public static final int FORMAT_VERSION = Format.VERSION;

  /** {@return an empty {@link Count}} */
  public static Count count() {
    return Count.create();
  }

  /** {@return an empty {@link LongSum}} */
  public static LongSum longSum() {
    return LongSum.create();
  }

  /** {@return an empty {@link DoubleSum}} */
  public static DoubleSum doubleSum() {
    return DoubleSum.create();
  }

  /** {@return an empty {@link MeanVariance}} */
  public static MeanVariance meanVariance() {
    return MeanVariance.create();
  }

  /** {@return an empty {@link LongRatio}: 0 over 0, undefined} */
  public static LongRatio longRatio() {
    return LongRatio.create();
  }

  /** {@return an empty {@link DoubleRatio}: 0 over 0, undefined} */
  public static DoubleRatio doubleRatio() {
    return DoubleRatio.create();
  }

  /** {@return an empty {@link LongMinMax}} */
  public static LongMinMax longMinMax() {
    return LongMinMax.create();
  }

  /** {@return Quantiles from a histogram with 3 significant digits} */
  public static HistogramQuantiles histogramQuantiles() {
    return HistogramQuantiles.create();
  }

  /**
   * Quantiles from a histogram with {@code significantDigits} (1 to 5) significant digits.
   *
   * @param significantDigits the precision in significant decimal digits, 1 to 5
   * @return Quantiles from a histogram with {@code significantDigits} (1 to 5) significant digits
   */
  public static HistogramQuantiles histogramQuantiles(int significantDigits) {
    return HistogramQuantiles.create(significantDigits);
  }

  /**
   * Quantiles from a compact (packed) histogram with {@code significantDigits} (1 to 5) significant digits.
   *
   * @param significantDigits the precision in significant decimal digits, 1 to 5
   * @return Quantiles from a compact (packed) histogram with {@code significantDigits} (1 to 5) significant digits
   */
  public static HistogramQuantiles compactHistogramQuantiles(int significantDigits) {
    return HistogramQuantiles.createCompact(significantDigits);
  }

  /** {@return an empty {@link ExactQuantiles}} */
  public static ExactQuantiles exactQuantiles() {
    return ExactQuantiles.create();
  }

  /** {@return an empty {@link DistinctLongs}} */
  public static DistinctLongs distinctLongs() {
    return DistinctLongs.create();
  }

  /** {@return an empty {@link DistinctStrings}} */
  public static DistinctStrings distinctStrings() {
    return DistinctStrings.create();
  }

  /**
   * Reads the byte form of any accumulator, choosing its type by the tag in the second byte.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for a short header, an unknown version or tag, or bytes that
   *     are not a valid accumulator of their tag's type
   */
  public static Accumulator<?, ?> fromBytes(byte[] bytes) {
    return Format.tagOf(bytes).read(bytes);
  }
}
