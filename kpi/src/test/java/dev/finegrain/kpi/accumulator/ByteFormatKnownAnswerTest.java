package dev.finegrain.kpi.accumulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers of the byte form: a fixed input gives fixed bytes, and those bytes read back to an
 * equal accumulator. The expected bytes are written field by field as {@code docs/formats/accumulators.md}
 * lays them out, so a change to the format shows here and in that document together. Each answer
 * is in format version 2 (the last 4 bytes the CRC32C); the same fields under version 1, without
 * the checksum, still read back to the same accumulator, except a whole sum beyond a long and a
 * histogram with negative values, which version 1 never held.
 */
class ByteFormatKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  /**
   * Marks a form with an optional field that version 1 never had (a whole sum beyond a long, a
   * histogram's negative values): version-1 readers never met it, so its fields under version 1
   * are refused as trailing bytes.
   */
  private static final String V2_ONLY = " (version 2 only)";

  /** Hex of the fields, spaces between them for reading; the spaces are not part of the bytes. */
  private static byte[] hex(String fields) {
    return HEX.parseHex(fields.replace(" ", ""));
  }

  private static <A extends Accumulator<A, ?>> Arguments answer(String name, Supplier<A> input,
      Function<byte[], A> reader, String expectedHex) {
    return Arguments.of(name, input, reader, expectedHex);
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        answer("Count of 258 records", () -> {
          Count c = Count.create();
          c.add(258);
          return c;
        }, Count::fromBytes, "02 01 0000000000000102 763a4f18"),
        answer("LongSum of 100 and 200", () -> {
          LongSum s = LongSum.create();
          s.add(100);
          s.add(200);
          return s;
        }, LongSum::fromBytes, "02 02 0000000000000002 000000000000012c fbf372d4"),
        answer("LongSum of 2^63 - 1, 2^63 - 1 and 2: 2^64, beyond a long" + V2_ONLY, () -> {
          LongSum s = LongSum.create();
          s.add(Long.MAX_VALUE);
          s.add(Long.MAX_VALUE);
          s.add(2);
          return s;
        }, LongSum::fromBytes, "02 02 0000000000000003 0000000000000000 0000000000000001 c5e4a150"),
        answer("DoubleSum of 1e16, 1 and 1 (compensation 2)", () -> {
          DoubleSum s = DoubleSum.create();
          s.add(1e16);
          s.add(1.0);
          s.add(1.0);
          return s;
        }, DoubleSum::fromBytes, "02 03 0000000000000003 4341c37937e08000 4000000000000000 c153b727"),
        answer("MeanVariance of 2 and 4", () -> {
          MeanVariance m = MeanVariance.create();
          m.add(2);
          m.add(4);
          return m;
        }, MeanVariance::fromBytes, "02 04 0000000000000002 4008000000000000 4000000000000000 fc0a5d97"),
        answer("LongRatio of 3/4 and a hit", () -> {
          LongRatio r = LongRatio.create();
          r.add(3, 4);
          r.add(true);
          return r;
        }, LongRatio::fromBytes, "02 05 0000000000000002 0000000000000004 0000000000000005 49db5af0"),
        answer("LongRatio of (2^63 - 1)/1 and a hit: 2^63 over 2" + V2_ONLY, () -> {
          LongRatio r = LongRatio.create();
          r.add(Long.MAX_VALUE, 1);
          r.add(true);
          return r;
        }, LongRatio::fromBytes,
            "02 05 0000000000000002 8000000000000000 0000000000000002 0000000000000001 0000000000000000 9a669855"),
        answer("DoubleRatio of 1.5/2 and -0.5/2", () -> {
          DoubleRatio r = DoubleRatio.create();
          r.add(1.5, 2.0);
          r.add(-0.5, 2.0);
          return r;
        }, DoubleRatio::fromBytes,
            "02 06 0000000000000002 3ff0000000000000 0000000000000000 4010000000000000 0000000000000000 c0979580"),
        answer("LongMinMax of -1 and 7", () -> {
          LongMinMax m = LongMinMax.create();
          m.add(-1);
          m.add(7);
          return m;
        }, LongMinMax::fromBytes, "02 07 0000000000000002 ffffffffffffffff 0000000000000007 435650b9"),
        answer("LongMinMax, empty: no min and max", LongMinMax::create, LongMinMax::fromBytes,
            "02 07 0000000000000000 b7fdbfca"),
        answer("HistogramQuantiles of 5, 5 and 3000 at 3 digits", () -> {
          HistogramQuantiles h = HistogramQuantiles.create();
          h.add(5, 2);
          h.add(3000);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 03 00 02 05 b817 05 02 b317 01 164a771d"),
        answer("HistogramQuantiles, compact, of 5, 5 and 3000 at 3 digits", () -> {
          HistogramQuantiles h = HistogramQuantiles.createCompact(3);
          h.add(5, 2);
          h.add(3000);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 03 01 02 05 b817 05 02 b317 01 dd1c0cb8"),
        answer("HistogramQuantiles, empty", HistogramQuantiles::create, HistogramQuantiles::fromBytes,
            "02 08 03 00 00 293a0af8"),
        // bytes captured from finegrain at e256ccc, before histograms took negative values: states of
        // that release must still read, and the same values must still write the same bytes
        answer("HistogramQuantiles at 3 digits of 0 (3 times), 1, 2047, 2048 (twice), 2049, 1000000 and 2^63 - 1,"
            + " as written before negative values", () -> {
          HistogramQuantiles h = HistogramQuantiles.create();
          h.add(0, 3);
          h.add(1);
          h.add(2047);
          h.add(2048, 2);
          h.add(2049);
          h.add(1_000_000);
          h.add(Long.MAX_VALUE);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 03 00 06 00 ffffffffffffffff7f 00 03 01 01 fe0f 01 01 03 80f43c 01"
            + " 80fcc2fffffffff77f 01 3367c71e"),
        answer("HistogramQuantiles, compact, at 1 digit of 0, 31, 32, 33, 40 (5 times) and 2^40, as written before"
            + " negative values", () -> {
          HistogramQuantiles h = HistogramQuantiles.createCompact(1);
          h.add(0);
          h.add(31);
          h.add(32);
          h.add(33);
          h.add(40, 5);
          h.add(1L << 40);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 01 01 05 00 808080808020 00 01 1f 01 01 02 08 05 d8ffffffff1f 01 47960993"),
        answer("HistogramQuantiles, compact, empty at 5 digits, as written before negative values",
            () -> HistogramQuantiles.createCompact(5), HistogramQuantiles::fromBytes, "02 08 05 01 00 eb296498"),
        // negative values: a second bucket set over -v - 1, so -6, -6 and -3001 are written as 5, 5 and 3000
        answer("HistogramQuantiles of -3001, -6, -6, 5, 5 and 3000 at 3 digits" + V2_ONLY, () -> {
          HistogramQuantiles h = HistogramQuantiles.create();
          h.add(5, 2);
          h.add(-6, 2);
          h.add(3000);
          h.add(-3001);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 03 00 02 05 b817 05 02 b317 01 02 05 b817 05 02 b317 01 8103a048"),
        answer("HistogramQuantiles, compact, of -1 alone: no value of 0 or more" + V2_ONLY, () -> {
          HistogramQuantiles h = HistogramQuantiles.createCompact(3);
          h.add(-1);
          return h;
        }, HistogramQuantiles::fromBytes, "02 08 03 01 00 01 00 00 00 01 b1d3c449"),
        answer("HistogramQuantiles at 1 digit of -2^63 and 0" + V2_ONLY, () -> {
          HistogramQuantiles h = HistogramQuantiles.create(1);
          h.add(Long.MIN_VALUE);
          h.add(0);
          return h;
        }, HistogramQuantiles::fromBytes,
            "02 08 01 00 01 00 00 00 01 01 ffffffffffffffff7f ffffffffffffffff7f 80808080808080807c 01 1751c5f1"),
        answer("ExactQuantiles of -3, 4, 4 and 200", () -> {
          ExactQuantiles q = ExactQuantiles.create();
          q.add(-3);
          q.add(4, 2);
          q.add(200);
          return q;
        }, ExactQuantiles::fromBytes, "02 09 03 fffffffffffffffd 01 07 02 c401 01 389aaeaf"),
        answer("ExactQuantiles, empty", ExactQuantiles::create, ExactQuantiles::fromBytes, "02 09 00 a1bdaab8"),
        answer("DistinctLongs of 10, 3, 10 and 130", () -> {
          DistinctLongs d = DistinctLongs.create();
          d.add(10);
          d.add(3);
          d.add(10);
          d.add(130);
          return d;
        }, DistinctLongs::fromBytes, "02 0a 0000000000000004 03 0000000000000003 07 78 178184ae"),
        answer("DistinctStrings of b, é, a and b", () -> {
          DistinctStrings d = DistinctStrings.create();
          d.add("b");
          d.add("é");
          d.add("a");
          d.add("b");
          return d;
        }, DistinctStrings::fromBytes, "02 0b 0000000000000004 03 01 61 01 62 02 c3a9 943c4226"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  <A extends Accumulator<A, ?>> void bytesAreTheKnownAnswerAndReadBackEqual(String name, Supplier<A> input,
      Function<byte[], A> reader, String expectedHex) {
    A accumulator = input.get();
    byte[] expected = hex(expectedHex);

    byte[] actual = accumulator.toBytes();

    assertEquals(HEX.formatHex(expected), HEX.formatHex(actual), name);
    assertEquals(accumulator, reader.apply(expected), name);
    assertEquals(accumulator, Accumulators.fromBytes(expected), name);
    assertArrayEquals(expected, reader.apply(expected).toBytes(), name);
  }

  static Stream<Arguments> versionOneAnswers() {
    return answers().filter(a -> !((String) a.get()[0]).endsWith(V2_ONLY));
  }

  static Stream<Arguments> versionTwoOnlyAnswers() {
    return answers().filter(a -> ((String) a.get()[0]).endsWith(V2_ONLY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versionTwoOnlyAnswers")
  <A extends Accumulator<A, ?>> void aFieldThatVersionOneNeverHadIsRefusedUnderVersionOne(String name, Supplier<A> input,
      Function<byte[], A> reader, String expectedHex) {
    byte[] version2 = hex(expectedHex);
    byte[] version1 = Arrays.copyOf(version2, version2.length - 4);
    version1[0] = 1;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.apply(version1));

    assertTrue(e.getMessage().contains(" trailing bytes after the end of the"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versionOneAnswers")
  <A extends Accumulator<A, ?>> void theSameFieldsInVersionOneStillReadBack(String name, Supplier<A> input,
      Function<byte[], A> reader, String expectedHex) {
    A accumulator = input.get();
    byte[] version2 = hex(expectedHex);
    byte[] version1 = Arrays.copyOf(version2, version2.length - 4);
    version1[0] = 1;

    A back = reader.apply(version1);

    assertEquals(accumulator, back, name);
    assertEquals(accumulator, Accumulators.fromBytes(version1), name);
    assertArrayEquals(version2, back.toBytes(), name + ": written again in version 2");
  }

  @Test
  void theChecksumIsCrc32cCastagnoli() {
    // the check value of CRC-32C in the catalogue of CRC parameters: the CRC of the ASCII digits 1 to 9
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);

    assertEquals(0xe3069283, Format.checksum(digits, digits.length));
  }
}
