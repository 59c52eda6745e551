package dev.finegrain.workflow.internal.codec;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.CanonicalJson;
import dev.finegrain.workflow.store.Hash;
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
 * The bytes the hash chain hashes for one recorded event, and the SHA-256 over them: a compact,
 * stable binary encoding of the previous hash, the command id and every field of the event, written
 * into a per-thread buffer and digested in one call (no JSON is built). The format,
 * {@code fg-chain/3}, is specified byte by byte in {@code docs/formats/fg-chain-3.md}, with the
 * earlier {@code fg-chain/2} that chains recorded before it still verify against; a known-answer
 * test pins both. Each event type's own fields are written by its {@link EventCodec}, in the order
 * the codec writes them; this class decides how each kind of field is laid out.
 */
public final class ChainEncoding implements FieldWriter {
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

  /** The hash of the {@code fg-chain/3} encoding. */
  public static Hash hash(Hash previousHash, String commandId, ReviewEvent event) {
    return Hash.fromBytes(digest(previousHash, commandId, event, false).out, 0);
  }

  /** The hash of the {@code fg-chain/2} encoding: for events hashed before format 3. */
  public static Hash hashVersion2(Hash previousHash, String commandId, ReviewEvent event) {
    return Hash.fromBytes(digest(previousHash, commandId, event, true).out, 0);
  }

  /** The bytes of the {@code fg-chain/3} encoding, which {@link #hash} digests (for tests and documents). */
  public static byte[] bytes(Hash previousHash, String commandId, ReviewEvent event) {
    ChainEncoding e = digest(previousHash, commandId, event, false);
    return java.util.Arrays.copyOf(e.buf, e.len);
  }

  /** The calling thread's encoder, holding the digest of the record ({@link #out}) until its next use. */
  private static ChainEncoding digest(Hash previousHash, String commandId, ReviewEvent event, boolean v2) {
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

  /** The previous hash: its 64 hex digits as a string in format 2; {@code 'H'} and its 32 bytes in format 3. */
  private void putPrevious(Hash previousHash) {
    if (v2) {
      putHex(previousHash);
    } else {
      ensure(33);
      buf[len++] = 'H';
      previousHash.writeTo(buf, len);
      len += 32;
    }
  }

  /** A hash as the string of its 64 lower-case hex digits (format 2). */
  private void putHex(Hash hash) {
    putInt(64);
    ensure(64);
    byte[] bytes = hash.toBytes();
    byte[] to = buf;
    int at = len;
    for (byte b : bytes) {
      int pair = (b & 0xff) << 1;
      to[at] = HEX_PAIRS[pair];
      to[at + 1] = HEX_PAIRS[pair + 1];
      at += 2;
    }
    len = at;
  }

  // --- events ---------------------------------------------------------------------------------

  /** Type (name in format 2, code in format 3), case, sequence, instant, actor, then the codec's fields. */
  private void putEvent(ReviewEvent event) {
    EventCodec<?> codec = EventCodecs.of(event);
    if (v2) {
      putString(codec.name());
    } else {
      putByte(codec.code());
    }
    putString(event.caseId());
    if (v2) {
      putLong(event.sequence());
    } else {
      putVarint(event.sequence());
    }
    putInstant(event.at());
    putString(event.actor());
    codec.writeAny(event, this);
  }

  // --- fields, as a codec writes them ---------------------------------------------------------

  @Override
  public void string(String value) {
    putString(value);
  }

  @Override
  public void optional(Optional<String> value) {
    putOptional(value);
  }

  @Override
  public void int32(int value) {
    putInt(value);
  }

  @Override
  public void instant(Instant value) {
    putInstant(value);
  }

  @Override
  public void enumValue(Enum<?> value) {
    putString(value.name());
  }

  @Override
  public void artifact(Artifact value) {
    putString(value.kind());
    putValue(value.fields());
  }

  @Override
  public void strings(List<String> values) {
    putCount(values.size());
    for (String value : values) {
      putString(value);
    }
  }

  @Override
  public void violations(List<Violation> values) {
    putCount(values.size());
    for (Violation v : values) {
      putString(v.ruleId());
      putString(v.severity().name());
      putString(v.path());
      putString(v.message());
      putOptional(v.value());
    }
  }

  /**
   * Nothing when absent (records written before the field existed hash as they did); {@code 'H'}
   * and the 32 bytes when present. Format 2 never held the field, so an event that has it never
   * matches a format-2 record.
   */
  @Override
  public void trailingHash(Optional<Hash> value) {
    if (value.isPresent()) {
      ensure(33);
      buf[len++] = 'H';
      value.get().writeTo(buf, len);
      len += 32;
    }
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
