package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import dev.finegrain.core.internal.ConstantJson;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * {@code field in [values]}; in JSON {@code {"type": "in", "field": "category", "values": ["food", "cosmetics"]}},
 * an instant written {@code {"$instant": "2026-03-01T08:00:00Z"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableIn.class)
@JsonDeserialize(as = ImmutableIn.class)
public abstract non-sealed class In implements Condition {
  In() {}

  /**
   * The field the condition reads. Required.
   *
   * @return the field path, such as {@code category}
   */
  public abstract String field();

  /**
   * Texts, numbers, booleans or instants; at least one. Required: an empty list is refused.
   *
   * @return texts, numbers, booleans or instants; at least one
   */
  @JsonSerialize(contentUsing = ConstantJson.Writer.class)
  @JsonDeserialize(contentUsing = ConstantJson.Reader.class)
  public abstract List<Object> values();

  @Override
  public boolean test(FieldSource source) {
    return source.field(field()).map(v -> {
      for (Object candidate : values()) {
        if (Values.same(v, candidate)) {
          return true;
        }
      }
      return false;
    }).orElse(false);
  }

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  In normalize() {
    Conditions.checkField(field(), "in");
    new Problems().check(!values().isEmpty(), "values", "at least one value is required").throwIfAny("in condition");
    ImmutableList.Builder<Object> canonical = ImmutableList.builder();
    boolean changed = false;
    for (int i = 0; i < values().size(); i++) {
      Object original = values().get(i);
      Object v = Conditions.constant("values[" + i + "]", original, "in");
      changed |= v.getClass() != original.getClass();
      canonical.add(v);
    }
    return changed ? ImmutableIn.builder().from(this).values(canonical.build()).build() : this;
  }

  @Override
  public String toString() {
    return field() + " in " + values().stream().map(Values::describe).collect(Collectors.joining(", ", "[", "]"));
  }
}
