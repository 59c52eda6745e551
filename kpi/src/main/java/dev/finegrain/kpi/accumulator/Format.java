package dev.finegrain.kpi.accumulator;

import dev.finegrain.kpi.internal.WholeSums;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.CRC32C;
import java.util.stream.Collectors;

/**
 * The byte form of accumulators: a format version byte, a type tag byte, the type's fields,
 * big-endian, and (version 2) a CRC32C of all the bytes before it. Fixed-width fields are 8-byte
 * longs and IEEE 754 doubles; sizes, counts and deltas of sorted values are unsigned LEB128 varints
 * in their shortest form. Readers are strict: a checksum that does not match, a wrong tag, an
 * unknown version, truncated or trailing bytes and non-canonical content are rejected with an
 * {@link IllegalArgumentException} that names what was expected and the offset. Version 1 (no
 * checksum) is still read. {@code docs/formats/accumulators.md} documents every layout;
 * {@code ByteFormatKnownAnswerTest} holds the two to the same bytes.
 */
final class Format {
  /** The version written. */
  static final int VERSION = 2;
  /** The first version, without a checksum: read, never written. */
  static final int VERSION_1 = 1;
  /** The size of the CRC32C at the end of a version-2 form. */
  static final int CHECKSUM_BYTES = 4;

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
   * The type tag of {@code bytes}, after checking the header and, in version 2, the checksum.
   *
   * @throws IllegalArgumentException for a short header, an unknown version, a checksum that does
   *     not match or an unknown tag
   */
  static Tag tagOf(byte[] bytes) {
    checkHeader(bytes, "accumulator");
    int code = bytes[1] & 0xff;
    Tag tag = Tag.of(code);
    if (tag == null) {
      throw new IllegalArgumentException("accumulator bytes: unknown type tag " + code + " at offset 1"
          + "; expected one of 1.." + Tag.values().length + " (" + Arrays.stream(Tag.values())
          .map(t -> t.typeName).collect(Collectors.joining(", ")) + ")");
    }
    return tag;
  }

  /**
   * Checks the version and, in version 2, the length and the checksum, before anything else is
   * read (so before any allocation that a field could size).
   *
   * @return where the fields end: the length in version 1, the checksum's offset in version 2
   */
  private static int checkHeader(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " bytes: null; expected a byte array");
    }
    if (bytes.length < 2) {
      throw new IllegalArgumentException(what + " bytes: truncated: expected a 2-byte header "
          + "(format version, type tag), got " + bytes.length + " byte" + (bytes.length == 1 ? "" : "s"));
    }
    int version = bytes[0] & 0xff;
    if (version == VERSION_1) {
      return bytes.length;
    }
    if (version != VERSION) {
      throw new IllegalArgumentException(what + " bytes: unknown format version " + version
          + " at offset 0; expected version " + VERSION + " (or " + VERSION_1 + ", still read)");
    }
    if (bytes.length < 2 + CHECKSUM_BYTES) {
      throw new IllegalArgumentException(what + " bytes: truncated: expected a 2-byte header and a "
          + CHECKSUM_BYTES + "-byte CRC32C checksum in version " + VERSION + ", got " + bytes.length + " bytes");
    }
    int end = bytes.length - CHECKSUM_BYTES;
    int stored = 0;
    for (int i = end; i < bytes.length; i++) {
      stored = (stored << 8) | (bytes[i] & 0xff);
    }
    int computed = checksum(bytes, end);
    if (stored != computed) {
      throw new IllegalArgumentException(String.format("%s bytes: checksum mismatch: the CRC32C at offset %d is "
          + "%08x, but bytes 0 to %d give %08x; the bytes were changed, cut or extended after they were written",
          what, end, stored, end - 1, computed));
    }
    return end;
  }

  /** The CRC32C of {@code bytes[0, length)}. */
  static int checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  static Writer writer(Tag tag) {
    return new Writer(tag);
  }

  /** A reader positioned after the header, which it has checked for version, checksum and {@code tag}. */
  static Reader reader(byte[] bytes, Tag tag) {
    String what = tag.typeName;
    int end = checkHeader(bytes, what);
    int actual = bytes[1] & 0xff;
    if (actual != tag.code) {
      Tag other = Tag.of(actual);
      throw new IllegalArgumentException(what + " bytes: type tag " + actual + " at offset 1 is "
          + (other == null ? "an unknown type" : other.typeName) + "; expected tag " + tag.code + " (" + what + ")");
    }
    return new Reader(bytes, end, what);
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

    /** The bytes written, then their CRC32C. */
    byte[] toByteArray() {
      byte[] out = Arrays.copyOf(buf, len + CHECKSUM_BYTES);
      int crc = checksum(out, len);
      for (int i = 0; i < CHECKSUM_BYTES; i++) {
        out[len + i] = (byte) (crc >>> (8 * (CHECKSUM_BYTES - 1 - i)));
      }
      return out;
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
    /** Where the fields end: the length, or in version 2 the checksum's offset. */
    private final int end;
    private final String what;
    private int pos = 2;
    /** The index a field name's {@code #} stands for, so that no name is built unless it is reported. */
    private int index;

    private Reader(byte[] bytes, int end, String what) {
      this.bytes = bytes;
      this.end = end;
      this.what = what;
    }

    /** Sets what {@code #} in the names of the fields read next stands for: the element's index. */
    Reader index(int i) {
      index = i;
      return this;
    }

    private String name(String field) {
      return field.indexOf('#') < 0 ? field : field.replace("#", Integer.toString(index));
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
        throw invalid(name(field) + " at offset " + at + " is " + v + "; expected a count >= 0");
      }
      return v;
    }

    double readFiniteDouble(String field) {
      int at = pos;
      double v = Double.longBitsToDouble(readLong(field));
      if (!Double.isFinite(v)) {
        throw invalid(name(field) + " at offset " + at + " is " + v + "; expected a finite number");
      }
      return v;
    }

    long readVarLong(String field) {
      int at = pos;
      long v = 0;
      for (int i = 0; i < 10; i++) {
        if (pos >= end) {
          throw truncated("a varint for " + name(field) + " at offset " + at + " runs past the end");
        }
        int b = bytes[pos++] & 0xff;
        if (i == 9 && b > 1) {
          throw invalid("varint for " + name(field) + " at offset " + at + " does not fit in 64 bits");
        }
        v |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw invalid("varint for " + name(field) + " at offset " + at + " is not in its shortest form");
          }
          return v;
        }
      }
      throw invalid("varint for " + name(field) + " at offset " + at + " is longer than 10 bytes");
    }

    /** A varint size that must fit in an int and leave at least {@code minBytesEach} per element. */
    int readSize(String field, int minBytesEach) {
      int at = pos;
      long v = readVarLong(field);
      if (v < 0 || v > Integer.MAX_VALUE || v * minBytesEach > end - pos) {
        throw invalid(name(field) + " at offset " + at + " is " + Long.toUnsignedString(v)
            + ", more than the " + (end - pos) + " remaining bytes can hold");
      }
      return (int) v;
    }

    /**
     * {@code n} bytes of well-formed UTF-8 (shortest forms, no surrogates, nothing above U+10FFFF),
     * as a string, with no copy of the bytes on the way.
     */
    String readUtf8(int n, String field) {
      need(n, field);
      int at = pos;
      int stop = pos + n;
      int i = pos;
      while (i < stop) {
        int b = bytes[i] & 0xff;
        int more;
        int lo = 0x80;
        int hi = 0xbf;
        if (b < 0x80) {
          more = 0;
        } else if (b >= 0xc2 && b <= 0xdf) {
          more = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
          more = 2;
          lo = b == 0xe0 ? 0xa0 : 0x80;
          hi = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          more = 3;
          lo = b == 0xf0 ? 0x90 : 0x80;
          hi = b == 0xf4 ? 0x8f : 0xbf;
        } else {
          throw notUtf8(field, at, i);
        }
        if (stop - i - 1 < more) {
          throw notUtf8(field, at, i);
        }
        for (int k = 1; k <= more; k++) {
          int c = bytes[i + k] & 0xff;
          if (k == 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) {
            throw notUtf8(field, at, i + k);
          }
        }
        i += more + 1;
      }
      pos = stop;
      return new String(bytes, at, n, StandardCharsets.UTF_8);
    }

    private IllegalArgumentException notUtf8(String field, int at, int bad) {
      return invalid(name(field) + " at offset " + at + " is not valid UTF-8 (byte at offset " + bad + ")");
    }

    /**
     * Whether an optional last field follows: bytes remain before the checksum, in version 2. A
     * version-1 form never has one (its writers predate every optional field), so there the
     * remaining bytes fail {@link #end()} as trailing bytes.
     */
    boolean optionalFieldFollows() {
      return pos < end && (bytes[0] & 0xff) == VERSION;
    }

    /** The offset of the next field. */
    int position() {
      return pos;
    }

    /**
     * Checks that {@code count} longs can sum to the whole sum {@code low + wraps * 2^64} called
     * {@code field} (see {@link WholeSums#reachable}).
     */
    void checkReachable(String field, long count, long low, long wraps) {
      if (!WholeSums.reachable(count, low, wraps)) {
        throw invalid(field + " is " + WholeSums.exact(low, wraps) + ", more than " + count
            + " longs can sum to; expected a sum between count * -2^63 and count * (2^63 - 1)");
      }
    }

    /** Checks that every byte was read. */
    void end() {
      if (pos != end) {
        int checksum = bytes.length - end;
        throw new IllegalArgumentException(what + " bytes: " + (end - pos) + " trailing byte"
            + (end - pos == 1 ? "" : "s") + " after the end of the " + what + " at offset " + pos
            + "; expected exactly " + (pos + checksum) + " bytes"
            + (checksum == 0 ? "" : ", the last " + checksum + " the checksum"));
      }
    }

    IllegalArgumentException invalid(String message) {
      return new IllegalArgumentException(what + " bytes: " + message);
    }

    private void need(int n, String field) {
      if (end - pos < n) {
        throw truncated("expected " + n + " byte" + (n == 1 ? "" : "s") + " for " + name(field) + " at offset "
            + pos + ", but only " + (end - pos) + " remain");
      }
    }

    private IllegalArgumentException truncated(String message) {
      return new IllegalArgumentException(what + " bytes: truncated: " + message);
    }
  }
}
