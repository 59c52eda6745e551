package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.testing.Gens;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class WorkEntryOrderProperties {

  /**
   * Strings of a few pieces that meet in every way the two orders could part: equal prefixes, BMP
   * chars on both sides of the surrogates, paired and unpaired surrogates of both kinds.
   */
  private static Gen<String> strings() {
    Gen<String> piece = pick("a", "b", "listing-", "7", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\ud800\udc00",
        "\ud83c\udf75", "\udbff\udfff", "\ud800", "\udc00", "\udfff", "");
    return lists(piece, 0, 5).map(p -> p.stream().collect(Collectors.joining()));
  }

  private static int sign(int c) {
    return Integer.signum(c);
  }

  @Test
  void codePointOrderIsTheOrderOfTheStringsCodePoints() {
    qt().forAll(strings(), strings()).checkAssert((a, b) -> {
      int expected = Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
      assertEquals(sign(expected), sign(WorkEntry.compareCodePoints(a, b)), () -> List.of(a, b).toString());
      assertEquals(sign(expected), -sign(WorkEntry.compareCodePoints(b, a)), () -> List.of(b, a).toString());
    });
  }

  @Test
  void codePointOrderOfWellFormedStringsIsTheOrderOfTheirUtf8Bytes() {
    Gen<String> piece = pick("a", "z", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\ud800\udc00", "\ud83c\udf75",
        "\udbff\udfff");
    Gen<String> wellFormed = lists(piece, 0, 5).map(p -> p.stream().collect(Collectors.joining()));
    qt().forAll(wellFormed, wellFormed).checkAssert((a, b) -> {
      int expected = Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(sign(expected), sign(WorkEntry.compareCodePoints(a, b)), () -> List.of(a, b).toString());
    });
  }

  /**
   * Case ids as a platform makes them, and as they could break the keys: long shared prefixes that
   * end inside the 16 bytes or past them, U+0000 (whose byte is the padding's), chars of one to four
   * UTF-8 bytes cut at the 16th byte, unpaired surrogates.
   */
  private static Gen<String> caseIds() {
    Gen<String> piece = pick("listing-", "shop-12/", "7", "42", "\u0000", "\u00e9", "\u07ff", "\u0800", "\ud7ff",
        "\ue000", "\uffff", "\ud83c\udf75", "\udbff\udfff", "\ud800", "\udfff", "");
    return lists(piece, 0, 7).map(p -> p.stream().collect(Collectors.joining()));
  }

  /** Two case ids, the second often sharing a prefix of the first, of any length: keys that tie or part late. */
  private static Gen<List<String>> caseIdPairs() {
    Gen<List<String>> apart = caseIds().zip(caseIds(), List::of);
    Gen<List<String>> sharing = caseIds().zip(caseIds(), ints(0, 40),
        (a, rest, k) -> List.of(a, a.substring(0, Math.min(k, a.length())) + rest));
    return Gens.mostly(1, apart, sharing);
  }

  @Test
  void caseIdsCompareByTheirKeysAsByTheirCodePoints() {
    qt().forAll(caseIdPairs()).checkAssert(pair -> {
      String a = pair.get(0);
      String b = pair.get(1);
      long a0 = CodePointKey.word(a, 0);
      long a1 = CodePointKey.word(a, 1);
      long b0 = CodePointKey.word(b, 0);
      long b1 = CodePointKey.word(b, 1);
      int expected = sign(WorkEntry.compareCodePoints(a, b));
      assertEquals(expected, sign(CodePointKey.compare(a0, a1, a, b0, b1, b)), () -> List.of(a, b).toString());
      int byKeys = a0 != b0 ? Long.compareUnsigned(a0, b0) : Long.compareUnsigned(a1, b1);
      if (byKeys != 0) {  // keys that differ decide alone: the strings are not read
        assertEquals(expected, sign(byKeys), () -> "keys of " + List.of(a, b));
      }
    });
  }

  @Test
  void aKeyIsTheFirstSixteenBytesOfTheUtf8EncodingPaddedWithZeros() {
    Gen<String> piece = pick("listing-", "7", "\u0000", "\u00e9", "\u0800", "\uffff", "\ud83c\udf75", "");
    Gen<String> wellFormed = lists(piece, 0, 7).map(p -> p.stream().collect(Collectors.joining()));
    qt().forAll(wellFormed).checkAssert(s -> {
      byte[] utf8 = Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), 16);
      java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(utf8);
      assertEquals(words.getLong(0), CodePointKey.word(s, 0), s);
      assertEquals(words.getLong(8), CodePointKey.word(s, 1), s);
    });
  }

  @Test
  void instantsCompareByTheirKeysAsByTheirTime() {
    long edge = Long.MAX_VALUE / 1_000_000_000L;  // the last second whose nanoseconds fit a long
    Gen<Long> seconds = pick(Instant.MIN.getEpochSecond(), -edge - 1, -edge, -edge + 1, -1L, 0L, 1L, 1_772_442_000L,
        edge - 1, edge, edge + 1, Instant.MAX.getEpochSecond());
    Gen<Integer> nanos = pick(0, 1, 999_999_999, 854_775_807, 854_775_808);
    Gen<Instant> instants = seconds.zip(nanos, Instant::ofEpochSecond);
    qt().forAll(instants, instants).checkAssert((x, y) -> {
      long a = InstantKey.of(x);
      long b = InstantKey.of(y);
      assertEquals(sign(x.compareTo(y)), sign(InstantKey.compare(a, x, b, y)), () -> List.of(x, y).toString());
      if (a != b) {  // keys that differ decide alone: the instants are not read
        assertEquals(sign(x.compareTo(y)), sign(Long.compare(a, b)), () -> "keys of " + List.of(x, y));
      }
    });
  }
}
