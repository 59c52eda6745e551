package dev.finegrain.core.process;

import static dev.finegrain.core.process.Fixtures.process;
import static dev.finegrain.core.process.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessComparisonTest {
  /**
   * {@link Fixtures#listing()} without double-check and notify, with faster copy (2h) and a new
   * seo-keywords step: ends brief 1h, write-copy 3h, shoot-photos 4h, seo-keywords 4h,
   * build-listing 6h, approve 7h.
   */
  private static ProcessDefinition leaner() {
    return process("listing",
        step("brief", "manager", 60).addOutput("brief"),
        step("write-copy", "copywriter", 120, "brief").addInput("brief").addOutput("copy"),
        step("shoot-photos", "photographer", 180, "brief").addInput("brief").addOutput("photos"),
        step("seo-keywords", "copywriter", 60, "write-copy").addInput("copy").addOutput("keywords"),
        step("build-listing", "designer", 120, "write-copy", "shoot-photos", "seo-keywords")
            .addInputs("copy", "photos", "keywords").addOutput("listing"),
        step("approve", "manager", 60, "build-listing").addInput("listing").addOutput("approved-listing")
            .isFinal(true));
  }

  @Test
  void comparesHandOffsLeadTimeAndStepsAndNamesAddedAndRemovedSteps() {
    ProcessComparison change = ProcessComparison.of(Fixtures.listing(), leaner());

    assertEquals(7, change.handOffsBefore());
    assertEquals(6, change.handOffsAfter());
    assertEquals(-1, change.handOffsDelta());
    assertEquals(Duration.ofHours(8), change.leadTimeBefore());
    assertEquals(Duration.ofHours(7), change.leadTimeAfter());
    assertEquals(Duration.ofHours(-1), change.leadTimeDelta());
    assertEquals(-1, change.stepsDelta());
    assertEquals(List.of("seo-keywords"), change.addedSteps());
    assertEquals(List.of("double-check", "notify"), change.removedSteps());
    assertEquals("hand-offs 7 -> 6 (-1), lead time PT8H -> PT7H (-PT1H), steps 7 -> 6 (-1); "
        + "added: seo-keywords; removed: double-check, notify", change.summary());
  }

  @Test
  void showsGrowthWithPlusSignsTheOtherWayRound() {
    assertEquals("hand-offs 6 -> 7 (+1), lead time PT7H -> PT8H (+PT1H), steps 6 -> 7 (+1); "
        + "added: double-check, notify; removed: seo-keywords",
        ProcessComparison.of(leaner(), Fixtures.listing()).summary());
  }

  @Test
  void anUnchangedProcessShowsZeroDeltasAndNoStepLists() {
    ProcessComparison same = ProcessComparison.of(Fixtures.listing(), Fixtures.listing());

    assertEquals("hand-offs 7 -> 7 (0), lead time PT8H -> PT8H (0), steps 7 -> 7 (0)", same.summary());
    assertEquals(same.summary(), same.toString());
  }
}
