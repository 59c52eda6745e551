package dev.finegrain.kpi.incentive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of payout plans over generated plans and KPI values. */
class PayoutProperties {
  private static final List<String> KPIS = List.of("on-time-rate", "conversion-rate", "info-accuracy");

  @Property
  void payoutIsNeverNegativeAndNeverAboveTheCap(@ForAll("cappedPlans") PayoutPlan plan,
      @ForAll("kpiValues") Map<String, OptionalDouble> values) {
    Payout payout = plan.evaluate("ma", values);

    assertTrue(payout.total().signum() >= 0, payout::toString);
    assertTrue(payout.total().compareTo(plan.cap().orElseThrow()) <= 0, payout::toString);
    assertEquals(0, payout.total().compareTo(
        payout.lines().stream().map(PayoutLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)), payout::toString);
    for (PayoutLine line : payout.lines(PayoutLine.Kind.RULE)) {
      assertTrue(line.amount().signum() >= 0, line::toString);
      PayoutRule rule = plan.rules().stream().filter(r -> r.id().equals(line.subject())).findFirst().orElseThrow();
      rule.cap().ifPresent(cap -> assertTrue(line.amount().compareTo(cap) <= 0, line::toString));
    }
  }

  @Property
  void raisingAHigherIsBetterKpiNeverLowersThePayout(@ForAll("higherIsBetterPlans") PayoutPlan plan,
      @ForAll("kpiValues") Map<String, OptionalDouble> values, @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @DoubleRange(min = 0, max = 0.5) double raise) {
    String kpi = KPIS.get(which);
    double start = values.getOrDefault(kpi, OptionalDouble.empty()).orElse(0);
    values.put(kpi, OptionalDouble.of(start));
    Map<String, OptionalDouble> raised = new HashMap<>(values);
    raised.put(kpi, OptionalDouble.of(start + raise));

    Payout before = plan.evaluate("ma", values);
    Payout after = plan.evaluate("ma", raised);

    assertTrue(after.total().compareTo(before.total()) >= 0, () -> "before: " + before + "\nafter:  " + after);
  }

  @Property
  void planRoundTripsThroughJson(@ForAll("plans") PayoutPlan plan) {
    assertEquals(plan, FinegrainJson.read(FinegrainJson.write(plan), PayoutPlan.class));
  }

  @Provide
  Arbitrary<PayoutPlan> plans() {
    return plans(Arbitraries.of(Direction.class), Arbitraries.of(true, false));
  }

  @Provide
  Arbitrary<PayoutPlan> cappedPlans() {
    return plans(Arbitraries.of(Direction.class), Arbitraries.just(true));
  }

  @Provide
  Arbitrary<PayoutPlan> higherIsBetterPlans() {
    return plans(Arbitraries.just(Direction.HIGHER_IS_BETTER), Arbitraries.of(true, false));
  }

  @Provide
  Arbitrary<Map<String, OptionalDouble>> kpiValues() {
    Arbitrary<OptionalDouble> value = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.doubles().between(0, 1.5).map(OptionalDouble::of)),
        Tuple.of(2, Arbitraries.of(0.0, 0.5, 0.9, 0.95, 0.98, 1.0).map(OptionalDouble::of)),
        Tuple.of(1, Arbitraries.just(OptionalDouble.empty())));
    return Arbitraries.maps(Arbitraries.of(KPIS), value).ofMaxSize(3).map(HashMap::new);
  }

  private static Arbitrary<BigDecimal> money() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(2);
  }

  private Arbitrary<PayoutPlan> plans(Arbitrary<Direction> directions, Arbitrary<Boolean> capped) {
    Arbitrary<BigDecimal> base = Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO), money());
    return Combinators.combine(base, capped, money(), gates(), rules(directions).list().ofMaxSize(4))
        .as((b, hasCap, cap, gates, rules) -> {
          boolean multiples = rules.stream().anyMatch(r -> r instanceof TieredRule && ((TieredRule) r).paysMultiples());
          PayoutPlan.Builder plan = PayoutPlan.builder().id("plan").name("Plan").currency("CNY")
              .base(multiples && b.signum() == 0 ? new BigDecimal("100.00") : b).gates(gates);
          for (int i = 0; i < rules.size(); i++) {
            plan.addRule(withId(rules.get(i), "r" + i));
          }
          if (hasCap) {
            plan.cap(cap);
          }
          return plan.build();
        });
  }

  private static PayoutRule withId(PayoutRule rule, String id) {
    if (rule instanceof LinearRule) {
      return LinearRule.builder().from((LinearRule) rule).id(id).build();
    }
    return TieredRule.builder().from((TieredRule) rule).id(id).build();
  }

  private static Arbitrary<List<Gate>> gates() {
    Arbitrary<Gate> gate = Combinators.combine(Arbitraries.of(KPIS), Arbitraries.of(Comparison.GE, Comparison.GT),
        Arbitraries.doubles().between(0, 1).ofScale(3), Arbitraries.of(ValueFormat.class))
        .as((kpi, op, threshold, format) -> Gate.builder().kpi(kpi).op(op).threshold(threshold).format(format).build());
    return gate.list().ofMaxSize(2);
  }

  private static Arbitrary<PayoutRule> rules(Arbitrary<Direction> directions) {
    Arbitrary<BigDecimal> cap = Arbitraries.oneOf(Arbitraries.just(BigDecimal.ONE.negate()), money());
    Arbitrary<PayoutRule> linear = Combinators.combine(Arbitraries.of(KPIS), directions,
        Arbitraries.doubles().between(0, 1).ofScale(3), Arbitraries.of(0.001, 0.01, 0.05, 1.0),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(2), cap,
        Arbitraries.of(ValueFormat.class))
        .as((kpi, direction, threshold, per, amount, c, format) -> {
          LinearRule.Builder rule = LinearRule.builder().id("r").kpi(kpi).direction(direction).threshold(threshold)
              .per(per).amount(amount).format(format);
          if (c.signum() >= 0) {
            rule.cap(c);
          }
          return rule.build();
        });
    Arbitrary<PayoutRule> tiered = Combinators.combine(Arbitraries.of(KPIS), directions,
        Arbitraries.doubles().between(0, 1.2).ofScale(3).set().ofMinSize(1).ofMaxSize(4),
        money().list().ofSize(4), Arbitraries.of(true, false), cap)
        .as((kpi, direction, thresholds, pays, multiples, c) -> {
          List<Double> sorted = new ArrayList<>(thresholds);
          sorted.sort(direction == Direction.HIGHER_IS_BETTER ? null : Comparator.reverseOrder());
          List<BigDecimal> amounts = new ArrayList<>(pays.subList(0, sorted.size()));
          amounts.sort(null);
          TieredRule.Builder rule = TieredRule.builder().id("r").kpi(kpi).direction(direction);
          for (int i = 0; i < sorted.size(); i++) {
            BigDecimal pay = amounts.get(i);
            rule.addTier(multiples ? Tier.ofMultiplier("t" + i, sorted.get(i), pay.movePointLeft(3))
                : Tier.ofAmount("t" + i, sorted.get(i), pay));
          }
          if (c.signum() >= 0) {
            rule.cap(c);
          }
          return rule.build();
        });
    return Arbitraries.oneOf(linear, tiered);
  }
}
