package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextPatternTest {

  private static Problem refusal(String regex) {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Rules.matching("t", regex), regex);
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  // ---- the size of counted repetitions -------------------------------------------------------

  @Test
  void nestedCountedRepetitionsAreRefusedBeforeRe2jCompilesThem() {
    // 25 chars that RE2/J would write out to 10^9 instructions: an OutOfMemoryError, not an error
    for (String regex : List.of("((a{1000}){1000}){1000}", "(a{1000}){30}", "(a{100}){100}", "a{1000}b{1000}",
        "(?:[a-z]{1,1000}){2,}", "(\\p{L}{500}|x){3}")) {
      Problem problem = refusal(regex);

      assertEquals("regex", problem.path());
      assertTrue(problem.message().contains("at most size " + TextPattern.MAX_REGEX_SIZE + " (TextPattern.MAX_REGEX_SIZE)"),
          problem.message());
    }
  }

  @Test
  void aTooBigRegexReadFromJsonIsRefusedWithItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"((a{1000}){1000}){1000}\"}", Rule.class));

    assertEquals("regex", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().contains("TextPattern.MAX_REGEX_SIZE"), e.getMessage());
  }

  @Test
  void sizeCountsEachAtomOnceAndEachCountedRepetitionAsItsCopies() {
    assertEquals(10, TextPattern.expandedSize("^[A-Z]{3}-\\d{4}$"));
    assertEquals(8, TextPattern.expandedSize("a{2,5}"));    // 5 copies, 3 of them optional
    assertEquals(3, TextPattern.expandedSize("a{2,}"));     // aa+
    assertEquals(0, TextPattern.expandedSize("a{0}"));
    assertEquals(12, TextPattern.expandedSize("(ab){3}"));  // a capturing group counts 2 more
    assertEquals(8, TextPattern.expandedSize("(?:ab|c){2}"));
    assertEquals(3, TextPattern.expandedSize("(?i)a{3}"));
    assertEquals(9, TextPattern.expandedSize("(?P<n>a){3}"));
    assertEquals(1000, TextPattern.expandedSize("(?:a{10}){100}"));
    // once over the limit, the count stops
    assertEquals(TextPattern.MAX_REGEX_SIZE + 1L, TextPattern.expandedSize("(?:a{10}){101}"));
    assertEquals(TextPattern.MAX_REGEX_SIZE + 1L, TextPattern.expandedSize("((a{1000}){1000}){1000}"));
  }

  @Test
  void bracesThatAreNotCountedRepetitionsCountAsWhatTheyAre() {
    assertEquals(3, TextPattern.expandedSize("\\{3}"));          // an escaped brace, then "3}"
    assertEquals(2, TextPattern.expandedSize("[{]{2}"));         // a class holding a brace, twice
    assertEquals(2, TextPattern.expandedSize("[]{]{2}"));        // ] first in a class is a member
    assertEquals(2, TextPattern.expandedSize("[[:alpha:]]{2}"));
    assertEquals(3, TextPattern.expandedSize("\\p{Han}{3}"));
    assertEquals(3, TextPattern.expandedSize("\\x{1F375}{3}"));
    assertEquals(5, TextPattern.expandedSize("x{,3}"));          // not a repetition for RE2/J: five literals
    assertEquals(7, TextPattern.expandedSize("\\Qa{1000}\\E"));  // quoted: literals
    assertEquals(1000, TextPattern.expandedSize("\\Qa\\E{1000}"));
  }

  @Test
  void anEmptyQuoteOrGroupDoesNotHideWhatARepetitionCopies() {
    // an empty \Q\E leaves the atom before it to the next quantifier; an empty group still compiles to an instruction
    assertEquals(TextPattern.MAX_REGEX_SIZE + 1L, TextPattern.expandedSize("a{1000}\\Q\\E{1000}\\Q\\E{1000}"));
    assertEquals(TextPattern.MAX_REGEX_SIZE + 1L, TextPattern.expandedSize("a\\Q\\E{1000}\\Q\\E{1000}b"));
    assertEquals(TextPattern.MAX_REGEX_SIZE + 1L, TextPattern.expandedSize("(?:(?:(?:){1000}){1000}){1000}"));
    assertEquals(10, TextPattern.expandedSize("(?:){10}"));
  }

  @Test
  void legitimatePatternsOfTheReadmeTestsAndExamplesStayWithinTheSize() {
    for (String regex : List.of("^[A-Z]{3}-\\d{4}$", "!{2,}", "^WLT-[0-9]{6}$", "^[a-z]{1,8}$", "\\d+ ?g",
        "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$", "^.{10,200}$", "^\\p{Lu}[\\p{L} ]{0,99}$",
        "(?i)\\b(free|cheap|best)\\b", "^(\\d{1,3}\\.){3}\\d{1,3}$", "a".repeat(TextPattern.MAX_REGEX_LENGTH))) {
      assertTrue(TextPattern.expandedSize(regex) <= TextPattern.MAX_REGEX_SIZE, regex);
      Rules.matching("t", regex);
    }
  }

  // ---- what is refused as needing backtracking -----------------------------------------------

  @Test
  void unicodePropertiesAndHexEscapesMayBeRepeated() {
    for (String regex : List.of("\\p{L}+", "^\\p{Han}+$", "\\x{1F375}+", "[\\p{L}]+", "\\P{L}+", "\\pL+", "\\x41+",
        "x{,3}+", "\\{2}+", "[{2}]+")) {
      assertNull(TextPattern.unsupported(regex), regex);
      Rules.matching("t", regex);
    }
    assertTrue(Rules.matching("t", "^\\p{Han}+$").checkValue(Map.of("t", "绿茶")).isEmpty());
    assertTrue(Rules.matching("t", "\\x{1F375}+").checkValue(Map.of("t", "tea 🍵🍵")).isEmpty());
  }

  @Test
  void aPossessiveCountedRepetitionIsRefusedAndNamed() {
    assertEquals("the possessive quantifier {2}+", TextPattern.unsupported("a{2}+"));
    assertEquals("the possessive quantifier {2,}+", TextPattern.unsupported("\\p{L}{2,}+"));
    assertEquals("the possessive quantifier {2,3}+", TextPattern.unsupported("[a-z]{2,3}+"));
    assertEquals("the possessive quantifier *+", TextPattern.unsupported("a*+"));
    assertEquals("the possessive quantifier ?+", TextPattern.unsupported("a?+"));
    assertTrue(refusal("\\x{41}{2}+").message().startsWith("the possessive quantifier {2}+ is not supported"));
  }
}
