package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * The number of records; in JSON {@code {"type": "count"}}.
 *
 * @since 0.1
 */
@Value.Immutable(singleton = true)
@JsonSerialize(as = ImmutableCountMeasure.class)
@JsonDeserialize(as = ImmutableCountMeasure.class)
public abstract non-sealed class CountMeasure implements Measure {
  CountMeasure() {}

  @Override
  public List<String> fields() {
    return List.of();
  }

  @Override
  public String toString() {
    return "count";
  }
}
