package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * Arithmetic over other KPIs of the same query, evaluated per row of the result from their
 * values: net revenue {@code gmv - refunds}. Empty when any KPI it reads is empty or a division is
 * by zero; a step whose result is beyond the range of a double fails the query with an
 * {@link ArithmeticException} naming the KPI. A cell's {@link KpiCell#sampleSize()} is the smallest of
 * every KPI the formula reads, whatever their order and whether they are empty; 0 for a formula of
 * constants alone, which rests on no records. In JSON {@code {"type": "derived", "formula": "gmv - refunds"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDerivedMeasure.class)
@JsonDeserialize(as = ImmutableDerivedMeasure.class)
public abstract non-sealed class DerivedMeasure implements Measure {
  DerivedMeasure() {}

  /** {@return the formula over other KPIs' ids, such as {@code gmv - refunds}} */
  public abstract Formula formula();

  /** {@return the ids of the KPIs the formula reads} */
  public List<String> kpis() {
    return formula().names();
  }

  /** {@return no fields: a derived measure reads other KPIs, not record fields} */
  @Override
  public List<String> fields() {
    return List.of();
  }

  @Override
  public String toString() {
    return formula().canonical();
  }
}
