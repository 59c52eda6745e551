package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import org.immutables.value.Value;

/**
 * The sum of a numeric field; in JSON {@code {"type": "sum", "field": "amountCents"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSumMeasure.class)
@JsonDeserialize(as = ImmutableSumMeasure.class)
public abstract non-sealed class SumMeasure implements Measure {
  SumMeasure() {}

  /** {@return the numeric field summed} */
  public abstract String field();

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  void check() {
    new Problems().check(!field().isBlank(), "field", "must not be blank").throwIfAny("sum measure");
  }

  @Override
  public String toString() {
    return "sum(" + field() + ")";
  }
}
