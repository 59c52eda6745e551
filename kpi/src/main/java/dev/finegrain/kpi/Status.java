package dev.finegrain.kpi;

/**
 * How a KPI value stands against its target.
 *
 * @since 0.1
 */
public enum Status {
  /** On or better than target. */
  GREEN,
  /** Short of target, but within the amber band. */
  AMBER,
  /** Short of target by more than the amber band. */
  RED,
  /** No target, or no value (an empty group, a zero denominator). */
  UNKNOWN;
}
