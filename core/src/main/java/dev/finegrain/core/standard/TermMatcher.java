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

  /**
   * Reports the leftmost-longest, non-overlapping matches in {@code text}, left to right. The text
   * is normalised as it is scanned and only the last {@code window} normalised chars are kept (a
   * match starting earlier has ended by then), so the memory a scan takes does not grow with the
   * text, however much normalising expands it ({@code U+FDFA} becomes 18 chars).
   */
  void scan(String text, Sink sink) {
    new Scan(sink).run(text);
  }

  /** One scan: the automaton's state and, per normalised char still in the window, where it came from. */
  private final class Scan implements CharSink {
    private final Sink sink;
    private final int mask;
    private final int[] longest;    // the longest term (its index) starting at the normalised char, or -1
    private final int[] codePoint;
    private final int[] charStart;
    private final int[] charEnd;
    private int node;
    private long count;             // normalised chars seen
    private long undecided;         // the first normalised char that may still start a match
    private boolean stopped;

    Scan(Sink sink) {
      this.sink = sink;
      int longestTerm = 1;
      for (int length : termLength) {
        longestTerm = Math.max(longestTerm, length);
      }
      int window = Integer.highestOneBit(longestTerm) << 1;
      mask = window - 1;
      longest = new int[window];
      codePoint = new int[window];
      charStart = new int[window];
      charEnd = new int[window];
    }

    void run(String text) {
      normalize(text, this);
      decide(count - 1);
    }

    @Override
    public boolean accept(char c, int cp, int from, int to) {
      int slot = (int) count & mask;
      longest[slot] = -1;
      codePoint[slot] = cp;
      charStart[slot] = from;
      charEnd[slot] = to;
      node = step(node, c);
      for (int at = output[node] >= 0 ? node : dictionary[node]; at > 0; at = dictionary[at]) {
        int term = output[at];
        int start = (int) (count - termLength[term] + 1) & mask;
        if (longest[start] < 0 || termLength[term] > termLength[longest[start]]) {
          longest[start] = term;
        }
      }
      count++;
      // every term starting at or before count - window has ended by now
      decide(count - mask - 1);
      return !stopped;
    }

    /** Reports the matches starting at or before {@code last} that are not yet reported or covered. */
    private void decide(long last) {
      while (!stopped && undecided <= last) {
        int term = longest[(int) undecided & mask];
        if (term < 0) {
          undecided++;
          continue;
        }
        long end = undecided + termLength[term] - 1;
        int from = (int) undecided & mask;
        stopped = !sink.accept(term, codePoint[from], charStart[from], charEnd[(int) end & mask]);
        undecided = end + 1;
      }
    }
  }

  /** Receives normalised chars, each with the code point index and char range of the text it came from. */
  interface CharSink {
    /** Returns false to stop normalising. */
    boolean accept(char c, int codePoint, int charStart, int charEnd);
  }

  /**
   * Passes {@code text} normalised for matching to {@code out}, char by char: each character with
   * what composes with it (combining marks, and a conjoining Hangul vowel or final jamo after the
   * jamo or syllable it composes with, as decomposed Korean is written; at most
   * {@link #MAX_ATTACHED} of them) in NFKC, case folded as Unicode's full case folding does ({@code ß} and
   * {@code ẞ} match {@code ss}, dotless {@code ı} does not match {@code i}, dotted {@code İ} does), and format characters
   * (Unicode category Cf: zero-width space and joiners, soft hyphen, direction marks) left out.
   */
  static void normalize(String text, CharSink out) {
    int i = 0;
    int cpIndex = 0;
    while (i < text.length()) {
      int start = i;
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int cpAt = cpIndex++;
      int previous = cp;
      int attached = 0;
      while (attached < MAX_ATTACHED && i < text.length() && attaches(previous, text.codePointAt(i))) {
        previous = text.codePointAt(i);
        i += Character.charCount(previous);
        cpIndex++;
        attached++;
      }
      if (i - start == 1 && cp < 0x80) {
        if (!out.accept((char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp), cpAt, start, i)) {
          return;
        }
        continue;
      }
      if (Character.getType(cp) == Character.FORMAT && i - start == Character.charCount(cp)) {
        continue;
      }
      String piece = i - start == 1 ? folded((char) cp) : fold(Normalizer.normalize(text.substring(start, i),
          Normalizer.Form.NFKC));
      for (int k = 0; k < piece.length(); k++) {
        char c = piece.charAt(k);
        if (Character.getType(c) != Character.FORMAT && !out.accept(c, cpAt, start, i)) {
          return;
        }
      }
    }
  }

  /**
   * How many code points at most are normalised with the character before them: Unicode's
   * Stream-Safe Text Format (UAX #15) caps a run of combining marks at 30, and so does this. Past
   * it, the marks that follow are normalised as a piece of their own (as if the format's combining
   * grapheme joiner stood between), so a text of thousands of marks on one letter takes time linear
   * in its length: NFKC orders a run of marks by insertion, quadratic in the run.
   */
  static final int MAX_ATTACHED = 30;

  /** A term as it is matched: {@link #normalize normalised} like the text. */
  static String normalizeTerm(String term) {
    StringBuilder normalized = new StringBuilder(term.length());
    normalize(term, (c, codePoint, from, to) -> {
      normalized.append(c);
      return true;
    });
    return normalized.toString();
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

  /** Per BMP char: 0 not known yet, 1 if it starts a piece of its own, 2 if it attaches to the one before. */
  private static final byte[] ATTACHES = new byte[Character.MAX_VALUE + 1];

  /**
   * Whether {@code cp} belongs with {@code previous}, the code point before it, when normalising:
   * a conjoining Hangul vowel jamo after a leading jamo, or a final jamo after a syllable or vowel
   * jamo without one (NFC composes these into one syllable: decomposed Korean); else as
   * {@link #attaches(int)}. Compatibility jamo ({@code ㅠ}, {@code ㄳ}) never attach: NFKC would
   * turn them into conjoining jamo and compose them with the syllable before, though they show as
   * letters of their own ({@code 최고ㄳ} still reads {@code 최고}).
   */
  private static boolean attaches(int previous, int cp) {
    if (isVowelJamo(cp)) {
      return isLeadingJamo(previous);
    }
    if (isFinalJamo(cp)) {
      return isVowelJamo(previous) || (previous >= 0xAC00 && previous <= 0xD7A3 && (previous - 0xAC00) % 28 == 0);
    }
    return attaches(cp);
  }

  private static boolean isLeadingJamo(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97F);
  }

  private static boolean isVowelJamo(int cp) {
    return (cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6);
  }

  private static boolean isFinalJamo(int cp) {
    return (cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FF);
  }

  /**
   * Whether the code point belongs with the character before it whatever that is: a combining
   * mark, or a char whose NFKC starts with one (half-width {@code ﾊﾞ} composes into {@code バ}).
   */
  private static boolean attaches(int cp) {
    if (cp < 0x300) {
      return false;
    }
    if (cp > Character.MAX_VALUE) {
      return isMark(cp);
    }
    byte known = ATTACHES[cp];
    if (known == 0) {
      String n = Normalizer.normalize(String.valueOf((char) cp), Normalizer.Form.NFKC);
      int first = n.isEmpty() ? cp : n.codePointAt(0);
      boolean attaches = isMark(cp) || isMark(first);
      known = attaches ? (byte) 2 : (byte) 1;
      // a benign race, as for BMP
      ATTACHES[cp] = known;
    }
    return known == 2;
  }

  /**
   * Unicode's full case folding, for what NFKC leaves: upper then lower case, which agrees with it
   * except that it turns dotless {@code ı} into {@code i} and {@code ẞ} into {@code ß} (where
   * {@code ß} itself becomes {@code ss}); folding keeps {@code ı} apart and turns both into ss.
   * One exception to full folding: dotted capital {@code İ} folds to {@code i}, as Turkish (the
   * language that writes it) lowercases it, not to {@code i} and a combining dot, so
   * {@code İSTANBUL} holds {@code istanbul}.
   */
  private static String fold(String s) {
    s = s.replace('\u0130', 'i');
    StringBuilder folded = new StringBuilder(s.length());
    int from = 0;
    while (true) {
      int dotless = s.indexOf('\u0131', from);
      String part = dotless < 0 ? s.substring(from) : s.substring(from, dotless);
      folded.append(part.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace("\u00DF", "ss"));
      if (dotless < 0) {
        return folded.toString();
      }
      folded.append('\u0131');
      from = dotless + 1;
    }
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
