package dev.finegrain.workflow.store;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A SHA-256 hash in the chain of a case's recorded events: 32 bytes, equal when the bytes are, and
 * written as 64 lower-case hex digits (in JSON too). A store keeps it as text ({@link #hex()},
 * {@link #of(String)}) or as bytes ({@link #toBytes()}, {@link #fromBytes(byte[])}).
 *
 * <pre>{@code
 * Hash head = engine.headHash("listing-42");          // keep it outside the store
 * String text = head.hex();                            // "9f2c...e1"
 * Hash again = Hash.of(text);                          // equal to head
 * }</pre>
 *
 * @since 0.1
 */
public final class Hash {
  /** The 32 zero bytes: the previous hash of a case's first event ({@link HashChain#GENESIS}). */
  public static final Hash ZERO = new Hash(0, 0, 0, 0);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private Hash(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /**
   * The hash written as {@code hex}.
   *
   * @param hex 64 lower-case hex digits
   * @return a hash
   * @throws IllegalArgumentException unless {@code hex} is 64 lower-case hex digits
   */
  @JsonCreator
  public static Hash of(String hex) {
    checkNotNull(hex, "hex");
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a hash is 64 lower-case hex digits, got " + describe(hex));
    }
    long[] words = new long[4];
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("a hash is 64 lower-case hex digits, got " + describe(hex));
      }
      words[i / 16] = words[i / 16] << 4 | digit;
    }
    return new Hash(words[0], words[1], words[2], words[3]);
  }

  /**
   * The hash of these 32 bytes.
   *
   * @param bytes the array holding the hash
   * @return a hash
   * @throws IllegalArgumentException unless {@code bytes} has 32 bytes
   */
  public static Hash fromBytes(byte[] bytes) {
    checkNotNull(bytes, "bytes");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return fromBytes(bytes, 0);
  }

  /**
   * The hash of the 32 bytes of {@code bytes} from {@code offset} on.
   *
   * @param bytes the array holding the hash
   * @param offset where the hash starts in the array
   * @return a hash
   * @throws IndexOutOfBoundsException if fewer than 32 bytes follow {@code offset}
   */
  public static Hash fromBytes(byte[] bytes, int offset) {
    checkNotNull(bytes, "bytes");
    if (offset < 0 || offset > bytes.length - 32) {
      throw new IndexOutOfBoundsException("32 bytes of a hash from offset " + offset + " of " + bytes.length);
    }
    return new Hash(word(bytes, offset), word(bytes, offset + 8), word(bytes, offset + 16), word(bytes, offset + 24));
  }

  private static long word(byte[] bytes, int at) {
    long w = 0;
    for (int b = at; b < at + 8; b++) {
      w = w << 8 | (bytes[b] & 0xff);
    }
    return w;
  }

  /** {@return the 32 bytes, in a new array} */
  public byte[] toBytes() {
    byte[] out = new byte[32];
    writeTo(out, 0);
    return out;
  }

  /**
   * Writes the 32 bytes into {@code out} from {@code offset} on.
   *
   * @param out the array to write to
   * @param offset where the hash starts in the array
   */
  public void writeTo(byte[] out, int offset) {
    checkNotNull(out, "out");
    if (offset < 0 || offset > out.length - 32) {
      throw new IndexOutOfBoundsException("32 bytes of a hash from offset " + offset + " of " + out.length);
    }
    put(out, offset, w0);
    put(out, offset + 8, w1);
    put(out, offset + 16, w2);
    put(out, offset + 24, w3);
  }

  private static void put(byte[] out, int at, long word) {
    for (int i = 7; i >= 0; i--) {
      out[at + i] = (byte) word;
      word >>>= 8;
    }
  }

  /**
   * Whether the 32 bytes of {@code bytes} from {@code offset} on are this hash's.
   *
   * @param bytes the array holding the hash
   * @param offset where the hash starts in the array
   * @return whether the 32 bytes of {@code bytes} from {@code offset} on are this hash's
   */
  public boolean equalsBytes(byte[] bytes, int offset) {
    return offset >= 0 && offset <= bytes.length - 32 && word(bytes, offset) == w0 && word(bytes, offset + 8) == w1
        && word(bytes, offset + 16) == w2 && word(bytes, offset + 24) == w3;
  }

  /** {@return the 64 lower-case hex digits} */
  @JsonValue
  public String hex() {
    char[] out = new char[64];
    hex(out, 0, w0);
    hex(out, 16, w1);
    hex(out, 32, w2);
    hex(out, 48, w3);
    return new String(out);
  }

  private static void hex(char[] out, int at, long word) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (word & 0xf)];
      word >>>= 4;
    }
  }

  /** {@return the first 12 hex digits, for messages} */
  public String abbreviated() {
    return hex().substring(0, 12);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Hash other && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(w0) * 29791 + Long.hashCode(w1) * 961 + Long.hashCode(w2) * 31 + Long.hashCode(w3);
  }

  /** {@link #hex()}. */
  @Override
  public String toString() {
    return hex();
  }

  private static String describe(String text) {
    return text.length() <= 80 ? "\"" + text + "\"" : text.length() + " characters";
  }
}
