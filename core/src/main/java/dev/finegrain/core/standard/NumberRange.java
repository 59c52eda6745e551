package dev.finegrain.core.standard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.ExactDecimals;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A number must be within {@code min..max}, both inclusive; whole numbers and decimals compare by
 * value. In JSON {@code {"type": "number-range", "field": "width", "min": 800}}; at least one bound,
 * each finite. Bounds are held like field values: whole numbers as {@code Long}, others as
 * {@code Double}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNumberRange.class)
@JsonDeserialize(as = ImmutableNumberRange.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract non-sealed class NumberRange extends FieldRule {
  NumberRange() {}

  /**
   * The smallest number allowed. Optional: no lower bound when absent.
   *
   * @return the smallest number allowed
   */
  @JsonDeserialize(contentUsing = ExactDecimals.ForNumber.class)
  public abstract Optional<Number> min();

  /**
   * The largest number allowed. Optional: no upper bound when absent.
   *
   * @return the largest number allowed
   */
  @JsonDeserialize(contentUsing = ExactDecimals.ForNumber.class)
  public abstract Optional<Number> max();

  @Override
  public final String type() {
    return "number-range";
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
    if (!(value instanceof Number)) {
      out.wrongKind(path, "a number", value);
      return;
    }
    Optional<Integer> belowMin = min().flatMap(m -> Values.compare(value, m));
    Optional<Integer> aboveMax = max().flatMap(m -> Values.compare(value, m));
    if ((min().isPresent() && belowMin.isEmpty()) || (max().isPresent() && aboveMax.isEmpty())) {
      out.report(path, value + " is not a comparable number", value);
    } else if (belowMin.isPresent() && belowMin.get() < 0) {
      out.report(path, value + " is below the minimum " + min().get(), value);
    } else if (aboveMax.isPresent() && aboveMax.get() > 0) {
      out.report(path, value + " is above the maximum " + max().get(), value);
    }
  }

  @Override
  public NumberRange withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public NumberRange withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  NumberRange normalize() {
    Problems problems = commonProblems();
    Bounds.checkNumbers(problems, min(), max());
    problems.throwIfAny(subject());
    Optional<Number> min = min().map(m -> (Number) Values.normalize("min", m));
    Optional<Number> max = max().map(m -> (Number) Values.normalize("max", m));
    if (sameClass(min, min()) && sameClass(max, max())) {
      return this;
    }
    return builder().from(this).min(min).max(max).build();
  }

  private static boolean sameClass(Optional<Number> a, Optional<Number> b) {
    return a.map(Object::getClass).equals(b.map(Object::getClass));
  }

  /**
   * Builds a {@link NumberRange} rule.
   *
   * <p>Required: {@link NumberRange#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableNumberRange.Builder {
    Builder() {}
  }
}
