/**
 * Implementation helpers of finegrain-kpi: primitive hash collections that let accumulators count
 * {@code long} values without boxing. Not exported; not API.
 */
package dev.finegrain.kpi.internal;
