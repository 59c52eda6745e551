package dev.finegrain.workflow;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes {@link HashChain} hashes for one recorded event, and the SHA-256 over them: a compact,
 * stable binary encoding of the previous hash, the command id and every field of the event, written
 * into a per-thread buffer and digested in one call (no JSON is built).
 *
 * <p>Format (big-endian): a string is its UTF-8 length as an int then its UTF-8 bytes; an instant
 * is its epoch second (long) then its nano (int); an optional is a byte 0, or 1 then the value; a
 * list is its size (int) then its items. The record is: the format tag {@code "fg-chain/2"}, the
 * previous hash, the command id, the event's JSON type name ({@code "vote-cast"}, ...), case id,
 * sequence (long), instant, actor, then the type's own fields in declaration order (enums by name,
 * ints as ints). Artifact subjects are their kind then their fields as tagged values: {@code 'S'}
 * string, {@code 'L'} long, {@code 'D'} double bits, {@code 'T'}/{@code 'F'} boolean, {@code '['}
 * list, {@code '{'} map with keys sorted (so field order does not matter, as in JSON), {@code 'J'}
 * the canonical JSON of anything else. Violations are rule id, severity name, path, message and
 * optional value.
 *
 * <p>The strings of one command repeat from event to event (command id, case id, actor, type
 * names, stage ids), so the encoder keeps the encoding of the last short string seen in each of
 * {@value #SLOTS} slots (by hash code) and copies it when the same string instance comes again.
 * That keeps up to {@value #SLOTS} short strings per thread reachable until they are displaced.
 */
final class ChainEncoding {
  /** Slots of the recent-string cache (a power of two). */
  private static final int SLOTS = 32;
  /** Strings longer than this are encoded every time. */
  private static final int MAX_CACHED_CHARS = 48;
  private static final byte[] TAG = "fg-chain/2".getBytes(StandardCharsets.UTF_8);
  /** The two lower-case hex digits of every byte value {@code b} at {@code 2b} and {@code 2b + 1}. */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[2 * b] = digits[b >> 4];
      HEX_PAIRS[2 * b + 1] = digits[b & 0xf];
    }
  }
  private static final ThreadLocal<ChainEncoding> LOCAL = ThreadLocal.withInitial(ChainEncoding::new);

  private final MessageDigest digest;
  private byte[] buf = new byte[512];
  private final byte[] out = new byte[32];
  private int len;
  /** The string last encoded in each slot, compared by identity; its encoding (length prefix included) and size. */
  private final String[] recent = new String[SLOTS];
  private final byte[][] recentBytes = new byte[SLOTS][];
  private final int[] recentLength = new int[SLOTS];

  private ChainEncoding() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * SHA-256 of the encoding, as 32 bytes. {@code previousHash} is a hash in its compact form (see
   * {@link RecordedEvent.Hashes}); a canonical one is written as its 64 lower-case hex digits,
   * exactly as the text it stands for.
   */
  static byte[] sha256(Object previousHash, String commandId, ReviewEvent event) {
    return digest(previousHash, commandId, event).out.clone();
  }

  /**
   * The calling thread's encoder, holding the SHA-256 of the encoding ({@link #word}) until its
   * next use.
   */
  static ChainEncoding digest(Object previousHash, String commandId, ReviewEvent event) {
    ChainEncoding e = LOCAL.get();
    e.len = 0;
    e.putRaw(TAG);
    if (RecordedEvent.Hashes.canonical(previousHash)) {
      e.putHex(previousHash);
    } else {
      e.putString((String) previousHash);
    }
    e.putString(commandId);
    e.putEvent(event);
    e.digest.update(e.buf, 0, e.len);
    try {
      e.digest.digest(e.out, 0, 32);  // leaves the digest reset for the next call
    } catch (DigestException impossible) {
      throw new IllegalStateException(impossible);
    }
    return e;
  }

  /** Word {@code i} (0 to 3, big-endian) of the last digest. */
  long word(int i) {
    return RecordedEvent.Hashes.word(out, i);
  }

  /** {@code bytes} as a string of their lower-case hex digits (same bytes as {@code putString(hex)}). */
  private void putHex(Object canonicalHash) {
    putInt(64);
    ensure(64);
    byte[] to = buf;
    int at = len;
    for (int w = 0; w < 4; w++) {
      long word = RecordedEvent.Hashes.word(canonicalHash, w);
      for (int shift = 56; shift >= 0; shift -= 8) {
        int pair = (int) (word >>> shift & 0xff) << 1;
        to[at] = HEX_PAIRS[pair];
        to[at + 1] = HEX_PAIRS[pair + 1];
        at += 2;
      }
    }
    len = at;
  }

  // --- events ---------------------------------------------------------------------------------

  private void putEvent(ReviewEvent event) {
    putString(typeName(event));
    putString(event.caseId());
    putLong(event.sequence());
    putInstant(event.at());
    putString(event.actor());
    if (event instanceof VoteCast e) {
      putString(e.stageId());
      putString(e.vote().name());
      putOptional(e.onBehalfOf());
      putOptional(e.note());
    } else if (event instanceof StageOpened e) {
      putString(e.stageId());
      putInt(e.phase());
    } else if (event instanceof StageApproved e) {
      putString(e.stageId());
    } else if (event instanceof CaseClosed e) {
      putString(e.outcome().name());
      putString(e.reason());
    } else if (event instanceof CaseSubmitted e) {
      putString(e.workflowId());
      putInt(e.workflowVersion());
      putArtifact(e.subject());
      putString(e.editor());
    } else if (event instanceof StageSkipped e) {
      putString(e.stageId());
      putInt(e.phase());
      putString(e.reason());
    } else if (event instanceof StageRejected e) {
      putString(e.stageId());
    } else if (event instanceof ChangesRequested e) {
      putString(e.stageId());
      putString(e.reason());
    } else if (event instanceof GateFailed e) {
      putString(e.stageId());
      putString(e.standardId());
      putInt(e.violations().size());
      for (Violation v : e.violations()) {
        putString(v.ruleId());
        putString(v.severity().name());
        putString(v.path());
        putString(v.message());
        putOptional(v.value());
      }
    } else if (event instanceof Resubmitted e) {
      putInt(e.revision());
      putArtifact(e.subject());
      putString(e.editor());
      putInt(e.resetStages().size());
      for (String stage : e.resetStages()) {
        putString(stage);
      }
    } else if (event instanceof Commented e) {
      putString(e.text());
    } else if (event instanceof Delegated e) {
      putString(e.from());
      putString(e.to());
      putInstant(e.validFrom());
      putInstant(e.validUntil());
    } else if (event instanceof Reassigned e) {
      putString(e.stageId());
      putString(e.from());
      putString(e.to());
    } else if (event instanceof Escalated e) {
      putString(e.stageId());
      putString(e.role());
    } else {
      throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }
  }

  private static String typeName(ReviewEvent event) {
    if (event instanceof VoteCast) {
      return "vote-cast";
    } else if (event instanceof StageOpened) {
      return "stage-opened";
    } else if (event instanceof StageApproved) {
      return "stage-approved";
    } else if (event instanceof CaseClosed) {
      return "case-closed";
    } else if (event instanceof CaseSubmitted) {
      return "case-submitted";
    } else if (event instanceof StageSkipped) {
      return "stage-skipped";
    } else if (event instanceof StageRejected) {
      return "stage-rejected";
    } else if (event instanceof ChangesRequested) {
      return "changes-requested";
    } else if (event instanceof GateFailed) {
      return "gate-failed";
    } else if (event instanceof Resubmitted) {
      return "resubmitted";
    } else if (event instanceof Commented) {
      return "commented";
    } else if (event instanceof Delegated) {
      return "delegated";
    } else if (event instanceof Reassigned) {
      return "reassigned";
    } else if (event instanceof Escalated) {
      return "escalated";
    }
    throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
  }

  private void putArtifact(Artifact artifact) {
    putString(artifact.kind());
    putValue(artifact.fields());
  }

  private void putValue(Object value) {
    if (value == null) {
      putByte('N');
    } else if (value instanceof String s) {
      putByte('S');
      putString(s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      putByte('L');
      putLong(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      putByte('D');
      putLong(Double.doubleToLongBits(((Number) value).doubleValue()));
    } else if (value instanceof Boolean b) {
      putByte(b ? 'T' : 'F');
    } else if (value instanceof Collection<?> list) {
      putByte('[');
      putInt(list.size());
      for (Object item : list) {
        putValue(item);
      }
    } else if (value instanceof Map<?, ?> map) {
      putByte('{');
      putInt(map.size());
      List<String> keys = new ArrayList<>(map.size());
      for (Object key : map.keySet()) {
        keys.add(String.valueOf(key));
      }
      keys.sort(null);
      for (String key : keys) {
        putString(key);
        putValue(map.get(key));
      }
    } else {
      putByte('J');
      putString(CanonicalJson.of(value));
    }
  }

  // --- primitives -----------------------------------------------------------------------------

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private void putRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void putByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  private void putInt(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private void putInstant(Instant at) {
    putLong(at.getEpochSecond());
    putInt(at.getNano());
  }

  private void putOptional(Optional<String> value) {
    if (value.isPresent()) {
      putByte(1);
      putString(value.get());
    } else {
      putByte(0);
    }
  }

  private void putString(String s) {
    int n = s.length();
    if (n > MAX_CACHED_CHARS) {
      encodeString(s);
      return;
    }
    int h = s.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    if (recent[slot] == s) {
      int size = recentLength[slot];
      ensure(size);
      System.arraycopy(recentBytes[slot], 0, buf, len, size);
      len += size;
      return;
    }
    int start = len;
    encodeString(s);
    int size = len - start;
    byte[] bytes = recentBytes[slot];
    if (bytes == null) {
      bytes = new byte[4 + 3 * MAX_CACHED_CHARS];  // the longest UTF-8 encoding of a cached string
      recentBytes[slot] = bytes;
    }
    System.arraycopy(buf, start, bytes, 0, size);
    recentLength[slot] = size;
    recent[slot] = s;
  }

  private void encodeString(String s) {
    int n = s.length();
    putInt(n);
    ensure(n);
    byte[] out = buf;
    int start = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {  // not ASCII: its UTF-8 length differs; write it again as UTF-8
        len = start - 4;
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        putRaw(utf8);
        return;
      }
      out[start + i] = (byte) c;
    }
    len = start + n;
  }
}
