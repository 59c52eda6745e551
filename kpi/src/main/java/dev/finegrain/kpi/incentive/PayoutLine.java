package dev.finegrain.kpi.incentive;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * One line of a payout's explanation: a gate with its value and verdict, the base, a rule with the
 * tier or formula it applied and its amount, or the total cap. The amounts of a payout's lines add
 * up to its total.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class PayoutLine {
  PayoutLine() {}

  /**
   * What the line explains.
   *
   * @since 0.1
   */
  public enum Kind {
    /** A gate: {@link #passed()} says whether it held; amount 0. */
    GATE,
    /** The member's base, paid when every gate passes. */
    BASE,
    /** A rule's amount, after the rule's own cap. */
    RULE,
    /** The total cap: a negative amount that brings the total down to the cap. */
    CAP;
  }

  /** {@return what the line is: a gate, the base, a rule or the cap} */
  public abstract Kind kind();

  /** {@return the rule id for a rule, the KPI id for a gate, {@code base} or {@code cap}} */
  public abstract String subject();

  /** {@return the KPI the line read, for gates and rules} */
  public abstract Optional<String> kpi();

  /** {@return the member's value of {@link #kpi()}; empty when the member has none (or for base and cap)} */
  public abstract OptionalDouble value();

  /**
   * {@return what the line adds to the total, rounded to the plan's decimals; 0 for gates, negative for a cap that bit}
   */
  public abstract BigDecimal amount();

  /** {@return for a gate, whether it held; true for every other line} */
  public abstract boolean passed();

  /** {@return the line as people read it, such as {@code tier 'gold' on on-time-rate 98% (>= 98%: 1,500.00)}} */
  public abstract String text();

  static ImmutablePayoutLine.Builder builder() {
    return ImmutablePayoutLine.builder();
  }

  @Override
  public String toString() {
    return text();
  }
}
