/**
 * Conditions: small predicates over named fields ({@code category == "food"},
 * {@code shippedAt <= promisedShipBy}) with a JSON form and a readable {@code toString}. Standards use
 * them for conditional rules, the review workflow for stage conditions, the KPI module for filters;
 * each evaluates them against its own {@link dev.finegrain.core.condition.FieldSource}.
 */
@FinegrainStyle
package dev.finegrain.core.condition;

import dev.finegrain.core.internal.FinegrainStyle;
