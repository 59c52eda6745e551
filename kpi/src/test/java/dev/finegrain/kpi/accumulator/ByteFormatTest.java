package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ByteFormatTest {
  private static void assertRejected(Executable read, String... messageParts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
    for (String part : messageParts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    }
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** The version-2 form of {@code fields}: version 2, then the fields, then their CRC32C. */
  private static byte[] v2(int... fields) {
    byte[] out = Arrays.copyOf(bytes(fields), fields.length + 4);
    out[0] = 2;
    int crc = Format.checksum(out, fields.length);
    for (int i = 0; i < 4; i++) {
      out[fields.length + i] = (byte) (crc >>> (24 - 8 * i));
    }
    return out;
  }

  /** The version-1 form of version-2 bytes: the same fields, no checksum. */
  private static byte[] v1(byte[] v2) {
    byte[] out = Arrays.copyOf(v2, v2.length - 4);
    out[0] = 1;
    return out;
  }

  @Test
  void everyTypeStartsWithVersionTwoAndItsTagAndEndsWithItsChecksum() {
    List<Accumulator<?, ?>> all = List.of(Count.create(), LongSum.create(), DoubleSum.create(), MeanVariance.create(),
        LongRatio.create(), DoubleRatio.create(), LongMinMax.create(), HistogramQuantiles.create(),
        ExactQuantiles.create(), DistinctLongs.create(), DistinctStrings.create());
    for (int i = 0; i < all.size(); i++) {
      byte[] b = all.get(i).toBytes();
      assertEquals(2, b[0], all.get(i).toString());
      assertEquals(Format.checksum(b, b.length - 4), java.nio.ByteBuffer.wrap(b, b.length - 4, 4).getInt());
      assertEquals(i + 1, b[1], all.get(i).toString());
      assertEquals(all.get(i), Accumulators.fromBytes(b));
    }
  }

  @Test
  void everySingleBitFlipOfACountOfSevenIsRefusedNamingAnOffset() {
    Count seven = Count.create();
    seven.add(7);
    byte[] bytes = seven.toBytes();
    int refused = 0;
    for (int bit = 0; bit < 8 * bytes.length; bit++) {
      byte[] flipped = bytes.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Count.fromBytes(flipped));
      assertTrue(e.getMessage().matches(".*\\boffset (0|1|10)\\b.*"), e.getMessage());
      refused++;
    }
    assertEquals(112, refused);
  }

  @Test
  void everySingleBitFlipOfEachTypesBytesIsRefusedNamingAnOffset() {
    List<Accumulator<?, ?>> all = List.of(Count.create(), LongSum.create(), DoubleSum.create(), MeanVariance.create(),
        LongRatio.create(), DoubleRatio.create(), LongMinMax.create(), HistogramQuantiles.create(),
        ExactQuantiles.create(), DistinctLongs.create(), DistinctStrings.create());
    for (Accumulator<?, ?> empty : all) {
      for (byte[] bytes : List.of(empty.toBytes(), filled(empty).toBytes())) {
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
          byte[] flipped = bytes.clone();
          flipped[bit / 8] ^= (byte) (1 << (bit % 8));
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
              () -> Accumulators.fromBytes(flipped));
          assertTrue(e.getMessage().matches(".*\\boffset \\d+.*"), e.getMessage());
        }
      }
    }
  }

  /** {@code empty} with a few values added. */
  private static Accumulator<?, ?> filled(Accumulator<?, ?> empty) {
    if (empty instanceof Count c) {
      c.add(7);
    } else if (empty instanceof LongSum s) {
      s.add(-3);
      s.add(1L << 40);
    } else if (empty instanceof DoubleSum s) {
      s.add(0.1);
      s.add(1e16);
    } else if (empty instanceof MeanVariance m) {
      m.add(2.5);
      m.add(-4);
    } else if (empty instanceof LongRatio r) {
      r.add(3, 4);
    } else if (empty instanceof DoubleRatio r) {
      r.add(1.5, 2);
    } else if (empty instanceof LongMinMax m) {
      m.add(-1);
      m.add(Long.MAX_VALUE);
    } else if (empty instanceof HistogramQuantiles h) {
      h.add(5, 2);
      h.add(1L << 50);
    } else if (empty instanceof ExactQuantiles q) {
      q.add(-3);
      q.add(200, 5);
    } else if (empty instanceof DistinctLongs d) {
      d.add(10);
      d.add(Long.MIN_VALUE);
    } else if (empty instanceof DistinctStrings d) {
      d.add("b");
      d.add("\u00e9\u6700");
    }
    return empty;
  }

  @Test
  void theLayoutIsBigEndianAndStable() {
    Count count = Count.create();
    count.add(258);
    assertArrayEquals(v2(1, 1, 0, 0, 0, 0, 0, 0, 1, 2), count.toBytes());

    LongRatio ratio = LongRatio.create();
    ratio.add(3, 4);
    assertArrayEquals(v2(1, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4),
        ratio.toBytes());

    ExactQuantiles q = ExactQuantiles.create();
    q.add(7);
    q.add(5, 2);
    // 2 distinct values; 5 as a long, count 2; +2 (varint), count 1
    assertArrayEquals(v2(1, 9, 2, 0, 0, 0, 0, 0, 0, 0, 5, 2, 2, 1), q.toBytes());

    HistogramQuantiles h = HistogramQuantiles.create();
    h.add(300, 2);
    // digits 3, layout 0, 1 bucket, min 300 and max 300 as varints (0xAC 0x02), bucket at +300 with count 2
    assertArrayEquals(v2(1, 8, 3, 0, 1, 0xAC, 0x02, 0xAC, 0x02, 0xAC, 0x02, 2), h.toBytes());

    DistinctStrings s = DistinctStrings.create();
    s.add("é");
    s.add("a");
    assertArrayEquals(v2(1, 11, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 'a', 2, 0xC3, 0xA9), s.toBytes());
  }

  @Test
  void aWrongTagIsRejectedNamingBothTypes() {
    byte[] count = Count.create().toBytes();
    assertRejected(() -> LongSum.fromBytes(count), "LongSum bytes", "type tag 1 at offset 1 is Count", "expected tag 2 (LongSum)");
    byte[] ratio = LongRatio.create().toBytes();
    assertRejected(() -> DoubleRatio.fromBytes(ratio), "type tag 5 at offset 1 is LongRatio", "expected tag 6 (DoubleRatio)");
  }

  @Test
  void anUnknownTagIsRejected() {
    assertRejected(() -> Accumulators.fromBytes(bytes(1, 99)), "unknown type tag 99 at offset 1", "expected one of 1..11");
    assertRejected(() -> Accumulators.fromBytes(bytes(1, 0)), "unknown type tag 0");
    assertRejected(() -> Count.fromBytes(bytes(1, 99, 0, 0, 0, 0, 0, 0, 0, 0)), "type tag 99 at offset 1 is an unknown type",
        "expected tag 1 (Count)");
  }

  @Test
  void anUnknownVersionIsRejected() {
    byte[] b = LongSum.create().toBytes();
    b[0] = 3;
    assertRejected(() -> LongSum.fromBytes(b), "LongSum bytes", "unknown format version 3 at offset 0",
        "expected version 2 (or 1, still read)");
    assertRejected(() -> Accumulators.fromBytes(b), "unknown format version 3");
  }

  @Test
  void truncatedBytesAreRejected() {
    assertRejected(() -> Count.fromBytes(new byte[0]), "truncated", "2-byte header (format version, type tag), got 0 bytes");
    assertRejected(() -> Accumulators.fromBytes(bytes(1)), "truncated", "got 1 byte");
    LongSum sum = LongSum.create();
    sum.add(5);
    byte[] b = v1(sum.toBytes());
    assertRejected(() -> LongSum.fromBytes(Arrays.copyOf(b, b.length - 3)),
        "LongSum bytes: truncated", "expected 8 bytes for sum at offset 10, but only 5 remain");
    byte[] cut = Arrays.copyOf(sum.toBytes(), 15);
    assertRejected(() -> LongSum.fromBytes(cut), "LongSum bytes: checksum mismatch: the CRC32C at offset 11");
    assertRejected(() -> LongSum.fromBytes(bytes(2, 2, 0, 0, 0)), "LongSum bytes: truncated",
        "a 2-byte header and a 4-byte CRC32C checksum in version 2, got 5 bytes");
    ExactQuantiles q = ExactQuantiles.create();
    q.add(1000, 1000);
    byte[] e = v1(q.toBytes());
    assertRejected(() -> ExactQuantiles.fromBytes(Arrays.copyOf(e, e.length - 1)), "truncated", "varint");
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] b = Arrays.copyOf(MeanVariance.create().toBytes(), 28);
    b[0] = 1;
    assertRejected(() -> MeanVariance.fromBytes(b), "MeanVariance bytes: 2 trailing bytes", "offset 26",
        "expected exactly 26 bytes");
    byte[] two = v2(1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertRejected(() -> MeanVariance.fromBytes(two), "MeanVariance bytes: 2 trailing bytes", "offset 26",
        "expected exactly 30 bytes, the last 4 the checksum");
  }

  @Test
  void nullIsRejected() {
    assertRejected(() -> Accumulators.fromBytes(null), "null");
    assertRejected(() -> Count.fromBytes(null), "Count bytes: null");
  }

  /** The version-2 form of type {@code tag} with 8-byte {@code fields}. */
  private static byte[] longFields(int tag, long... fields) {
    int[] out = new int[2 + 8 * fields.length];
    out[1] = tag;
    for (int f = 0; f < fields.length; f++) {
      for (int i = 0; i < 8; i++) {
        out[2 + 8 * f + i] = (int) (fields[f] >>> (56 - 8 * i)) & 0xff;
      }
    }
    return v2(out);
  }

  @Test
  void theWrapsOfAWholeSumAreWrittenOnlyForASumBeyondALongThatItsValuesCanReach() {
    assertEquals(new LongSum.Result(2, 7), LongSum.fromBytes(longFields(2, 2, 7)).result());
    // 2^64 + 5 from two values: (2^63 - 1) + (2^63 - 1) = 2^64 - 2 is the most two longs sum to
    assertRejected(() -> LongSum.fromBytes(longFields(2, 2, 5, 1)), "LongSum bytes: sum is 18446744073709551621",
        "more than 2 longs can sum to");
    LongSum three = LongSum.fromBytes(longFields(2, 3, 5, 1));
    assertEquals(new BigInteger("18446744073709551621"), three.exactSum());
    // -2^64 from two values: -2^63 + -2^63 is the least
    assertEquals(BigInteger.TWO.pow(64).negate(), LongSum.fromBytes(longFields(2, 2, 0, -1)).exactSum());
    assertRejected(() -> LongSum.fromBytes(longFields(2, 2, -1, -1)), "sum is -18446744073709551617");
    assertRejected(() -> LongSum.fromBytes(longFields(2, 2, 5, 0)), "LongSum bytes: sum wraps at offset 18 is 0",
        "expected the field left out when the sum fits in a long");

    LongRatio wide = LongRatio.fromBytes(longFields(5, 3, 1, 2, 1, 0));
    assertEquals(new BigInteger("18446744073709551617"), wide.exactNumerator());
    assertEquals(BigInteger.TWO, wide.exactDenominator());
    assertRejected(() -> LongRatio.fromBytes(longFields(5, 3, 1, 2, 0, 0)),
        "LongRatio bytes: numerator and denominator wraps at offset 26 are both 0", "expected the fields left out");
    assertRejected(() -> LongRatio.fromBytes(longFields(5, 3, 1, 2, 1)), "LongRatio bytes: truncated",
        "expected 8 bytes for denominator wraps at offset 34, but only 0 remain");
    assertRejected(() -> LongRatio.fromBytes(longFields(5, 1, 1, 2, 0, 1)), "denominator is 18446744073709551618",
        "more than 1 longs can sum to");
  }

  @Test
  void inconsistentContentIsRejected() {
    assertRejected(() -> Count.fromBytes(bytes(1, 1, 0xff, 0, 0, 0, 0, 0, 0, 0)), "count", "expected a count >= 0");
    assertRejected(() -> LongSum.fromBytes(bytes(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9)),
        "sum is 9 but count is 0");
    assertRejected(() -> LongMinMax.fromBytes(bytes(1, 7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2,
        0, 0, 0, 0, 0, 0, 0, 1)), "min 2 is greater than max 1");
    // values out of order: 5 then a step of 0
    assertRejected(() -> ExactQuantiles.fromBytes(bytes(1, 9, 2, 0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 1)),
        "expected distinct values in ascending order");
    // a count of 0
    assertRejected(() -> ExactQuantiles.fromBytes(bytes(1, 9, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0)), "expected a count >= 1");
    // a varint in a longer form than needed: 0x81 0x00 for 1
    assertRejected(() -> ExactQuantiles.fromBytes(bytes(1, 9, 0x81, 0)), "not in its shortest form");
    // bucket 2049 is not the lowest value of its bucket [2048, 2049] at 3 digits
    assertRejected(() -> HistogramQuantiles.fromBytes(bytes(1, 8, 3, 0, 1, 0x81, 0x10, 0x81, 0x10, 0x81, 0x10, 1)),
        "not the lowest value of its bucket 2048");
    assertRejected(() -> HistogramQuantiles.fromBytes(bytes(1, 8, 9, 0, 0)), "significant digits 9; expected 1 to 5");
    assertRejected(() -> HistogramQuantiles.fromBytes(bytes(1, 8, 3, 2, 0)), "layout 2");
    // a size larger than the remaining bytes can hold
    assertRejected(() -> DistinctLongs.fromBytes(bytes(1, 10, 0, 0, 0, 0, 0, 0, 0, 9, 100)),
        "distinct value count", "more than the 0 remaining bytes can hold");
    assertRejected(() -> DistinctStrings.fromBytes(bytes(1, 11, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0xff)),
        "string 0 at offset 12 is not valid UTF-8");
    assertRejected(() -> DistinctStrings.fromBytes(bytes(1, 11, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 'b', 1, 'a')),
        "expected distinct strings in ascending order");
    assertRejected(() -> MeanVariance.fromBytes(MeanVarianceTestBytes.negativeM2()), "M2 is -1.0");
    assertRejected(() -> DoubleSum.fromBytes(DoubleSumTestBytes.nan()), "expected a finite number");
    assertRejected(() -> DoubleSum.fromBytes(DoubleSumTestBytes.pastTheLargestDouble()),
        "running sum and compensation 1.7976931348623157E308 + ", "add up past the largest double");
  }

  @Test
  void malformedNegativeValuesOfAHistogramAreRejectedNamingTheirSection() {
    // 3 digits, array-backed, no value of 0 or more, then the negative values' bucket set
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 0)), "negative values (as -v - 1): bucket count"
        + " at offset 5 is 0; expected them left out when no value is negative");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 7, 5, 5, 1)),
        "negative values (as -v - 1): min 7 is greater than max 5");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 0x81, 0x10, 0x81, 0x10, 0x81, 0x10, 1)),
        "negative values (as -v - 1): bucket 0 value 2049 is not the lowest value of its bucket 2048");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 5, 5, 5, 0)),
        "negative values (as -v - 1): bucket 0 has count 0; expected a count >= 1");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 2, 5, 6, 5, 1, 0, 1)),
        "negative values (as -v - 1): bucket 1 does not follow bucket 0");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 5, 5, 6, 1)),
        "negative values (as -v - 1): bucket 0 at 6 is above max 5");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 4, 5, 4, 1)),
        "negative values (as -v - 1): min 4 or max 5 is not in the first or last bucket");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0x80, 0x80, 0x01, 0, 0, 1)),
        "negative values (as -v - 1): min 9223372036854775808 does not fit in a non-negative long");
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(2, 8, 3, 0, 0, 1, 5, 5)),
        "truncated", "negative values (as -v - 1): bucket 0 value");
    // 2^63 - 1 values of 0 and one of -1: each bucket set's count fits in a long, their sum does not
    int[] mostValues = {2, 8, 3, 0, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
    int[] withNegatives = concat(mostValues, new int[] {1, 0, 0, 0, 1});
    assertEquals(Long.MAX_VALUE, HistogramQuantiles.fromBytes(v2(mostValues)).count());
    assertRejected(() -> HistogramQuantiles.fromBytes(v2(withNegatives)), "bucket counts overflow a long");
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void centralFromBytesReturnsTheRightType() {
    LongRatio r = LongRatio.create();
    r.add(true);
    assertInstanceOf(LongRatio.class, Accumulators.fromBytes(r.toBytes()));
    assertInstanceOf(HistogramQuantiles.class, Accumulators.fromBytes(HistogramQuantiles.create(2).toBytes()));
  }

  /** Byte forms that toBytes never writes, for the rejection tests. */
  static final class MeanVarianceTestBytes {
    static byte[] negativeM2() {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(26);
      b.put((byte) 1).put((byte) 4).putLong(3).putDouble(1.0).putDouble(-1.0);
      return b.array();
    }
  }

  static final class DoubleSumTestBytes {
    static byte[] nan() {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(26);
      b.put((byte) 1).put((byte) 3).putLong(3).putDouble(Double.NaN).putDouble(0);
      return b.array();
    }

    /** A sum and a compensation each finite, whose total is not. */
    static byte[] pastTheLargestDouble() {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(26);
      b.put((byte) 1).put((byte) 3).putLong(3).putDouble(Double.MAX_VALUE).putDouble(Math.scalb(1.0, 970));
      return b.array();
    }
  }
}
