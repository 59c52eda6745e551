package dev.finegrain.kpi.incentive;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.maps;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.sets;
import static dev.finegrain.core.testing.Theories.qt;
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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Invariants of payout plans over generated plans and KPI values. */
class PayoutProperties {
  private static final List<String> KPIS = List.of("on-time-rate", "conversion-rate", "info-accuracy");

  @Test
  void payoutIsNeverNegativeAndNeverAboveTheCap() {
    qt().forAll(cappedPlans(), kpiValues()).checkAssert((plan, values) -> {
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
    });
  }

  @Test
  void raisingAHigherIsBetterKpiNeverLowersThePayout() {
    qt().forAll(higherIsBetterPlans(), kpiValues(), ints(0, 2), doubles(0, 0.5)).checkAssert((plan, values, which,
        raise) -> {
      String kpi = KPIS.get(which);
      double start = values.getOrDefault(kpi, OptionalDouble.empty()).orElse(0);
      values.put(kpi, OptionalDouble.of(start));
      Map<String, OptionalDouble> raised = new HashMap<>(values);
      raised.put(kpi, OptionalDouble.of(start + raise));

      Payout before = plan.evaluate("ma", values);
      Payout after = plan.evaluate("ma", raised);

      assertTrue(after.total().compareTo(before.total()) >= 0, () -> "before: " + before + "\nafter:  " + after);
    });
  }

  @Test
  void planRoundTripsThroughJson() {
    qt().forAll(plans()).checkAssert(plan ->
        assertEquals(plan, FinegrainJson.read(FinegrainJson.write(plan), PayoutPlan.class)));
  }

  static Gen<PayoutPlan> plans() {
    return plans(pick(Direction.values()), booleans());
  }

  static Gen<PayoutPlan> cappedPlans() {
    return plans(pick(Direction.values()), pick(true));
  }

  static Gen<PayoutPlan> higherIsBetterPlans() {
    return plans(pick(Direction.HIGHER_IS_BETTER), booleans());
  }

  /** Values of some of the KPIs: any rate, the usual thresholds, or undefined. */
  static Gen<Map<String, OptionalDouble>> kpiValues() {
    Gen<OptionalDouble> value = Generate.frequency(List.of(
        Pair.of(8, doubles(0, 1.5).map(OptionalDouble::of)),
        Pair.of(2, pick(0.0, 0.5, 0.9, 0.95, 0.98, 1.0).map(OptionalDouble::of)),
        Pair.of(1, pick(OptionalDouble.empty()))));
    return maps(pick(KPIS), value, 3).map(map -> new HashMap<>(map));
  }

  /** Amounts from 0.00 to 5000.00, in cents. */
  private static Gen<BigDecimal> money() {
    return longs(0, 500_000).map(cents -> BigDecimal.valueOf(cents, 2));
  }

  private static Gen<PayoutPlan> plans(Gen<Direction> directions, Gen<Boolean> capped) {
    Gen<BigDecimal> base = oneOf(pick(BigDecimal.ZERO), money());
    return base.zip(capped, money(), gates(), lists(rules(directions), 4),
        (b, hasCap, cap, gates, rules) -> {
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

  private static Gen<List<Gate>> gates() {
    Gen<Gate> gate = pick(KPIS).zip(pick(Comparison.GE, Comparison.GT), doubles(0, 1, 3), pick(ValueFormat.values()),
        (kpi, op, threshold, format) -> Gate.builder().kpi(kpi).op(op).threshold(threshold).format(format).build());
    return lists(gate, 2);
  }

  private static Gen<PayoutRule> rules(Gen<Direction> directions) {
    // a negative cap stands for "no cap"
    Gen<BigDecimal> cap = oneOf(pick(BigDecimal.ONE.negate()), money());
    Gen<String> kpis = pick(KPIS);
    Gen<Double> thresholds = doubles(0, 1, 3);
    Gen<Double> pers = pick(0.001, 0.01, 0.05, 1.0);
    Gen<BigDecimal> amounts = longs(0, 10_000).map(cents -> BigDecimal.valueOf(cents, 2));
    Gen<ValueFormat> formats = pick(ValueFormat.values());
    Gen<PayoutRule> linear = in -> linear(kpis.generate(in), directions.generate(in), thresholds.generate(in),
        pers.generate(in), amounts.generate(in), cap.generate(in), formats.generate(in));
    Gen<PayoutRule> tiered = kpis.zip(directions, sets(doubles(0, 1.2, 3), 1, 4), lists(money(), 4, 4),
        TierShape::new)
        .zip(booleans(), cap, (shape, multiples, c) -> tiered(shape, multiples, c));
    return oneOf(linear, tiered);
  }

  private static PayoutRule linear(String kpi, Direction direction, double threshold, double per, BigDecimal amount,
      BigDecimal c, ValueFormat format) {
    LinearRule.Builder rule = LinearRule.builder().id("r").kpi(kpi).direction(direction).threshold(threshold)
        .per(per).amount(amount).format(format);
    if (c.signum() >= 0) {
      rule.cap(c);
    }
    return rule.build();
  }

  /** A tiered rule's KPI, direction, tier thresholds and (at least as many) tier pays. */
  private record TierShape(String kpi, Direction direction, Set<Double> thresholds, List<BigDecimal> pays) {}

  private static PayoutRule tiered(TierShape shape, boolean multiples, BigDecimal c) {
    List<Double> sorted = new ArrayList<>(shape.thresholds());
    sorted.sort(shape.direction() == Direction.HIGHER_IS_BETTER ? null : Comparator.reverseOrder());
    List<BigDecimal> amounts = new ArrayList<>(shape.pays().subList(0, sorted.size()));
    amounts.sort(null);
    TieredRule.Builder rule = TieredRule.builder().id("r").kpi(shape.kpi()).direction(shape.direction());
    for (int i = 0; i < sorted.size(); i++) {
      BigDecimal pay = amounts.get(i);
      rule.addTier(multiples ? Tier.ofMultiplier("t" + i, sorted.get(i), pay.movePointLeft(3))
          : Tier.ofAmount("t" + i, sorted.get(i), pay));
    }
    if (c.signum() >= 0) {
      rule.cap(c);
    }
    return rule.build();
  }

}
