package dev.finegrain.workflow.internal.store;

/**
 * The first 16 bytes of a string's UTF-8 encoding, as two words kept beside the string, so that a
 * sorted set compares two case ids without loading them wherever they first differ in those bytes.
 * At a million open cases most of the comparisons of an inbox's upkeep are between case ids that
 * lie far apart in memory; a case id loaded costs two cache misses (the string and its bytes), the
 * two words none beyond the object that holds them.
 *
 * <p>UTF-8 bytes, compared unsigned, are in the order of the code points ({@link
 * WorkEntry#compareCodePoints}); an unpaired surrogate is encoded as the three bytes of its code
 * point, as that order treats it. A string shorter than 16 bytes is padded with zero bytes, so two
 * keys that differ order their strings, and two equal keys say nothing (a zero byte is also
 * U+0000's, and the strings may differ past 16 bytes): {@link #compare} then compares the strings.
 */
final class CodePointKey {
  private CodePointKey() {}

  /** Word {@code word} (0 or 1) of {@code s}'s key: bytes {@code 8 * word} to {@code 8 * word + 7}, big-endian. */
  static long word(String s, int word) {
    int skip = 8 * word;
    long out = 0;
    int bytes = 0;
    for (int i = 0; i < s.length() && bytes < skip + 8; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (int k = 0; k < n && bytes < skip + 8; k++, bytes++) {
        if (bytes >= skip) {
          out = out << 8 | utf8Byte(cp, n, k);
        }
      }
    }
    int taken = Math.max(0, bytes - skip);
    return taken == 0 ? 0 : out << (8 * (8 - taken));
  }

  /** Byte {@code k} of the {@code n}-byte UTF-8 encoding of code point {@code cp}. */
  private static int utf8Byte(int cp, int n, int k) {
    if (n == 1) {
      return cp;
    }
    if (k == 0) {
      int lead = n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0;
      return lead | cp >>> (6 * (n - 1));
    }
    return 0x80 | (cp >>> (6 * (n - 1 - k))) & 0x3F;
  }

  /**
   * {@code a} and {@code b} in code-point order, given their keys: by the keys where they differ,
   * else by the strings.
   */
  static int compare(long a0, long a1, String a, long b0, long b1, String b) {
    if (a0 != b0) {
      return Long.compareUnsigned(a0, b0);
    }
    if (a1 != b1) {
      return Long.compareUnsigned(a1, b1);
    }
    return WorkEntry.compareCodePoints(a, b);
  }
}
