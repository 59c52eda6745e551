package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching after NFKC and Unicode case folding, and what a scan costs. */
class ForbiddenTermsTest {

  // ---- case folding --------------------------------------------------------------------------

  @Test
  void capitalSharpSSharpSAndSsMatchAlike() {
    ForbiddenTerms rule = Rules.forbiddenTerms("t", List.of("größte"));

    assertEquals("[\"größte\" at 4]", rule.occurrences("DIE GRÖẞTE AUSWAHL").toString());
    assertEquals("GRÖẞTE", rule.occurrences("DIE GRÖẞTE AUSWAHL").get(0).text());
    assertEquals("[\"größte\" at 4]", rule.occurrences("die grösste Auswahl").toString());
    assertEquals("[\"größte\" at 0]", rule.occurrences("GRÖSSTE").toString());
    // and a term written with ẞ finds ß
    assertEquals("[\"GRÖẞTE\" at 1]", Rules.forbiddenTerms("t", List.of("GRÖẞTE")).occurrences("«größte»").toString());
    assertEquals(TermMatcher.normalizeTerm("ss"), TermMatcher.normalizeTerm("ẞ"));
  }

  @Test
  void dotlessIIsNotI() {
    assertEquals(List.of(), Rules.forbiddenTerms("t", List.of("sik")).occurrences("sık kullanılan"));
    assertEquals(List.of(), Rules.forbiddenTerms("t", List.of("sık")).occurrences("sik"));

    ForbiddenTerms dotless = Rules.forbiddenTerms("t", List.of("sık"));
    assertEquals("[\"sık\" at 3]", dotless.occurrences("en sık kullanılan").toString());
    assertEquals("sık", dotless.occurrences("en sık kullanılan").get(0).text());
  }

  @Test
  void dottedCapitalIIsI() {
    ForbiddenTerms rule = Rules.forbiddenTerms("t", List.of("istanbul"));
    assertEquals("[\"istanbul\" at 4]", rule.occurrences("NEW İSTANBUL").toString());
    assertEquals("İSTANBUL", rule.occurrences("NEW İSTANBUL").get(0).text());
    // written decomposed, as I and a combining dot above
    assertEquals("[\"istanbul\" at 0]", rule.occurrences("I\u0307STANBUL").toString());
    assertEquals("[\"İstanbul\" at 0]", Rules.forbiddenTerms("t", List.of("İstanbul")).occurrences("istanbul")
        .toString());
    // dotless ı stays apart
    assertEquals(List.of(), Rules.forbiddenTerms("t", List.of("istanbul")).occurrences("ıstanbul"));
  }

  @Test
  void normalisingTwiceChangesNothing() {
    // a term is matched in its normalised form, so normalising must be idempotent for terms and texts to agree
    StringBuilder changed = new StringBuilder();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String once = TermMatcher.normalizeTerm(String.valueOf((char) c));
      if (!TermMatcher.normalizeTerm(once).equals(once)) {
        changed.append(String.format("U+%04X ", c));
      }
    }
    assertEquals("", changed.toString());
  }

  // ---- what composes -------------------------------------------------------------------------

  @Test
  void koreanWrittenDecomposedIsFoundAtItsPosition() {
    ForbiddenTerms rule = Rules.forbiddenTerms("t", List.of("최고"));
    String decomposed = Normalizer.normalize("최고 품질", Normalizer.Form.NFD);

    assertEquals("[\"최고\" at 0]", rule.occurrences(decomposed).toString());
    assertEquals(Normalizer.normalize("최고", Normalizer.Form.NFD), rule.occurrences(decomposed).get(0).text());
    // positions count the jamo as written: 품 and 질 are three each decomposed
    String later = "🍵 " + Normalizer.normalize("품질 최고", Normalizer.Form.NFD);
    assertEquals("[\"최고\" at 9]", rule.occurrences(later).toString());
  }

  @Test
  void compatibilityJamoAreLettersOfTheirOwnNotPartOfTheSyllableBefore() {
    // NFKC of the whole text would compose 고 and ㄳ into 곣, though ㄳ ("thanks") shows as a letter of its own
    assertEquals("[\"최고\" at 0]", Rules.forbiddenTerms("t", List.of("최고")).occurrences("최고ㄳ").toString());
    assertEquals("[\"가\" at 0]", Rules.forbiddenTerms("t", List.of("가")).occurrences("가ㄶ").toString());
    // ㅠㅠ after a word stays apart from it, and is found where it is
    List<ForbiddenTerms.Occurrence> crying = Rules.forbiddenTerms("t", List.of("최고", "ㅠㅠ")).occurrences("최고ㅠㅠ");
    assertEquals("[\"최고\" at 0, \"ㅠㅠ\" at 2]", crying.toString());
    assertEquals("최고", crying.get(0).text());
    assertEquals("[\"ok\" at 0]", Rules.forbiddenTerms("t", List.of("ok")).occurrences("okㅏ").toString());
    assertEquals("ok", Rules.forbiddenTerms("t", List.of("ok")).occurrences("okㅏ").get(0).text());
  }

  @Test
  void halfWidthKatakanaWithItsVoicedMarkIsTheComposedKana() {
    assertEquals("[\"バス\" at 1]", Rules.forbiddenTerms("t", List.of("バス")).occurrences("「ﾊﾞｽ」").toString());
  }

  // ---- cost ----------------------------------------------------------------------------------

  /** The bytes this thread has allocated so far (by reflection: tests compile against the module, run on the class path). */
  private static long allocatedBytes() throws ReflectiveOperationException {
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
        .invoke(threads);
  }

  @Test
  void aLetterWithThousandsOfMarksIsNormalisedThirtyMarksAtATime() {
    // NFKC orders a run of marks by insertion: 20,000 marks of class 230 and then 20,000 of class 220
    // on one letter took over a second as one piece. Unicode's Stream-Safe Text Format caps a run at 30.
    String text = "a" + "\u0301".repeat(20_000) + "\u0316".repeat(20_000);
    int[] widest = {0};
    TermMatcher.normalize(text, (c, codePoint, from, to) -> {
      widest[0] = Math.max(widest[0], to - from);
      return true;
    });

    assertEquals(TermMatcher.MAX_ATTACHED + 1, widest[0]);
    assertEquals("[\"ok\" at 40001]", Rules.forbiddenTerms("t", List.of("ok")).occurrences(text + "ok").toString());
    // within the cap, marks are still ordered and composed as NFKC does: a + grave below + acute is á + grave below
    assertEquals("[\"\u00E1\u0316\" at 0]", Rules.forbiddenTerms("t", List.of("\u00E1\u0316"))
        .occurrences("a\u0301\u0316").toString());
  }

  @Test
  void aTextThatNormalisingExpandsEighteenfoldIsScannedInBoundedMemory() throws ReflectiveOperationException {
    // U+FDFA is 18 chars in NFKC; the text is 2 MB as a String
    String text = "\uFDFA".repeat(1_000_000);
    ForbiddenTerms rule = Rules.forbiddenTerms("t", List.of("\uFDFA"));
    long before = allocatedBytes();
    List<Violation> found = rule.checkValue(Map.of("t", text));
    long allocated = allocatedBytes() - before;

    assertEquals("999,900 more forbidden terms not listed: 1,000,000 found, at most 100 reported"
        + " (ForbiddenTerms.MAX_REPORTED)", found.get(ForbiddenTerms.MAX_REPORTED).message());
    assertEquals("forbidden term \"\uFDFA\" at 99", found.get(99).message());
    assertTrue(allocated < 16_000_000, allocated + " bytes allocated");
  }
}
