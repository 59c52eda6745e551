/**
 * Mergeable accumulators, the foundation of every KPI aggregation: create, add, merge
 * (associative and commutative, with the fresh accumulator as identity), result, and a versioned
 * byte form. See {@link dev.finegrain.kpi.accumulator.Accumulator} for the contract and
 * {@link dev.finegrain.kpi.accumulator.Accumulators} for factories and the tag table.
 *
 * <p>Ratios keep numerator and denominator; quantiles keep a mergeable histogram or exact counts;
 * means keep count, mean and M2 — averages are never averaged. A ratio with a zero denominator,
 * a mean of nothing, a variance of one value and a quantile of nothing are empty, and say so:
 * undefined is not zero.
 */
package dev.finegrain.kpi.accumulator;
