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
 *
 * @since 0.1
 */
@JsonPropertyOrder({"kpi", "value", "numerator", "denominator", "sampleSize", "status", "delta", "smallSample"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public final class KpiCell {
  // A result can hold hundreds of thousands of cells, so a cell keeps primitives and a bit per
  // optional part, and makes the OptionalDouble only when asked.
  static final int VALUE = 1;
  static final int NUMERATOR = 2;
  static final int DENOMINATOR = 4;
  static final int DELTA = 8;

  private final String kpi;
  private final int present;
  private final double value;
  private final double numerator;
  private final double denominator;
  private final long sampleSize;
  private final Status status;
  private final double delta;
  private final boolean smallSample;

  /** A cell whose optional parts are present where their bit in {@code present} is set. */
  KpiCell(String kpi, int present, double value, double numerator, double denominator, long sampleSize,
      Status status, double delta, boolean smallSample) {
    this.kpi = kpi;
    this.present = present;
    this.value = (present & VALUE) != 0 ? value : 0;
    this.numerator = (present & NUMERATOR) != 0 ? numerator : 0;
    this.denominator = (present & DENOMINATOR) != 0 ? denominator : 0;
    this.sampleSize = sampleSize;
    this.status = status;
    this.delta = (present & DELTA) != 0 ? delta : 0;
    this.smallSample = smallSample;
  }

  private OptionalDouble part(int bit, double v) {
    return (present & bit) != 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
  }

  /** {@return the KPI's id} */
  @JsonProperty
  public String kpi() {
    return kpi;
  }

  /** {@return the value; empty when undefined (no records, a zero denominator, an empty input of a derived KPI)} */
  @JsonProperty
  public OptionalDouble value() {
    return part(VALUE, value);
  }

  /** {@return a ratio's numerator; empty for other measures} */
  @JsonProperty
  public OptionalDouble numerator() {
    return part(NUMERATOR, numerator);
  }

  /** {@return a ratio's denominator; empty for other measures} */
  @JsonProperty
  public OptionalDouble denominator() {
    return part(DENOMINATOR, denominator);
  }

  /**
   * {@return how many records the value rests on, within the KPI's filter}
   *
   * <ul>
   *   <li>A count: the records counted. A sum, mean or quantile of a field: the records with a value.
   *       A distinct count: the values counted, repeats included.
   *   <li>A ratio: the records its denominator counts, not every record of the KPI. For a count the
   *       records that pass the denominator's filter (the denominator itself); for a sum those that pass
   *       it and have a value, 0 included. An on-time rate of 5 due orders among 100 rests on 5, as the
   *       share of on-time orders with the KPI filtered to due ones does. A ratio whose denominator counts
   *       no record has 0, and is empty, as a mean of no value is.
   *   <li>A derived KPI: the smallest of the KPIs its formula reads, all of them, whatever their order
   *       and whether they are empty; 0 for a formula of constants alone.
   * </ul>
   *
   * <p>A roll-up row's measured KPI rests on the records of its groups: the sum of theirs.
   */
  @JsonProperty
  public long sampleSize() {
    return sampleSize;
  }

  /** {@return the status against the KPI's target; {@link Status#UNKNOWN} without a target or a value} */
  @JsonProperty
  public Status status() {
    return status;
  }

  /** {@return the value minus the value of the same row in the previous window; empty when either is empty} */
  @JsonProperty
  public OptionalDouble delta() {
    return part(DELTA, delta);
  }

  /** {@return whether {@link #sampleSize()} is below the query's small-sample threshold} */
  @JsonProperty
  public boolean smallSample() {
    return smallSample;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KpiCell c)) {
      return false;
    }
    return kpi.equals(c.kpi) && present == c.present && Double.compare(value, c.value) == 0
        && Double.compare(numerator, c.numerator) == 0 && Double.compare(denominator, c.denominator) == 0
        && sampleSize == c.sampleSize && status == c.status && Double.compare(delta, c.delta) == 0
        && smallSample == c.smallSample;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kpi, value(), numerator(), denominator(), sampleSize, status, delta(), smallSample);
  }

  @Override
  public String toString() {
    return kpi + "=" + ((present & VALUE) != 0 ? value : "empty") + " (n=" + sampleSize + ", " + status
        + ((present & DELTA) != 0 ? ", delta " + delta : "") + (smallSample ? ", small sample" : "") + ")";
  }
}
