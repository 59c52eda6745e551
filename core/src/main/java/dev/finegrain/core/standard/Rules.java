package dev.finegrain.core.standard;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.core.condition.Condition;
import java.util.Arrays;
import java.util.List;

/**
 * Short factories for every kind of {@link Rule}, so that a standard reads well in code. Each rule
 * gets the default id, its kind and field ({@code text-length:title}); give another with
 * {@link Rule#withId}, and a severity with {@link Rule#withSeverity}.
 *
 * <pre>{@code
 * Rules.required("title");
 * Rules.textLength("title", 10, 60);
 * Rules.forbiddenTerms("title", "最佳", "best ever").withId("no-superlatives").withSeverity(Severity.WARNING);
 * Rules.eachElement("images", Rules.minimum("width", 800));
 * Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence"));
 * }</pre>
 *
 * Invalid arguments (a malformed field path, {@code min > max}, a bad regex) throw a
 * {@link dev.finegrain.core.DefinitionException}.
 *
 * @since 0.1
 */
public final class Rules {
  private Rules() {}

  /**
   * {@code field} must be present, and not blank if it is a text.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @return the rule
   */
  public static Required required(String field) {
    return Required.builder().field(field).build();
  }

  /**
   * The text in {@code field} has {@code min} to {@code max} code points.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static TextLength textLength(String field, int min, int max) {
    return TextLength.builder().field(field).min(min).max(max).build();
  }

  /**
   * The text in {@code field} has at least {@code min} code points.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @return the rule
   */
  public static TextLength minLength(String field, int min) {
    return TextLength.builder().field(field).min(min).build();
  }

  /**
   * The text in {@code field} has at most {@code max} code points.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static TextLength maxLength(String field, int max) {
    return TextLength.builder().field(field).max(max).build();
  }

  /**
   * The text in {@code field} contains a match of {@code regex}; anchor it to match the whole text.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param regex the regular expression (linear-time syntax)
   * @return the rule
   */
  public static TextPattern matching(String field, String regex) {
    return TextPattern.builder().field(field).regex(regex).build();
  }

  /**
   * The text in {@code field} contains no match of {@code regex}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param regex the regular expression (linear-time syntax)
   * @return the rule
   */
  public static TextPattern notMatching(String field, String regex) {
    return TextPattern.builder().field(field).regex(regex).mustMatch(false).build();
  }

  /**
   * The text in {@code field} contains none of {@code terms}, matched as {@link ForbiddenTerms} says: after
   * Unicode normalisation and case folding.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param terms the terms
   * @return the rule
   */
  public static ForbiddenTerms forbiddenTerms(String field, String... terms) {
    return ForbiddenTerms.builder().field(field).addTerms(terms).build();
  }

  /**
   * The text in {@code field} contains none of {@code terms}, matched as {@link ForbiddenTerms} says: after
   * Unicode normalisation and case folding.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param terms the terms
   * @return the rule
   */
  public static ForbiddenTerms forbiddenTerms(String field, List<String> terms) {
    return ForbiddenTerms.builder().field(field).addAllTerms(terms).build();
  }

  /**
   * The number in {@code field} is from {@code min} to {@code max}, inclusive.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static NumberRange numberRange(String field, Number min, Number max) {
    return NumberRange.builder().field(field).min(checkNotNull(min, "min")).max(checkNotNull(max, "max")).build();
  }

  /**
   * The number in {@code field} is at least {@code min}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @return the rule
   */
  public static NumberRange minimum(String field, Number min) {
    return NumberRange.builder().field(field).min(checkNotNull(min, "min")).build();
  }

  /**
   * The number in {@code field} is at most {@code max}.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static NumberRange maximum(String field, Number max) {
    return NumberRange.builder().field(field).max(checkNotNull(max, "max")).build();
  }

  /**
   * The value in {@code field} is one of {@code values} (texts, numbers or booleans).
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param values the allowed values
   * @return the rule
   */
  public static AllowedValues allowedValues(String field, Object... values) {
    return AllowedValues.builder().field(field).addAllValues(Arrays.asList(values)).build();
  }

  /**
   * The list in {@code field} has {@code min} to {@code max} elements.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static ListSize listSize(String field, int min, int max) {
    return ListSize.builder().field(field).min(min).max(max).build();
  }

  /**
   * The list in {@code field} has at least {@code min} elements.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param min the lower bound, inclusive
   * @return the rule
   */
  public static ListSize minSize(String field, int min) {
    return ListSize.builder().field(field).min(min).build();
  }

  /**
   * The list in {@code field} has at most {@code max} elements.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param max the upper bound, inclusive
   * @return the rule
   */
  public static ListSize maxSize(String field, int max) {
    return ListSize.builder().field(field).max(max).build();
  }

  /**
   * {@code rule} holds for every element of the list in {@code field}; its field is relative to the element.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @param rule the rule each element must pass, with paths relative to the element
   * @return the rule
   */
  public static EachElement eachElement(String field, Rule rule) {
    return EachElement.builder().field(field).rule(rule).build();
  }

  /**
   * {@code rule} applies only when {@code condition} holds.
   *
   * @param condition when the rule applies
   * @param rule the rule that applies then
   * @return the rule
   */
  public static Conditional when(Condition condition, Rule rule) {
    return Conditional.builder().when(condition).rule(rule).build();
  }
}
