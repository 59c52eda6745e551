package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.finegrain.workflow.event.ReviewEvent;

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
  // A hash is kept as four longs when it is 64 lower-case hex digits (every hash the chain computes),
  // else as the text given (a store may hand back anything). The previous hash is kept in a compact
  // form (see Hashes): usually the previous recorded event itself, standing for its hash. Hex is
  // rendered only when asked for.
  private final ReviewEvent event;
  private final String commandId;
  private final Object previousHash;
  /** The hash as given when it is not canonical; else null and the hash is {@code h0..h3}. */
  private final String text;
  private final long h0;
  private final long h1;
  private final long h2;
  private final long h3;

  private RecordedEvent(ReviewEvent event, String commandId, Object previousHash, String text, long h0, long h1,
      long h2, long h3) {
    this.event = checkNotNull(event, "event");
    this.commandId = checkNotNull(commandId, "commandId");
    this.previousHash = previousHash;
    this.text = text;
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
  }

  /**
   * Records {@code event}, caused by command {@code commandId}, after a recorded event whose hash
   * is {@code previousHash}.
   */
  public static RecordedEvent chain(ReviewEvent event, String commandId, String previousHash) {
    return chained(event, commandId, Hashes.compact(checkNotNull(previousHash, "previousHash")));
  }

  /** {@link #chain}, after a hash in its compact form (usually {@link #rawHash()} of the previous event). */
  static RecordedEvent chained(ReviewEvent event, String commandId, Object previousHash) {
    checkNotNull(event, "event");
    checkNotNull(commandId, "commandId");
    ChainEncoding digest = ChainEncoding.digest(previousHash, commandId, event);
    return new RecordedEvent(event, commandId, previousHash, null, digest.word(0), digest.word(1), digest.word(2),
        digest.word(3));
  }

  /** A recorded event read back from a store's compact form: hashes canonical, as computed when it was chained. */
  static RecordedEvent stored(ReviewEvent event, String commandId, Object previousHash, long h0, long h1, long h2,
      long h3) {
    return new RecordedEvent(event, commandId, previousHash, null, h0, h1, h2, h3);
  }

  /** A recorded event with these parts as given, hash included: for stores that read events back. */
  @JsonCreator
  public static RecordedEvent of(@JsonProperty("event") ReviewEvent event,
      @JsonProperty("commandId") String commandId, @JsonProperty("previousHash") String previousHash,
      @JsonProperty("hash") String hash) {
    Object previous = Hashes.compact(checkNotNull(previousHash, "previousHash"));
    Object own = Hashes.compact(checkNotNull(hash, "hash"));
    if (own instanceof byte[] bytes) {
      return new RecordedEvent(event, commandId, previous, null, Hashes.word(bytes, 0), Hashes.word(bytes, 1),
          Hashes.word(bytes, 2), Hashes.word(bytes, 3));
    }
    return new RecordedEvent(event, commandId, previous, hash, 0, 0, 0, 0);
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
    return text != null ? text : Hashes.hex(h0, h1, h2, h3);
  }

  /**
   * {@link #hash()} in its compact form: this event itself (standing for its hash) when the hash is
   * canonical, else the text as given.
   */
  Object rawHash() {
    return text != null ? text : this;
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
        && Hashes.same(previousHash, other.previousHash) && Hashes.same(rawHash(), other.rawHash());
  }

  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + event.hashCode();
    h += (h << 5) + commandId.hashCode();
    h += (h << 5) + Hashes.hashCode(previousHash);
    h += (h << 5) + Hashes.hashCode(rawHash());
    return h;
  }

  @Override
  public String toString() {
    String hash = hash();
    return "#" + sequence() + " " + event.getClass().getSimpleName().replace("Immutable", "") + " by "
        + event.actor() + " (command " + commandId + ", hash " + hash.substring(0, Math.min(12, hash.length()))
        + ")";
  }

  /**
   * Hashes in their compact forms: a {@link RecordedEvent} with a canonical hash stands for that
   * hash; {@code byte[32]} for other canonical (64 lower-case hex digit) texts; any other text as
   * its {@code String}. Two compact hashes with the same text compare the same in every form.
   */
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

    /** Whether {@code hash} is canonical: words, not text. */
    static boolean canonical(Object hash) {
      return !(hash instanceof String);
    }

    /** Word {@code i} (0 to 3, big-endian) of a canonical compact hash. */
    static long word(Object hash, int i) {
      if (hash instanceof RecordedEvent r) {
        return i == 0 ? r.h0 : i == 1 ? r.h1 : i == 2 ? r.h2 : r.h3;
      }
      return word((byte[]) hash, i);
    }

    static long word(byte[] bytes, int i) {
      long w = 0;
      for (int b = 8 * i; b < 8 * i + 8; b++) {
        w = w << 8 | (bytes[b] & 0xff);
      }
      return w;
    }

    /** The text of a compact hash. */
    static String text(Object hash) {
      if (hash instanceof RecordedEvent r) {
        return r.hash();
      }
      return hash instanceof byte[] bytes ? hex(bytes) : (String) hash;
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
      return hex(word(bytes, 0), word(bytes, 1), word(bytes, 2), word(bytes, 3));
    }

    static String hex(long w0, long w1, long w2, long w3) {
      char[] out = new char[64];
      put(out, 0, w0);
      put(out, 16, w1);
      put(out, 32, w2);
      put(out, 48, w3);
      return new String(out);
    }

    private static void put(char[] out, int at, long word) {
      for (int i = 15; i >= 0; i--) {
        out[at + i] = HEX[(int) (word & 0xf)];
        word >>>= 4;
      }
    }

    /** Whether two compact hashes have the same text. */
    static boolean same(Object a, Object b) {
      if (a == b) {
        return true;
      }
      if (!canonical(a) || !canonical(b)) {
        return a.equals(b);
      }
      return word(a, 0) == word(b, 0) && word(a, 1) == word(b, 1) && word(a, 2) == word(b, 2)
          && word(a, 3) == word(b, 3);
    }

    static int hashCode(Object hash) {
      if (!canonical(hash)) {
        return hash.hashCode();
      }
      return Long.hashCode(word(hash, 0)) * 29791 + Long.hashCode(word(hash, 1)) * 961
          + Long.hashCode(word(hash, 2)) * 31 + Long.hashCode(word(hash, 3));
    }
  }
}
