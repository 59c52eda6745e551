package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import org.immutables.value.Value;

/**
 * The field must be present, and a text must not be blank; an empty list or object counts as
 * present (use {@link ListSize} for "at least one"). In JSON
 * {@code {"type": "required", "field": "title"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRequired.class)
@JsonDeserialize(as = ImmutableRequired.class)
public abstract non-sealed class Required extends FieldRule {
  Required() {}

  @Override
  public final String type() {
    return "required";
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
  void checkAbsent(String path, Evaluation out) {
    out.reportAbsent(path, "required field is missing");
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (value instanceof String text && text.isBlank()) {
      out.report(path, "required text is blank", value);
    }
  }

  @Override
  public Required withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public Required withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    commonProblems().throwIfAny(subject());
  }

  /**
   * Builds a {@link Required} rule.
   *
   * <p>Required: {@link Required#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableRequired.Builder {
    Builder() {}
  }
}
