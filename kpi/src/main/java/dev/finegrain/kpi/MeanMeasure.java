package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import org.immutables.value.Value;

/**
 * The mean of a numeric field; in JSON {@code {"type": "mean", "field": "amountCents"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMeanMeasure.class)
@JsonDeserialize(as = ImmutableMeanMeasure.class)
public abstract non-sealed class MeanMeasure implements Measure {
  MeanMeasure() {}

  /** {@return the numeric field averaged} */
  public abstract String field();

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  void check() {
    new Problems().check(!field().isBlank(), "field", "must not be blank").throwIfAny("mean measure");
  }

  @Override
  public String toString() {
    return "mean(" + field() + ")";
  }
}
