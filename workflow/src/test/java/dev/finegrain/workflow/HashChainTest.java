package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.json.FinegrainJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The tamper-evident log: every alteration, removal, insertion or reordering breaks the chain at a named event. */
class HashChainTest {
  /** A store that shows a tampered copy of its events when asked to. */
  static final class TamperedStore implements EventStore {
    final InMemoryEventStore delegate = new InMemoryEventStore();
    UnaryOperator<List<RecordedEvent>> tamper = UnaryOperator.identity();

    @Override
    public List<RecordedEvent> load(String caseId) {
      return tamper.apply(new ArrayList<>(delegate.load(caseId)));
    }

    @Override
    public List<RecordedEvent> loadAfter(String caseId, long version) {
      return delegate.loadAfter(caseId, version);
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      return delegate.append(caseId, expectedVersion, events);
    }

    @Override
    public List<String> caseIds() {
      return delegate.caseIds();
    }
  }

  private final TamperedStore store = new TamperedStore();
  private final EngineDriver d = new EngineDriver(ReviewEngine.builder(Fixtures.context()).store(store)
      .register(Fixtures.listingReview()).build());
  private final List<RecordedEvent> log;

  HashChainTest() {
    d.accept(d.submit("l-1", "chen", listing("apparel", 20)));                      // 1-3
    d.accept(d.comment("l-1", "lin", "title ok"));                                 // 4
    d.accept(d.approve("l-1", "lin", "copy"));                                     // 5-6
    d.accept(d.comment("l-1", "wang", "images ok"));                               // 7
    d.accept(d.approve("l-1", "wang", "image"));                                   // 8-11
    log = d.engine.events("l-1");
  }

  private long brokenAt(UnaryOperator<List<RecordedEvent>> tamper) {
    store.tamper = tamper;
    ChainCheck check = d.engine.verify("l-1");
    assertFalse(check.intact(), check.toString());
    assertTrue(check.message().startsWith("broken at event " + check.brokenAt().getAsLong() + ": "), check.message());
    return check.brokenAt().getAsLong();
  }

  @Test
  void anUntouchedLogVerifiesAndChainsFromGenesis() {
    ChainCheck check = d.engine.verify("l-1");

    assertTrue(check.intact());
    assertEquals(OptionalLong.empty(), check.brokenAt());
    assertEquals("intact: 11 events chained from genesis", check.message());
    assertEquals(HashChain.GENESIS, log.get(0).previousHash());
    for (int i = 1; i < log.size(); i++) {
      assertEquals(log.get(i - 1).hash(), log.get(i).previousHash());
      assertEquals(64, log.get(i).hash().length());
    }
    assertEquals(log.get(log.size() - 1).hash(), check.headHash());
    assertEquals(d.engine.headHash("l-1"), check.headHash());
  }

  @Test
  void anAlteredEventBreaksTheChainAtThatEvent() {
    assertEquals(7, brokenAt(events -> {
      Commented original = (Commented) events.get(6).event();
      Commented altered = ImmutableCommented.builder().from(original).text("images blurry").build();
      events.set(6, RecordedEvent.of(altered, events.get(6).commandId(), events.get(6).previousHash(),
          events.get(6).hash()));
      return events;
    }));
  }

  @Test
  void anAlteredEventWithARecomputedHashBreaksTheChainAtTheNextEvent() {
    assertEquals(8, brokenAt(events -> {
      Commented altered = ImmutableCommented.builder().from((Commented) events.get(6).event()).text("blurry").build();
      events.set(6, RecordedEvent.chain(altered, events.get(6).commandId(), events.get(6).previousHash()));
      return events;
    }));
  }

  @Test
  void aChangedCommandIdIsAnAlteration() {
    assertEquals(4, brokenAt(events -> {
      RecordedEvent e = events.get(3);
      events.set(3, RecordedEvent.of(e.event(), "forged", e.previousHash(), e.hash()));
      return events;
    }));
  }

  @Test
  void aRemovedEventBreaksTheChainWhereItWas() {
    assertEquals(4, brokenAt(events -> {
      events.remove(3);
      return events;
    }));
  }

  @Test
  void anInsertedEventBreaksTheChainEvenWhenItIsChainedCorrectly() {
    assertEquals(5, brokenAt(events -> {
      Commented forged = Commented.builder().caseId("l-1").sequence(4).at(Fixtures.T0).actor("ma")
          .text("approved by phone").build();
      events.add(3, RecordedEvent.chain(forged, "forged", events.get(2).hash()));
      return events;
    }), "the forged event 4 links to event 3, but the real event 4 now sits at position 5");
  }

  @Test
  void twoSwappedEventsBreakTheChainAtTheFirstOfThem() {
    assertEquals(4, brokenAt(events -> {
      Collections.swap(events, 3, 6);
      return events;
    }));
  }

  @Test
  void removingTheLastEventsIsDetectedAgainstAKeptHeadHash() {
    String head = d.engine.headHash("l-1");
    List<RecordedEvent> truncated = log.subList(0, log.size() - 1);

    assertTrue(HashChain.verify(truncated).intact(), "a shorter chain is still a chain");
    ChainCheck check = HashChain.verify(truncated, head);
    assertEquals(OptionalLong.of(10), check.brokenAt());
    assertTrue(check.message().contains("events were removed or added at the end"), check.message());
    assertTrue(HashChain.verify(log, head).intact());
  }

  /**
   * The bytes hashed are format {@code fg-chain/2}: these heads were computed before any change to
   * the encoder, so a faster encoder must give them exactly (repeated, non-ASCII and long strings).
   */
  @Test
  void theChainHashesTheSameBytesAsBefore() {
    assertEquals("c03538b6132d1acf6e8df04c92967cc741699ef34586b8fd45f92e10aa2a45f9", log.get(log.size() - 1).hash());

    EngineDriver other = EngineDriver.listing();
    other.accept(other.submit("l-ü", "chen", listing("apparel", 20)));
    other.accept(other.comment("l-ü", "lin", "Titel für 好 ok, " + "x".repeat(70)));
    other.accept(other.comment("l-ü", "lin", "Titel für 好 ok, " + "x".repeat(70)));
    other.accept(other.comment("l-ü", "wang", "é"));
    other.accept(other.approve("l-ü", "lin", "copy"));
    List<RecordedEvent> events = other.engine.events("l-ü");
    assertEquals("4f6f1c7659e0cd1d726095b517afd523a6072d612732f59960145d732ec9f0fc", events.get(events.size() - 1).hash());
    assertTrue(HashChain.verify(events).intact());
  }

  @Test
  void recordedEventsRoundTripThroughJsonAndStillVerify() {
    String json = FinegrainJson.write(log);
    List<RecordedEvent> back = FinegrainJson.read(json, new TypeReference<List<RecordedEvent>>() {});

    assertEquals(log, back);
    assertTrue(HashChain.verify(back).intact());
    String first = FinegrainJson.write(log.get(3));
    assertTrue(first.startsWith("{\n  \"event\" : {\n    \"type\" : \"commented\""), first);
    assertTrue(first.contains("\"commandId\" : \"c2\",\n  \"previousHash\" : \"" + log.get(2).hash()
        + "\",\n  \"hash\" : \"" + log.get(3).hash() + "\"\n}"), first);
    assertNotEquals(log.get(3).hash(), log.get(6).hash());
  }
}
