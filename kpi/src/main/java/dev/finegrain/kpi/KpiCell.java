package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One KPI's value in one row of a result: the value (empty for an empty group or a zero
 * denominator, never 0 or NaN), the numerator and denominator of a ratio, the sample size, the
 * status against the target, the change from the previous window, and whether the sample is small.
 */
@JsonPropertyOrder({"kpi", "value", "numerator", "denominator", "sampleSize", "status", "delta", "smallSample"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public final class KpiCell {
  private final String kpi;
  private final OptionalDouble value;
  private final OptionalDouble numerator;
  private final OptionalDouble denominator;
  private final long sampleSize;
  private final Status status;
  private final OptionalDouble delta;
  private final boolean smallSample;

  KpiCell(String kpi, OptionalDouble value, OptionalDouble numerator, OptionalDouble denominator, long sampleSize,
      Status status, OptionalDouble delta, boolean smallSample) {
    this.kpi = kpi;
    this.value = value;
    this.numerator = numerator;
    this.denominator = denominator;
    this.sampleSize = sampleSize;
    this.status = status;
    this.delta = delta;
    this.smallSample = smallSample;
  }

  KpiCell withDelta(OptionalDouble newDelta) {
    return new KpiCell(kpi, value, numerator, denominator, sampleSize, status, newDelta, smallSample);
  }

  /** The KPI's id. */
  @JsonProperty
  public String kpi() {
    return kpi;
  }

  /** The value; empty when undefined (no records, a zero denominator, an empty input of a derived KPI). */
  @JsonProperty
  public OptionalDouble value() {
    return value;
  }

  /** A ratio's numerator; empty for other measures. */
  @JsonProperty
  public OptionalDouble numerator() {
    return numerator;
  }

  /** A ratio's denominator; empty for other measures. */
  @JsonProperty
  public OptionalDouble denominator() {
    return denominator;
  }

  /** How many records (or values) the value is computed from; for a derived KPI the smallest of its inputs'. */
  @JsonProperty
  public long sampleSize() {
    return sampleSize;
  }

  /** The status against the KPI's target; {@link Status#UNKNOWN} without a target or a value. */
  @JsonProperty
  public Status status() {
    return status;
  }

  /** The value minus the value of the same row in the previous window; empty when either is empty. */
  @JsonProperty
  public OptionalDouble delta() {
    return delta;
  }

  /** Whether {@link #sampleSize()} is below the query's small-sample threshold. */
  @JsonProperty
  public boolean smallSample() {
    return smallSample;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KpiCell)) {
      return false;
    }
    KpiCell c = (KpiCell) o;
    return kpi.equals(c.kpi) && value.equals(c.value) && numerator.equals(c.numerator)
        && denominator.equals(c.denominator) && sampleSize == c.sampleSize && status == c.status
        && delta.equals(c.delta) && smallSample == c.smallSample;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kpi, value, numerator, denominator, sampleSize, status, delta, smallSample);
  }

  @Override
  public String toString() {
    return kpi + "=" + (value.isPresent() ? value.getAsDouble() : "empty") + " (n=" + sampleSize + ", " + status
        + (delta.isPresent() ? ", delta " + delta.getAsDouble() : "") + (smallSample ? ", small sample" : "") + ")";
  }
}
