/**
 * finegrain-kpi: KPI definitions as data, aggregated by mergeable accumulators over rows or
 * columns. Its types land with the KPI issue; the module builds and is exported now.
 */
package dev.finegrain.kpi;
