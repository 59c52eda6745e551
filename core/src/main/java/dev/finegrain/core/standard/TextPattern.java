package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.immutables.value.Value;

/**
 * A text must contain a match of a regular expression ({@code mustMatch}, the default) or must not
 * contain one. Matching searches the text like {@code Matcher.find()}, as JSON Schema's
 * {@code pattern} does; anchor with {@code ^...$} to constrain the whole text. The regex is
 * compiled once per rule, when the rule is built; an invalid one is a definition error.
 *
 * <p>Regexes run on <a href="https://github.com/google/re2j">RE2/J</a>, whose matching time is
 * linear in the length of the text, whatever the regex: a rule written by someone the platform
 * does not trust cannot stall a check (with {@code java.util.regex}, {@code ^(a|a)+?$} on 30
 * characters runs for minutes). The syntax is {@code java.util.regex}'s for everything RE2/J
 * supports; what it cannot run in linear time — backreferences ({@code \1}), lookahead and
 * lookbehind ({@code (?=}, {@code (?!}, {@code (?<=}, {@code (?<!}), possessive quantifiers
 * ({@code a++}) and atomic groups ({@code (?>}) — is refused when the rule is built, with the
 * reason. Limits: a regex has at most {@link #MAX_REGEX_LENGTH} chars and, with its counted
 * repetitions written out ({@code (a{100}){100}} is 10,000 {@code a}s to RE2/J), a size of at most
 * {@link #MAX_REGEX_SIZE}, checked before it is compiled; a text longer than
 * {@link #MAX_TEXT_LENGTH} chars (UTF-16 code units) is not searched but reported as a
 * violation. In JSON
 * {@code {"type": "pattern", "field": "sku", "regex": "^[A-Z]{3}-\\d{4}$"}} or
 * {@code {"type": "pattern", "field": "title", "regex": "!{2,}", "mustMatch": false}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTextPattern.class)
@JsonDeserialize(as = ImmutableTextPattern.class)
public abstract non-sealed class TextPattern extends FieldRule {
  /** The longest regex a rule may have, in chars: {@value}. */
  public static final int MAX_REGEX_LENGTH = 1_000;

  /**
   * The biggest regex a rule may have once its counted repetitions are written out: {@value}. Each
   * char, escape, class, dot, anchor and operator counts 1, a capturing group 2, and {@code x{n,m}}
   * counts m times x plus m - n (so {@code ^[A-Z]{3}-\\d{4}$} counts 10 and {@code (a{100}){100}}
   * over 10,000). RE2/J compiles every repetition written out, and matching takes time
   * proportional to that size times the length of the text, so this bounds both; a regex without
   * counted repetitions is rarely bigger than its length.
   */
  public static final int MAX_REGEX_SIZE = 1_000;

  /** The longest text a rule searches, in chars (UTF-16 code units): {@value}. */
  public static final int MAX_TEXT_LENGTH = 100_000;

  TextPattern() {}

  /**
   * A regular expression in the syntax of {@code java.util.regex}, without the features that need
   * backtracking (see above), at most {@link #MAX_REGEX_LENGTH} chars. Required.
   *
   * @return the regular expression
   */
  public abstract String regex();

  /**
   * Whether the text must contain a match ({@code true}, the default) or must not. Default: true.
   *
   * @return whether the text must contain a match ({@code true}, the default) or must not
   */
  @Value.Default
  public boolean mustMatch() {
    return true;
  }

  @Override
  public final String type() {
    return "pattern";
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The compiled regex: compiled once, by the validation when the rule is built. */
  @Value.Lazy
  Pattern compiled() {
    return Pattern.compile(regex());
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof String text)) {
      out.wrongKind(path, "a text", value);
      return;
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      out.report(path, "text of " + text.length() + " chars is too long to search for /" + Values.shorten(regex())
          + "/; at most " + MAX_TEXT_LENGTH + " (TextPattern.MAX_TEXT_LENGTH)", value);
      return;
    }
    Matcher m = compiled().matcher(text);
    boolean found = m.find();
    if (mustMatch() && !found) {
      out.report(path, "does not match /" + regex() + "/", value);
    } else if (!mustMatch() && found) {
      out.report(path, "matches forbidden /" + regex() + "/ with " + Values.describe(m.group())
          + " at " + text.codePointCount(0, m.start()), value);
    }
  }

  @Override
  public TextPattern withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public TextPattern withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    Problems problems = commonProblems();
    if (regex().length() > MAX_REGEX_LENGTH) {
      problems.add("regex", "a regex of %s chars is too long; at most %s (TextPattern.MAX_REGEX_LENGTH)",
          regex().length(), MAX_REGEX_LENGTH);
    } else {
      String unsupported = unsupported(regex());
      if (unsupported != null) {
        problems.add("regex", "%s is not supported: regexes must run in time linear in the text, so"
            + " backreferences, lookaround, possessive quantifiers and atomic groups are refused; in /%s/",
            unsupported, regex());
      } else if (expandedSize(regex()) > MAX_REGEX_SIZE) {
        problems.add("regex", "the regex is too big with its counted repetitions written out; at most size %s"
            + " (TextPattern.MAX_REGEX_SIZE) in /%s/", MAX_REGEX_SIZE, Values.shorten(regex()));
      } else {
        try {
          compiled();
        } catch (PatternSyntaxException e) {
          problems.add("regex", "invalid regex: %s in /%s/", e.getDescription(), regex());
        }
      }
    }
    problems.throwIfAny(subject());
  }

  /**
   * The first feature of {@code regex} that needs backtracking, named for the error, or null. RE2/J
   * would refuse these too, but with messages such as "invalid escape sequence"; this names them.
   */
  static String unsupported(String regex) {
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(i + 1);
        if (next >= '1' && next <= '9') {
          return "the backreference \\" + next;
        }
        if (next == 'k' && i + 2 < regex.length() && regex.charAt(i + 2) == '<') {
          return "the named backreference \\k<...>";
        }
        if (next == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
          continue;
        }
        i = escapeEnd(regex, i) - 1;
      } else if (c == '[') {
        i = classEnd(regex, i) - 1;
      } else if (c == '(' && regex.startsWith("(?", i)) {
        if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i)) {
          return "the lookahead " + regex.substring(i, i + 3);
        }
        if (regex.startsWith("(?<=", i) || regex.startsWith("(?<!", i)) {
          return "the lookbehind " + regex.substring(i, i + 4);
        }
        if (regex.startsWith("(?>", i)) {
          return "the atomic group (?>";
        }
        i++;
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        int end = c == '{' ? repeatEnd(regex, i) : i + 1;
        if (end >= 0 && end < regex.length() && regex.charAt(end) == '+') {
          return "the possessive quantifier " + regex.substring(i, end) + "+";
        }
        if (end > i + 1) {
          i = end - 1;
        }
      }
    }
    return null;
  }

  /**
   * The size of {@code regex} once its counted repetitions are written out, or
   * {@link #MAX_REGEX_SIZE} + 1 as soon as it is known to be bigger than that. Each char, escape,
   * class, dot and anchor counts 1, so does each {@code |}, {@code *}, {@code +} and {@code ?}, and
   * a capturing group 2;
   * {@code x{n}} counts n times x, {@code x{n,m}} m times x plus m - n, {@code x{n,}} n times x
   * plus 1 (at least one x). That is about the size of the program RE2/J compiles, and matching
   * takes time proportional to it times the length of the text.
   */
  static long expandedSize(String regex) {
    long tooBig = MAX_REGEX_SIZE + 1L;
    // one frame per open group: the size of its finished alternatives and of the current one
    long[] finished = new long[regex.length() + 1];
    long[] current = new long[regex.length() + 1];
    boolean[] capturing = new boolean[regex.length() + 1];
    int depth = 0;
    long last = 0; // the size of the last atom of the current alternative, which a quantifier repeats
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      long atom = 1;
      if (c == '\\' && regex.startsWith("\\Q", i)) {
        int end = regex.indexOf("\\E", i + 2);
        int stop = end < 0 ? regex.length() : end;
        atom = stop - (i + 2);
        current[depth] += atom;
        if (atom > 0) {
          last = 1; // a quantifier repeats the quote's last char; after an empty quote, what came before it
        }
        i = end < 0 ? regex.length() : end + 1;
        atom = 0;
      } else if (c == '\\') {
        i = escapeEnd(regex, i) - 1;
      } else if (c == '[') {
        i = classEnd(regex, i) - 1;
      } else if (c == '(') {
        int close = regex.startsWith("(?", i) ? groupStart(regex, i) : i + 1;
        if (close < 0) { // flags only, such as (?i): no group
          i = regex.indexOf(')', i);
          if (i < 0) {
            break;
          }
          continue;
        }
        depth++;
        finished[depth] = 0;
        current[depth] = 0;
        capturing[depth] = !regex.startsWith("(?", i) || regex.startsWith("(?P<", i) || regex.startsWith("(?<", i);
        last = 0;
        i = close - 1;
        continue;
      } else if (c == ')' && depth > 0) {
        // an empty group still compiles to an instruction, which a repetition copies
        atom = Math.max(1, finished[depth] + current[depth] + (capturing[depth] ? 2 : 0));
        depth--;
      } else if (c == '|') {
        finished[depth] += current[depth] + 1;
        current[depth] = 0;
        last = 0;
        atom = 0;
      } else if (c == '*' || c == '+' || c == '?') {
        current[depth] += 1;
        last += 1;
        atom = 0;
      } else if (c == '{' && repeatEnd(regex, i) >= 0) {
        int end = repeatEnd(regex, i);
        int comma = regex.indexOf(',', i);
        long min = count(regex, i + 1, comma >= 0 && comma < end ? comma : end - 1);
        long unit = Math.max(last, 1); // whatever is repeated, each copy is at least an instruction
        long repeated;
        if (comma < 0 || comma > end) {
          repeated = unit * min;
        } else if (comma == end - 2) {
          repeated = unit * Math.max(min, 1) + 1;
        } else {
          long max = Math.max(min, count(regex, comma + 1, end - 1));
          repeated = unit * max + (max - min);
        }
        current[depth] += repeated - last;
        last = repeated;
        i = end - 1;
        atom = 0;
      }
      if (atom > 0) {
        current[depth] += atom;
        last = atom;
      }
      if (last >= tooBig || current[depth] >= tooBig || finished[depth] >= tooBig) {
        return tooBig;
      }
    }
    long size = 0;
    for (int d = 0; d <= depth; d++) {
      size += finished[d] + current[d];
    }
    return Math.min(size, tooBig);
  }

  /** The decimal number in {@code regex} from {@code from} to {@code to}, at most 1,000,000. */
  private static long count(String regex, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n = Math.min(n * 10 + (regex.charAt(i) - '0'), 1_000_000);
    }
    return n;
  }

  /**
   * Where the counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} starting at {@code at}
   * ends (the index after its closing brace), or -1 if the brace there is a literal one, as RE2/J
   * reads it.
   */
  private static int repeatEnd(String regex, int at) {
    int i = at + 1;
    int digits = i;
    while (i < regex.length() && regex.charAt(i) >= '0' && regex.charAt(i) <= '9') {
      i++;
    }
    if (i == digits || i >= regex.length()) {
      return -1;
    }
    if (regex.charAt(i) == ',') {
      i++;
      while (i < regex.length() && regex.charAt(i) >= '0' && regex.charAt(i) <= '9') {
        i++;
      }
    }
    return i < regex.length() && regex.charAt(i) == '}' ? i + 1 : -1;
  }

  /**
   * Where the escape starting at {@code at} ends: after {@code \p{Han}}, {@code \pL},
   * {@code \x{1F375}}, {@code \x41} or the escaped char.
   */
  private static int escapeEnd(String regex, int at) {
    int i = at + 1;
    if (i >= regex.length()) {
      return regex.length();
    }
    char c = regex.charAt(i);
    if ((c == 'p' || c == 'P' || c == 'x') && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
      int close = regex.indexOf('}', i + 2);
      return close < 0 ? regex.length() : close + 1;
    }
    if (c == 'p' || c == 'P') {
      return Math.min(i + 2, regex.length());
    }
    if (c == 'x') {
      return Math.min(i + 3, regex.length());
    }
    return i + Character.charCount(regex.codePointAt(i));
  }

  /** Where the character class starting at {@code at} ends, after its {@code ]}. */
  private static int classEnd(String regex, int at) {
    int i = at + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i = escapeEnd(regex, i);
      } else if (c == '[' && regex.startsWith("[:", i) && regex.indexOf(":]", i + 2) >= 0) {
        i = regex.indexOf(":]", i + 2) + 2;
      } else if (c == ']') {
        return i + 1;
      } else {
        i++;
      }
    }
    return regex.length();
  }

  /**
   * Where the contents of the group opening with {@code (?} at {@code at} start, or -1 if it only
   * sets flags, as {@code (?i)} does.
   */
  private static int groupStart(String regex, int at) {
    if (regex.startsWith("(?P<", at) || regex.startsWith("(?<", at)) {
      int close = regex.indexOf('>', at);
      return close < 0 ? regex.length() : close + 1;
    }
    for (int i = at + 2; i < regex.length(); i++) {
      if (regex.charAt(i) == ':') {
        return i + 1;
      }
      if (regex.charAt(i) == ')') {
        return -1;
      }
    }
    return regex.length();
  }

  /**
   * Builds a {@link TextPattern} rule.
   *
   * <p>Required: {@link TextPattern#field() field}, {@link TextPattern#regex() regex}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTextPattern.Builder {
    Builder() {}
  }
}
