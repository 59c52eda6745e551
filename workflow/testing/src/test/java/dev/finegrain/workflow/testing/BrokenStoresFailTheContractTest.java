package dev.finegrain.workflow.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contract fails stores that break it: each broken store fails the test that names its fault. */
class BrokenStoresFailTheContractTest {
  @Test
  void aStoreWithoutCompareAndAppendFailsTheConflictAndRaceTests() {
    assertFails(BrokenStores.NoVersionCheck.class, "anAppendAtAnyOtherVersionIsRefusedAndWritesNothing");
    assertFails(BrokenStores.NoVersionCheck.class, "racingAppendsToOneCaseHaveOneWinnerPerVersion");
  }

  @Test
  void aStoreThatDropsEventsFailsTheReadBackTests() {
    assertFails(BrokenStores.DropsEvents.class, "appendedEventsReadBackEqualAndInOrder");
    assertFails(BrokenStores.DropsEvents.class, "aReviewEngineRecordsAReviewThatReadsBackVerifiesAndReplays");
  }

  @Test
  void aStoreThatSortsItsCaseIdsFailsTheOrderTest() {
    assertFails(BrokenStores.UnorderedCaseIds.class, "caseIdsAreListedInTheOrderOfTheirFirstAppend");
  }

  private static void assertFails(Class<? extends EventStoreContract> contract, String test) {
    Events events = EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(contract.getName() + "#" + test)).execute().testEvents();
    assertTrue(events.started().count() == 1 && events.failed().count() == 1,
        contract.getSimpleName() + " should fail " + test + ": started " + events.started().count() + ", failed "
            + events.failed().count());
  }
}
