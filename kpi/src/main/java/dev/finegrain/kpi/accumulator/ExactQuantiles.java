package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.LongLongHashMap;
import java.util.Arrays;

/**
 * Exact quantiles of {@code long} values, for small integer domains (ratings 1–5, delays in whole
 * days, items per order): a count per distinct value, so memory grows with the number of distinct
 * values, not with the number of values. Reads the same {@link QuantileResult} as
 * {@link HistogramQuantiles}, with no error; merging is exact.
 *
 * <p>{@link #add} does not allocate except when the table of distinct values doubles.
 *
 * <p>Byte form (tag 9): the number of distinct values (varint), and if it is not 0: the smallest
 * value (8-byte long) and its count (varint), then per further value in ascending order its
 * distance from the previous one (an unsigned varint) and its count (varint).
 *
 * @since 0.1
 */
public final class ExactQuantiles implements Accumulator<ExactQuantiles, QuantileResult> {
  private LongLongHashMap counts = new LongLongHashMap();
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  private ExactQuantiles() {}

  /** {@return an empty accumulator} */
  public static ExactQuantiles create() {
    return new ExactQuantiles();
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   */
  public void add(long value) {
    add(value, 1);
  }

  /**
   * Adds {@code value} {@code times} times (for pre-counted data).
   *
   * @param value the value to add
   * @param times how many times it is added, at least 0
   * @throws IllegalArgumentException if {@code times} is negative
   * @throws ArithmeticException if the count would overflow a long
   */
  public void add(long value, long times) {
    if (times <= 0) {
      if (times == 0) {
        return;
      }
      throw new IllegalArgumentException("times: " + times + " is negative");
    }
    long n = Math.addExact(count, times);
    counts.addTo(value, times);
    count = n;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  /** {@return the number of distinct values} */
  public int distinctValues() {
    return counts.size();
  }

  @Override
  public ExactQuantiles merge(ExactQuantiles other) {
    if (other.count == 0) {
      return this;
    }
    long n = Math.addExact(count, other.count); // no single count can overflow if the total does not
    counts.addAll(other.counts);
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  /** Distinct values ascending, and their counts. */
  private long[][] sorted() {
    long[] values = new long[counts.size()];
    int n = 0;
    for (int slot = 0; slot < counts.capacity(); slot++) {
      if (counts.countAt(slot) != 0) {
        values[n++] = counts.keyAt(slot);
      }
    }
    Arrays.sort(values);
    long[] c = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      c[i] = counts.get(values[i]);
    }
    return new long[][] {values, c};
  }

  @Override
  public QuantileResult result() {
    long[][] sorted = sorted();
    long[] cumulative = sorted[1];
    for (int i = 1; i < cumulative.length; i++) {
      cumulative[i] += cumulative[i - 1];
    }
    return new QuantileResult(count, min, max, sorted[0], cumulative, 0);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public ExactQuantiles fresh() {
    return new ExactQuantiles();
  }

  @Override
  public ExactQuantiles copy() {
    ExactQuantiles copy = new ExactQuantiles();
    copy.counts = counts.copy();
    copy.count = count;
    copy.min = min;
    copy.max = max;
    return copy;
  }

  @Override
  public byte[] toBytes() {
    long[][] sorted = sorted();
    long[] values = sorted[0];
    Format.Writer out = Format.writer(Format.Tag.EXACT_QUANTILES).writeVarLong(values.length);
    for (int i = 0; i < values.length; i++) {
      if (i == 0) {
        out.writeLong(values[0]);
      } else {
        out.writeVarLong(values[i] - values[i - 1]);
      }
      out.writeVarLong(sorted[1][i]);
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of an {@link ExactQuantiles}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a ExactQuantiles of format version 2 (with a matching checksum) or 1
   */
  public static ExactQuantiles fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.EXACT_QUANTILES);
    ExactQuantiles q = new ExactQuantiles();
    int distinct = in.readSize("distinct value count", 2);
    q.counts = LongLongHashMap.withExpectedSize(distinct);
    long value = 0;
    for (int i = 0; i < distinct; i++) {
      if (i == 0) {
        value = in.readLong("value 0");
      } else {
        long next = value + in.index(i).readVarLong("value #");
        if (next <= value) {
          throw in.invalid("value " + i + " does not follow value " + (i - 1) + " (" + value
              + "); expected distinct values in ascending order");
        }
        value = next;
      }
      long c = in.index(i).readVarLong("count of value #");
      if (c <= 0) {
        throw in.invalid("value " + i + " (" + value + ") has count " + Long.toUnsignedString(c)
            + "; expected a count >= 1");
      }
      try {
        q.add(value, c);
      } catch (ArithmeticException e) {
        throw in.invalid("value counts overflow a long");
      }
    }
    in.end();
    return q;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExactQuantiles other)) {
      return false;
    }
    return other.count == count && other.counts.equals(counts);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + counts.hashCode();
  }

  @Override
  public String toString() {
    return "ExactQuantiles{" + result() + "}";
  }
}
