package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.ConstantJson;
import dev.finegrain.core.internal.Values;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code field == value}; in JSON {@code {"type": "equals", "field": "category", "value": "food"}}, an
 * instant written {@code {"$instant": "2026-03-01T08:00:00Z"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEquals.class)
@JsonDeserialize(as = ImmutableEquals.class)
public abstract non-sealed class Equals implements Condition {
  Equals() {}

  /**
   * The field the condition reads. Required.
   *
   * @return the field path, such as {@code category}
   */
  public abstract String field();

  /**
   * A text, number, boolean or instant. Required.
   *
   * @return a text ({@code String}), number ({@code Long} or {@code Double}), {@code Boolean} or {@code Instant}
   */
  @JsonSerialize(using = ConstantJson.Writer.class)
  @JsonDeserialize(using = ConstantJson.Reader.class)
  public abstract Object value();

  @Override
  public boolean test(FieldSource source) {
    return source.field(field()).map(v -> Values.same(v, value())).orElse(false);
  }

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  Equals normalize() {
    Conditions.checkField(field(), "equals");
    Object v = Conditions.constant("value", value(), "equals");
    return v.equals(value()) && v.getClass() == value().getClass() ? this
        : ImmutableEquals.builder().from(this).value(v).build();
  }

  @Override
  public String toString() {
    return field() + " == " + Values.describe(value());
  }
}
