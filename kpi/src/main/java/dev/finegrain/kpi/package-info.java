/**
 * finegrain-kpi: KPI definitions as data ({@link dev.finegrain.kpi.Kpi}, {@link dev.finegrain.kpi.Measure}),
 * aggregated by mergeable accumulators over rows or columns, with targets and status. Accumulators
 * live in {@code kpi.accumulator}.
 */
@KpiStyle
package dev.finegrain.kpi;

import dev.finegrain.kpi.internal.KpiStyle;
