package dev.finegrain.kpi.accumulator;

import java.util.OptionalDouble;

/**
 * A ratio of two exact {@code long} sums — orders shipped on time over orders shipped, returns over
 * orders — kept as the pair and divided only when read, so partial ratios are never averaged. With
 * a zero denominator the ratio is undefined and {@link Result#value()} is empty, never 0 or NaN.
 *
 * <p>Overflow of either sum throws {@link ArithmeticException} and leaves the accumulator unchanged.
 *
 * <p>Byte form (tag 5): count, numerator, denominator, 8-byte longs.
 *
 * @since 0.1
 */
public final class LongRatio implements Accumulator<LongRatio, LongRatio.Result> {
  private long count;
  private long numerator;
  private long denominator;

  private LongRatio() {}

  /** {@return an empty ratio: 0 over 0, undefined} */
  public static LongRatio create() {
    return new LongRatio();
  }

  /** The ratio {@code count} records summing to {@code numerator} over {@code denominator} reach. */
  static LongRatio of(long count, long numerator, long denominator) {
    LongRatio r = new LongRatio();
    r.count = count;
    r.numerator = numerator;
    r.denominator = denominator;
    return r;
  }

  /**
   * Adds one record contributing {@code numerator} over {@code denominator}.
   *
   * @param numerator the record's numerator, at least 0
   * @param denominator the record's denominator, at least 0
   * @throws ArithmeticException if either sum would overflow a long
   */
  public void add(long numerator, long denominator) {
    long n = Math.addExact(this.numerator, numerator);
    long d = Math.addExact(this.denominator, denominator);
    this.numerator = n;
    this.denominator = d;
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

  @Override
  public LongRatio merge(LongRatio other) {
    long n = Math.addExact(numerator, other.numerator);
    long d = Math.addExact(denominator, other.denominator);
    count = Math.addExact(count, other.count);
    numerator = n;
    denominator = d;
    return this;
  }

  @Override
  public Result result() {
    return new Result(count, numerator, denominator);
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
    return of(count, numerator, denominator);
  }

  @Override
  public byte[] toBytes() {
    return Format.writer(Format.Tag.LONG_RATIO).writeLong(count).writeLong(numerator).writeLong(denominator)
        .toByteArray();
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
    in.end();
    if (count == 0 && (numerator != 0 || denominator != 0)) {
      throw in.invalid(numerator + " over " + denominator + " with count 0; expected 0 over 0 when empty");
    }
    return of(count, numerator, denominator);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LongRatio other)) {
      return false;
    }
    return other.count == count && other.numerator == numerator && other.denominator == denominator;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(count) * 31 + Long.hashCode(numerator)) * 31 + Long.hashCode(denominator);
  }

  @Override
  public String toString() {
    return "LongRatio{" + result() + "}";
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
