package dev.finegrain.kpi.incentive;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * What one member is paid under a {@link PayoutPlan} for a period, with every line that explains
 * it. {@code toString} reads:
 *
 * <pre>{@code
 * ma: 1,350.00 CNY = tier 'silver' on on-time-rate 97.2% (>= 95%: 1,000.00) + 350.00 linear on
 *   conversion-rate 3.7% (50.00 per 0.1 pp above 3%); gate info-accuracy 99.1% >= 98% passed
 * li: 0.00 CNY = no payout: gate info-accuracy has no value, so it fails
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class Payout {
  Payout() {}

  /** {@return the id of the member paid} */
  public abstract String memberId();

  /** {@return the plan's currency or unit of every amount} */
  public abstract String currency();

  /** {@return the amount to pay, at least 0, rounded to the plan's decimals; the sum of the lines' amounts} */
  public abstract BigDecimal total();

  /** {@return whether every gate passed; when not, the total is 0} */
  public abstract boolean gatesPassed();

  /**
   * {@return the lines of the payout: gates first, then the base, the rules in plan order, and the total cap if it bit}
   */
  public abstract List<PayoutLine> lines();

  /**
   * The lines of one kind, in order.
   *
   * @param kind the kind of line
   * @return the lines of one kind, in order
   */
  public List<PayoutLine> lines(PayoutLine.Kind kind) {
    return lines().stream().filter(l -> l.kind() == kind).collect(Collectors.toUnmodifiableList());
  }

  static ImmutablePayout.Builder builder() {
    return ImmutablePayout.builder();
  }

  @Override
  public String toString() {
    String gates = lines(PayoutLine.Kind.GATE).stream().map(PayoutLine::text).collect(Collectors.joining("; "));
    String head = memberId() + ": " + Money.format(total()) + " " + currency() + " = ";
    if (!gatesPassed()) {
      return head + "no payout: " + gates;
    }
    String amounts = lines().stream().filter(l -> l.kind() == PayoutLine.Kind.BASE || l.kind() == PayoutLine.Kind.RULE)
        .map(PayoutLine::text).collect(Collectors.joining(" + "));
    String cap = lines(PayoutLine.Kind.CAP).stream().map(l -> "; " + l.text()).collect(Collectors.joining());
    return head + (amounts.isEmpty() ? "nothing to pay" : amounts) + cap + (gates.isEmpty() ? "" : "; " + gates);
  }
}
