package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import org.immutables.value.Value;

/**
 * The number of distinct values of a field (exact); in JSON {@code {"type": "distinct", "field": "amountCents"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDistinctMeasure.class)
@JsonDeserialize(as = ImmutableDistinctMeasure.class)
public abstract non-sealed class DistinctMeasure implements Measure {
  DistinctMeasure() {}

  /** {@return the field whose distinct values are counted} */
  public abstract String field();

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  void check() {
    new Problems().check(!field().isBlank(), "field", "must not be blank").throwIfAny("distinct measure");
  }

  @Override
  public String toString() {
    return "distinct(" + field() + ")";
  }
}
