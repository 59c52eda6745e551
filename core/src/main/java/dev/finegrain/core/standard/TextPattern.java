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
 * supports; what it cannot run in linear time — backreferences ({@code }), lookahead and
 * lookbehind ({@code (?=}, {@code (?!}, {@code (?<=}, {@code (?<!}), possessive quantifiers
 * ({@code a++}) and atomic groups ({@code (?>}) — is refused when the rule is built, with the
 * reason. Limits: a regex has at most {@link #MAX_REGEX_LENGTH} chars; a text longer than
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
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(i + 1);
        if (!inClass && next >= '1' && next <= '9') {
          return "the backreference \\" + next;
        }
        if (!inClass && next == 'k' && i + 2 < regex.length() && regex.charAt(i + 2) == '<') {
          return "the named backreference \\k<...>";
        }
        if (next == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
          continue;
        }
        i++;
      } else if (inClass) {
        if (c == ']') {
          inClass = false;
        }
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++;
        }
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
      } else if (c == '+' && i > 0 && "*+?}".indexOf(regex.charAt(i - 1)) >= 0 && !escaped(regex, i - 1)) {
        return "the possessive quantifier " + regex.charAt(i - 1) + "+";
      }
    }
    return null;
  }

  private static boolean escaped(String regex, int at) {
    int backslashes = 0;
    for (int j = at - 1; j >= 0 && regex.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
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
