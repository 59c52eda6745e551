package dev.finegrain.kpi.accumulator;

import java.util.OptionalDouble;

/**
 * A ratio of two {@code double} sums — revenue over sessions, weighted scores over weights — kept
 * as the pair and divided only when read. With a zero denominator the ratio is undefined and
 * {@link Result#value()} is empty, never 0 or NaN. Both sums are compensated like
 * {@link DoubleSum}'s, with the same tolerance across splits and merge orders; merging is exactly
 * commutative. For counts use {@link LongRatio}, which is exact.
 *
 * <p>Non-finite inputs are rejected, and a sum that would overflow throws
 * {@link ArithmeticException}; the accumulator is then unchanged.
 *
 * <p>{@link #count()} is the records added, every one of them. For a ratio cell of a query that is
 * not the cell's {@link dev.finegrain.kpi.KpiCell#sampleSize()}, which is the records the ratio's
 * denominator counts.
 *
 * <p>Byte form (tag 6): count (8-byte long), then numerator sum and compensation, denominator sum
 * and compensation (8-byte doubles).
 *
 * @since 0.1
 */
public final class DoubleRatio implements Accumulator<DoubleRatio, DoubleRatio.Result> {
  private long count;
  private CompensatedSum numerator = new CompensatedSum();
  private CompensatedSum denominator = new CompensatedSum();

  private DoubleRatio() {}

  /** {@return an empty ratio: 0 over 0, undefined} */
  public static DoubleRatio create() {
    return new DoubleRatio();
  }

  /** The state of {@code count} records summing to {@code numerator} over {@code denominator}, with no compensation. */
  static DoubleRatio of(long count, double numerator, double denominator) {
    DoubleRatio r = new DoubleRatio();
    r.count = count;
    r.numerator.sum = numerator + 0.0;
    r.denominator.sum = denominator + 0.0;
    return r;
  }

  /**
   * Adds one record contributing {@code numerator} over {@code denominator}.
   *
   * @param numerator the record's numerator, finite
   * @param denominator the record's denominator, finite
   * @throws IllegalArgumentException if either is NaN or infinite
   * @throws ArithmeticException if either sum would overflow
   */
  public void add(double numerator, double denominator) {
    if (!Double.isFinite(numerator) || !Double.isFinite(denominator)) {
      throw new IllegalArgumentException("ratio term " + numerator + "/" + denominator
          + ": expected a finite numerator and denominator");
    }
    if (!this.numerator.canAdd(numerator) || !this.denominator.canAdd(denominator)) {
      throw new ArithmeticException("double ratio overflow adding " + numerator + "/" + denominator);
    }
    this.numerator.add(numerator);
    this.denominator.add(denominator);
    count++;
  }

  @Override
  public DoubleRatio merge(DoubleRatio other) {
    if (other.count == 0) {
      return this;
    }
    long n = Math.addExact(count, other.count);
    if (count == 0) {
      numerator = other.numerator.copy();
      denominator = other.denominator.copy();
    } else {
      if (!numerator.canMerge(other.numerator) || !denominator.canMerge(other.denominator)) {
        throw new ArithmeticException("double ratio overflow merging " + other + " into " + this);
      }
      numerator.merge(other.numerator);
      denominator.merge(other.denominator);
    }
    count = n;
    return this;
  }

  @Override
  public Result result() {
    return new Result(count, numerator.total(), denominator.total());
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public DoubleRatio fresh() {
    return new DoubleRatio();
  }

  @Override
  public DoubleRatio copy() {
    DoubleRatio copy = new DoubleRatio();
    copy.count = count;
    copy.numerator = numerator.copy();
    copy.denominator = denominator.copy();
    return copy;
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.DOUBLE_RATIO).writeLong(count);
    numerator.write(out);
    denominator.write(out);
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link DoubleRatio}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a DoubleRatio of format version 2 (with a matching checksum) or 1
   */
  public static DoubleRatio fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.DOUBLE_RATIO);
    DoubleRatio r = new DoubleRatio();
    r.count = in.readCount("count");
    r.numerator = CompensatedSum.read(in, "numerator");
    r.denominator = CompensatedSum.read(in, "denominator");
    in.end();
    CompensatedSum zero = new CompensatedSum();
    if (r.count == 0 && (!r.numerator.sameAs(zero) || !r.denominator.sameAs(zero))) {
      throw in.invalid(r.numerator.total() + " over " + r.denominator.total()
          + " with count 0; expected 0 over 0 when empty");
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DoubleRatio other)) {
      return false;
    }
    return other.count == count && other.numerator.sameAs(numerator) && other.denominator.sameAs(denominator);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(count) * 31 + numerator.hash()) * 31 + denominator.hash();
  }

  @Override
  public String toString() {
    return "DoubleRatio{" + result() + "}";
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
  public record Result(long count, double numerator, double denominator) {
    /** {@return {@code numerator / denominator}; empty when the denominator is 0, for which it is undefined} */
    public OptionalDouble value() {
      return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / denominator);
    }

    @Override
    public String toString() {
      return numerator + "/" + denominator + " = " + (denominator == 0 ? "undefined" : value().getAsDouble())
          + " (count " + count + ")";
    }
  }
}
