package dev.finegrain.workflow.store;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.codec.ChainEncoding;

/**
 * A {@link ReviewEvent} as a store keeps it: with the id of the command that caused it (for
 * idempotency across restarts) and its link in the case's tamper-evident hash chain.
 * {@link #hash()} is the SHA-256 of {@link #previousHash()}, {@link #commandId()} and the event's
 * fields ({@link HashChain#hash}); the first event of a case chains from {@link HashChain#GENESIS}.
 * Equal when event, command id and both hashes are equal. A recorded event refers to its
 * predecessor's hash only, never to the predecessor itself.
 *
 * <pre>{@code
 * {"event": {"type": "vote-cast", "caseId": "listing-42", "sequence": 7, "at": "2026-03-02T09:15:00Z",
 *            "actor": "guo", "stageId": "manager", "vote": "APPROVE", "onBehalfOf": "tang"},
 *  "commandId": "c-17",
 *  "previousHash": "9f2c...e1",
 *  "hash": "4b07...9a"}
 * }</pre>
 *
 * @since 0.1
 */
@JsonPropertyOrder({"event", "commandId", "previousHash", "hash"})
public final class RecordedEvent {
  private final ReviewEvent event;
  private final String commandId;
  private final Hash previousHash;
  private final Hash hash;

  private RecordedEvent(ReviewEvent event, String commandId, Hash previousHash, Hash hash) {
    this.event = event;
    this.commandId = commandId;
    this.previousHash = previousHash;
    this.hash = hash;
  }

  /**
   * Records {@code event}, caused by command {@code commandId}, after a recorded event whose hash
   * is {@code previousHash} ({@link HashChain#GENESIS} for a case's first event): computes its hash.
   *
   * @param event the event
   * @param commandId the id of the command that caused it
   * @param previousHash the hash of the previous recorded event ({@link HashChain#GENESIS} for the first)
   * @return a recorded event
   */
  public static RecordedEvent chain(ReviewEvent event, String commandId, Hash previousHash) {
    checkNotNull(event, "event");
    checkNotNull(commandId, "commandId");
    checkNotNull(previousHash, "previousHash");
    return new RecordedEvent(event, commandId, previousHash, ChainEncoding.hash(previousHash, commandId, event));
  }

  /**
   * A recorded event with these parts as given, hash included: for stores that read events back
   * ({@link HashChain#verify} tells whether the hashes are right).
   *
   * @param event the event
   * @param commandId the id of the command that caused it
   * @param previousHash the hash of the previous recorded event ({@link HashChain#GENESIS} for the first)
   * @param hash the event's hash as stored
   * @return a recorded event
   */
  @JsonCreator
  public static RecordedEvent of(@JsonProperty("event") ReviewEvent event,
      @JsonProperty("commandId") String commandId, @JsonProperty("previousHash") Hash previousHash,
      @JsonProperty("hash") Hash hash) {
    return new RecordedEvent(checkNotNull(event, "event"), checkNotNull(commandId, "commandId"),
        checkNotNull(previousHash, "previousHash"), checkNotNull(hash, "hash"));
  }

  /** {@return the event} */
  @JsonProperty("event")
  public ReviewEvent event() {
    return event;
  }

  /** {@return the id of the command whose decision produced the event} */
  @JsonProperty("commandId")
  public String commandId() {
    return commandId;
  }

  /** {@return the hash of the case's previous recorded event, or {@link HashChain#GENESIS} for its first} */
  @JsonProperty("previousHash")
  public Hash previousHash() {
    return previousHash;
  }

  /**
   * SHA-256 over {@link #previousHash()}, {@link #commandId()} and the event.
   *
   * @return the event's hash
   */
  @JsonProperty("hash")
  public Hash hash() {
    return hash;
  }

  /** {@return the event's case} */
  public String caseId() {
    return event.caseId();
  }

  /** {@return the event's sequence number} */
  public long sequence() {
    return event.sequence();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof RecordedEvent other && event.equals(other.event)
        && commandId.equals(other.commandId) && previousHash.equals(other.previousHash) && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + event.hashCode();
    h += (h << 5) + commandId.hashCode();
    h += (h << 5) + previousHash.hashCode();
    h += (h << 5) + hash.hashCode();
    return h;
  }

  @Override
  public String toString() {
    return "#" + sequence() + " " + event.getClass().getSimpleName().replace("Immutable", "") + " by "
        + event.actor() + " (command " + commandId + ", hash " + hash.abbreviated() + ")";
  }
}
