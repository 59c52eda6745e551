package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.internal.codec.CompactEvents;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine over the in-memory store's compact records: what it records reads back equal and verifies. */
class CompactEventsTest {
  @Test
  void anEngineRunRecordsThatReadBackAndVerify() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());
    assertTrue(engine.handle(Comment.builder().commandId("c-2").caseId("listing-1").actor("lin")
        .at(Fixtures.T0.plusSeconds(5)).text("Schöne Bilder").build()).isAccepted());

    List<RecordedEvent> log = engine.events("listing-1");

    assertTrue(log.size() >= 3, log.toString());

    assertTrue(engine.verify("listing-1").intact());
    assertEquals(engine.headHash("listing-1"), log.get(log.size() - 1).hash());
    assertEquals(ReviewCase.replay(log.stream().map(RecordedEvent::event).toList()), engine.state("listing-1"));
  }

  @Test
  void textWithALoneSurrogateReadsBackEqualAndARetryOfItsCommandIsRecognised() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());
    Comment comment = Comment.builder().commandId("c-\uDC00").caseId("listing-1").actor("lin")
        .at(Fixtures.T0.plusSeconds(5)).text("bad \uD800 text").build();
    ReviewOutcome first = engine.handle(comment);
    long version = engine.version("listing-1");

    List<RecordedEvent> log = engine.events("listing-1");
    ReviewOutcome retry = engine.handle(comment);

    assertEquals(first.events().get(0), log.get(log.size() - 1), "the comment as stored");
    assertEquals(version, engine.version("listing-1"), "a retry records nothing");
    assertTrue(retry.isAccepted(), retry.toString());
    assertTrue(engine.verify("listing-1").intact());
  }

  @Test
  void theEnginesStagingBatchKeepsNoEventAfterACommand() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());

    CompactEvents.Batch staging = CompactEvents.STAGING.get(); // as the command left it (the store stages)

    assertEquals(0, staging.size());
    assertTrue(java.util.Arrays.stream(staging.objects()).allMatch(java.util.Objects::isNull),
        "no submitted event (nor its subject) held by the thread's batch");
  }
}
