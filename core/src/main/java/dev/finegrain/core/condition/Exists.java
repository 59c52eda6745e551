package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code exists(field)}: the field is present; in JSON {@code {"type": "exists", "field": "licence"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableExists.class)
@JsonDeserialize(as = ImmutableExists.class)
public abstract non-sealed class Exists implements Condition {
  Exists() {}

  /**
   * The field the condition reads. Required.
   *
   * @return the field path, such as {@code category}
   */
  public abstract String field();

  @Override
  public boolean test(FieldSource source) {
    return source.field(field()).isPresent();
  }

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  void check() {
    Conditions.checkField(field(), "exists");
  }

  @Override
  public String toString() {
    return "exists(" + field() + ")";
  }
}
