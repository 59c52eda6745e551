/**
 * finegrain-kpi: KPI definitions as data ({@link dev.finegrain.kpi.Kpi}, {@link dev.finegrain.kpi.Measure},
 * {@link dev.finegrain.kpi.EcommerceKpis}), run by {@link dev.finegrain.kpi.Kpis} over rows or columns
 * into a {@link dev.finegrain.kpi.KpiTable} with targets, status and trends. The mergeable
 * accumulators behind every measure are in {@code kpi.accumulator}; A/B tests in
 * {@code kpi.experiment}; payout plans in {@code kpi.incentive}.
 */
@KpiStyle
package dev.finegrain.kpi;

import dev.finegrain.kpi.internal.KpiStyle;
