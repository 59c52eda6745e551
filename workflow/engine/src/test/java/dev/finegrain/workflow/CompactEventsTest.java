package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.store.HashChain;
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

  /**
   * Commands refuse lone surrogates now, but a store may hold events recorded before they did: such
   * an event, in its text and its command id, reads back from the compact records equal and verifies.
   */
  @Test
  void anEventWithALoneSurrogateReadsBackEqualAndVerifies() {
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build();
    assertTrue(engine.handle(Submit.builder().commandId("c-1").caseId("listing-1").actor("chen").at(Fixtures.T0)
        .subject(Fixtures.listing("tea", 20)).build()).isAccepted());
    long version = engine.version("listing-1");
    RecordedEvent comment = RecordedEvent.chain(Commented.builder().caseId("listing-1").sequence(version + 1)
        .at(Fixtures.T0.plusSeconds(5)).actor("lin").text("bad \uD800 text").build(), "c-\uDC00",
        engine.headHash("listing-1"));

    assertTrue(engine.store().append("listing-1", version, List.of(comment)));

    List<RecordedEvent> log = engine.store().load("listing-1");
    assertEquals(comment, log.get(log.size() - 1));
    assertEquals(comment.event(), log.get(log.size() - 1).event());
    assertEquals("c-\uDC00", log.get(log.size() - 1).commandId());
    assertTrue(HashChain.verify(log).intact());
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
