package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * At least one of the conditions holds (false when there are none); in JSON
 * {@code {"type": "or", "conditions": [...]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableOr.class)
@JsonDeserialize(as = ImmutableOr.class)
public abstract non-sealed class Or implements Condition {
  Or() {}

  /**
   * The conditions of which one must hold; none means false.
   *
   * @return the conditions, in order
   */
  public abstract List<Condition> conditions();

  @Override
  public boolean test(FieldSource source) {
    return conditions().stream().anyMatch(c -> c.test(source));
  }

  @Override
  public List<String> fields() {
    return conditions().stream().flatMap(c -> c.fields().stream()).distinct().collect(Collectors.toUnmodifiableList());
  }

  /** How deep this condition nests, counting itself. */
  @Value.Lazy
  int depth() {
    return Conditions.depthAbove(conditions());
  }

  @Value.Check
  void checkDepth() {
    Conditions.checkDepth(this, "or");
  }

  @Override
  public String toString() {
    if (conditions().isEmpty()) {
      return "false";
    }
    return conditions().size() == 1 ? conditions().get(0).toString()
        : conditions().stream().map(Condition::toString).collect(Collectors.joining(" or ", "(", ")"));
  }
}
