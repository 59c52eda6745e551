package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.WholeSums;
import java.math.BigInteger;
import java.util.OptionalDouble;

/**
 * The exact sum of {@code long} values (amounts in minor currency units, quantities, seconds),
 * with the number of values. The sum is exact in 128 bits, so it never wraps around and adding
 * never fails: a running total may leave the range of a {@code long} and come back, in any order
 * of the values and any grouping of merges, as {@link dev.finegrain.kpi.Kpis#run Kpis.run} sums
 * whole numbers. Only {@link #result()} fails, with an {@link ArithmeticException}, when the final
 * sum does not fit in a {@code long}; {@link #exactSum()} gives it then.
 *
 * <pre>{@code
 * LongSum gmv = LongSum.create();
 * gmv.add(Long.MAX_VALUE);            // a running total at the top of the range
 * gmv.add(1_999);                     // past it: kept exactly
 * gmv.add(-2_000);                    // and back
 * gmv.result();                       // Result[count=3, sum=9223372036854775806]
 * }</pre>
 *
 * <p>Byte form (tag 2): count and sum, 8-byte longs; when the sum does not fit in a long, the
 * sum's low 64 bits and then the number of times 2^64 it lies beyond them.
 *
 * @since 0.1
 */
public final class LongSum implements Accumulator<LongSum, LongSum.Result> {
  private long count;
  /** The sum modulo 2^64; the exact sum is {@code sum + wraps * 2^64} (see {@link WholeSums}). */
  private long sum;
  private long wraps;

  private LongSum() {}

  /** {@return an empty sum} */
  public static LongSum create() {
    return new LongSum();
  }

  /** The sum a run of {@code count} values summing to {@code sum} reaches. */
  static LongSum of(long count, long sum) {
    return of(count, sum, 0);
  }

  private static LongSum of(long count, long sum, long wraps) {
    LongSum s = new LongSum();
    s.count = count;
    s.sum = sum;
    s.wraps = wraps;
    return s;
  }

  /**
   * Adds {@code value}. The sum stays exact even when it leaves the range of a {@code long}.
   *
   * @param value the value to add
   */
  public void add(long value) {
    wraps += WholeSums.carry(sum, value);
    sum += value;
    count++;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if the two counts together overflow a long; this sum is unchanged
   */
  @Override
  public LongSum merge(LongSum other) {
    count = Math.addExact(count, other.count);
    wraps += other.wraps + WholeSums.carry(sum, other.sum);
    sum += other.sum;
    return this;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if the sum does not fit in a long ({@link #exactSum()} has it)
   */
  @Override
  public Result result() {
    return new Result(count, WholeSums.fit(sum, wraps, count, "values"));
  }

  /** {@return the exact sum, also when it does not fit in a long} */
  public BigInteger exactSum() {
    return WholeSums.exact(sum, wraps);
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
    return of(count, sum, wraps);
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.LONG_SUM).writeLong(count).writeLong(sum);
    if (wraps != 0) {
      out.writeLong(wraps);
    }
    return out.toByteArray();
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
    long wraps = 0;
    if (in.optionalFieldFollows()) {
      int at = in.position();
      wraps = in.readLong("sum wraps");
      if (wraps == 0) {
        throw in.invalid("sum wraps at offset " + at + " is 0; expected the field left out when the sum fits in a long");
      }
    }
    in.end();
    if (count == 0 && sum != 0) {
      throw in.invalid("sum is " + sum + " but count is 0; expected sum 0 when nothing was added");
    }
    in.checkReachable("sum", count, sum, wraps);
    return of(count, sum, wraps);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LongSum other && other.count == count && other.sum == sum && other.wraps == wraps;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(count) * 31 + Long.hashCode(sum)) * 31 + Long.hashCode(wraps);
  }

  @Override
  public String toString() {
    return "LongSum{count=" + count + ", sum=" + exactSum() + "}";
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
