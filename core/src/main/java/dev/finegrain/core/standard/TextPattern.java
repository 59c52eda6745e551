package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.immutables.value.Value;

/**
 * A text must contain a match of a regular expression ({@code mustMatch}, the default) or must not
 * contain one. Matching searches the text like {@link Matcher#find()}, as JSON Schema's
 * {@code pattern} does; anchor with {@code ^...$} to constrain the whole text. The regex is
 * compiled once per rule, when the rule is built; an invalid one is a definition error. In JSON
 * {@code {"type": "pattern", "field": "sku", "regex": "^[A-Z]{3}-\\d{4}$"}} or
 * {@code {"type": "pattern", "field": "title", "regex": "!{2,}", "mustMatch": false}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTextPattern.class)
@JsonDeserialize(as = ImmutableTextPattern.class)
public abstract non-sealed class TextPattern extends FieldRule {
  TextPattern() {}

  /**
   * A {@link Pattern java.util.regex} regular expression. Required.
   *
   * @return a {@link Pattern java.util.regex} regular expression
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
    try {
      compiled();
    } catch (PatternSyntaxException e) {
      problems.add("regex", "invalid regex: %s at index %s in /%s/", e.getDescription(), e.getIndex(), regex());
    }
    problems.throwIfAny(subject());
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
