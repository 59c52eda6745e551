package dev.finegrain.workflow.internal.store;

import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
