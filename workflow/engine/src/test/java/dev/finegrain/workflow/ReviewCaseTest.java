package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding events into a case: a log out of sequence or of another case is rejected with a message naming both. */
class ReviewCaseTest {
  private static List<ReviewEvent> submittedLog() {
    CaseDriver d = CaseDriver.listing();
    d.accept(d.submit("chen", Fixtures.listing("apparel", 20)));
    return d.log;
  }

  @Test
  void rejectsAnEventOutOfSequence() {
    List<ReviewEvent> log = submittedLog();
    ReviewCase submitted = ReviewCase.replay(log.subList(0, 1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reviews.evolve(submitted, log.get(2)));
    assertEquals("event 3 of case listing-42 is out of order: the case is at version 1", e.getMessage());
  }

  @Test
  void rejectsAnEventOfAnotherCase() {
    List<ReviewEvent> log = submittedLog();
    CaseDriver other = new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-43");
    other.accept(other.submit("chen", Fixtures.listing("apparel", 20)));
    ReviewCase submitted = ReviewCase.replay(log.subList(0, 1));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reviews.evolve(submitted, other.log.get(1)));
    assertEquals("event 2 is for case listing-43, not listing-42", e.getMessage());
  }
}
