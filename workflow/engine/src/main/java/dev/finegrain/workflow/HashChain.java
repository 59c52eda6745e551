package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;

/**
 * The tamper-evident chain over a case's {@link RecordedEvent recorded events}: each event's hash
 * covers the previous event's hash, so altering, removing, inserting or reordering an event breaks
 * the chain at (or right after) that event.
 *
 * <p>The hash of an event is SHA-256, in lower-case hex, over a compact, stable binary encoding of
 * {@code previousHash}, {@code commandId} and every field of the event (its type, case id,
 * sequence, instant, actor and its own fields; subjects with their fields in sorted key order), so
 * the hash depends only on the content, and an event read back from its JSON hashes the same. The
 * encoding, format {@code fg-chain/3}, is described in {@code ChainEncoding}; it is written into a
 * per-thread buffer and digested in one call. Every new event is hashed in format 3. So that chains
 * recorded before it still verify, {@link #verify(List)} also accepts events hashed in the earlier
 * format {@code fg-chain/2} at the start of a chain, up to its first format-3 event (format 2 wrote
 * a lone surrogate as '?', so in those events the two cannot be told apart). The first event of a
 * case chains from {@link #GENESIS}. Removing the <em>last</em> events of a case leaves a shorter
 * chain that still verifies; detect that by keeping the latest hash ({@link ReviewEngine#headHash})
 * elsewhere and passing it to {@link #verify(List, String)}.
 */
public final class HashChain {
  /** The previous hash of a case's first event: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  /** The hash of {@code event}, caused by command {@code commandId}, after {@code previousHash}. */
  public static String hash(String previousHash, String commandId, ReviewEvent event) {
    checkNotNull(previousHash, "previousHash");
    checkNotNull(commandId, "commandId");
    checkNotNull(event, "event");
    return RecordedEvent.Hashes.hex(ChainEncoding.sha256(RecordedEvent.Hashes.compact(previousHash), commandId, event));
  }

  /** {@link #GENESIS} in its compact form. */
  static final Object GENESIS_RAW = RecordedEvent.Hashes.compact(GENESIS);

  /**
   * Checks one case's recorded events, in stored order: sequence numbers 1, 2, 3, ... of one
   * case, each previous hash the hash of the event before (the first {@link #GENESIS}), and each
   * hash the hash of its own content.
   */
  public static ChainCheck verify(List<RecordedEvent> events) {
    checkNotNull(events, "events");
    Object previous = GENESIS_RAW;
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
      if (!RecordedEvent.Hashes.same(recorded.rawPreviousHash(), previous)) {
        return ChainCheck.broken(events.size(), expected, "event " + expected
            + " does not link to the event before it (an event before it was removed, inserted or replaced)");
      }
      byte[] actual = ChainEncoding.sha256(previous, recorded.commandId(), recorded.event());
      if (RecordedEvent.Hashes.same(recorded.rawHash(), actual)) {
        format3 = true;
      } else if (!format3) {  // recorded before format 3, which never comes back after a format-3 event
        actual = ChainEncoding.sha256Version2(previous, recorded.commandId(), recorded.event());
      }
      if (!RecordedEvent.Hashes.same(recorded.rawHash(), actual)) {
        return ChainCheck.broken(events.size(), expected, "event " + expected
            + " was altered: its content does not match its hash");
      }
      previous = actual;
    }
    return ChainCheck.intact(events.size(), RecordedEvent.Hashes.text(previous));
  }

  /**
   * {@link #verify(List)}, and the last event's hash must be {@code expectedHead} (the head hash
   * kept elsewhere), which also detects removed or added events at the end.
   */
  public static ChainCheck verify(List<RecordedEvent> events, String expectedHead) {
    checkNotNull(expectedHead, "expectedHead");
    ChainCheck check = verify(events);
    if (check.intact() && !check.headHash().equals(expectedHead)) {
      return ChainCheck.broken(events.size(), events.size(), "the chain ends with hash " + abbreviate(check.headHash())
          + ", not the expected " + abbreviate(expectedHead) + " (events were removed or added at the end)");
    }
    return check;
  }

  private static String abbreviate(String hash) {
    return hash.length() <= 12 ? hash : hash.substring(0, 12) + "...";
  }
}
