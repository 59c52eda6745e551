package dev.finegrain.core.condition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.ConstantJson;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code field op value} or {@code field op otherField}; in JSON
 * {@code {"type": "compare", "field": "price", "op": ">=", "value": 10}} or
 * {@code {"type": "compare", "field": "shippedAt", "op": "<=", "otherField": "promisedShipBy"}}.
 * Numbers compare by value, texts alphabetically, instants in time order; an instant constant is written
 * {@code {"$instant": "2026-03-01T08:00:00Z"}}, as in an artifact.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCompare.class)
@JsonDeserialize(as = ImmutableCompare.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract non-sealed class Compare implements Condition {
  Compare() {}

  /**
   * The left operand. Required.
   *
   * @return the field path, such as {@code price}
   */
  public abstract String field();

  /**
   * How the operands compare. Required.
   *
   * @return the comparison
   */
  public abstract Comparison op();

  /**
   * The constant to compare with, a text, number, boolean or instant; exactly one of this and
   * {@link #otherField()}. Optional: give this or otherField, not both.
   *
   * @return the constant to compare with; exactly one of this and {@link #otherField()}
   */
  @JsonSerialize(contentUsing = ConstantJson.Writer.class)
  @JsonDeserialize(contentUsing = ConstantJson.Reader.class)
  public abstract Optional<Object> value();

  /**
   * The field to compare with; exactly one of this and {@link #value()}.
   * Optional: give this or value, not both.
   *
   * @return the field to compare with; exactly one of this and {@link #value()}
   */
  public abstract Optional<String> otherField();

  @Override
  public boolean test(FieldSource source) {
    Optional<Object> left = source.field(field());
    if (left.isEmpty()) {
      return false;
    }
    Optional<Object> right = value().isPresent() ? value() : source.field(otherField().get());
    if (right.isEmpty()) {
      return false;
    }
    return Values.compare(left.get(), right.get()).map(op()::holds).orElse(false);
  }

  @Override
  public List<String> fields() {
    return otherField().isPresent() ? List.of(field(), otherField().get()) : List.of(field());
  }

  @Value.Check
  Compare normalize() {
    Problems problems = new Problems();
    Conditions.checkField(problems, "field", field());
    problems.check(value().isPresent() != otherField().isPresent(), "value",
        "give exactly one of 'value' and 'otherField'");
    otherField().ifPresent(other -> Conditions.checkField(problems, "otherField", other));
    problems.throwIfAny("compare condition");
    if (value().isPresent()) {
      Object v = Conditions.constant("value", value().get(), "compare");
      if (v.getClass() != value().get().getClass()) {
        return ImmutableCompare.builder().from(this).value(v).build();
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return field() + " " + op() + " " + (value().isPresent() ? Values.describe(value().get()) : otherField().get());
  }
}
