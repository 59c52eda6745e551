package dev.finegrain.workflow;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.internal.CanonicalJson;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p><b>Format {@code fg-chain/3}</b>, written by the engine since 0.1.0 (big-endian): a varint is
 * an unsigned LEB128 number (7 bits per byte, low bits first, high bit set on all but the last
 * byte); a string is the varint of its byte length then its bytes in WTF-8 (UTF-8, except that a
 * lone surrogate, legal in a Java string, is its own 3-byte sequence: unlike UTF-8, which turns it
 * into '?', this keeps every string distinct); an instant is its epoch second (8 bytes) then its
 * nano (varint); an optional is a byte 0, or 1 then the value; a list is its size (varint) then its
 * items. The record is: the 10 bytes {@code "fg-chain/3"}; the previous hash as {@code 'H'} and its
 * 32 bytes when it is 64 lower-case hex digits (as every hash the chain computes is), else
 * {@code 'T'} and the text; the command id; the event type's code (one byte, {@link #typeCode});
 * case id; sequence (varint); instant; actor; then the type's own fields in declaration order
 * (enums by name, ints as 4 bytes). Artifact subjects are their kind then their fields as tagged
 * values: {@code 'S'} string, {@code 'L'} long (8 bytes), {@code 'D'} double bits, {@code 'T'}/{@code
 * 'F'} boolean, {@code '['} list, {@code '{'} map with keys sorted by {@link String#compareTo} (UTF-16
 * code units; so field order does not matter, as in JSON), an instant as {@code 'S'} and its ISO-8601
 * text (as JSON writes it and reads it back), {@code 'J'} the canonical JSON of anything else,
 * {@code 'N'} null. Violations are
 * rule id, severity name, path, message and optional value. In the benchmark's listing review
 * (case {@code listing-1}; longer ids add their length) a vote or stage
 * event is 95 to 107 bytes (two SHA-256 blocks; 167 to 179 in format 2, three blocks), a closing
 * event 122 and a submission with its four-field listing 195.
 *
 * <p><b>Format {@code fg-chain/2}</b>, written before: the same record with the 10 bytes
 * {@code "fg-chain/2"}, strings as a 4-byte length and UTF-8 (lone surrogates as '?'), the previous
 * hash as the string of its 64 hex digits, the event type's JSON name ({@code "vote-cast"}, ...)
 * as a string, sequence as 8 bytes, nano as 4 bytes, list sizes as 4 bytes, and an instant in a
 * subject as {@code 'J'} and its JSON (so a subject holding one did not verify after a JSON round
 * trip, which reads it back as a string). {@link HashChain} still accepts events hashed this way at
 * the start of a chain, so chains recorded before format 3 verify; it hashes such an event twice.
 */
final class ChainEncoding {
  private static final byte[] TAG_2 = "fg-chain/2".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAG_3 = "fg-chain/3".getBytes(StandardCharsets.UTF_8);
  /** The two lower-case hex digits of every byte value {@code b} at {@code 2b} and {@code 2b + 1}. */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[2 * b] = digits[b >> 4];
      HEX_PAIRS[2 * b + 1] = digits[b & 0xf];
    }
  }
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Larger than this, the thread's buffer is dropped after use. */
  private static final int KEEP_BYTES = 1 << 16;
  /** Maps with at most this many keys are sorted in place by insertion (no list, no lookups). */
  private static final int SMALL_MAP = 16;
  private static final ThreadLocal<ChainEncoding> LOCAL = ThreadLocal.withInitial(ChainEncoding::new);

  private final MessageDigest digest;
  private byte[] buf = new byte[512];
  private final byte[] out = new byte[32];
  private int len;
  /** Whether this record is written in format {@code fg-chain/2} (else 3). */
  private boolean v2;

  private ChainEncoding() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * SHA-256 of the {@code fg-chain/3} encoding, as 32 bytes. {@code previousHash} is a hash in its
   * compact form (see {@link RecordedEvent.Hashes}).
   */
  static byte[] sha256(Object previousHash, String commandId, ReviewEvent event) {
    return digest(previousHash, commandId, event).out.clone();
  }

  /** SHA-256 of the {@code fg-chain/2} encoding, as 32 bytes: for events hashed before format 3. */
  static byte[] sha256Version2(Object previousHash, String commandId, ReviewEvent event) {
    return digest(previousHash, commandId, event, true).out.clone();
  }

  /**
   * The calling thread's encoder, holding the SHA-256 of the {@code fg-chain/3} encoding
   * ({@link #word}) until its next use.
   */
  static ChainEncoding digest(Object previousHash, String commandId, ReviewEvent event) {
    return digest(previousHash, commandId, event, false);
  }

  private static ChainEncoding digest(Object previousHash, String commandId, ReviewEvent event, boolean v2) {
    ChainEncoding e = LOCAL.get();
    e.len = 0;
    e.v2 = v2;
    e.putRaw(v2 ? TAG_2 : TAG_3);
    e.putPrevious(previousHash);
    e.putString(commandId);
    e.putEvent(event);
    e.digest.update(e.buf, 0, e.len);
    try {
      e.digest.digest(e.out, 0, 32);  // leaves the digest reset for the next call
    } catch (DigestException impossible) {
      throw new IllegalStateException(impossible);
    }
    if (e.buf.length > KEEP_BYTES) {
      e.buf = new byte[512];  // a thread keeps no large buffer after an unusually large event
    }
    return e;
  }

  /** Word {@code i} (0 to 3, big-endian) of the last digest. */
  long word(int i) {
    return RecordedEvent.Hashes.word(out, i);
  }

  private void putPrevious(Object previousHash) {
    if (!v2 && previousHash instanceof String text) {
      previousHash = RecordedEvent.Hashes.compact(text);  // 64 hex digits given as text hash as their bytes
    }
    boolean canonical = RecordedEvent.Hashes.canonical(previousHash);
    if (v2) {
      if (canonical) {
        putHex(previousHash);
      } else {
        putString((String) previousHash);
      }
    } else if (canonical) {
      ensure(33);
      buf[len++] = 'H';
      for (int w = 0; w < 4; w++) {
        putLong(RecordedEvent.Hashes.word(previousHash, w));
      }
    } else {
      putByte('T');
      putString((String) previousHash);
    }
  }

  /** A canonical hash as the string of its 64 lower-case hex digits (format 2). */
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
    if (v2) {
      putString(typeName(event));
    } else {
      putByte(typeCode(event));
    }
    putString(event.caseId());
    if (v2) {
      putLong(event.sequence());
    } else {
      putVarint(event.sequence());
    }
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
      putCount(e.violations().size());
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
      putCount(e.resetStages().size());
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

  /**
   * The one-byte code of an event type in format 3: 1 vote-cast, 2 stage-opened, 3 stage-approved,
   * 4 case-closed, 5 case-submitted, 6 stage-skipped, 7 stage-rejected, 8 changes-requested, 9
   * gate-failed, 10 resubmitted, 11 commented, 12 delegated, 13 reassigned, 14 escalated. Codes are
   * never reused.
   */
  static int typeCode(ReviewEvent event) {
    int code = typeCodeOrZero(event);
    if (code == 0) {
      throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }
    return code;
  }

  /** {@link #typeCode}, or 0 for a type that is not one of finegrain's events. */
  static int typeCodeOrZero(ReviewEvent event) {
    if (event instanceof VoteCast) {
      return 1;
    } else if (event instanceof StageOpened) {
      return 2;
    } else if (event instanceof StageApproved) {
      return 3;
    } else if (event instanceof CaseClosed) {
      return 4;
    } else if (event instanceof CaseSubmitted) {
      return 5;
    } else if (event instanceof StageSkipped) {
      return 6;
    } else if (event instanceof StageRejected) {
      return 7;
    } else if (event instanceof ChangesRequested) {
      return 8;
    } else if (event instanceof GateFailed) {
      return 9;
    } else if (event instanceof Resubmitted) {
      return 10;
    } else if (event instanceof Commented) {
      return 11;
    } else if (event instanceof Delegated) {
      return 12;
    } else if (event instanceof Reassigned) {
      return 13;
    } else if (event instanceof Escalated) {
      return 14;
    }
    return 0;
  }

  /** The JSON type names of format 2, at their format-3 codes. */
  private static final String[] TYPE_NAMES = {null, "vote-cast", "stage-opened", "stage-approved", "case-closed",
      "case-submitted", "stage-skipped", "stage-rejected", "changes-requested", "gate-failed", "resubmitted",
      "commented", "delegated", "reassigned", "escalated"};

  private static String typeName(ReviewEvent event) {
    return TYPE_NAMES[typeCode(event)];
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
      putCount(list.size());
      for (Object item : list) {
        putValue(item);
      }
    } else if (value instanceof Map<?, ?> map) {
      putByte('{');
      putCount(map.size());
      if (map.size() <= SMALL_MAP && putSmallMap(map)) {
        return;
      }
      List<String> keys = new ArrayList<>(map.size());
      for (Object key : map.keySet()) {
        keys.add(String.valueOf(key));
      }
      keys.sort(null);
      for (String key : keys) {
        putString(key);
        putValue(map.get(key));
      }
    } else if (value instanceof Instant instant && !v2) {
      putByte('S');  // as JSON writes it, and reads it back: a string
      putString(instant.toString());
    } else {
      putByte('J');
      putString(CanonicalJson.of(value));
    }
  }

  /**
   * The entries of a small map whose keys are all strings (as an artifact's are), in key order:
   * sorted by insertion into two small arrays, values taken from the entries. False, with nothing
   * written, if a key is not a string.
   */
  private boolean putSmallMap(Map<?, ?> map) {
    int n = map.size();
    String[] keys = new String[n];
    Object[] values = new Object[n];
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key) || i == n) {
        return false;
      }
      int j = i++;
      while (j > 0 && keys[j - 1].compareTo(key) > 0) {
        keys[j] = keys[j - 1];
        values[j] = values[j - 1];
        j--;
      }
      keys[j] = key;
      values[j] = entry.getValue();
    }
    if (i != n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      putString(keys[k]);
      putValue(values[k]);
    }
    return true;
  }

  // --- primitives -----------------------------------------------------------------------------

  private void ensure(int more) {
    if (more > buf.length - len) {
      if (more > Integer.MAX_VALUE - 16 - len) {
        throw new IllegalArgumentException("event too large to hash: more than " + (Integer.MAX_VALUE - 16) + " bytes");
      }
      buf = java.util.Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * buf.length, len + more)));
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
    INT.set(buf, len, v);
    len += 4;
  }

  private void putLong(long v) {
    ensure(8);
    LONG.set(buf, len, v);
    len += 8;
  }

  /** An unsigned LEB128 varint (format 3). */
  private void putVarint(long v) {
    ensure(10);
    byte[] to = buf;
    int at = len;
    while ((v & ~0x7fL) != 0) {
      to[at++] = (byte) (v & 0x7f | 0x80);
      v >>>= 7;
    }
    to[at++] = (byte) v;
    len = at;
  }

  /** A size: 4 bytes in format 2, a varint in format 3. */
  private void putCount(int n) {
    if (v2) {
      putInt(n);
    } else {
      putVarint(n);
    }
  }

  private void putInstant(Instant at) {
    putLong(at.getEpochSecond());
    if (v2) {
      putInt(at.getNano());
    } else {
      putVarint(at.getNano());
    }
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
    if (v2) {
      putInt(n);  // the UTF-8 length if ASCII; else rewritten below
    } else if (n < 0x80) {
      putByte(n);  // the varint of the WTF-8 length if ASCII; else rewritten below
    } else {
      putNonAscii(s, len);
      return;
    }
    ensure(n);
    byte[] to = buf;
    int start = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        putNonAscii(s, start - (v2 ? 4 : 1));
        return;
      }
      to[start + i] = (byte) c;
    }
    len = start + n;
  }

  /** Writes {@code s} (length and bytes) from {@code at} on, whatever its characters. */
  private void putNonAscii(String s, int at) {
    len = at;
    if (v2) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);  // a lone surrogate becomes '?'
      putInt(utf8.length);
      putRaw(utf8);
      return;
    }
    int n = s.length();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;  // the rest of the basic plane, and a lone surrogate as its own code unit
      }
    }
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("text too large to hash: " + bytes + " bytes");
    }
    putVarint(bytes);
    ensure((int) bytes);
    byte[] to = buf;
    int p = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        to[p++] = (byte) c;
      } else if (c < 0x800) {
        to[p++] = (byte) (0xc0 | c >> 6);
        to[p++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        to[p++] = (byte) (0xf0 | cp >> 18);
        to[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
        to[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
        to[p++] = (byte) (0x80 | cp & 0x3f);
      } else {
        to[p++] = (byte) (0xe0 | c >> 12);
        to[p++] = (byte) (0x80 | c >> 6 & 0x3f);
        to[p++] = (byte) (0x80 | c & 0x3f);
      }
    }
    len = p;
  }
}
