package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code numerator / denominator}, aggregated as the pair and divided only at the end, so that
 * merging groups never averages ratios; empty when the denominator is 0. In JSON
 * {@code {"type": "ratio", "numerator": {...}, "denominator": {...}}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRatioMeasure.class)
@JsonDeserialize(as = ImmutableRatioMeasure.class)
public abstract non-sealed class RatioMeasure implements Measure {
  RatioMeasure() {}

  /** {@return the top of the ratio} */
  public abstract RatioTerm numerator();

  /** {@return the bottom of the ratio} */
  public abstract RatioTerm denominator();

  @Override
  public List<String> fields() {
    List<String> out = new ArrayList<>(numerator().fields());
    denominator().fields().stream().filter(f -> !out.contains(f)).forEach(out::add);
    return out;
  }

  @Override
  public String toString() {
    return "(" + numerator() + ") / (" + denominator() + ")";
  }
}
