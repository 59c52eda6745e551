package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Every one of the conditions holds (true when there are none); in JSON
 * {@code {"type": "and", "conditions": [...]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAnd.class)
@JsonDeserialize(as = ImmutableAnd.class)
public abstract non-sealed class And implements Condition {
  And() {}

  /**
   * The conditions that must all hold; none means true.
   *
   * @return the conditions, in order
   */
  public abstract List<Condition> conditions();

  @Override
  public boolean test(FieldSource source) {
    return conditions().stream().allMatch(c -> c.test(source));
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
    Conditions.checkDepth(this, "and");
  }

  @Override
  public String toString() {
    if (conditions().isEmpty()) {
      return "true";
    }
    return conditions().size() == 1 ? conditions().get(0).toString()
        : conditions().stream().map(Condition::toString).collect(Collectors.joining(" and ", "(", ")"));
  }
}
