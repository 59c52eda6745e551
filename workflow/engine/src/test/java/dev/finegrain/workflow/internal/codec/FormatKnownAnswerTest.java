package dev.finegrain.workflow.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.internal.CanonicalJson;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code docs/formats/}: the bytes and hashes each document gives for its
 * example are what the code writes, so the documents and the encoders cannot drift apart.
 */
class FormatKnownAnswerTest {
  private static final Path DOCS = Path.of("../../docs/formats");

  /** The vote of the fg-chain/3 document's example. */
  static ReviewEvent vote() {
    return VoteCast.builder().caseId("l-1").sequence(300).at(Instant.ofEpochSecond(1_772_442_000L, 300))
        .actor("ma").stageId("manager").vote(VoteKind.APPROVE).onBehalfOf("guo").note("ok").build();
  }

  /** The submission of the fg-chain/3 document's example. */
  static ReviewEvent submitted() {
    return CaseSubmitted.builder().caseId("l-1").sequence(1).at(Instant.parse("2026-03-02T09:00:00Z")).actor("lin")
        .workflowId("listing-review").workflowVersion(1)
        .subject(Artifact.builder("listing").put("title", "好茶").put("price", 388).put("organic", true).build())
        .editor("lin").build();
  }

  @Test
  void theChainDocumentsExamplesAreWhatTheEncoderWritesAndHashes() throws IOException {
    String doc = Files.readString(DOCS.resolve("fg-chain-3.md"));
    Hash previous = Hash.of("ab".repeat(32));

    assertEquals(block(doc, "vote bytes"), hex(ChainEncoding.bytes(previous, "c-77", vote())));
    assertEquals(block(doc, "vote hash"), HashChain.hash(previous, "c-77", vote()).hex());
    assertEquals(block(doc, "submission bytes"), hex(ChainEncoding.bytes(HashChain.GENESIS, "c-1", submitted())));
    assertEquals(block(doc, "submission hash"), HashChain.hash(HashChain.GENESIS, "c-1", submitted()).hex());
  }

  /** The workflow of the fg-chain/3 document's definition hash example. */
  static ReviewWorkflow orderReview() {
    return ReviewWorkflow.builder().id("order-review").version(1).subjectKind("order")
        .addPhase(Phase.of(Stage.builder().id("review").name("Review").addReviewerRole("manager").build())).build();
  }

  @Test
  void theDefinitionHashIsWhatTheDocumentSays() throws IOException {
    String doc = Files.readString(DOCS.resolve("fg-chain-3.md"));
    Matcher text = Pattern.compile("<!-- definition text -->\\s*```\\w*\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc);
    assertTrue(text.find(), "no block 'definition text' in the document");

    assertEquals(text.group(1), CanonicalJson.of(orderReview()));
    assertEquals(block(doc, "definition hash"), orderReview().definitionHash().hex());
    assertEquals(block(doc, "definition hash"), DefinitionHash.ofCanonicalText(text.group(1)).hex());
  }

  /** A submission that records its definition hash is the record without it, then {@code H} and the hash. */
  @Test
  void aRecordedDefinitionHashIsTheSubmissionsLastField() {
    Hash definition = orderReview().definitionHash();
    ReviewEvent with = CaseSubmitted.builder().from((CaseSubmitted) submitted()).definitionHash(definition).build();

    assertEquals(hex(ChainEncoding.bytes(HashChain.GENESIS, "c-1", submitted())) + "48" + definition.hex(),
        hex(ChainEncoding.bytes(HashChain.GENESIS, "c-1", with)));
  }

  @Test
  void theCompactRecordDocumentsExampleIsWhatTheStoreWrites() throws IOException {
    String doc = Files.readString(DOCS.resolve("compact-records.md"));
    RecordedEvent first = RecordedEvent.chain(vote(), "c-77", HashChain.GENESIS);
    ReviewEvent second = VoteCast.builder().from((VoteCast) vote()).sequence(301).actor("tang").onBehalfOf(
        java.util.Optional.empty()).note(java.util.Optional.empty()).build();
    RecordedEvent next = RecordedEvent.chain(second, "c-77", first.hash());

    CompactEvents.Batch batch = CompactEvents.stage(List.of(first, next), HashChain.GENESIS);
    try {
      assertEquals(2, batch.size());
      assertEquals(block(doc, "records"), hex(java.util.Arrays.copyOf(batch.bytes(), batch.length())));
      assertEquals(VoteCast.builder().from((VoteCast) vote()).sequence(1).build(),
          CompactEvents.decode(batch.bytes(), batch.starts(), 0, "l-1"));
    } finally {
      batch.release();
    }
  }

  /**
   * The hex in the document's block titled {@code title} (a line "<!-- title -->", then a fenced
   * block): on each line, the hex groups before the first word that is not hex (the annotation).
   */
  private static String block(String doc, String title) {
    Matcher m = Pattern.compile("<!-- " + Pattern.quote(title) + " -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL)
        .matcher(doc);
    assertTrue(m.find(), "no block '" + title + "' in the document");
    StringBuilder hex = new StringBuilder();
    for (String line : m.group(1).split("\\n")) {
      for (String word : line.trim().split("\\s+")) {
        if (!word.matches("[0-9a-f]+")) {
          break;
        }
        hex.append(word);
      }
    }
    return hex.toString();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
