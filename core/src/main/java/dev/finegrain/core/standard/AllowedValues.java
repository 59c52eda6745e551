package dev.finegrain.core.standard;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.ExactDecimals;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The value must be one of a list of texts, numbers or booleans; numbers compare by value
 * ({@code 3} is {@code 3.0}), texts exactly. In JSON
 * {@code {"type": "allowed-values", "field": "category", "values": ["food", "tea", "cosmetics"]}};
 * at least one value, none repeated.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAllowedValues.class)
@JsonDeserialize(as = ImmutableAllowedValues.class)
public abstract non-sealed class AllowedValues extends FieldRule {
  AllowedValues() {}

  /**
   * The allowed texts, numbers or booleans. Default: none.
   *
   * @return the allowed texts, numbers or booleans
   */
  @JsonDeserialize(contentUsing = ExactDecimals.ForValue.class)
  public abstract List<Object> values();

  @Override
  public final String type() {
    return "allowed-values";
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
   * Whether {@code value} is one of the allowed values.
   *
   * @param value a value from an artifact
   * @return whether {@code value} is one of the allowed values
   */
  public boolean allows(Object value) {
    return values().stream().anyMatch(v -> Values.same(v, value));
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!allows(value)) {
      out.report(path, Values.describe(value) + " is not one of "
          + values().stream().map(Values::describe).collect(Collectors.joining(", ", "[", "]")), value);
    }
  }

  @Override
  public AllowedValues withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public AllowedValues withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  AllowedValues normalize() {
    Problems problems = commonProblems();
    problems.check(!values().isEmpty(), "values", "at least one value is required");
    ImmutableList.Builder<Object> canonical = ImmutableList.builder();
    boolean changed = false;
    for (int i = 0; i < values().size(); i++) {
      Object v = values().get(i);
      String path = "values[" + i + "]";
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        problems.add(path, "expected a text, number or boolean, got %s", Values.kindOf(v));
        continue;
      }
      if (v instanceof Number number && !Double.isFinite(number.doubleValue())) {
        problems.add(path, "expected a finite number, got %s", v);
        continue;
      }
      for (int j = 0; j < i; j++) {
        if (Values.same(values().get(j), v)) {
          problems.add(path, "%s repeats values[%s]", Values.describe(v), j);
          break;
        }
      }
      Optional<Object> normal = problems.normalized(path, v);
      if (normal.isPresent()) {
        changed |= normal.get().getClass() != v.getClass();
        canonical.add(normal.get());
      }
    }
    problems.throwIfAny(subject());
    return changed ? builder().from(this).values(canonical.build()).build() : this;
  }

  /**
   * Builds an {@link AllowedValues} rule.
   *
   * <p>Required: {@link AllowedValues#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableAllowedValues.Builder {
    Builder() {}
  }
}
