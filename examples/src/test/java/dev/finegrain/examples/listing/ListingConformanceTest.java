package dev.finegrain.examples.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.ForbiddenTerms;
import dev.finegrain.examples.Outputs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListingConformanceTest {
  private final String out = Outputs.of(ListingConformance::run);

  @Test
  void theCleanListingConformsAndTheOthersFailForTheirOwnReasons() {
    assertTrue(out.contains("WLT-100231  明前西湖龙井 特级 250g 礼盒装\n  listing-cn v2: CONFORMS"), out);
    // 9 violations from the library, less "第一" inside "全网第一"
    assertTrue(out.contains("listing-cn v2: FAILS (7 errors, 1 warning; 5 of 11 rules passed)"), out);
    assertTrue(out.contains("listing-cn v2: FAILS (2 errors; 9 of 11 rules passed)"), out);
  }

  @Test
  void eachForbiddenTermIsReportedOnceWithTheCharactersItCoversCountedFromOne() {
    Artifact listing = ListingConformance.listings().get(1);
    String title = (String) listing.field("title").orElseThrow();

    for (String term : List.of("国家级", "最佳", "全网第一")) {
      int first = title.codePointCount(0, title.indexOf(term)) + 1;
      int last = first + term.codePointCount(0, term.length()) - 1;
      assertTrue(out.contains("forbidden term \"" + term + "\", characters " + first + "-" + last),
          term + " at " + first + "\n" + out);
    }
    // "第一" is inside "全网第一": one finding, not two
    assertFalse(out.contains("forbidden term \"第一\""), out);
    assertFalse(out.matches("(?s).*forbidden term \"[^\"]+\" at \\d.*"), "positions are explained: " + out);
  }

  @Test
  void overlappingOccurrencesKeepTheLeftmostThenTheLongest() {
    ForbiddenTerms rule = ForbiddenTerms.builder().id("t").field("title").addTerms("第一", "全网第一", "网第", "ab", "abc", "bcd")
        .build();

    List<String> kept = ListingConformance.longestFirst(rule.occurrences("全网第一 abcd 第一")).stream()
        .flatMap(Optional::stream).map(ListingConformance::describe).toList();

    assertEquals(List.of("forbidden term \"全网第一\", characters 1-4", "forbidden term \"abc\", characters 6-8",
        "forbidden term \"第一\", characters 11-12"), kept);
  }

  @Test
  void theChinaTitleLimitOverridesTheBaseLimitAsAWarning() {
    String title = (String) ListingConformance.listings().get(1).field("title").orElseThrow();

    assertEquals(41, title.codePointCount(0, title.length()));
    assertTrue(out.contains("WARNING   title            title-length        text of 41 characters is longer than the"
        + " maximum 30"), out);
  }
}
