package dev.finegrain.core.standard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A text's length must be within {@code min..max}, inclusive, counted in Unicode code points: each
 * Chinese character and each emoji such as 🍵 counts as one, whatever its UTF-16 length. In JSON
 * {@code {"type": "text-length", "field": "title", "min": 10, "max": 60}}; at least one bound,
 * neither negative.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTextLength.class)
@JsonDeserialize(as = ImmutableTextLength.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract non-sealed class TextLength extends FieldRule {
  TextLength() {}

  /**
   * The fewest code points allowed. Optional: no lower bound when absent.
   *
   * @return the fewest code points allowed
   */
  public abstract Optional<Integer> min();

  /**
   * The most code points allowed. Optional: no upper bound when absent.
   *
   * @return the most code points allowed
   */
  public abstract Optional<Integer> max();

  @Override
  public final String type() {
    return "text-length";
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
   * The length of {@code text} as this rule counts it: in code points.
   *
   * @param text any text
   * @return the length of {@code text} as this rule counts it: in code points
   */
  public static int lengthOf(String text) {
    return text.codePointCount(0, text.length());
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof String text)) {
      out.wrongKind(path, "a text", value);
      return;
    }
    Bounds.reportCount(out, path, value, "text", lengthOf(text), "character", min(), max());
  }

  @Override
  public TextLength withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public TextLength withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    Problems problems = commonProblems();
    Bounds.checkCounts(problems, min(), max());
    problems.throwIfAny(subject());
  }

  /**
   * Builds a {@link TextLength} rule.
   *
   * <p>Required: {@link TextLength#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTextLength.Builder {
    Builder() {}
  }
}
