package dev.finegrain.kpi.accumulator;

/**
 * Counts records: orders, tickets, listings. The result is the count as a {@code Long}; it is 0,
 * not empty, when nothing was counted, because "no records" is a well-defined count.
 *
 * <p>Byte form (tag 1): the count as an 8-byte long.
 *
 * @since 0.1
 */
public final class Count implements Accumulator<Count, Long> {
  private long count;

  private Count() {}

  /** {@return an empty count} */
  public static Count create() {
    return new Count();
  }

  /** Counts one record. */
  public void add() {
    count = Math.addExact(count, 1);
  }

  /**
   * Counts {@code records} records at once.
   *
   * @param records how many records to count, at least 0
   * @throws IllegalArgumentException if {@code records} is negative
   * @throws ArithmeticException if the count would overflow a long
   */
  public void add(long records) {
    if (records < 0) {
      throw new IllegalArgumentException("records: " + records + " is negative; expected a count >= 0");
    }
    count = Math.addExact(count, records);
  }

  @Override
  public Count merge(Count other) {
    count = Math.addExact(count, other.count);
    return this;
  }

  /** The number of records counted. */
  @Override
  public Long result() {
    return count;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public Count fresh() {
    return new Count();
  }

  @Override
  public Count copy() {
    Count copy = new Count();
    copy.count = count;
    return copy;
  }

  @Override
  public byte[] toBytes() {
    return Format.writer(Format.Tag.COUNT).writeLong(count).toByteArray();
  }

  /**
   * Reads the byte form of a {@link Count}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a Count of format version 2 (with a matching checksum) or 1
   */
  public static Count fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.COUNT);
    Count c = new Count();
    c.count = in.readCount("count");
    in.end();
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Count other && other.count == count;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count);
  }

  @Override
  public String toString() {
    return "Count{" + count + "}";
  }
}
