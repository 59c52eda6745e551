/**
 * finegrain-kpi: KPI definitions as data, aggregated by mergeable accumulators over rows or
 * columns. The accumulators — counts, sums, ratios, means and variances, quantiles, distinct
 * counts — are in {@link dev.finegrain.kpi.accumulator}; KPI definitions, targets and trends
 * land here with the KPI issue.
 */
package dev.finegrain.kpi;
