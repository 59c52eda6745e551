package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/**
 * A {@link ReviewEvent} as the {@link ReviewEngine} stores it: with the id of the command that
 * caused it (for idempotency across restarts) and a link in the case's tamper-evident hash chain.
 * {@link #hash()} is the SHA-256 of {@link #previousHash()}, {@link #commandId()} and the event's
 * fields (see {@link HashChain#hash}); the first event of a case chains from
 * {@link HashChain#GENESIS}. Equal when event, command id and both hashes are equal.
 *
 * <pre>{@code
 * {"event": {"type": "vote-cast", "caseId": "listing-42", "sequence": 7, "at": "2026-03-02T09:15:00Z",
 *            "actor": "guo", "stageId": "manager", "vote": "APPROVE", "onBehalfOf": "tang"},
 *  "commandId": "c-17",
 *  "previousHash": "9f2c...e1",
 *  "hash": "4b07...9a"}
 * }</pre>
 */
@JsonPropertyOrder({"event", "commandId", "previousHash", "hash"})
public final class RecordedEvent {
  // A hash is kept as its 32 bytes when it is 64 lower-case hex digits (every hash the chain
  // computes), else as the text given (a store may hand back anything); the previous hash shares the
  // previous event's bytes. Hex is rendered only when asked for.
  private final ReviewEvent event;
  private final String commandId;
  private final Object previousHash;
  private final Object hash;

  private RecordedEvent(ReviewEvent event, String commandId, Object previousHash, Object hash) {
    this.event = checkNotNull(event, "event");
    this.commandId = checkNotNull(commandId, "commandId");
    this.previousHash = previousHash;
    this.hash = hash;
  }

  /**
   * Records {@code event}, caused by command {@code commandId}, after a recorded event whose hash
   * is {@code previousHash}.
   */
  public static RecordedEvent chain(ReviewEvent event, String commandId, String previousHash) {
    return chained(event, commandId, Hashes.compact(checkNotNull(previousHash, "previousHash")));
  }

  /** {@link #chain}, after a hash in its compact form ({@link #rawHash()} of the previous event). */
  static RecordedEvent chained(ReviewEvent event, String commandId, Object previousHash) {
    checkNotNull(event, "event");
    checkNotNull(commandId, "commandId");
    return new RecordedEvent(event, commandId, previousHash, ChainEncoding.sha256(previousHash, commandId, event));
  }

  /** A recorded event with these parts as given, hash included: for stores that read events back. */
  @JsonCreator
  public static RecordedEvent of(@JsonProperty("event") ReviewEvent event,
      @JsonProperty("commandId") String commandId, @JsonProperty("previousHash") String previousHash,
      @JsonProperty("hash") String hash) {
    return new RecordedEvent(event, commandId, Hashes.compact(checkNotNull(previousHash, "previousHash")),
        Hashes.compact(checkNotNull(hash, "hash")));
  }

  /** The event. */
  @JsonProperty("event")
  public ReviewEvent event() {
    return event;
  }

  /** The id of the command whose decision produced the event. */
  @JsonProperty("commandId")
  public String commandId() {
    return commandId;
  }

  /** The hash of the case's previous recorded event, or {@link HashChain#GENESIS} for its first. */
  @JsonProperty("previousHash")
  public String previousHash() {
    return Hashes.text(previousHash);
  }

  /** SHA-256, in lower-case hex, over {@link #previousHash()}, {@link #commandId()} and the event. */
  @JsonProperty("hash")
  public String hash() {
    return Hashes.text(hash);
  }

  /** {@link #hash()} in its compact form: 32 bytes (never to be written to), or the text as given. */
  Object rawHash() {
    return hash;
  }

  /** {@link #previousHash()} in its compact form. */
  Object rawPreviousHash() {
    return previousHash;
  }

  /** The event's case. */
  public String caseId() {
    return event.caseId();
  }

  /** The event's sequence number. */
  public long sequence() {
    return event.sequence();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof RecordedEvent other && event.equals(other.event) && commandId.equals(other.commandId)
        && Hashes.same(previousHash, other.previousHash) && Hashes.same(hash, other.hash);
  }

  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + event.hashCode();
    h += (h << 5) + commandId.hashCode();
    h += (h << 5) + Hashes.hashCode(previousHash);
    h += (h << 5) + Hashes.hashCode(hash);
    return h;
  }

  @Override
  public String toString() {
    String text = hash();
    return "#" + sequence() + " " + event.getClass().getSimpleName().replace("Immutable", "") + " by "
        + event.actor() + " (command " + commandId + ", hash " + text.substring(0, Math.min(12, text.length()))
        + ")";
  }

  /** Hashes in their compact form: {@code byte[32]} for canonical lower-case hex, else the {@code String}. */
  static final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {}

    /** 32 bytes if {@code text} is 64 lower-case hex digits, else {@code text} itself. */
    static Object compact(String text) {
      if (text.length() != 64) {
        return text;
      }
      byte[] bytes = new byte[32];
      for (int i = 0; i < 32; i++) {
        int hi = digit(text.charAt(2 * i));
        int lo = digit(text.charAt(2 * i + 1));
        if (hi < 0 || lo < 0) {
          return text;
        }
        bytes[i] = (byte) (hi << 4 | lo);
      }
      return bytes;
    }

    private static int digit(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** The text of a compact hash. */
    static String text(Object hash) {
      return hash instanceof byte[] bytes ? hex(bytes) : (String) hash;
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
      char[] out = new char[bytes.length * 2];
      for (int i = 0; i < bytes.length; i++) {
        out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[bytes[i] & 0xf];
      }
      return new String(out);
    }

    /** Whether two compact hashes have the same text. */
    static boolean same(Object a, Object b) {
      if (a instanceof byte[] x) {
        return b instanceof byte[] y && Arrays.equals(x, y);
      }
      return a.equals(b);
    }

    static int hashCode(Object hash) {
      return hash instanceof byte[] bytes ? Arrays.hashCode(bytes) : hash.hashCode();
    }
  }
}
