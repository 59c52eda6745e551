package dev.finegrain.workflow.store;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.codec.ChainEncoding;
import java.util.List;

/**
 * The tamper-evident chain over a case's {@link RecordedEvent recorded events}: each event's hash
 * covers the previous event's hash, so altering, removing, inserting or reordering an event breaks
 * the chain at (or right after) that event.
 *
 * <p>The hash of an event is SHA-256 over a compact, stable binary encoding of the previous hash,
 * the command id and every field of the event (its type, case id, sequence, instant, actor and its
 * own fields; subjects with their fields in sorted key order), so it depends only on the content,
 * and an event read back from its JSON hashes the same. The encoding, format {@code fg-chain/3},
 * is specified byte by byte in {@code docs/formats/fg-chain-3.md}. Chains recorded before it, in
 * format {@code fg-chain/2}, still verify: {@link #verify(List)} accepts events hashed in format 2 at
 * the start of a chain, up to its first format-3 event. The first event of a case chains from
 * {@link #GENESIS}.
 *
 * <p>Removing the <em>last</em> events of a case, or altering one and recomputing every hash after
 * it, leaves a chain that still verifies on its own: keep the latest hash
 * ({@code ReviewEngine.headHash}) outside the store and pass it to {@link #verify(List, Hash)}.
 *
 * @since 0.1
 */
public final class HashChain {
  /** The previous hash of a case's first event: 32 zero bytes. */
  public static final Hash GENESIS = Hash.ZERO;

  private HashChain() {}

  /**
   * The hash of {@code event}, caused by command {@code commandId}, after {@code previousHash}.
   *
   * @param previousHash the hash of the previous recorded event ({@link HashChain#GENESIS} for the first)
   * @param commandId the id of the command that caused it
   * @param event the event
   * @return the hash of {@code event}, caused by command {@code commandId}, after {@code previousHash}
   */
  public static Hash hash(Hash previousHash, String commandId, ReviewEvent event) {
    checkNotNull(previousHash, "previousHash");
    checkNotNull(commandId, "commandId");
    checkNotNull(event, "event");
    return ChainEncoding.hash(previousHash, commandId, event);
  }

  /**
   * Checks one case's recorded events, in stored order: sequence numbers 1, 2, 3, ... of one
   * case, each previous hash the hash of the event before (the first {@link #GENESIS}), and each
   * hash the hash of its own content.
   *
   * @param events the events, in sequence order
   * @return the result: intact, or where the chain breaks
   */
  public static ChainCheck verify(List<RecordedEvent> events) {
    checkNotNull(events, "events");
    Hash previous = GENESIS;
    boolean format3 = false;
    String caseId = events.isEmpty() ? "" : events.get(0).caseId();
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent recorded = events.get(i);
      long expected = i + 1;
      if (!recorded.caseId().equals(caseId)) {
        return ChainCheck.broken(events.size(), expected, "event at position " + expected + " belongs to case "
            + recorded.caseId() + ", not " + caseId);
      }
      if (recorded.sequence() != expected) {
        return ChainCheck.broken(events.size(), expected, "expected event " + expected + " at position " + expected
            + " but found event " + recorded.sequence() + " (an event was removed, inserted or moved)");
      }
      if (!recorded.previousHash().equals(previous)) {
        return ChainCheck.broken(events.size(), expected, "event " + expected
            + " does not link to the event before it (an event before it was removed, inserted or replaced)");
      }
      Hash actual = ChainEncoding.hash(previous, recorded.commandId(), recorded.event());
      if (actual.equals(recorded.hash())) {
        format3 = true;
      } else if (!format3) {  // recorded before format 3, which never comes back after a format-3 event
        actual = ChainEncoding.hashVersion2(previous, recorded.commandId(), recorded.event());
      }
      if (!actual.equals(recorded.hash())) {
        return ChainCheck.broken(events.size(), expected, "event " + expected
            + " was altered: its content does not match its hash");
      }
      previous = actual;
    }
    return ChainCheck.intact(events.size(), previous);
  }

  /**
   * {@link #verify(List)}, and the last event's hash must be {@code expectedHead} (the head hash
   * kept outside the store), which also detects events removed or added at the end, and a chain
   * altered and recomputed after the change.
   *
   * @param events the events, in sequence order
   * @param expectedHead the head hash kept outside the store
   * @return the result: intact, or where the chain breaks
   */
  public static ChainCheck verify(List<RecordedEvent> events, Hash expectedHead) {
    checkNotNull(expectedHead, "expectedHead");
    ChainCheck check = verify(events);
    if (check.intact() && !check.headHash().orElseThrow().equals(expectedHead)) {
      return ChainCheck.broken(events.size(), events.size(), "the chain ends with hash "
          + check.headHash().orElseThrow().abbreviated() + "..., not the expected " + expectedHead.abbreviated()
          + "... (events were removed or added at the end, or rewritten)");
    }
    return check;
  }
}
