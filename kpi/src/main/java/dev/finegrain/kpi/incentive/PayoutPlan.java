package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A payout plan for bonuses and commissions, as data: gates that must all pass, a base, rules that
 * pay for KPI attainment, and caps.
 *
 * <pre>{@code
 * PayoutPlan plan = PayoutPlan.builder().id("ops-q3").name("Operations bonus Q3").currency("CNY")
 *     .addGate(Gate.builder().kpi("info-accuracy").op(Comparison.GE).threshold(0.98)
 *         .format(ValueFormat.PERCENT).build())
 *     .addRule(TieredRule.builder().id("on-time").kpi("on-time-rate").format(ValueFormat.PERCENT)
 *         .addTier(Tier.ofAmount("silver", 0.95, new BigDecimal("1000")))
 *         .addTier(Tier.ofAmount("gold", 0.98, new BigDecimal("1500"))).build())
 *     .cap(new BigDecimal("3000"))
 *     .build();
 * Payout ma = plan.evaluateNumbers("ma", Map.of("info-accuracy", 0.991, "on-time-rate", 0.972));
 * ma.total();      // 1000.00
 * ma.toString();   // ma: 1,000.00 CNY = tier 'silver' on on-time-rate 97.2% (>= 95%: 1,000.00); gate ...
 * }</pre>
 *
 * <p>Evaluation: every gate is checked against the member's values; if one fails, or its KPI has
 * no value, the member gets nothing, and the payout says which gate and why. Otherwise the member
 * gets the base ({@code memberBase} for them, else {@code base}) plus each rule's amount (each
 * rounded half-up to {@code decimals}, then limited by the rule's cap), limited by the plan's
 * {@code cap}. A rule whose KPI has no value pays nothing and says so; it is never computed as 0.
 *
 * <p>Every amount, cap, base and multiplier in a plan, its rules and tiers is at least 0, below
 * 10^15 and has at most 12 decimals (amounts of the plan itself at most its {@code decimals}); others
 * are refused when built, with their path, so that no evaluation meets an amount such as
 * {@code 1E+999999999} whose rounding would take gigabytes.
 *
 * <p>JSON:
 *
 * <pre>{@code
 * {"id": "ops-q3", "name": "Operations bonus Q3", "currency": "CNY", "decimals": 2, "base": 0,
 *  "memberBase": {},
 *  "gates": [{"kpi": "info-accuracy", "op": ">=", "threshold": 0.98, "format": "percent"}],
 *  "rules": [{"type": "tiered", "id": "on-time", "kpi": "on-time-rate", "direction": "HIGHER_IS_BETTER",
 *             "format": "percent", "tiers": [{"name": "silver", "threshold": 0.95, "amount": 1000},
 *                                            {"name": "gold", "threshold": 0.98, "amount": 1500}]},
 *            {"type": "linear", "id": "conversion", "kpi": "conversion-rate", "threshold": 0.03,
 *             "per": 0.001, "amount": 50, "cap": 800, "format": "percent"}],
 *  "cap": 3000}
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePayoutPlan.class)
@JsonDeserialize(as = ImmutablePayoutPlan.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class PayoutPlan {
  PayoutPlan() {}

  private static final int MAX_DECIMALS = 6;

  /** {@return the plan's id; required} */
  public abstract String id();

  /** {@return the name people read; required} */
  public abstract String name();

  /** {@return the currency or unit of every amount, such as {@code CNY}, {@code EUR} or {@code points}} */
  public abstract String currency();

  /** {@return decimal places of the currency: amounts are rounded half-up to these; 2 unless set, 0 to 6} */
  @Value.Default
  public int decimals() {
    return 2;
  }

  /**
   * {@return the amount paid to every member who passes the gates, unless {@link #memberBase()} has their own; 0 unless
   * set}
   */
  @Value.Default
  public BigDecimal base() {
    return BigDecimal.ZERO;
  }

  /**
   * {@return member id to that member's base, overriding {@link #base()}; multiplier tiers multiply it too; none unless
   * added}
   */
  public abstract Map<String, BigDecimal> memberBase();

  /** {@return the conditions that must all hold before anything is paid; none unless added} */
  public abstract List<Gate> gates();

  /** {@return the rules, each paying for one KPI; their ids are unique; none unless added} */
  public abstract List<PayoutRule> rules();

  /** {@return the most one member is paid in total, if limited; at least 0} */
  public abstract Optional<BigDecimal> cap();

  /**
   * The base of {@code memberId}: their own, else the plan's.
   *
   * @param memberId the member's id
   * @return the base of {@code memberId}: their own, else the plan's
   */
  public BigDecimal baseOf(String memberId) {
    return memberBase().getOrDefault(memberId, base());
  }

  /** {@return a builder of a payout plan, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The payout of one member for one period.
   *
   * @param kpiValues KPI id to the member's value; an absent key, an empty value, NaN or an
   *     infinity all mean "no value"
   *
   * @param memberId the member's id
   * @return the payout of one member for one period
   */
  public Payout evaluate(String memberId, Map<String, OptionalDouble> kpiValues) {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(kpiValues, "kpiValues");
    List<PayoutLine> lines = new ArrayList<>();
    boolean passed = true;
    for (Gate gate : gates()) {
      PayoutLine line = gateLine(gate, valueOf(kpiValues, gate.kpi()));
      passed &= line.passed();
      lines.add(line);
    }
    ImmutablePayout.Builder payout = Payout.builder().memberId(memberId).currency(currency()).gatesPassed(passed);
    if (!passed) {
      return payout.total(Money.round(BigDecimal.ZERO, decimals())).lines(lines).build();
    }
    List<PayoutLine> paid = new ArrayList<>();
    BigDecimal base = Money.round(baseOf(memberId), decimals());
    if (base.signum() > 0) {
      paid.add(PayoutLine.builder().kind(PayoutLine.Kind.BASE).subject("base").amount(base).passed(true)
          .text("base " + Money.format(base)).build());
    }
    for (PayoutRule rule : rules()) {
      paid.add(ruleLine(rule, valueOf(kpiValues, rule.kpi()), baseOf(memberId)));
    }
    BigDecimal total = paid.stream().map(PayoutLine::amount).reduce(Money.round(BigDecimal.ZERO, decimals()),
        BigDecimal::add);
    if (cap().isPresent() && total.compareTo(cap().get()) > 0) {
      BigDecimal capped = Money.round(cap().get(), decimals());
      paid.add(PayoutLine.builder().kind(PayoutLine.Kind.CAP).subject("cap").amount(capped.subtract(total))
          .passed(true).text("total capped at " + Money.format(capped) + " (uncapped " + Money.format(total) + ")")
          .build());
      total = capped;
    }
    return payout.total(total).addAllLines(lines).addAllLines(paid).build();
  }

  /**
   * {@link #evaluate} for plain numbers; a null value, NaN or an infinity means "no value".
   *
   * @param memberId the member's id
   * @param kpiValues KPI id to the member's value, empty when undefined
   * @return {@link #evaluate} for plain numbers; a null value, NaN or an infinity means "no value"
   */
  public Payout evaluateNumbers(String memberId, Map<String, ? extends Number> kpiValues) {
    Objects.requireNonNull(kpiValues, "kpiValues");
    Map<String, OptionalDouble> values = new LinkedHashMap<>();
    kpiValues.forEach((kpi, v) -> values.put(kpi, v == null ? OptionalDouble.empty() : OptionalDouble.of(v.doubleValue())));
    return evaluate(memberId, values);
  }

  /**
   * The payouts of several members, in the iteration order of {@code valuesByMember}.
   *
   * @param valuesByMember member id to that member's KPI values (KPI id to value, empty when undefined)
   * @return the payouts of several members, in the iteration order of {@code valuesByMember}
   */
  public List<Payout> evaluateTeam(Map<String, ? extends Map<String, OptionalDouble>> valuesByMember) {
    Objects.requireNonNull(valuesByMember, "valuesByMember");
    List<Payout> payouts = new ArrayList<>();
    valuesByMember.forEach((member, values) -> payouts.add(evaluate(member, values)));
    return List.copyOf(payouts);
  }

  /**
   * The payouts of every member of {@code team}, in team order; a member missing from
   * {@code valuesByMember} has no values, so fails any gate and earns from no rule.
   *
   * @param team the team whose members are paid
   * @param valuesByMember member id to that member's KPI values (KPI id to value, empty when undefined)
   * @return the payouts of every member of {@code team}, in team order; a member missing from {@code valuesByMember}
   *     has no values, so fails any gate and earns from no rule
   */
  public List<Payout> evaluateTeam(Team team, Map<String, ? extends Map<String, OptionalDouble>> valuesByMember) {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(valuesByMember, "valuesByMember");
    List<Payout> payouts = new ArrayList<>();
    for (Member member : team.members()) {
      Map<String, OptionalDouble> values = valuesByMember.get(member.id());
      payouts.add(evaluate(member.id(), values == null ? Map.of() : values));
    }
    return List.copyOf(payouts);
  }

  private static OptionalDouble valueOf(Map<String, OptionalDouble> values, String kpi) {
    OptionalDouble v = values.get(kpi);
    return v == null || v.isEmpty() || !Double.isFinite(v.getAsDouble()) ? OptionalDouble.empty() : v;
  }

  private PayoutLine gateLine(Gate gate, OptionalDouble value) {
    ImmutablePayoutLine.Builder line = PayoutLine.builder().kind(PayoutLine.Kind.GATE).subject(gate.kpi())
        .kpi(gate.kpi()).value(value).amount(Money.round(BigDecimal.ZERO, decimals()));
    if (value.isEmpty()) {
      return line.passed(false).text("gate " + gate.kpi() + " has no value, so it fails").build();
    }
    boolean passes = gate.passes(value.getAsDouble());
    return line.passed(passes).text("gate " + gate.kpi() + " " + gate.format().format(value.getAsDouble()) + " "
        + gate.op() + " " + gate.format().format(gate.threshold()) + (passes ? " passed" : " failed")).build();
  }

  private PayoutLine ruleLine(PayoutRule rule, OptionalDouble value, BigDecimal base) {
    ImmutablePayoutLine.Builder line = PayoutLine.builder().kind(PayoutLine.Kind.RULE).subject(rule.id())
        .kpi(rule.kpi()).value(value).passed(true);
    if (value.isEmpty()) {
      return line.amount(Money.round(BigDecimal.ZERO, decimals()))
          .text(Money.format(Money.round(BigDecimal.ZERO, decimals())) + " on " + rule.kpi() + ": no value, so rule '"
              + rule.id() + "' pays nothing")
          .build();
    }
    double v = value.getAsDouble();
    BigDecimal amount;
    String text;
    if (rule instanceof LinearRule linear) {
      boolean higher = linear.direction() == Direction.HIGHER_IS_BETTER;
      BigDecimal beyond = higher ? BigDecimal.valueOf(v).subtract(BigDecimal.valueOf(linear.threshold()))
          : BigDecimal.valueOf(linear.threshold()).subtract(BigDecimal.valueOf(v));
      amount = beyond.signum() <= 0 ? Money.round(BigDecimal.ZERO, decimals())
          : Money.round(beyond.divide(BigDecimal.valueOf(linear.per()), MathContext.DECIMAL128)
              .multiply(linear.amount()), decimals());
      String formula = Money.format(Money.round(linear.amount(), Math.max(decimals(), linear.amount().scale())))
          + " per " + linear.format().formatStep(linear.per()) + (higher ? " above " : " below ")
          + linear.format().format(linear.threshold());
      text = "linear on " + linear.kpi() + " " + linear.format().format(v) + " (" + formula
          + (beyond.signum() <= 0 ? (higher ? ": not above" : ": not below") : "") + ")";
    } else {
      TieredRule tiered = (TieredRule) rule;
      Optional<Tier> reached = tiered.tierFor(v);
      String shown = tiered.kpi() + " " + tiered.format().format(v);
      if (reached.isEmpty()) {
        Tier first = tiered.tiers().get(0);
        amount = Money.round(BigDecimal.ZERO, decimals());
        text = "no tier on " + shown + " (first tier '" + first.name() + "' " + tiered.reachSymbol() + " "
            + tiered.format().format(first.threshold()) + "): " + Money.format(amount);
      } else {
        Tier tier = reached.get();
        String band = tiered.reachSymbol() + " " + tiered.format().format(tier.threshold()) + ": ";
        if (tier.amount().isPresent()) {
          amount = Money.round(tier.amount().get(), decimals());
          text = "tier '" + tier.name() + "' on " + shown + " (" + band + Money.format(amount) + ")";
        } else {
          amount = Money.round(tier.multiplier().get().multiply(base), decimals());
          text = "tier '" + tier.name() + "' on " + shown + " (" + band + tier.multiplier().get().toPlainString()
              + " x base " + Money.format(Money.round(base, decimals())) + " = " + Money.format(amount) + ")";
        }
      }
    }
    if (rule.cap().isPresent() && amount.compareTo(rule.cap().get()) > 0) {
      BigDecimal capped = Money.round(rule.cap().get(), decimals());
      text += " capped at " + Money.format(capped) + " (uncapped " + Money.format(amount) + ")";
      amount = capped;
    }
    if (rule instanceof LinearRule) {
      text = Money.format(amount) + " " + text;   // a linear line leads with what it pays, after its cap
    }
    return line.amount(amount).text(text).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.checkNotBlank("name", name());
    problems.checkNotBlank("currency", currency());
    problems.check(decimals() >= 0 && decimals() <= MAX_DECIMALS, "decimals", "must be 0 to %s, got %s",
        MAX_DECIMALS, decimals());
    checkMoney(problems, "base", base());
    memberBase().forEach((member, amount) -> checkMoney(problems, "memberBase." + member, amount));
    cap().ifPresent(c -> checkMoney(problems, "cap", c));
    Set<String> ruleIds = new HashSet<>();
    boolean anyBase = base().signum() > 0 || memberBase().values().stream().anyMatch(b -> b.signum() > 0);
    for (int i = 0; i < rules().size(); i++) {
      PayoutRule rule = rules().get(i);
      String at = "rules[" + i + "]";
      problems.check(ruleIds.add(rule.id()), at + ".id", "duplicate rule id '%s'", rule.id());
      rule.cap().ifPresent(c -> checkMoney(problems, at + ".cap", c));
      if (rule instanceof TieredRule tiered) {
        problems.check(!tiered.paysMultiples() || anyBase, at + ".tiers", "multiplier tiers multiply the base, "
            + "but the plan has no base above 0: set 'base' or 'memberBase', or pay amounts");
        for (int j = 0; j < tiered.tiers().size(); j++) {
          int tierIndex = j;
          tiered.tiers().get(j).amount()
              .ifPresent(a -> checkMoney(problems, at + ".tiers[" + tierIndex + "].amount", a));
        }
      }
    }
    problems.throwIfAny("payout plan '" + id() + "'");
  }

  private void checkMoney(Problems problems, String path, BigDecimal amount) {
    if (Money.check(problems, path, amount)) {
      problems.check(amount.stripTrailingZeros().scale() <= decimals(), path,
          "%s has more decimals than the plan's %s", amount.toPlainString(), decimals());
    }
  }

  /**
   * Builds a {@link PayoutPlan}. Attributes:
   *
   * <ul>
   *   <li>{@code id}, {@code name}, {@code currency}: required;
   *   <li>{@code decimals}: 2 unless set; {@code base}: 0 unless set;
   *   <li>{@code memberBase}, {@code gates}, {@code rules}: none unless added;
   *   <li>{@code cap}: optional.
   * </ul>
   *
   * <p>{@link #build()} checks them all and reports every problem at once.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutablePayoutPlan.Builder {
    Builder() {}

    /**
     * Builds the payout plan, checking every attribute.
     *
     * @return the payout plan
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the payout plan is
     *     not valid, listing each problem with its path
     */
    @Override
    public PayoutPlan build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
