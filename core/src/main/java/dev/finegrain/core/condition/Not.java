package dev.finegrain.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * The condition does not hold; in JSON {@code {"type": "not", "condition": {...}}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNot.class)
@JsonDeserialize(as = ImmutableNot.class)
public abstract non-sealed class Not implements Condition {
  Not() {}

  /**
   * The condition that must not hold. Required.
   *
   * @return the negated condition
   */
  public abstract Condition condition();

  @Override
  public boolean test(FieldSource source) {
    return !condition().test(source);
  }

  @Override
  public List<String> fields() {
    return condition().fields();
  }

  /** How deep this condition nests, counting itself. */
  @Value.Lazy
  int depth() {
    return Conditions.depthAbove(List.of(condition()));
  }

  @Value.Check
  void checkDepth() {
    Conditions.checkDepth(this, "not");
  }

  @Override
  public String toString() {
    return "not " + condition();
  }
}
