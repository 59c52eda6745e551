package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.FieldSource;
import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A nested rule that applies only when a {@link Condition} holds, such as "food needs a licence":
 *
 * <pre>{@code
 * Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence"))
 * }</pre>
 *
 * The condition reads the same value as the rule: the artifact's fields at the top of a standard,
 * the element inside {@link EachElement}. When the condition does not hold the rule passes. The
 * nested rule reports under this rule's id and severity. Without an id given, the id is
 * {@code when:} and the nested rule's id, such as {@code when:required:foodLicence}. In JSON
 * {@code {"type": "conditional", "when": {"type": "equals", "field": "category", "value": "food"},
 * "rule": {"type": "required", "field": "foodLicence"}}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConditional.class)
@JsonDeserialize(as = ImmutableConditional.class)
public abstract non-sealed class Conditional extends Rule {
  Conditional() {}

  /**
   * When the nested rule applies. Required.
   *
   * @return when the nested rule applies
   */
  public abstract Condition when();

  /**
   * The rule that applies when the condition holds. Required.
   *
   * @return the rule that applies when the condition holds
   */
  public abstract Rule rule();

  @Override
  public final String type() {
    return "conditional";
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
  void evaluate(Object root, String at, Evaluation out) {
    FieldSource source = path -> FieldPath.parse(path).resolve(root);
    if (when().test(source)) {
      rule().evaluate(root, at, out);
    }
  }

  @Override
  String defaultId() {
    return "when:" + rule().id();
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
  public Conditional withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public Conditional withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    checkNested(problems, id(), rule());
    checkDepth(problems, this);
    problems.throwIfAny("conditional rule '" + id() + "'");
  }

  /** A nested rule reports under the enclosing rule's severity, so it must not set its own. */
  static void checkNested(Problems problems, String outerId, Rule nested) {
    problems.check(nested.severity() == Severity.ERROR, "rule.severity",
        "a nested rule reports with the severity of rule '%s'; set %s there instead", outerId, nested.severity());
  }

  /**
   * Builds a {@link Conditional} rule.
   *
   * <p>Required: {@link Conditional#when() when}, {@link Conditional#rule() rule}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableConditional.Builder {
    Builder() {}
  }
}
