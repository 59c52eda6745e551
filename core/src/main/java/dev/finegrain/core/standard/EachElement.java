package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A nested rule must hold for every element of a list. The nested rule's field is relative to the
 * element, and its empty field is the element itself, so "every image at least 800 px wide" is
 *
 * <pre>{@code
 * Rules.eachElement("images", Rules.numberRange("width", 800, 10_000))
 * }</pre>
 *
 * and reports {@code images[2].width}. An empty list passes (combine with {@link ListSize}); a
 * value that is not a list is a violation. The nested rule reports under this rule's id and
 * severity. In JSON
 * {@code {"type": "each-element", "field": "images", "rule": {"type": "number-range", "field": "width", "min": 800}}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEachElement.class)
@JsonDeserialize(as = ImmutableEachElement.class)
public abstract non-sealed class EachElement extends FieldRule {
  EachElement() {}

  /**
   * The rule every element must satisfy, its field relative to the element. Required.
   *
   * @return the rule every element must satisfy, its field relative to the element
   */
  public abstract Rule rule();

  @Override
  public final String type() {
    return "each-element";
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof List<?> elements)) {
      out.wrongKind(path, "a list", value);
      return;
    }
    for (int i = 0; i < elements.size(); i++) {
      rule().evaluate(elements.get(i), FieldPath.join(path, "[" + i + "]"), out);
    }
  }

  @Value.Lazy
  @Override
  int depth() {
    return 1 + rule().depth();
  }

  @Override
  Optional<Rule> nested() {
    return Optional.of(rule());
  }

  @Override
  public EachElement withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public EachElement withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    Problems problems = commonProblems();
    Conditional.checkNested(problems, id(), rule());
    checkDepth(problems, this);
    problems.throwIfAny(subject());
  }

  /**
   * Builds an {@link EachElement} rule.
   *
   * <p>Required: {@link EachElement#field() field}, {@link EachElement#rule() rule}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableEachElement.Builder {
    Builder() {}
  }
}
