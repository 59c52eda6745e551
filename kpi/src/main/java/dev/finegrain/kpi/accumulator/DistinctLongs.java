package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.LongHashSet;

/**
 * The exact number of distinct {@code long} values — customer ids, dictionary-encoded dimension
 * ids — kept as the set itself, so merging is exact (a union). The result is the number of
 * distinct values; {@link #count()} is the number of values added, repeats included.
 *
 * <p>{@link #add} does not allocate except when the set's table doubles. Memory grows with the
 * number of distinct values (about 16 to 32 bytes each).
 *
 * <p>Byte form (tag 10): the number of values added (8-byte long), the number of distinct values
 * (varint), and if it is not 0: the smallest value (8-byte long), then each further value in
 * ascending order as its distance from the previous one (unsigned varint). Equal sets with equal
 * counts encode identically, whatever the order of adding.
 *
 * @since 0.1
 */
public final class DistinctLongs implements Accumulator<DistinctLongs, Long> {
  private LongHashSet values = new LongHashSet();
  private long count;

  private DistinctLongs() {}

  /** {@return an empty set} */
  public static DistinctLongs create() {
    return new DistinctLongs();
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   */
  public void add(long value) {
    values.add(value);
    count = Math.addExact(count, 1);
  }

  /**
   * Whether {@code value} was added.
   *
   * @param value the value looked for
   * @return whether {@code value} was added
   */
  public boolean contains(long value) {
    return values.contains(value);
  }

  /** {@return the distinct values, ascending, in a new array} */
  public long[] values() {
    return values.toSortedArray();
  }

  @Override
  public DistinctLongs merge(DistinctLongs other) {
    long n = Math.addExact(count, other.count);
    values.addAll(other.values);
    count = n;
    return this;
  }

  /** The number of distinct values added. */
  @Override
  public Long result() {
    return (long) values.size();
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public DistinctLongs fresh() {
    return new DistinctLongs();
  }

  @Override
  public DistinctLongs copy() {
    DistinctLongs copy = new DistinctLongs();
    copy.values = values.copy();
    copy.count = count;
    return copy;
  }

  @Override
  public byte[] toBytes() {
    long[] sorted = values.toSortedArray();
    Format.Writer out = Format.writer(Format.Tag.DISTINCT_LONGS).writeLong(count).writeVarLong(sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0) {
        out.writeLong(sorted[0]);
      } else {
        out.writeVarLong(sorted[i] - sorted[i - 1]);
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link DistinctLongs}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a DistinctLongs of format version 2 (with a matching checksum) or 1
   */
  public static DistinctLongs fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.DISTINCT_LONGS);
    DistinctLongs d = new DistinctLongs();
    d.count = in.readCount("count");
    int size = in.readSize("distinct value count", 1);
    if (size > d.count || (size == 0) != (d.count == 0)) {
      throw in.invalid(size + " distinct values from " + d.count
          + " added; expected at least one and at most as many distinct values as added, none when empty");
    }
    d.values = LongHashSet.withExpectedSize(size);
    long value = 0;
    for (int i = 0; i < size; i++) {
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
      d.values.add(value);
    }
    in.end();
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistinctLongs other && other.count == count && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return "DistinctLongs{distinct=" + values.size() + ", count=" + count + "}";
  }
}
