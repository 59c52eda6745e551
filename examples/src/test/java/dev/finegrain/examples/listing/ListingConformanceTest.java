package dev.finegrain.examples.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.examples.Outputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingConformanceTest {
  private final String out = Outputs.of(ListingConformance::run);

  @Test
  void theCleanListingConformsAndTheOthersFailForTheirOwnReasons() {
    assertTrue(out.contains("WLT-100231  明前西湖龙井 特级 250g 礼盒装\n  listing-cn v2: CONFORMS"), out);
    assertTrue(out.contains("listing-cn v2: FAILS (8 errors, 1 warning; 5 of 11 rules passed)"), out);
    assertTrue(out.contains("listing-cn v2: FAILS (2 errors; 9 of 11 rules passed)"), out);
  }

  @Test
  void everyForbiddenTermInTheTitleIsReportedWithItsPosition() {
    Artifact listing = ListingConformance.listings().get(1);
    String title = (String) listing.field("title").orElseThrow();

    for (String term : List.of("国家级", "最佳", "全网第一", "第一")) {
      int at = title.codePointCount(0, title.indexOf(term));
      assertTrue(out.contains("forbidden term \"" + term + "\" at " + at), term + " at " + at + "\n" + out);
    }
  }

  @Test
  void theChinaTitleLimitOverridesTheBaseLimitAsAWarning() {
    String title = (String) ListingConformance.listings().get(1).field("title").orElseThrow();

    assertEquals(41, title.codePointCount(0, title.length()));
    assertTrue(out.contains("WARNING   title            title-length        text of 41 characters is longer than the"
        + " maximum 30"), out);
  }
}
