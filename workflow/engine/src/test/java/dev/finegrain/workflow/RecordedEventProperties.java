package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * A recorded event keeps canonical hashes as 32 bytes and anything else as given: the text it
 * answers, its equality, its JSON and the chain's hash input are those of the hex text either way.
 */
class RecordedEventProperties {
  private static final ReviewEvent EVENT = Commented.builder().caseId("l-1").sequence(1).at(Fixtures.T0).actor("ma")
      .text("looks fine").build();

  @Property
  void canonicalHexIsKeptAsItsBytesAndRendersBack(@ForAll @Size(32) byte[] bytes) {
    String hex = HexFormat.of().formatHex(bytes);

    Object compact = RecordedEvent.Hashes.compact(hex);

    assertArrayEquals(bytes, assertInstanceOf(byte[].class, compact));
    assertEquals(hex, RecordedEvent.Hashes.text(compact));
    assertEquals(hex, RecordedEvent.Hashes.hex(bytes));
  }

  @Property
  void anyOtherTextIsKeptAsGiven(@ForAll("otherHashes") String text) {
    RecordedEvent recorded = RecordedEvent.of(EVENT, "c1", text, text);

    assertEquals(text, recorded.hash());
    assertEquals(text, recorded.previousHash());
    assertInstanceOf(String.class, recorded.rawHash());
  }

  @Property
  void equalityAndJsonAreThoseOfTheText(@ForAll("hashes") String previous, @ForAll("hashes") String hash) {
    RecordedEvent recorded = RecordedEvent.of(EVENT, "c1", previous, hash);
    RecordedEvent same = RecordedEvent.of(EVENT, "c1", new String(previous), new String(hash));

    assertEquals(recorded, same);
    assertEquals(recorded.hashCode(), same.hashCode());
    assertEquals(previous, recorded.previousHash());
    assertEquals(hash, recorded.hash());
    String json = FinegrainJson.write(recorded);
    assertEquals(recorded, FinegrainJson.read(json, RecordedEvent.class), json);
    JsonNode tree = FinegrainJson.read(json, JsonNode.class);
    assertEquals(List.of("event", "commandId", "previousHash", "hash"), ImmutableList.copyOf(tree.fieldNames()));
    assertEquals(previous, tree.get("previousHash").asText());
    assertEquals(hash, tree.get("hash").asText());
    assertNotEquals(recorded, RecordedEvent.of(EVENT, "c1", previous, hash + "0"));
  }

  @Property
  void theChainHashesBytesExactlyAsTheirHexText(@ForAll @Size(32) byte[] previous, @ForAll("commandIds") String id) {
    String hex = HexFormat.of().formatHex(previous);

    byte[] fromBytes = ChainEncoding.sha256(previous, id, EVENT);
    byte[] fromText = ChainEncoding.sha256(hex, id, EVENT);

    assertArrayEquals(fromText, fromBytes);
    assertEquals(HashChain.hash(hex, id, EVENT), RecordedEvent.Hashes.hex(fromBytes));
    assertEquals(RecordedEvent.chain(EVENT, id, hex), RecordedEvent.of(EVENT, id, hex, HashChain.hash(hex, id, EVENT)));
  }

  @Property
  void aHashKeptAsThePreviousEventItselfIsThatEventsHash(@ForAll @Size(32) byte[] first, @ForAll("commandIds") String id) {
    RecordedEvent previous = RecordedEvent.chain(EVENT, "c0", HexFormat.of().formatHex(first));
    ReviewEvent next = Commented.builder().from((Commented) EVENT).sequence(2).build();

    RecordedEvent linked = RecordedEvent.chained(next, id, previous.rawHash());
    RecordedEvent fromText = RecordedEvent.chain(next, id, previous.hash());
    RecordedEvent readBack = FinegrainJson.read(FinegrainJson.write(linked), RecordedEvent.class);

    assertEquals(previous.hash(), linked.previousHash());
    assertEquals(fromText, linked);
    assertEquals(fromText.hashCode(), linked.hashCode());
    assertEquals(readBack, linked);
    assertEquals(readBack.hashCode(), linked.hashCode());
    assertEquals(fromText.hash(), linked.hash());
    assertTrue(HashChain.verify(List.of(previous, linked).subList(1, 2)).message().contains("event 1"),
        "a log that starts at sequence 2 is not a chain");
  }

  /**
   * The format-3 string encoding is injective, lone surrogates included: two different texts (or
   * command ids, or previous hashes) give different hashes, and equal texts the same hash.
   */
  @Property
  void differentTextsHashDifferently(@ForAll("texts") String a, @ForAll("texts") String b) {
    Commented first = Commented.builder().from((Commented) EVENT).text(a).build();
    Commented second = Commented.builder().from((Commented) EVENT).text(b).build();

    assertEquals(a.equals(b), HashChain.hash(HashChain.GENESIS, "c1", first)
        .equals(HashChain.hash(HashChain.GENESIS, "c1", second)), a + " / " + b);
    assertEquals(a.equals(b), HashChain.hash(HashChain.GENESIS, a, EVENT).equals(HashChain.hash(HashChain.GENESIS, b, EVENT)));
    assertEquals(a.equals(b), HashChain.hash(a, "c1", EVENT).equals(HashChain.hash(b, "c1", EVENT)));
  }

  /**
   * A subject's fields are hashed in key order, so the order they were given in does not matter,
   * for small maps (sorted in place) and large ones alike; a changed value changes the hash.
   */
  @Property
  void aSubjectHashesTheSameInAnyFieldOrder(@ForAll("fieldNames") List<String> names, @ForAll java.util.Random random) {
    java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      given.put(names.get(i), i % 3 == 0 ? (Object) ("v" + i) : i % 3 == 1 ? (Object) (long) i
          : java.util.Map.of("b", i, "a", List.of(i, "x")));
    }
    List<String> shuffled = new java.util.ArrayList<>(given.keySet());
    java.util.Collections.shuffle(shuffled, random);
    java.util.Map<String, Object> reordered = new java.util.LinkedHashMap<>();
    shuffled.forEach(k -> reordered.put(k, given.get(k)));

    String hash = HashChain.hash(HashChain.GENESIS, "c1", submitted(given));
    assertEquals(hash, HashChain.hash(HashChain.GENESIS, "c1", submitted(reordered)));
    if (!names.isEmpty()) {
      reordered.put(shuffled.get(0), "changed");
      assertNotEquals(hash, HashChain.hash(HashChain.GENESIS, "c1", submitted(reordered)));
    }
  }

  private static ReviewEvent submitted(java.util.Map<String, Object> fields) {
    return CaseSubmitted.builder().caseId("l-1").sequence(1).at(Fixtures.T0).actor("chen").workflowId("w")
        .workflowVersion(1).subject(dev.finegrain.core.standard.Artifact.of("listing", fields)).editor("chen").build();
  }

  @Provide
  Arbitrary<List<String>> fieldNames() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list().uniqueElements().ofMaxSize(24);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Character> tricky = Arbitraries.of('a', '?', 'z', 'é', '\u07ff', '\u0800', '好', '\ud83d', '\ude00',
        '\udbff', '\udfff', '\uffff', '\u0000', '\u007f', '\u0080');
    return Arbitraries.oneOf(tricky.list().ofMaxSize(6).map(cs -> {
      StringBuilder text = new StringBuilder();
      cs.forEach(text::append);
      return text.toString();
    }), Arbitraries.strings().all().ofMaxLength(200), Arbitraries.strings().ascii().ofMinLength(120).ofMaxLength(140));
  }

  @Provide
  Arbitrary<String> hashes() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(32).map(HexFormat.of()::formatHex),
        otherHashes());
  }

  @Provide
  Arbitrary<String> otherHashes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofSize(32).map(b -> HexFormat.of().withUpperCase().formatHex(b))
            .filter(s -> !s.equals(s.toLowerCase())),
        Arbitraries.strings().withChars("0123456789abcdefg").ofMinLength(0).ofMaxLength(70)
            .filter(s -> s.length() != 64 || s.indexOf('g') >= 0),
        Arbitraries.strings().ofMaxLength(12).filter(s -> s.length() != 64));
  }

  @Provide
  Arbitrary<String> commandIds() {
    return Arbitraries.strings().ofMaxLength(20);
  }
}
