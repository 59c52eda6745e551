package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.bytes;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.testing.Gens;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.codec.ChainEncoding;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A hash is 32 bytes with one text form, 64 lower-case hex digits; a recorded event's equality, JSON
 * and chain input are those of its hashes, and it refers to its predecessor's hash only.
 */
class RecordedEventProperties {
  private static final ReviewEvent EVENT = Commented.builder().caseId("l-1").sequence(1).at(Fixtures.T0).actor("ma")
      .text("looks fine").build();

  @Test
  void aHashIsItsBytesAndItsHexText() {
    qt().forAll(bytes(32)).checkAssert(RecordedEventProperties::aHashIsItsBytesAndItsHexText);
  }

  private static void aHashIsItsBytesAndItsHexText(byte[] bytes) {
    String hex = HexFormat.of().formatHex(bytes);

    Hash hash = Hash.fromBytes(bytes);

    assertEquals(hex, hash.hex());
    assertEquals(hash, Hash.of(hex));
    assertEquals(hash.hashCode(), Hash.of(hex).hashCode());
    assertArrayEquals(bytes, hash.toBytes());
    assertTrue(hash.equalsBytes(bytes, 0));
  }

  @Test
  void anyOtherTextIsRefusedAsAHash() {
    qt().forAll(otherHashes()).checkAssert(RecordedEventProperties::anyOtherTextIsRefusedAsAHash);
  }

  private static void anyOtherTextIsRefusedAsAHash(String text) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Hash.of(text));
    assertTrue(error.getMessage().contains("64 lower-case hex digits"), error.getMessage());

    com.fasterxml.jackson.databind.node.ObjectNode tree = FinegrainJson.read(
        FinegrainJson.write(RecordedEvent.chain(EVENT, "c1", HashChain.GENESIS)),
        com.fasterxml.jackson.databind.node.ObjectNode.class);
    tree.put("previousHash", text);
    String json = tree.toString();
    RuntimeException readError = assertThrows(RuntimeException.class, () -> FinegrainJson.read(json,
        RecordedEvent.class));
    assertTrue(readError.getMessage().contains("previousHash"), readError.getMessage());
  }

  @Test
  void equalityAndJsonAreThoseOfTheHashes() {
    qt().forAll(bytes(32), bytes(32)).checkAssert(RecordedEventProperties::equalityAndJsonAreThoseOfTheHashes);
  }

  private static void equalityAndJsonAreThoseOfTheHashes(byte[] previousBytes, byte[] hashBytes) {
    Hash previous = Hash.fromBytes(previousBytes);
    Hash hash = Hash.fromBytes(hashBytes);
    RecordedEvent recorded = RecordedEvent.of(EVENT, "c1", previous, hash);
    RecordedEvent same = RecordedEvent.of(EVENT, "c1", Hash.of(previous.hex()), Hash.of(hash.hex()));

    assertEquals(recorded, same);
    assertEquals(recorded.hashCode(), same.hashCode());
    String json = FinegrainJson.write(recorded);
    assertEquals(recorded, FinegrainJson.read(json, RecordedEvent.class), json);
    JsonNode tree = FinegrainJson.read(json, JsonNode.class);
    assertEquals(List.of("event", "commandId", "previousHash", "hash"), ImmutableList.copyOf(tree.fieldNames()));
    assertEquals(previous.hex(), tree.get("previousHash").asText());
    assertEquals(hash.hex(), tree.get("hash").asText());
    byte[] other = hashBytes.clone();
    other[31] ^= 1;
    assertNotEquals(recorded, RecordedEvent.of(EVENT, "c1", previous, Hash.fromBytes(other)));
  }

  @Test
  void chainingComputesTheHashOfTheChainEncoding() {
    qt().forAll(bytes(32), commandIds())
        .checkAssert(RecordedEventProperties::chainingComputesTheHashOfTheChainEncoding);
  }

  private static void chainingComputesTheHashOfTheChainEncoding(byte[] previousBytes, String id) {
    Hash previous = Hash.fromBytes(previousBytes);

    RecordedEvent chained = RecordedEvent.chain(EVENT, id, previous);

    assertEquals(ChainEncoding.hash(previous, id, EVENT), chained.hash());
    assertEquals(HashChain.hash(previous, id, EVENT), chained.hash());
    assertEquals(RecordedEvent.of(EVENT, id, previous, HashChain.hash(previous, id, EVENT)), chained);
  }

  @Test
  void aChainedEventKeepsOnlyItsPredecessorsHash() {
    qt().forAll(bytes(32), commandIds())
        .checkAssert(RecordedEventProperties::aChainedEventKeepsOnlyItsPredecessorsHash);
  }

  private static void aChainedEventKeepsOnlyItsPredecessorsHash(byte[] first, String id) {
    RecordedEvent previous = RecordedEvent.chain(EVENT, "c0", Hash.fromBytes(first));
    ReviewEvent next = Commented.builder().from((Commented) EVENT).sequence(2).build();

    RecordedEvent linked = RecordedEvent.chain(next, id, previous.hash());
    RecordedEvent readBack = FinegrainJson.read(FinegrainJson.write(linked), RecordedEvent.class);

    assertSame(previous.hash(), linked.previousHash(), "the hash object, not the event that has it");
    assertEquals(readBack, linked);
    assertEquals(readBack.hashCode(), linked.hashCode());
    assertTrue(HashChain.verify(List.of(previous, linked).subList(1, 2)).message().contains("event 1"),
        "a log that starts at sequence 2 is not a chain");
  }

  /**
   * The format-3 string encoding is injective, lone surrogates included: two different texts (or
   * command ids, or previous hashes) give different hashes, and equal texts the same hash.
   */
  @Test
  void differentTextsHashDifferently() {
    qt().forAll(texts(), texts()).checkAssert(RecordedEventProperties::differentTextsHashDifferently);
  }

  private static void differentTextsHashDifferently(String a, String b) {
    Commented first = Commented.builder().from((Commented) EVENT).text(a).build();
    Commented second = Commented.builder().from((Commented) EVENT).text(b).build();

    assertEquals(a.equals(b), HashChain.hash(HashChain.GENESIS, "c1", first)
        .equals(HashChain.hash(HashChain.GENESIS, "c1", second)), a + " / " + b);
    assertEquals(a.equals(b), HashChain.hash(HashChain.GENESIS, a, EVENT).equals(HashChain.hash(HashChain.GENESIS, b, EVENT)));
    assertEquals(a.equals(b), HashChain.hash(sha256(a), "c1", EVENT).equals(HashChain.hash(sha256(b), "c1", EVENT)));
  }

  /**
   * A subject's fields are hashed in key order, so the order they were given in does not matter,
   * for small maps (sorted in place) and large ones alike; a changed value changes the hash.
   */
  @Test
  void aSubjectHashesTheSameInAnyFieldOrder() {
    qt().forAll(fieldNames(), Gens.randoms())
        .checkAssert(RecordedEventProperties::aSubjectHashesTheSameInAnyFieldOrder);
  }

  private static void aSubjectHashesTheSameInAnyFieldOrder(List<String> names, java.util.Random random) {
    java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      given.put(names.get(i), i % 3 == 0 ? (Object) ("v" + i) : i % 3 == 1 ? (Object) (long) i
          : java.util.Map.of("b", i, "a", List.of(i, "x")));
    }
    List<String> shuffled = new java.util.ArrayList<>(given.keySet());
    java.util.Collections.shuffle(shuffled, random);
    java.util.Map<String, Object> reordered = new java.util.LinkedHashMap<>();
    shuffled.forEach(k -> reordered.put(k, given.get(k)));

    Hash hash = HashChain.hash(HashChain.GENESIS, "c1", submitted(given));
    assertEquals(hash, HashChain.hash(HashChain.GENESIS, "c1", submitted(reordered)));
    if (!names.isEmpty()) {
      reordered.put(shuffled.get(0), "changed");
      assertNotEquals(hash, HashChain.hash(HashChain.GENESIS, "c1", submitted(reordered)));
    }
  }

  private static Hash sha256(String text) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < text.length(); i++) {  // each char's two bytes: no encoder replaces a lone surrogate
        digest.update((byte) (text.charAt(i) >>> 8));
        digest.update((byte) text.charAt(i));
      }
      return Hash.fromBytes(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static ReviewEvent submitted(java.util.Map<String, Object> fields) {
    return CaseSubmitted.builder().caseId("l-1").sequence(1).at(Fixtures.T0).actor("chen").workflowId("w")
        .workflowVersion(1).subject(dev.finegrain.core.standard.Artifact.of("listing", fields)).editor("chen").build();
  }

  private static Gen<List<String>> fieldNames() {
    return Gens.uniqueLists(Gens.alpha(1, 6), 0, 24, name -> name);
  }

  private static Gen<String> texts() {
    Gen<Character> tricky = Gens.pick('a', '?', 'z', 'é', '\u07ff', '\u0800', '好', '\ud83d', '\ude00',
        '\udbff', '\udfff', '\uffff', '\u0000', '\u007f', '\u0080');
    return Gens.oneOf(Gens.lists(tricky, 6).map(cs -> {
      StringBuilder text = new StringBuilder();
      cs.forEach(text::append);
      return text.toString();
    }), Gens.anyStrings(0, 200), Gens.ascii(120, 140));
  }

  /**
   * Texts that are not 64 lower-case hex digits: 32 bytes in upper case with a letter among them,
   * hex digits and 'g' of any length up to 70 (near 64 often) that are not 64 hex digits, short
   * strings of any chars. Built that way rather than filtered, as QuickTheories gives up on filters.
   */
  private static Gen<String> otherHashes() {
    Gen<byte[]> hashes = bytes(32);
    Gen<Integer> positions = Gens.ints(0, 63);
    Gen<String> upperCase = in -> {
      char[] hex = HexFormat.of().withUpperCase().formatHex(hashes.generate(in)).toCharArray();
      int at = positions.generate(in);
      if (new String(hex).equals(new String(hex).toLowerCase())) {
        hex[at] = "ABCDEF".charAt(at % 6);
      }
      return new String(hex);
    };
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g");
    Gen<String> nearlyHex = Gens.mostly(2, Gens.strings(digits, 0, 70), Gens.strings(digits, 63, 65));
    Gen<String> notHex = in -> {
      String text = nearlyHex.generate(in);
      int at = positions.generate(in);
      return text.length() == 64 && text.indexOf('g') < 0 ? text.substring(0, at) + "g" + text.substring(at + 1) : text;
    };
    return Gens.oneOf(upperCase, notHex, Gens.anyStrings(0, 12));
  }

  private static Gen<String> commandIds() {
    return Gens.anyStrings(0, 20);
  }
}
