package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A text must not contain any of the terms. Matching is forgiving of how a term is written: text
 * and terms are compared after Unicode normalisation — each character with its combining marks
 * (and a Hangul syllable with its jamo, however written) in NFKC (so full-width {@code ｂｅｓｔ} is
 * {@code best}), case folded as Unicode's full case folding does ({@code BEST}, {@code Best}; {@code ß},
 * {@code ẞ} and {@code ss} alike; dotted {@code İ} as {@code i}, as Turkish lowercases it, but
 * dotless {@code ı} not {@code i}), and with format characters (Unicode category Cf: zero-width
 * space and joiners, soft hyphen, direction marks) ignored, so {@code b\u200Best} is {@code best} too.
 *
 * <p>Reports <em>one violation per occurrence</em>, each with its position in the text as written,
 * as a code-point index (the first character is 0), in the order of the text. Occurrences do not
 * overlap: scanning from the left, the occurrence that starts first wins and, of those starting
 * at the same place, the longest, so {@code 全网第一} with the terms {@code 全网第一} and
 * {@code 第一} gives one violation, for {@code 全网第一}, and {@code "aa"} occurs once in
 * {@code "aaa"}. At most {@link #MAX_REPORTED} occurrences are reported per rule and text; one
 * more violation then says how many more there were. Finding them takes time linear in the text
 * (one pass of an Aho–Corasick automaton), whatever the script, and memory that does not grow
 * with it beyond the text itself, however much normalising expands it.
 *
 * <p>In JSON {@code {"type": "forbidden-terms", "field": "title", "terms": ["最佳", "best ever"]}};
 * at least one term and at most {@link #MAX_TERMS}, none blank, none longer than
 * {@link #MAX_TERM_LENGTH} chars, none repeated (after normalisation). See {@link RulePacks} for a
 * ready list.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableForbiddenTerms.class)
@JsonDeserialize(as = ImmutableForbiddenTerms.class)
public abstract non-sealed class ForbiddenTerms extends FieldRule {
  /** How many occurrences a rule reports in one text, before a last violation counts the rest: {@value}. */
  public static final int MAX_REPORTED = 100;

  /** How many terms a rule may list: {@value}. */
  public static final int MAX_TERMS = 1_000;

  /** The longest term, in chars once normalised: {@value}. */
  public static final int MAX_TERM_LENGTH = 100;

  ForbiddenTerms() {}

  /**
   * The terms, matched after normalisation (see above). Default: none.
   *
   * @return the terms, as given
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

  /** The automaton over the normalised terms, built once per rule. */
  @Value.Lazy
  TermMatcher matcher() {
    return new TermMatcher(terms().stream().map(TermMatcher::normalizeTerm).toList());
  }

  /**
   * Every occurrence of the terms in {@code text}, in the order of the text, none overlapping (see
   * above). Unlike a check, this lists them all.
   *
   * @param text the text to search
   * @return every occurrence, in the order of the text
   */
  public List<Occurrence> occurrences(String text) {
    ImmutableList.Builder<Occurrence> found = ImmutableList.builder();
    matcher().scan(text, (term, position, from, to) -> {
      found.add(new Occurrence(terms().get(term), text.substring(from, to), position));
      return true;
    });
    return found.build();
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof String text)) {
      out.wrongKind(path, "a text", value);
      return;
    }
    long[] count = {0};
    matcher().scan(text, (term, position, from, to) -> {
      count[0]++;
      if (count[0] <= MAX_REPORTED) {
        String listed = terms().get(term);
        String written = text.substring(from, to);
        String as = written.equals(listed) ? "" : " (written " + Values.describe(written) + ")";
        out.report(path, "forbidden term " + Values.describe(listed) + " at " + position + as, value);
      }
      return true;
    });
    if (count[0] > MAX_REPORTED) {
      out.report(path, String.format(Locale.ROOT, "%,d more forbidden terms not listed: %,d found, at most %d reported"
          + " (ForbiddenTerms.MAX_REPORTED)", count[0] - MAX_REPORTED, count[0], MAX_REPORTED), value);
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
    problems.check(terms().size() <= MAX_TERMS, "terms", "%s terms are too many; at most %s (ForbiddenTerms.MAX_TERMS)",
        terms().size(), MAX_TERMS);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < terms().size() && i <= MAX_TERMS; i++) {
      String term = terms().get(i);
      if (term.length() > 4 * MAX_TERM_LENGTH) {
        problems.add("terms[" + i + "]", "a term of %s chars is too long; at most %s (ForbiddenTerms.MAX_TERM_LENGTH)",
            term.length(), MAX_TERM_LENGTH);
        continue;
      }
      String normalized = TermMatcher.normalizeTerm(term);
      if (normalized.isBlank()) {
        problems.add("terms[" + i + "]", "must not be blank");
        continue;
      }
      if (normalized.length() > MAX_TERM_LENGTH) {
        problems.add("terms[" + i + "]", "a term of %s chars is too long; at most %s (ForbiddenTerms.MAX_TERM_LENGTH)",
            normalized.length(), MAX_TERM_LENGTH);
        continue;
      }
      Integer first = seen.putIfAbsent(normalized, i);
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
     * The term as the text writes it, which may differ in case, width or invisible characters.
     *
     * @return the term as the text writes it
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
