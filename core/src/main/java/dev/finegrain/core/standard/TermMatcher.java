package dev.finegrain.core.standard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds terms in a text in time linear in the text: an Aho–Corasick automaton over the terms'
 * normalised chars, run once over the normalised text. Normalising (see {@link #normalize}) keeps,
 * for every normalised char, the original code point it came from, so positions refer to the text
 * as written. Of overlapping matches the leftmost wins, and of those starting at the same place the
 * longest; the scan then continues after it.
 */
final class TermMatcher {
  /** Receives the matches, left to right; returns false to stop early. */
  interface Sink {
    boolean accept(int term, int codePointStart, int charStart, int charEnd);
  }

  private final int[][] next;      // per node: sorted chars of its edges, then the target nodes
  private final int[] fail;
  private final int[] output;      // per node: the longest term ending here, or -1
  private final int[] dictionary;  // per node: the nearest node on the fail chain with an output, or -1
  private final int[] termLength;  // normalised length of each term

  TermMatcher(List<String> normalizedTerms) {
    List<Map<Character, Integer>> edges = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    edges.add(new HashMap<>());
    out.add(-1);
    termLength = new int[normalizedTerms.size()];
    for (int t = 0; t < normalizedTerms.size(); t++) {
      String term = normalizedTerms.get(t);
      termLength[t] = term.length();
      int node = 0;
      for (int i = 0; i < term.length(); i++) {
        Integer target = edges.get(node).get(term.charAt(i));
        if (target == null) {
          target = edges.size();
          edges.get(node).put(term.charAt(i), target);
          edges.add(new HashMap<>());
          out.add(-1);
        }
        node = target;
      }
      if (out.get(node) < 0) {
        out.set(node, t);
      }
    }
    int n = edges.size();
    next = new int[n][];
    output = new int[n];
    for (int i = 0; i < n; i++) {
      output[i] = out.get(i);
      Map<Character, Integer> e = edges.get(i);
      char[] keys = new char[e.size()];
      int k = 0;
      for (Character c : e.keySet()) {
        keys[k++] = c;
      }
      java.util.Arrays.sort(keys);
      int[] row = new int[keys.length * 2];
      for (int j = 0; j < keys.length; j++) {
        row[j] = keys[j];
        row[keys.length + j] = e.get(keys[j]);
      }
      next[i] = row;
    }
    fail = new int[n];
    dictionary = new int[n];
    dictionary[0] = -1;
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    queue[tail++] = 0;
    while (head < tail) {
      int node = queue[head++];
      int[] row = next[node];
      int width = row.length / 2;
      for (int j = 0; j < width; j++) {
        char c = (char) row[j];
        int child = row[width + j];
        int f = node == 0 ? 0 : step(fail[node], c);
        fail[child] = f == child ? 0 : f;
        dictionary[child] = output[fail[child]] >= 0 ? fail[child] : dictionary[fail[child]];
        queue[tail++] = child;
      }
    }
  }

  private int edge(int node, char c) {
    int[] row = next[node];
    int width = row.length / 2;
    int i = java.util.Arrays.binarySearch(row, 0, width, c);
    return i >= 0 ? row[width + i] : -1;
  }

  private int step(int node, char c) {
    int at = node;
    while (true) {
      int target = edge(at, c);
      if (target >= 0) {
        return target;
      }
      if (at == 0) {
        return 0;
      }
      at = fail[at];
    }
  }

  /** Reports the leftmost-longest, non-overlapping matches in {@code text}, left to right. */
  void scan(String text, Sink sink) {
    Normalized norm = normalize(text, true);
    int n = norm.length;
    // longest[s]: the longest term (its index) starting at normalised char s; found at the match's end
    int[] longest = new int[n];
    java.util.Arrays.fill(longest, -1);
    int node = 0;
    for (int i = 0; i < n; i++) {
      node = step(node, norm.chars[i]);
      for (int at = output[node] >= 0 ? node : dictionary[node]; at > 0; at = dictionary[at]) {
        int term = output[at];
        int start = i - termLength[term] + 1;
        if (longest[start] < 0 || termLength[term] > termLength[longest[start]]) {
          longest[start] = term;
        }
      }
    }
    int s = 0;
    while (s < n) {
      int term = longest[s];
      if (term < 0) {
        s++;
        continue;
      }
      int end = s + termLength[term] - 1;
      if (!sink.accept(term, norm.codePoint[s], norm.charStart[s], norm.charEnd[end])) {
        return;
      }
      s = end + 1;
    }
  }

  /** A text as matched, each char with the code point index and char range of the text it came from. */
  static final class Normalized {
    final char[] chars;
    final int[] codePoint;
    final int[] charStart;
    final int[] charEnd;
    final int length;

    Normalized(char[] chars, int[] codePoint, int[] charStart, int[] charEnd, int length) {
      this.chars = chars;
      this.codePoint = codePoint;
      this.charStart = charStart;
      this.charEnd = charEnd;
      this.length = length;
    }

    String text() {
      return new String(chars, 0, length);
    }
  }

  /**
   * {@code text} normalised for matching: each character with its combining marks in NFKC, case
   * folded (upper then lower case, so {@code ß} matches {@code ss}), and format characters
   * (Unicode category Cf: zero-width space and joiners, soft hyphen, direction marks) left out.
   */
  static Normalized normalize(String text, boolean keepPositions) {
    int capacity = text.length() + 16;
    char[] chars = new char[capacity];
    int[] codePoint = keepPositions ? new int[capacity] : null;
    int[] charStart = keepPositions ? new int[capacity] : null;
    int[] charEnd = keepPositions ? new int[capacity] : null;
    int length = 0;
    int i = 0;
    int cpIndex = 0;
    while (i < text.length()) {
      int start = i;
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int cpAt = cpIndex++;
      while (i < text.length() && isMark(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
        cpIndex++;
      }
      String piece;
      if (i - start == 1 && cp < 0x80) {
        piece = null;
      } else if (Character.getType(cp) == Character.FORMAT && i - start == Character.charCount(cp)) {
        continue;
      } else if (i - start == 1) {
        piece = folded((char) cp);
      } else {
        piece = fold(Normalizer.normalize(text.substring(start, i), Normalizer.Form.NFKC));
      }
      int pieceLength = piece == null ? 1 : piece.length();
      if (length + pieceLength > chars.length) {
        int grown = Math.max(chars.length * 2, length + pieceLength);
        chars = java.util.Arrays.copyOf(chars, grown);
        if (keepPositions) {
          codePoint = java.util.Arrays.copyOf(codePoint, grown);
          charStart = java.util.Arrays.copyOf(charStart, grown);
          charEnd = java.util.Arrays.copyOf(charEnd, grown);
        }
      }
      for (int k = 0; k < pieceLength; k++) {
        char c = piece == null ? (char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp) : piece.charAt(k);
        if (piece != null && Character.getType(c) == Character.FORMAT) {
          continue;
        }
        chars[length] = c;
        if (keepPositions) {
          codePoint[length] = cpAt;
          charStart[length] = start;
          charEnd[length] = i;
        }
        length++;
      }
    }
    return new Normalized(chars, codePoint, charStart, charEnd, length);
  }

  /** A term as it is matched: {@link #normalize normalised} like the text. */
  static String normalizeTerm(String term) {
    return normalize(term, false).text();
  }

  /** A BMP char without marks, normalised; cached, as most texts repeat a few thousand chars. */
  private static String folded(char c) {
    String cached = BMP[c];
    if (cached == null) {
      cached = fold(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
      // a benign race: two threads may both compute the same immutable string
      BMP[c] = cached;
    }
    return cached;
  }

  private static final String[] BMP = new String[Character.MAX_VALUE + 1];

  private static String fold(String s) {
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
