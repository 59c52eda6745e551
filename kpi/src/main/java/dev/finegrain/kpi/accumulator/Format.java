package dev.finegrain.kpi.accumulator;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The byte form of accumulators: a format version byte, a type tag byte, then the type's fields,
 * big-endian. Fixed-width fields are 8-byte longs and IEEE 754 doubles; sizes, counts and deltas of
 * sorted values are unsigned LEB128 varints in their shortest form. Readers are strict: a wrong tag,
 * an unknown version, truncated or trailing bytes and non-canonical content are rejected with an
 * {@link IllegalArgumentException} that names what was expected. {@code docs/formats/accumulators.md}
 * documents every layout; {@code ByteFormatKnownAnswerTest} holds the two to the same bytes.
 */
final class Format {
  static final int VERSION = 1;

  /**
   * The type tags, the second byte of every byte form: the one table of them, with the reader of
   * each type. A tag, once given, keeps its number.
   */
  enum Tag {
    COUNT(1, "Count", Count::fromBytes),
    LONG_SUM(2, "LongSum", LongSum::fromBytes),
    DOUBLE_SUM(3, "DoubleSum", DoubleSum::fromBytes),
    MEAN_VARIANCE(4, "MeanVariance", MeanVariance::fromBytes),
    LONG_RATIO(5, "LongRatio", LongRatio::fromBytes),
    DOUBLE_RATIO(6, "DoubleRatio", DoubleRatio::fromBytes),
    LONG_MIN_MAX(7, "LongMinMax", LongMinMax::fromBytes),
    HISTOGRAM_QUANTILES(8, "HistogramQuantiles", HistogramQuantiles::fromBytes),
    EXACT_QUANTILES(9, "ExactQuantiles", ExactQuantiles::fromBytes),
    DISTINCT_LONGS(10, "DistinctLongs", DistinctLongs::fromBytes),
    DISTINCT_STRINGS(11, "DistinctStrings", DistinctStrings::fromBytes);

    private static final Tag[] BY_CODE = new Tag[values().length + 1];

    static {
      for (Tag t : values()) {
        BY_CODE[t.code] = t;
      }
    }

    final int code;
    final String typeName;
    private final Function<byte[], Accumulator<?, ?>> reader;

    Tag(int code, String typeName, Function<byte[], Accumulator<?, ?>> reader) {
      this.code = code;
      this.typeName = typeName;
      this.reader = reader;
    }

    /** Reads {@code bytes}, whose header carries this tag, as this type. */
    Accumulator<?, ?> read(byte[] bytes) {
      return reader.apply(bytes);
    }

    /** The tag numbered {@code code}, or null. */
    static Tag of(int code) {
      return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
  }

  private Format() {}

  /**
   * The type tag of {@code bytes}, after checking the header.
   *
   * @throws IllegalArgumentException for a short header, an unknown version or an unknown tag
   */
  static Tag tagOf(byte[] bytes) {
    checkHeader(bytes, "accumulator");
    int code = bytes[1] & 0xff;
    Tag tag = Tag.of(code);
    if (tag == null) {
      throw new IllegalArgumentException("accumulator bytes: unknown type tag " + code
          + "; expected one of 1.." + Tag.values().length + " (" + Arrays.stream(Tag.values())
          .map(t -> t.typeName).collect(Collectors.joining(", ")) + ")");
    }
    return tag;
  }

  private static void checkHeader(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " bytes: null; expected a byte array");
    }
    if (bytes.length < 2) {
      throw new IllegalArgumentException(what + " bytes: truncated: expected a 2-byte header "
          + "(format version, type tag), got " + bytes.length + " byte" + (bytes.length == 1 ? "" : "s"));
    }
    int version = bytes[0] & 0xff;
    if (version != VERSION) {
      throw new IllegalArgumentException(what + " bytes: unknown format version " + version
          + "; expected version " + VERSION);
    }
  }

  static Writer writer(Tag tag) {
    return new Writer(tag);
  }

  /** A reader positioned after the header, which it has checked for version and {@code tag}. */
  static Reader reader(byte[] bytes, Tag tag) {
    String what = tag.typeName;
    checkHeader(bytes, what);
    int actual = bytes[1] & 0xff;
    if (actual != tag.code) {
      Tag other = Tag.of(actual);
      throw new IllegalArgumentException(what + " bytes: type tag " + actual + " is "
          + (other == null ? "an unknown type" : other.typeName) + "; expected tag " + tag.code + " (" + what + ")");
    }
    return new Reader(bytes, what);
  }

  /** Appends big-endian fields to a growing array. */
  static final class Writer {
    private byte[] buf = new byte[32];
    private int len;

    private Writer(Tag tag) {
      writeByte(VERSION);
      writeByte(tag.code);
    }

    Writer writeByte(int b) {
      ensure(1);
      buf[len++] = (byte) b;
      return this;
    }

    Writer writeLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (v >>> shift);
      }
      return this;
    }

    Writer writeDouble(double v) {
      return writeLong(Double.doubleToLongBits(v));
    }

    /** An unsigned LEB128 varint of the 64 bits of {@code v}, shortest form. */
    Writer writeVarLong(long v) {
      ensure(10);
      while ((v & ~0x7fL) != 0) {
        buf[len++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
      return this;
    }

    Writer writeBytes(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /** Reads fields, failing with messages that name the accumulator type and the field. */
  static final class Reader {
    private final byte[] bytes;
    private final String what;
    private int pos = 2;

    private Reader(byte[] bytes, String what) {
      this.bytes = bytes;
      this.what = what;
    }

    int readByte(String field) {
      need(1, field);
      return bytes[pos++] & 0xff;
    }

    long readLong(String field) {
      need(8, field);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (bytes[pos++] & 0xff);
      }
      return v;
    }

    /** A long that must not be negative: a count. */
    long readCount(String field) {
      int at = pos;
      long v = readLong(field);
      if (v < 0) {
        throw invalid(field + " at offset " + at + " is " + v + "; expected a count >= 0");
      }
      return v;
    }

    double readFiniteDouble(String field) {
      int at = pos;
      double v = Double.longBitsToDouble(readLong(field));
      if (!Double.isFinite(v)) {
        throw invalid(field + " at offset " + at + " is " + v + "; expected a finite number");
      }
      return v;
    }

    long readVarLong(String field) {
      int at = pos;
      long v = 0;
      for (int i = 0; i < 10; i++) {
        if (pos >= bytes.length) {
          throw truncated("a varint for " + field + " at offset " + at + " runs past the end");
        }
        int b = bytes[pos++] & 0xff;
        if (i == 9 && b > 1) {
          throw invalid("varint for " + field + " at offset " + at + " does not fit in 64 bits");
        }
        v |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw invalid("varint for " + field + " at offset " + at + " is not in its shortest form");
          }
          return v;
        }
      }
      throw invalid("varint for " + field + " at offset " + at + " is longer than 10 bytes");
    }

    /** A varint size that must fit in an int and leave at least {@code minBytesEach} per element. */
    int readSize(String field, int minBytesEach) {
      int at = pos;
      long v = readVarLong(field);
      if (v < 0 || v > Integer.MAX_VALUE || v * minBytesEach > bytes.length - pos) {
        throw invalid(field + " at offset " + at + " is " + Long.toUnsignedString(v)
            + ", more than the " + (bytes.length - pos) + " remaining bytes can hold");
      }
      return (int) v;
    }

    byte[] readBytes(int n, String field) {
      need(n, field);
      byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return out;
    }

    int position() {
      return pos;
    }

    /** Checks that every byte was read. */
    void end() {
      if (pos != bytes.length) {
        throw new IllegalArgumentException(what + " bytes: " + (bytes.length - pos) + " trailing byte"
            + (bytes.length - pos == 1 ? "" : "s") + " after the end of the " + what + " at offset " + pos
            + "; expected exactly " + pos + " bytes");
      }
    }

    IllegalArgumentException invalid(String message) {
      return new IllegalArgumentException(what + " bytes: " + message);
    }

    private void need(int n, String field) {
      if (bytes.length - pos < n) {
        throw truncated("expected " + n + " byte" + (n == 1 ? "" : "s") + " for " + field + " at offset "
            + pos + ", but only " + (bytes.length - pos) + " remain");
      }
    }

    private IllegalArgumentException truncated(String message) {
      return new IllegalArgumentException(what + " bytes: truncated: " + message);
    }
  }
}
