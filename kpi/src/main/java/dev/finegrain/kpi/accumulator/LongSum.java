package dev.finegrain.kpi.accumulator;

import java.util.OptionalDouble;

/**
 * The exact sum of {@code long} values (amounts in minor currency units, quantities, seconds),
 * with the number of values. Sums never wrap around: an overflow throws {@link ArithmeticException}
 * (from {@link Math#addExact}) and leaves the accumulator unchanged.
 *
 * <p>Byte form (tag 2): count and sum, 8-byte longs.
 *
 * @since 0.1
 */
public final class LongSum implements Accumulator<LongSum, LongSum.Result> {
  private long count;
  private long sum;

  private LongSum() {}

  /** {@return an empty sum} */
  public static LongSum create() {
    return new LongSum();
  }

  /** The sum a run of {@code count} values summing to {@code sum} reaches. */
  static LongSum of(long count, long sum) {
    LongSum s = new LongSum();
    s.count = count;
    s.sum = sum;
    return s;
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   * @throws ArithmeticException if the sum would overflow a long; the accumulator is unchanged
   */
  public void add(long value) {
    sum = Math.addExact(sum, value);
    count++;
  }

  @Override
  public LongSum merge(LongSum other) {
    long s = Math.addExact(sum, other.sum);
    count = Math.addExact(count, other.count);
    sum = s;
    return this;
  }

  @Override
  public Result result() {
    return new Result(count, sum);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public LongSum fresh() {
    return new LongSum();
  }

  @Override
  public LongSum copy() {
    return of(count, sum);
  }

  @Override
  public byte[] toBytes() {
    return Format.writer(Format.Tag.LONG_SUM).writeLong(count).writeLong(sum).toByteArray();
  }

  /**
   * Reads the byte form of a {@link LongSum}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a LongSum of format version 2 (with a matching checksum) or 1
   */
  public static LongSum fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.LONG_SUM);
    long count = in.readCount("count");
    long sum = in.readLong("sum");
    in.end();
    if (count == 0 && sum != 0) {
      throw in.invalid("sum is " + sum + " but count is 0; expected sum 0 when nothing was added");
    }
    return of(count, sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LongSum other && other.count == count && other.sum == sum;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Long.hashCode(sum);
  }

  @Override
  public String toString() {
    return "LongSum{count=" + count + ", sum=" + sum + "}";
  }

  /**
   * The sum of {@code count} values; 0 when there are none.
   *
   * @param count how many values were added
   * @param sum their exact sum
   *
   * @since 0.1
   */
  public record Result(long count, long sum) {
    /** {@return the mean {@code sum / count}, empty when there are no values} */
    public OptionalDouble mean() {
      return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sum / count);
    }
  }
}
