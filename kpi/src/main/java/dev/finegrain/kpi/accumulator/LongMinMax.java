package dev.finegrain.kpi.accumulator;

import java.util.OptionalLong;

/**
 * The smallest and largest of {@code long} values, with their count; both empty when nothing was
 * added.
 *
 * <p>Byte form (tag 7): count (8-byte long), then, when it is not 0, min and max (8-byte longs).
 *
 * @since 0.1
 */
public final class LongMinMax implements Accumulator<LongMinMax, LongMinMax.Result> {
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  private LongMinMax() {}

  /** {@return an empty accumulator} */
  public static LongMinMax create() {
    return new LongMinMax();
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   */
  public void add(long value) {
    count = Math.addExact(count, 1);
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }

  @Override
  public LongMinMax merge(LongMinMax other) {
    count = Math.addExact(count, other.count);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  @Override
  public Result result() {
    return count == 0 ? new Result(0, OptionalLong.empty(), OptionalLong.empty())
        : new Result(count, OptionalLong.of(min), OptionalLong.of(max));
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public LongMinMax fresh() {
    return new LongMinMax();
  }

  @Override
  public LongMinMax copy() {
    LongMinMax copy = new LongMinMax();
    copy.count = count;
    copy.min = min;
    copy.max = max;
    return copy;
  }

  @Override
  public byte[] toBytes() {
    Format.Writer out = Format.writer(Format.Tag.LONG_MIN_MAX).writeLong(count);
    if (count > 0) {
      out.writeLong(min).writeLong(max);
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link LongMinMax}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a LongMinMax of format version 2 (with a matching checksum) or 1
   */
  public static LongMinMax fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.LONG_MIN_MAX);
    LongMinMax m = new LongMinMax();
    m.count = in.readCount("count");
    if (m.count > 0) {
      m.min = in.readLong("min");
      m.max = in.readLong("max");
      if (m.min > m.max) {
        throw in.invalid("min " + m.min + " is greater than max " + m.max);
      }
    }
    in.end();
    return m;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LongMinMax other)) {
      return false;
    }
    return other.count == count && other.min == min && other.max == max;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(count) * 31 + Long.hashCode(min)) * 31 + Long.hashCode(max);
  }

  @Override
  public String toString() {
    return count == 0 ? "LongMinMax{empty}" : "LongMinMax{count=" + count + ", min=" + min + ", max=" + max + "}";
  }

  /**
   * The extremes of {@code count} values.
   *
   * @param count how many values were added
   * @param min the smallest, empty when there are none
   * @param max the largest, empty when there are none
   *
   * @since 0.1
   */
  public record Result(long count, OptionalLong min, OptionalLong max) {}
}
