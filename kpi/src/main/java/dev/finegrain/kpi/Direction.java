package dev.finegrain.kpi;

/**
 * Which way a KPI improves; status against a target and trends read it.
 *
 * @since 0.1
 */
public enum Direction {
  /** More is better: on-time shipping rate, conversion rate, CSAT. */
  HIGHER_IS_BETTER,
  /** Less is better: oversell rate, return rate, first-response time. */
  LOWER_IS_BETTER;
}
