package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.finegrain.core.condition.Condition;
import java.util.List;

/**
 * What a KPI aggregates over the records that pass its filter. In JSON each measure has a
 * {@code type}:
 *
 * <table>
 *   <caption>Measures</caption>
 *   <tr><th>type</th><th>value</th><th>kept while aggregating</th></tr>
 *   <tr><td>{@code count}</td><td>number of records</td><td>a count</td></tr>
 *   <tr><td>{@code sum}</td><td>sum of a field</td><td>an exact sum</td></tr>
 *   <tr><td>{@code mean}</td><td>mean of a field</td><td>a count and an exact sum (the public
 *       {@link dev.finegrain.kpi.accumulator.MeanVariance} accumulator keeps count, mean and variance)</td></tr>
 *   <tr><td>{@code ratio}</td><td>numerator / denominator, each a count or a sum with its own filter</td>
 *       <td>the pair; divided only at the end; empty when the denominator is 0</td></tr>
 *   <tr><td>{@code quantile}</td><td>nearest-rank quantile of a whole-number field</td>
 *       <td>a mergeable histogram, exact or with a stated relative error</td></tr>
 *   <tr><td>{@code distinct}</td><td>number of distinct values of a field</td><td>the exact set</td></tr>
 *   <tr><td>{@code derived}</td><td>a {@link Formula} over other KPIs of the same query</td>
 *       <td>nothing: computed from their values</td></tr>
 * </table>
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableCountMeasure.class, name = "count"),
    @JsonSubTypes.Type(value = ImmutableSumMeasure.class, name = "sum"),
    @JsonSubTypes.Type(value = ImmutableMeanMeasure.class, name = "mean"),
    @JsonSubTypes.Type(value = ImmutableRatioMeasure.class, name = "ratio"),
    @JsonSubTypes.Type(value = ImmutableQuantileMeasure.class, name = "quantile"),
    @JsonSubTypes.Type(value = ImmutableDistinctMeasure.class, name = "distinct"),
    @JsonSubTypes.Type(value = ImmutableDerivedMeasure.class, name = "derived"),
})
public sealed interface Measure
    permits CountMeasure, SumMeasure, MeanMeasure, RatioMeasure, QuantileMeasure, DistinctMeasure, DerivedMeasure {
  /** {@return the record fields this measure reads (not counting the KPI's filter)} */
  List<String> fields();

  /** {@return Number of records} */
  static Measure count() {
    return ImmutableCountMeasure.builder().build();
  }

  /**
   * Sum of {@code field}, a number field (not an instant: sum a duration derived from two).
   *
   * @param field the field's name
   * @return Sum of {@code field}
   */
  static Measure sum(String field) {
    return ImmutableSumMeasure.builder().field(field).build();
  }

  /**
   * Mean of {@code field}, a number field (not an instant: average a duration derived from two).
   *
   * @param field the field's name
   * @return Mean of {@code field}
   */
  static Measure mean(String field) {
    return ImmutableMeanMeasure.builder().field(field).build();
  }

  /**
   * {@code numerator / denominator}, kept as the pair.
   *
   * @param numerator the top of the ratio
   * @param denominator the bottom of the ratio
   * @return {@code numerator / denominator}, kept as the pair
   */
  static Measure ratio(RatioTerm numerator, RatioTerm denominator) {
    return ImmutableRatioMeasure.builder().numerator(numerator).denominator(denominator).build();
  }

  /**
   * The share of records that pass {@code condition}: a count ratio.
   *
   * @param condition the condition a record must pass
   * @return the share of records that pass {@code condition}: a count ratio
   */
  static Measure share(Condition condition) {
    return ratio(RatioTerm.count(condition), RatioTerm.count());
  }

  /**
   * The exact nearest-rank quantile {@code q} (0 &lt; q &le; 1) of a whole-number field (not an
   * instant: take it of a duration, such as {@code (shippedAt - createdAt) // 1h}).
   *
   * @param field the field's name
   * @param q the quantile, 0 (exclusive) to 1 (inclusive)
   * @return the exact nearest-rank quantile {@code q} (0 &lt; q &le; 1) of a whole-number field
   */
  static Measure quantile(String field, double q) {
    return ImmutableQuantileMeasure.builder().field(field).q(q).build();
  }

  /**
   * Number of distinct values of {@code field}.
   *
   * @param field the field's name
   * @return Number of distinct values of {@code field}
   */
  static Measure distinct(String field) {
    return ImmutableDistinctMeasure.builder().field(field).build();
  }

  /**
   * A formula over other KPIs of the same query, such as {@code gmv - refunds}.
   *
   * @param formula the formula's text
   * @return a formula over other KPIs of the same query, such as {@code gmv - refunds}
   */
  static Measure derived(String formula) {
    return ImmutableDerivedMeasure.builder().formula(Formula.parse(formula)).build();
  }
}
