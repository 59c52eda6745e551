package dev.finegrain.kpi.accumulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The exact number of distinct strings — customer ids, SKUs, dimension values — kept as the set
 * itself, so merging is exact (a union). The result is the number of distinct strings;
 * {@link #count()} is the number added, repeats included.
 *
 * <p>Unlike the numeric accumulators, {@link #add} stores the string in a hash set and so may
 * allocate a set entry for a new value; for dictionary-encoded columns prefer
 * {@link DistinctLongs} of the codes. Strings must be well-formed UTF-16 (no lone surrogates), so
 * that they survive the byte form.
 *
 * <p>Byte form (tag 11): the number of strings added (8-byte long), the number of distinct strings
 * (varint), then each string in ascending {@link String#compareTo} order as its UTF-8 length
 * (varint) and UTF-8 bytes. Equal sets with equal counts encode identically.
 *
 * @since 0.1
 */
public final class DistinctStrings implements Accumulator<DistinctStrings, Long> {
  private Set<String> values = new HashSet<>();
  private long count;

  private DistinctStrings() {}

  /** {@return an empty set} */
  public static DistinctStrings create() {
    return new DistinctStrings();
  }

  /**
   * Adds {@code value}.
   *
   * @param value the value to add
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} has a lone surrogate
   */
  public void add(String value) {
    Objects.requireNonNull(value, "value");
    if (!values.contains(value)) {
      checkWellFormed(value);
      values.add(value);
    }
    count = Math.addExact(count, 1);
  }

  private static void checkWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("value has a lone surrogate at index " + i
            + "; expected well-formed UTF-16 text");
      }
    }
  }

  /**
   * Whether {@code value} was added.
   *
   * @param value the value looked for
   * @return whether {@code value} was added
   */
  public boolean contains(String value) {
    return values.contains(value);
  }

  /** {@return the distinct strings, ascending} */
  public String[] values() {
    String[] sorted = values.toArray(new String[0]);
    Arrays.sort(sorted);
    return sorted;
  }

  @Override
  public DistinctStrings merge(DistinctStrings other) {
    long n = Math.addExact(count, other.count);
    values.addAll(other == this ? Set.copyOf(other.values) : other.values);
    count = n;
    return this;
  }

  /** The number of distinct strings added. */
  @Override
  public Long result() {
    return (long) values.size();
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public DistinctStrings fresh() {
    return new DistinctStrings();
  }

  @Override
  public DistinctStrings copy() {
    DistinctStrings copy = new DistinctStrings();
    copy.values = new HashSet<>(values);
    copy.count = count;
    return copy;
  }

  @Override
  public byte[] toBytes() {
    String[] sorted = values();
    Format.Writer out = Format.writer(Format.Tag.DISTINCT_STRINGS).writeLong(count).writeVarLong(sorted.length);
    for (String s : sorted) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeVarLong(utf8.length).writeBytes(utf8);
    }
    return out.toByteArray();
  }

  /**
   * Reads the byte form of a {@link DistinctStrings}.
   *
   * @param bytes the byte form, as {@code toBytes()} writes it
   * @return the accumulator the bytes hold
   * @throws IllegalArgumentException for bytes that are not a DistinctStrings of format version 2 (with a matching checksum) or 1
   */
  public static DistinctStrings fromBytes(byte[] bytes) {
    Format.Reader in = Format.reader(bytes, Format.Tag.DISTINCT_STRINGS);
    DistinctStrings d = new DistinctStrings();
    d.count = in.readCount("count");
    int size = in.readSize("distinct string count", 1);
    d.values = new HashSet<>(Math.max(16, (int) (size / 0.75f) + 1)); // sized once: no rehash while reading
    if (size > d.count || (size == 0) != (d.count == 0)) {
      throw in.invalid(size + " distinct strings from " + d.count
          + " added; expected at least one and at most as many distinct strings as added, none when empty");
    }
    String previous = null;
    for (int i = 0; i < size; i++) {
      int length = in.index(i).readSize("length of string #", 1);
      String s = in.readUtf8(length, "string #");
      if (previous != null && previous.compareTo(s) >= 0) {
        throw in.invalid("string " + i + " does not follow string " + (i - 1)
            + "; expected distinct strings in ascending order");
      }
      d.values.add(s);
      previous = s;
    }
    in.end();
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DistinctStrings other && other.count == count
        && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return "DistinctStrings{distinct=" + values.size() + ", count=" + count + "}";
  }
}
