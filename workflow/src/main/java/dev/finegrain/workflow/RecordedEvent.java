package dev.finegrain.workflow;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A {@link ReviewEvent} as the {@link ReviewEngine} stores it: with the id of the command that
 * caused it (for idempotency across restarts) and a link in the case's tamper-evident hash chain.
 * {@link #hash()} is the SHA-256 of {@link #previousHash()}, {@link #commandId()} and the event's
 * fields (see {@link HashChain#hash}); the first event of a case chains from
 * {@link HashChain#GENESIS}.
 *
 * <pre>{@code
 * {"event": {"type": "vote-cast", "caseId": "listing-42", "sequence": 7, "at": "2026-03-02T09:15:00Z",
 *            "actor": "guo", "stageId": "manager", "vote": "APPROVE", "onBehalfOf": "tang"},
 *  "commandId": "c-17",
 *  "previousHash": "9f2c...e1",
 *  "hash": "4b07...9a"}
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRecordedEvent.class)
@JsonDeserialize(as = ImmutableRecordedEvent.class)
@JsonPropertyOrder({"event", "commandId", "previousHash", "hash"})
public abstract class RecordedEvent {
  RecordedEvent() {}

  /** The event. */
  @Value.Parameter
  public abstract ReviewEvent event();

  /** The id of the command whose decision produced the event. */
  @Value.Parameter
  public abstract String commandId();

  /** The hash of the case's previous recorded event, or {@link HashChain#GENESIS} for its first. */
  @Value.Parameter
  public abstract String previousHash();

  /** SHA-256, in lower-case hex, over {@link #previousHash()}, {@link #commandId()} and the event. */
  @Value.Parameter
  public abstract String hash();

  /**
   * Records {@code event}, caused by command {@code commandId}, after a recorded event whose hash
   * is {@code previousHash}.
   */
  public static RecordedEvent chain(ReviewEvent event, String commandId, String previousHash) {
    return ImmutableRecordedEvent.of(event, commandId, previousHash, HashChain.hash(previousHash, commandId, event));
  }

  /** A recorded event with these parts as given, hash included: for stores that read events back. */
  public static RecordedEvent of(ReviewEvent event, String commandId, String previousHash, String hash) {
    return ImmutableRecordedEvent.of(event, commandId, previousHash, hash);
  }

  /** The event's case. */
  public String caseId() {
    return event().caseId();
  }

  /** The event's sequence number. */
  public long sequence() {
    return event().sequence();
  }

  @Override
  public String toString() {
    return "#" + sequence() + " " + event().getClass().getSimpleName().replace("Immutable", "") + " by "
        + event().actor() + " (command " + commandId() + ", hash " + hash().substring(0, Math.min(12, hash().length()))
        + ")";
  }
}
