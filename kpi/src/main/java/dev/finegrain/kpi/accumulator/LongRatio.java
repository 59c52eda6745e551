package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.WholeSums;
import java.math.BigInteger;
import java.util.OptionalDouble;

/**
 * A ratio of two exact {@code long} sums — orders shipped on time over orders shipped, returns over
 * orders — kept as the pair and divided only when read, so partial ratios are never averaged. With
 * a zero denominator the ratio is undefined and {@link Result#value()} is empty, never 0 or NaN.
 *
 * <p>Both sums are exact in 128 bits, as in {@link LongSum}: adding and merging never fail, in
 * any order. Only {@link #result()} fails, with an {@link ArithmeticException}, when either final
 * sum does not fit in a {@code long}; {@link #exactNumerator()} and {@link #exactDenominator()}
 * give them then.
 *
 * <p>{@link #count()} is the records added, every one of them. For a ratio cell of a query that is
 * not the cell's {@link dev.finegrain.kpi.KpiCell#sampleSize()}, which is the records the ratio's
 * denominator counts.
 *
 * <p>Byte form (tag 5): count, numerator, denominator, 8-byte longs; when either sum does not fit
 * in a long, the low 64 bits of each and then, for each, the number of times 2^64 it lies beyond
 * them.
 *
 * @since 0.1
 */
public final class LongRatio implements Accumulator<LongRatio, LongRatio.Result> {
  private long count;
  /** Each sum modulo 2^64; the exact sum is {@code numerator + numeratorWraps * 2^64} (see {@link WholeSums}). */
  private long numerator;
  private long denominator;
  private long numeratorWraps;
  private long denominatorWraps;

  private LongRatio() {}

  /** {@return an empty ratio: 0 over 0, undefined} */
  public static LongRatio create() {
    return new LongRatio();
  }

  /** The ratio {@code count} records summing to {@code numerator} over {@code denominator} reach. */
  static LongRatio of(long count, long numerator, long denominator) {
    return of(count, numerator, 0, denominator, 0);
  }

  private static LongRatio of(long count, long numerator, long numeratorWraps, long denominator,
      long denominatorWraps) {
    LongRatio r = new LongRatio();
    r.count = count;
    r.numerator = numerator;
    r.numeratorWraps = numeratorWraps;
    r.denominator = denominator;
    r.denominatorWraps = denominatorWraps;
    return r;
  }

  /**
   * Adds one record contributing {@code numerator} over {@code denominator}.
   *
   * @param numerator the record's numerator
   * @param denominator the record's denominator
   */
  public void add(long numerator, long denominator) {
    numeratorWraps += WholeSums.carry(this.numerator, numerator);
    denominatorWraps += WholeSums.carry(this.denominator, denominator);
    this.numerator += numerator;
    this.denominator += denominator;
    count++;
  }

  /**
   * Adds one record that is a hit (1 over 1) or a miss (0 over 1): the rate of hits.
   *
   * @param hit whether the record is a hit
   */
  public void add(boolean hit) {
    add(hit ? 1 : 0, 1);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if the two counts together overflow a long; this ratio is unchanged
   */
  @Override
  public LongRatio merge(LongRatio other) {
    count = Math.addExact(count, other.count);
    numeratorWraps += other.numeratorWraps + WholeSums.carry(numerator, other.numerator);
    denominatorWraps += other.denominatorWraps + WholeSums.carry(denominator, other.denominator);
    numerator += other.numerator;
    denominator += other.denominator;
    return this;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if either sum does not fit in a long ({@link #exactNumerator()} and
   *     {@link #exactDenominator()} have them)
   */
  @Override
  public Result result() {
    return new Result(count, WholeSums.fit(numerator, numeratorWraps, count, "numerators"),
        WholeSums.fit(denominator, denominatorWraps, count, "denominators"));
  }

  /** {@return the exact sum of the numerators, also when it does not fit in a long} */
  public BigInteger exactNumerator() {
    return WholeSums.exact(numerator, numeratorWraps);
  }

  /** {@return the exact sum of the denominators, also when it does not fit in a long} */
  public BigInteger exactDenominator() {
    return WholeSums.exact(denominator, denominatorWraps);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public LongRatio fresh() {
    return new LongRatio();
  }

  @Override
  public LongRatio copy() {
    return of(count, numerator, numeratorWraps, denominator, denominatorWraps);
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.LONG_RATIO).writeLong(count).writeLong(numerator)
        .writeLong(denominator);
    if (numeratorWraps != 0 || denominatorWraps != 0) {
      out.writeLong(numeratorWraps).writeLong(denominatorWraps);
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link LongRatio}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a LongRatio of format version 2 (with a matching checksum) or 1
   */
  public static LongRatio fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.LONG_RATIO);
    long count = in.readCount("count");
    long numerator = in.readLong("numerator");
    long denominator = in.readLong("denominator");
    long numeratorWraps = 0;
    long denominatorWraps = 0;
    if (in.optionalFieldFollows()) {
      int at = in.position();
      numeratorWraps = in.readLong("numerator wraps");
      denominatorWraps = in.readLong("denominator wraps");
      if (numeratorWraps == 0 && denominatorWraps == 0) {
        throw in.invalid("numerator and denominator wraps at offset " + at
            + " are both 0; expected the fields left out when both sums fit in a long");
      }
    }
    in.end();
    if (count == 0 && (numerator != 0 || denominator != 0)) {
      throw in.invalid(numerator + " over " + denominator + " with count 0; expected 0 over 0 when empty");
    }
    in.checkReachable("numerator", count, numerator, numeratorWraps);
    in.checkReachable("denominator", count, denominator, denominatorWraps);
    return of(count, numerator, numeratorWraps, denominator, denominatorWraps);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LongRatio other)) {
      return false;
    }
    return other.count == count && other.numerator == numerator && other.denominator == denominator
        && other.numeratorWraps == numeratorWraps && other.denominatorWraps == denominatorWraps;
  }

  @Override
  public int hashCode() {
    long h = ((Long.hashCode(count) * 31L + numerator) * 31 + denominator) * 31 + numeratorWraps;
    return Long.hashCode(h * 31 + denominatorWraps);
  }

  @Override
  public String toString() {
    if (numeratorWraps == 0 && denominatorWraps == 0) {
      return "LongRatio{" + result() + "}";
    }
    return "LongRatio{" + exactNumerator() + "/" + exactDenominator() + " (count " + count + ")}";
  }

  /**
   * A ratio kept as its numerator and denominator.
   *
   * @param count how many records were added
   * @param numerator the sum of numerators
   * @param denominator the sum of denominators
   *
   * @since 0.1
   */
  public record Result(long count, long numerator, long denominator) {
    /** {@return {@code numerator / denominator}; empty when the denominator is 0, for which it is undefined} */
    public OptionalDouble value() {
      return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }

    @Override
    public String toString() {
      return numerator + "/" + denominator + " = " + (denominator == 0 ? "undefined" : value().getAsDouble())
          + " (count " + count + ")";
    }
  }
}
