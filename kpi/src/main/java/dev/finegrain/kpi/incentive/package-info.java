/**
 * Incentives, "bonus, commission": a {@link dev.finegrain.kpi.incentive.PayoutPlan} turns each
 * member's KPI attainment for a period into a {@link dev.finegrain.kpi.incentive.Payout} with an
 * explanation line for every figure.
 *
 * <p>A plan is data: gates ({@link dev.finegrain.kpi.incentive.Gate}, no payout unless, say,
 * {@code info-accuracy >= 0.98}), rules ({@link dev.finegrain.kpi.incentive.LinearRule},
 * {@link dev.finegrain.kpi.incentive.TieredRule}), a base and caps; it is validated when built or
 * read from JSON, with one {@link dev.finegrain.core.DefinitionException} listing every problem
 * with its path. A missing KPI value is never taken as 0: a gate without a value fails and says
 * so, a rule without a value pays nothing and says so.
 *
 * <p>Money is {@link java.math.BigDecimal}, never binary floating point: each rule's amount is
 * rounded half-up to the plan's {@code decimals} (2 unless set) before the amounts are added, so
 * the lines of a payout always add up to its total.
 */
@KpiStyle
package dev.finegrain.kpi.incentive;

import dev.finegrain.kpi.internal.KpiStyle;
