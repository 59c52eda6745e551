package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A text must not contain any of the terms, ignoring case. Reports <em>one violation per
 * occurrence</em>: every occurrence of every term, each with its position in the text as a
 * code-point index (the first character is 0), ordered by position. Occurrences of one term do not
 * overlap ({@code "aa"} occurs once in {@code "aaa"}); different terms may overlap, so
 * {@code 全网第一} with the terms {@code 全网第一} and {@code 第一} gives two violations. In JSON
 * {@code {"type": "forbidden-terms", "field": "title", "terms": ["最佳", "best ever"]}}; at least
 * one term, none blank, none repeated (ignoring case). See {@link RulePacks} for a ready list.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableForbiddenTerms.class)
@JsonDeserialize(as = ImmutableForbiddenTerms.class)
public abstract non-sealed class ForbiddenTerms extends FieldRule {
  ForbiddenTerms() {}

  /**
   * The terms, matched ignoring case. Default: none.
   *
   * @return the terms, matched ignoring case
   */
  public abstract List<String> terms();

  @Override
  public final String type() {
    return "forbidden-terms";
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every occurrence of every term in {@code text}, ordered by position, then by term order.
   *
   * @param text the text to search
   * @return every occurrence of every term in {@code text}, ordered by position, then by term order
   */
  public List<Occurrence> occurrences(String text) {
    List<Occurrence> found = new ArrayList<>();
    for (String term : terms()) {
      int i = 0;
      while (i + term.length() <= text.length()) {
        if (text.regionMatches(true, i, term, 0, term.length())) {
          found.add(new Occurrence(term, text.substring(i, i + term.length()), text.codePointCount(0, i)));
          i += term.length();
        } else {
          i += Character.charCount(text.codePointAt(i));
        }
      }
    }
    found.sort(Comparator.comparingInt(Occurrence::position));
    return ImmutableList.copyOf(found);
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof String text)) {
      out.wrongKind(path, "a text", value);
      return;
    }
    for (Occurrence o : occurrences(text)) {
      String written = o.text().equals(o.term()) ? "" : " (written " + Values.describe(o.text()) + ")";
      out.report(path, "forbidden term " + Values.describe(o.term()) + " at " + o.position() + written, value);
    }
  }

  @Override
  public ForbiddenTerms withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public ForbiddenTerms withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  /**
   * A copy of this rule that checks another field.
   *
   * @param field the field path, such as {@code title} or {@code images[2].width}
   * @return a copy of this rule that checks another field
   */
  public ForbiddenTerms onField(String field) {
    return builder().from(this).field(field).build();
  }

  @Value.Check
  void check() {
    Problems problems = commonProblems();
    problems.check(!terms().isEmpty(), "terms", "at least one term is required");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < terms().size(); i++) {
      String term = terms().get(i);
      if (term.isBlank()) {
        problems.add("terms[" + i + "]", "must not be blank");
        continue;
      }
      Integer first = seen.putIfAbsent(term.toLowerCase(Locale.ROOT), i);
      problems.check(first == null, "terms[" + i + "]", "term %s repeats terms[%s]", Values.describe(term), first);
    }
    problems.throwIfAny(subject());
  }

  /**
   * Where a forbidden term occurs in a text.
   *
   * @since 0.1
   */
  public static final class Occurrence {
    private final String term;
    private final String text;
    private final int position;

    Occurrence(String term, String text, int position) {
      this.term = term;
      this.text = text;
      this.position = position;
    }

    /**
     * The term as the rule lists it.
     *
     * @return the term as the rule lists it
     */
    public String term() {
      return term;
    }

    /**
     * The term as the text writes it, which may differ in case.
     *
     * @return the term as the text writes it, which may differ in case
     */
    public String text() {
      return text;
    }

    /**
     * The code-point index of the occurrence in the text, from 0.
     *
     * @return the code-point index of the occurrence in the text, from 0
     */
    public int position() {
      return position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Occurrence other && other.term.equals(term) && other.text.equals(text)
          && other.position == position;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(term, text, position);
    }

    @Override
    public String toString() {
      return Values.describe(term) + " at " + position;
    }
  }

  /**
   * Builds a {@link ForbiddenTerms} rule.
   *
   * <p>Required: {@link ForbiddenTerms#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableForbiddenTerms.Builder {
    Builder() {}
  }
}
