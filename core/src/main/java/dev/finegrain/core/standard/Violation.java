package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One way an artifact breaks a rule: which rule, how serious, where ({@code images[2].width}),
 * what is wrong, and the offending value as a short readable literal.
 *
 * <pre>{@code
 * violation.toString();   // ERROR  title  ad-law: forbidden term "最佳" at 5
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableViolation.class)
@JsonDeserialize(as = ImmutableViolation.class)
public abstract class Violation {
  Violation() {}

  /**
   * The id of the rule listed in the standard; for a nested rule, the id of the enclosing rule.
   *
   * @return the id of the rule listed in the standard; for a nested rule, the id of the enclosing rule
   */
  public abstract String ruleId();

  /**
   * The severity of that rule.
   *
   * @return the severity of that rule
   */
  public abstract Severity severity();

  /**
   * Where in the artifact. Every violation has a path: the empty path is the root, the artifact as
   * a whole. Required.
   *
   * @return the field path, such as {@code images[2].width}, or {@code ""} for the root
   */
  public abstract String path();

  /**
   * What is wrong, such as {@code forbidden term "最佳" at 5}.
   *
   * @return what is wrong, such as {@code forbidden term "最佳" at 5}
   */
  public abstract String message();

  /**
   * The offending value as a literal, long texts shortened; empty when the field is absent.
   *
   * @return the offending value as a literal, long texts shortened; empty when the field is absent
   */
  public abstract Optional<String> value();

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("ruleId", ruleId());
    problems.checkNotBlank("message", message());
    problems.throwIfAny("violation");
  }

  /** {@code SEVERITY  path  ruleId: message}, as in a conformance summary. */
  @Override
  public String toString() {
    return severity() + "  " + (path().isEmpty() ? "(artifact)" : path()) + "  " + ruleId() + ": " + message();
  }

  /**
   * Builds a {@link Violation}.
   *
   * <p>Required: {@link Violation#ruleId() ruleId}, {@link Violation#severity() severity}, {@link Violation#path()
   * path}, {@link Violation#message() message}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableViolation.Builder {
    Builder() {}
  }
}
