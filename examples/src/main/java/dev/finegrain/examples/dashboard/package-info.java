/**
 * The weekly KPI dashboard: generated orders, tickets, listing audits and sessions; KPIs per week
 * and channel with targets and trends; the month rolled up member, team, shop; bonuses from a
 * payout plan; an optional self-contained HTML report.
 */
package dev.finegrain.examples.dashboard;
