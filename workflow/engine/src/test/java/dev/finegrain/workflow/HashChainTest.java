package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ImmutableCommented;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.internal.codec.ChainEncoding;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.ChainCheck;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
      assertEquals(64, log.get(i).hash().hex().length());
    }
    assertEquals(Optional.of(log.get(log.size() - 1).hash()), check.headHash());
    assertEquals(Optional.of(d.engine.headHash("l-1")), check.headHash());
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
    Hash head = d.engine.headHash("l-1");
    List<RecordedEvent> truncated = log.subList(0, log.size() - 1);

    assertTrue(HashChain.verify(truncated).intact(), "a shorter chain is still a chain");
    ChainCheck check = HashChain.verify(truncated, head);
    assertEquals(OptionalLong.of(10), check.brokenAt());
    assertTrue(check.message().contains("events were removed or added at the end"), check.message());
    assertTrue(HashChain.verify(log, head).intact());
  }

  /**
   * An event altered and every hash after it recomputed is a chain that verifies on its own; the
   * head hash kept outside the store finds it, through the engine as through {@link HashChain}.
   */
  @Test
  void anAlterationWithTheChainRecomputedAfterItIsFoundAgainstAKeptHeadHash() {
    Hash head = d.engine.headHash("l-1");
    store.tamper = events -> {
      List<RecordedEvent> forged = new ArrayList<>(events.subList(0, 6));
      Commented altered = ImmutableCommented.builder().from((Commented) events.get(6).event()).text("blurry").build();
      Hash previous = events.get(5).hash();
      for (RecordedEvent e : events.subList(6, events.size())) {
        RecordedEvent link = RecordedEvent.chain(e.sequence() == 7 ? altered : e.event(), e.commandId(), previous);
        forged.add(link);
        previous = link.hash();
      }
      return forged;
    };

    assertTrue(d.engine.verify("l-1").intact(), "a recomputed chain is still a chain");
    ChainCheck check = d.engine.verify("l-1", head);
    assertFalse(check.intact());
    assertTrue(check.message().contains("not the expected " + head.abbreviated()), check.message());
    store.tamper = events -> events.subList(0, 8);
    assertFalse(d.engine.verify("l-1", head).intact(), "the last events removed");
    store.tamper = UnaryOperator.identity();
    assertTrue(d.engine.verify("l-1", head).intact());
  }

  /** A second case with repeated, non-ASCII and long strings. */
  private static List<RecordedEvent> otherLog() {
    EngineDriver other = EngineDriver.listing();
    other.accept(other.submit("l-ü", "chen", listing("apparel", 20)));
    other.accept(other.comment("l-ü", "lin", "Titel für 好 ok, " + "x".repeat(70)));
    other.accept(other.comment("l-ü", "lin", "Titel für 好 ok, " + "x".repeat(70)));
    other.accept(other.comment("l-ü", "wang", "é"));
    other.accept(other.approve("l-ü", "lin", "copy"));
    return other.engine.events("l-ü");
  }

  /** The same events, hashed as format {@code fg-chain/2} did, through the JSON constructor. */
  private static List<RecordedEvent> inVersion2(List<RecordedEvent> events) {
    List<RecordedEvent> chain = new ArrayList<>();
    Hash previous = HashChain.GENESIS;
    for (RecordedEvent e : events) {
      Hash hash = ChainEncoding.hashVersion2(previous, e.commandId(), e.event());
      chain.add(RecordedEvent.of(e.event(), e.commandId(), previous, hash));
      previous = hash;
    }
    return chain;
  }

  /**
   * The same events as a case submitted before the definition hash was recorded: the first event
   * without it, every hash recomputed.
   */
  private static List<RecordedEvent> withoutDefinitionHash(List<RecordedEvent> events) {
    List<RecordedEvent> chain = new ArrayList<>();
    Hash previous = HashChain.GENESIS;
    for (RecordedEvent e : events) {
      ReviewEvent event = e.event() instanceof CaseSubmitted submitted
          ? CaseSubmitted.builder().from(submitted).definitionHash(Optional.empty()).build() : e.event();
      RecordedEvent link = RecordedEvent.chain(event, e.commandId(), previous);
      chain.add(link);
      previous = link.hash();
    }
    return chain;
  }

  /**
   * The bytes hashed are format {@code fg-chain/3}: these heads were computed when it was
   * introduced, so any later change to the encoder must give them exactly for a case submitted
   * before the definition hash was recorded; the heads of the same cases with it were pinned when
   * the field was added.
   */
  @Test
  void theChainHashesTheSameBytesAsFormat3Did() {
    List<RecordedEvent> before = withoutDefinitionHash(log);
    assertEquals("ca72c69ed6b6f0ad8c17f50a80681f05ba0366508bf8b874802a9f44e412b4a0", before.get(before.size() - 1).hash().hex());
    List<RecordedEvent> events = otherLog();
    List<RecordedEvent> otherBefore = withoutDefinitionHash(events);
    assertEquals("67df43f4dfc3039e747117880e3f20ca15ce823a472edc53a1409da79720c24d", otherBefore.get(otherBefore.size() - 1).hash().hex());
    assertTrue(HashChain.verify(events).intact());
    assertTrue(HashChain.verify(otherBefore).intact());

    assertEquals("5c84645cf41ded866263a27a2a9662dfd6c2cc7d6bf63d0f2b70922ea2db356b", log.get(log.size() - 1).hash().hex());
    assertEquals("b38a4143a5fa265c2fa89016bbe47031b2e5b2b79d29f644f926f9029a5ebc87", events.get(events.size() - 1).hash().hex());
  }

  /**
   * Events hashed in format {@code fg-chain/2} (before format 3) still verify: the encoder still
   * gives the heads pinned when format 2 was written, and such a chain, or one mixing both formats,
   * is intact; an altered format-2 event is still found.
   */
  @Test
  void chainsRecordedInFormat2StillVerify() {
    List<RecordedEvent> old = inVersion2(withoutDefinitionHash(log));
    assertEquals("c03538b6132d1acf6e8df04c92967cc741699ef34586b8fd45f92e10aa2a45f9", old.get(old.size() - 1).hash().hex());
    assertNotEquals(log.get(log.size() - 1).hash(), old.get(old.size() - 1).hash());
    assertTrue(HashChain.verify(old, old.get(old.size() - 1).hash()).intact());
    List<RecordedEvent> other = inVersion2(withoutDefinitionHash(otherLog()));
    assertEquals("4f6f1c7659e0cd1d726095b517afd523a6072d612732f59960145d732ec9f0fc", other.get(other.size() - 1).hash().hex());
    assertTrue(HashChain.verify(other).intact());

    List<RecordedEvent> mixed = new ArrayList<>(old.subList(0, 5));
    RecordedEvent last = mixed.get(4);
    for (RecordedEvent e : log.subList(5, log.size())) {
      last = RecordedEvent.chain(e.event(), e.commandId(), last.hash());
      mixed.add(last);
    }
    assertTrue(HashChain.verify(mixed).intact(), "format 2 then format 3");

    List<RecordedEvent> backToFormat2 = new ArrayList<>(log.subList(0, 5));
    Hash previous = backToFormat2.get(4).hash();
    for (RecordedEvent e : log.subList(5, log.size())) {
      Hash hash = ChainEncoding.hashVersion2(previous, e.commandId(), e.event());
      backToFormat2.add(RecordedEvent.of(e.event(), e.commandId(), previous, hash));
      previous = hash;
    }
    assertEquals(OptionalLong.of(6), HashChain.verify(backToFormat2).brokenAt(),
        "a format-2 event after a format-3 one (format 2 cannot tell a lone surrogate from '?')");

    List<RecordedEvent> altered = new ArrayList<>(old);
    RecordedEvent third = altered.get(3);
    Commented changed = Commented.builder().from((Commented) third.event()).text("title NOT ok").build();
    altered.set(3, RecordedEvent.of(changed, third.commandId(), third.previousHash(), third.hash()));
    assertEquals(OptionalLong.of(4), HashChain.verify(altered).brokenAt());
  }

  /**
   * The format-3 bytes, written out by hand from the format's description (in {@code
   * ChainEncoding}), hash to what the chain computes: a vote with both optionals, after a
   * canonical previous hash; a comment of 200 characters (a two-byte length) with 2-, 3- and
   * 4-byte characters and a lone surrogate, after a previous hash that is not canonical.
   */
  @Test
  void theFormat3BytesAreThoseItsDescriptionSays() throws Exception {
    java.time.Instant at = java.time.Instant.ofEpochSecond(1_772_442_000L, 300);
    ReviewEvent vote = VoteCast.builder().caseId("l-1").sequence(300).at(at).actor("ma").stageId("manager")
        .vote(VoteKind.APPROVE).onBehalfOf("guo").note("ok").build();
    Hash previous = Hash.of("ab".repeat(32));
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(b);
    out.writeBytes("fg-chain/3");
    out.writeByte('H');
    for (int i = 0; i < 32; i++) {
      out.writeByte(0xab);
    }
    out.writeByte(4);
    out.writeBytes("c-77");
    out.writeByte(1);  // vote-cast
    out.writeByte(3);
    out.writeBytes("l-1");
    out.writeByte(300 & 0x7f | 0x80);  // 300 = 0b10_0101100
    out.writeByte(300 >>> 7);
    out.writeLong(1_772_442_000L);
    out.writeByte(0x80 | 300 & 0x7f);
    out.writeByte(300 >>> 7);
    out.writeByte(2);
    out.writeBytes("ma");
    out.writeByte(7);
    out.writeBytes("manager");
    out.writeByte(7);
    out.writeBytes("APPROVE");
    out.writeByte(1);
    out.writeByte(3);
    out.writeBytes("guo");
    out.writeByte(1);
    out.writeByte(2);
    out.writeBytes("ok");
    assertEquals(sha256Hex(b.toByteArray()), HashChain.hash(previous, "c-77", vote).hex());

    String text = "é好\ud83d\ude00\udc00" + "z".repeat(195);  // 2 + 3 + 4 + 3 + 195 = 207 bytes
    ReviewEvent comment = Commented.builder().caseId("l-1").sequence(1).at(java.time.Instant.EPOCH).actor("lin")
        .text(text).build();
    b.reset();
    out.writeBytes("fg-chain/3");
    out.writeByte('H');
    out.write(new byte[32]);
    out.writeByte(2);
    out.writeBytes("c1");
    out.writeByte(11);  // commented
    out.writeByte(3);
    out.writeBytes("l-1");
    out.writeByte(1);
    out.writeLong(0);
    out.writeByte(0);
    out.writeByte(3);
    out.writeBytes("lin");
    out.writeByte(207 & 0x7f | 0x80);
    out.writeByte(207 >>> 7);
    out.write(new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xe5, (byte) 0xa5, (byte) 0xbd, (byte) 0xf0, (byte) 0x9f,
        (byte) 0x98, (byte) 0x80, (byte) 0xed, (byte) 0xb0, (byte) 0x80});
    out.writeBytes("z".repeat(195));
    assertEquals(sha256Hex(b.toByteArray()), HashChain.hash(HashChain.GENESIS, "c1", comment).hex());
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /**
   * A subject field holding an instant is read back from JSON as an instant (core writes it
   * {@code {"$instant": "..."}} since issue 16), and the chain read back from JSON still verifies
   * (format 2 hashed the instant's JSON, and such a chain did not).
   */
  @Test
  void aSubjectWithAnInstantVerifiesAfterAJsonRoundTrip() {
    EngineDriver other = EngineDriver.listing();
    java.time.Instant launch = java.time.Instant.parse("2026-05-01T08:30:00.125Z");
    other.accept(other.submit("l-t", "chen", dev.finegrain.core.standard.Artifact.builder("listing")
        .put("category", "apparel").put("price", 20).put("launch", launch).build()));
    List<RecordedEvent> events = other.engine.events("l-t");
    assertEquals(launch, ((CaseSubmitted) events.get(0).event()).subject().fields().get("launch"));

    List<RecordedEvent> back = FinegrainJson.read(FinegrainJson.write(events), new TypeReference<List<RecordedEvent>>() {});

    assertEquals(launch, ((CaseSubmitted) back.get(0).event()).subject().fields().get("launch"));
    assertTrue(HashChain.verify(back, other.engine.headHash("l-t")).intact(), HashChain.verify(back).message());
  }

  /** Format 2 wrote a lone surrogate as '?' (UTF-8 does), so the two hashed alike; format 3 keeps them apart. */
  @Test
  void aLoneSurrogateAndAQuestionMarkHashDifferently() {
    ReviewEvent lone = Commented.builder().caseId("c").sequence(1).at(java.time.Instant.EPOCH).actor("lin")
        .text("ok \ud800").build();
    ReviewEvent question = Commented.builder().from((Commented) lone).text("ok ?").build();
    ReviewEvent pair = Commented.builder().from((Commented) lone).text("ok \ud83d\ude00").build();

    assertEquals(HashChain.hash(HashChain.GENESIS, "c1", pair), HashChain.hash(HashChain.GENESIS, "c1",
        Commented.builder().from((Commented) lone).text("ok \ud83d\ude00").build()));
    assertNotEquals(HashChain.hash(HashChain.GENESIS, "c1", lone), HashChain.hash(HashChain.GENESIS, "c1", question));
    assertNotEquals(HashChain.hash(HashChain.GENESIS, "c1", lone), HashChain.hash(HashChain.GENESIS, "c1", pair));
    assertEquals(ChainEncoding.hashVersion2(HashChain.GENESIS, "c1", lone),
        ChainEncoding.hashVersion2(HashChain.GENESIS, "c1", question), "format 2 could not tell them apart");
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
