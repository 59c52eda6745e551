package dev.finegrain.kpi.accumulator;

import java.util.OptionalDouble;

/**
 * The sum of finite {@code double} values (weights, scores, amounts already in a floating unit),
 * with the number of values. The sum is compensated (Neumaier), so splitting the data and merging
 * the parts in any order changes the total only by rounding — the property tests hold it within
 * {@code 1e-14 · Σ|x|}, in practice a few ulps; merging is exactly commutative. For money prefer
 * {@link LongSum} of minor units, which is exact.
 *
 * <p>Non-finite values (NaN, infinities) are rejected rather than carried along, and a sum that
 * would overflow to infinity throws {@link ArithmeticException}; the accumulator is then unchanged.
 *
 * <p>Byte form (tag 3): count (8-byte long), running sum and compensation (8-byte doubles).
 *
 * @since 0.1
 */
public final class DoubleSum implements Accumulator<DoubleSum, DoubleSum.Result> {
  private long count;
  private CompensatedSum sum = new CompensatedSum();

  private DoubleSum() {}

  /** {@return an empty sum} */
  public static DoubleSum create() {
    return new DoubleSum();
  }

  /** The state of adding {@code sum} and then {@code count - 1} zeros: {@code count} values summing to {@code sum}. */
  static DoubleSum of(long count, double sum) {
    DoubleSum s = new DoubleSum();
    s.count = count;
    s.sum.sum = sum + 0.0;
    return s;
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   * @throws ArithmeticException if the sum would overflow to infinity
   */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: " + value + " is not a finite number");
    }
    if (!sum.canAdd(value)) {
      throw new ArithmeticException("double sum overflow: " + sum.total() + " + " + value);
    }
    sum.add(value);
    count++;
  }

  @Override
  public DoubleSum merge(DoubleSum other) {
    if (other.count == 0) {
      return this;
    }
    long n = Math.addExact(count, other.count);
    if (count == 0) {
      sum = other.sum.copy();
    } else {
      if (!sum.canMerge(other.sum)) {
        throw new ArithmeticException("double sum overflow: " + sum.total() + " + " + other.sum.total());
      }
      sum.merge(other.sum);
    }
    count = n;
    return this;
  }

  @Override
  public Result result() {
    return new Result(count, sum.total());
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public DoubleSum fresh() {
    return new DoubleSum();
  }

  @Override
  public DoubleSum copy() {
    DoubleSum copy = new DoubleSum();
    copy.count = count;
    copy.sum = sum.copy();
    return copy;
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.DOUBLE_SUM).writeLong(count);
    sum.write(out);
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link DoubleSum}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a DoubleSum of format version 2 (with a matching checksum) or 1
   */
  public static DoubleSum fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.DOUBLE_SUM);
    DoubleSum s = new DoubleSum();
    s.count = in.readCount("count");
    s.sum = CompensatedSum.read(in, "running");
    in.end();
    if (s.count == 0 && !s.sum.sameAs(new CompensatedSum())) {
      throw in.invalid("sum is " + s.sum.total() + " but count is 0; expected 0.0 when nothing was added");
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleSum other && other.count == count && other.sum.sameAs(sum);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + sum.hash();
  }

  @Override
  public String toString() {
    return "DoubleSum{count=" + count + ", sum=" + sum.total() + "}";
  }

  /**
   * The sum of {@code count} values; 0.0 when there are none.
   *
   * @param count how many values were added
   * @param sum their compensated sum
   *
   * @since 0.1
   */
  public record Result(long count, double sum) {
    /** {@return the mean {@code sum / count}, empty when there are no values} */
    public OptionalDouble mean() {
      return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
    }
  }
}
