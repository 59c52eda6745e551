package dev.finegrain.kpi.incentive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PayoutPlanTest {
  static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }

  static final Gate INFO_ACCURACY = Gate.builder().kpi("info-accuracy").op(Comparison.GE).threshold(0.98)
      .format(ValueFormat.PERCENT).build();

  static final TieredRule ON_TIME_TIERS = TieredRule.builder().id("on-time").kpi("on-time-rate")
      .format(ValueFormat.PERCENT)
      .addTier(Tier.ofAmount("silver", 0.90, money("500")))
      .addTier(Tier.ofAmount("gold", 0.95, money("1000")))
      .addTier(Tier.ofAmount("platinum", 0.98, money("1500")))
      .build();

  static final LinearRule CONVERSION = LinearRule.builder().id("conversion").kpi("conversion-rate")
      .threshold(0.03).per(0.001).amount(money("50")).format(ValueFormat.PERCENT).build();

  static PayoutPlan.Builder plan() {
    return PayoutPlan.builder().id("ops-q3").name("Operations bonus Q3").currency("CNY");
  }

  static Map<String, Double> values(Object... kpisAndValues) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < kpisAndValues.length; i += 2) {
      out.put((String) kpisAndValues[i], (Double) kpisAndValues[i + 1]);
    }
    return out;
  }

  @Test
  void explainsEveryFigureOfAPayout() {
    PayoutPlan plan = plan().addGate(INFO_ACCURACY).addRules(ON_TIME_TIERS, CONVERSION).build();

    Payout ma = plan.evaluateNumbers("ma",
        values("info-accuracy", 0.991, "on-time-rate", 0.972, "conversion-rate", 0.037));

    assertEquals(money("1350.00"), ma.total());
    assertTrue(ma.gatesPassed());
    assertEquals("ma: 1,350.00 CNY = tier 'gold' on on-time-rate 97.2% (>= 95%: 1,000.00) + 350.00 linear on "
        + "conversion-rate 3.7% (50.00 per 0.1 pp above 3%); gate info-accuracy 99.1% >= 98% passed", ma.toString());
    assertEquals(List.of(PayoutLine.Kind.GATE, PayoutLine.Kind.RULE, PayoutLine.Kind.RULE),
        ma.lines().stream().map(PayoutLine::kind).toList());
    PayoutLine gate = ma.lines().get(0);
    assertEquals(OptionalDouble.of(0.991), gate.value());
    assertTrue(gate.passed());
    assertEquals(money("1000.00"), ma.lines().get(1).amount());
  }

  @Test
  void tieredRulePaysTheHardestTierReachedAndAValueExactlyAtABoundaryReachesIt() {
    PayoutPlan plan = plan().addRule(ON_TIME_TIERS).build();

    assertEquals(money("1500.00"), plan.evaluateNumbers("a", values("on-time-rate", 0.98)).total());
    assertEquals(money("1000.00"), plan.evaluateNumbers("a", values("on-time-rate", 0.95)).total());
    assertEquals(money("500.00"), plan.evaluateNumbers("a", values("on-time-rate", 0.9499999)).total());
    assertEquals(money("500.00"), plan.evaluateNumbers("a", values("on-time-rate", 0.90)).total());
    assertEquals(money("1500.00"), plan.evaluateNumbers("a", values("on-time-rate", 1.0)).total());
  }

  @Test
  void belowTheFirstTierPaysNothingAndSaysWhereTheFirstTierIs() {
    Payout payout = plan().addRule(ON_TIME_TIERS).build().evaluateNumbers("bo", values("on-time-rate", 0.88));

    assertEquals(money("0.00"), payout.total());
    assertEquals("bo: 0.00 CNY = no tier on on-time-rate 88% (first tier 'silver' >= 90%): 0.00", payout.toString());
  }

  @Test
  void linearRulePaysPerUnitAboveTheThresholdInExactDecimals() {
    // 50 per percentage point of on-time rate above 95%: 97.2% is 2.2 points, 110.00 (not 109.99999...)
    LinearRule rule = LinearRule.builder().id("on-time-bonus").kpi("on-time-rate").threshold(0.95).per(0.01)
        .amount(money("50")).format(ValueFormat.PERCENT).build();
    PayoutPlan plan = plan().addRule(rule).build();

    Payout above = plan.evaluateNumbers("a", values("on-time-rate", 0.972));
    assertEquals(money("110.00"), above.total());
    assertEquals("110.00 linear on on-time-rate 97.2% (50.00 per 1 pp above 95%)", above.lines().get(0).text());
    assertEquals(money("0.00"), plan.evaluateNumbers("a", values("on-time-rate", 0.95)).total());
    Payout below = plan.evaluateNumbers("a", values("on-time-rate", 0.93));
    assertEquals(money("0.00"), below.total());
    assertEquals("0.00 linear on on-time-rate 93% (50.00 per 1 pp above 95%: not above)", below.lines().get(0).text());
  }

  @Test
  void linearAmountsAreRoundedHalfUpToThePlansDecimals() {
    // 1/3 of a unit above the threshold at 10 per unit: 3.333... -> 3.33; 0.05 above at 0.1 per: 0.005 -> 0.01
    LinearRule third = LinearRule.builder().id("r").kpi("k").threshold(0).per(3).amount(money("10")).build();
    LinearRule half = LinearRule.builder().id("r").kpi("k").threshold(0).per(1).amount(money("0.1")).build();

    assertEquals(money("3.33"), plan().addRule(third).build().evaluateNumbers("a", values("k", 1.0)).total());
    assertEquals(money("0.01"), plan().addRule(half).build().evaluateNumbers("a", values("k", 0.05)).total());
    assertEquals(money("3"), plan().decimals(0).addRule(third).build().evaluateNumbers("a", values("k", 1.0)).total());
  }

  @Test
  void lowerIsBetterRulesPayForValuesBelowTheirThresholds() {
    TieredRule oversell = TieredRule.builder().id("oversell").kpi("oversell-rate").direction(Direction.LOWER_IS_BETTER)
        .format(ValueFormat.PERCENT)
        .addTier(Tier.ofAmount("ok", 0.02, money("300")))
        .addTier(Tier.ofAmount("good", 0.01, money("600")))
        .addTier(Tier.ofAmount("excellent", 0.005, money("1000")))
        .build();
    LinearRule responseTime = LinearRule.builder().id("response").kpi("first-response-minutes")
        .direction(Direction.LOWER_IS_BETTER).threshold(30).per(5).amount(money("20")).build();
    PayoutPlan plan = plan().addRules(oversell, responseTime).build();

    Payout payout = plan.evaluateNumbers("cy", values("oversell-rate", 0.01, "first-response-minutes", 12.5));

    assertEquals(money("670.00"), payout.total());   // 'good' exactly at 1% + 20 * (30 - 12.5) / 5 = 70
    assertEquals("cy: 670.00 CNY = tier 'good' on oversell-rate 1% (<= 1%: 600.00) + 70.00 linear on "
        + "first-response-minutes 12.5 (20.00 per 5 below 30)", payout.toString());
    assertEquals(money("0.00"), plan.evaluateNumbers("cy", values("oversell-rate", 0.03, "first-response-minutes",
        45.0)).total());
  }

  @Test
  void multiplierTiersPayAMultipleOfTheMembersBaseOnTopOfIt() {
    TieredRule tiers = TieredRule.builder().id("sales").kpi("sales-attainment").format(ValueFormat.PERCENT)
        .addTier(Tier.ofMultiplier("on-target", 1.0, money("0.5")))
        .addTier(Tier.ofMultiplier("stretch", 1.2, money("1")))
        .build();
    PayoutPlan plan = plan().base(money("1000")).putMemberBase("ma", money("2000")).addRule(tiers).build();

    Payout ma = plan.evaluateNumbers("ma", values("sales-attainment", 1.05));
    Payout li = plan.evaluateNumbers("li", values("sales-attainment", 1.2));

    assertEquals(money("3000.00"), ma.total());
    assertEquals("ma: 3,000.00 CNY = base 2,000.00 + tier 'on-target' on sales-attainment 105% "
        + "(>= 100%: 0.5 x base 2,000.00 = 1,000.00)", ma.toString());
    assertEquals(money("2000.00"), li.total());
  }

  @Test
  void aFailedGateMeansNoPayoutAndSaysWhichGate() {
    PayoutPlan plan = plan().base(money("200")).addGate(INFO_ACCURACY).addRule(ON_TIME_TIERS).build();

    Payout bo = plan.evaluateNumbers("bo", values("info-accuracy", 0.97, "on-time-rate", 0.99));

    assertEquals(money("0.00"), bo.total());
    assertFalse(bo.gatesPassed());
    assertEquals("bo: 0.00 CNY = no payout: gate info-accuracy 97% >= 98% failed", bo.toString());
    assertEquals(1, bo.lines().size());
  }

  @Test
  void aGateExactlyAtItsThresholdPassesForGreaterOrEqual() {
    PayoutPlan plan = plan().base(money("200")).addGate(INFO_ACCURACY).build();

    assertEquals(money("200.00"), plan.evaluateNumbers("a", values("info-accuracy", 0.98)).total());
  }

  @Test
  void aMissingGateValueMeansNoPayoutNeverZeroOrAPass() {
    Gate lowReturns = Gate.of("return-rate", Comparison.LE, 0.05);
    PayoutPlan plan = plan().base(money("200")).addGates(INFO_ACCURACY, lowReturns).addRule(ON_TIME_TIERS).build();

    Payout absent = plan.evaluateNumbers("li", values("info-accuracy", 0.99, "on-time-rate", 0.99));
    Payout empty = plan.evaluate("li", Map.of("info-accuracy", OptionalDouble.of(0.99),
        "return-rate", OptionalDouble.empty(), "on-time-rate", OptionalDouble.of(0.99)));
    Payout nan = plan.evaluateNumbers("li", values("info-accuracy", 0.99, "return-rate", Double.NaN));

    for (Payout p : List.of(absent, empty, nan)) {
      assertEquals(money("0.00"), p.total());
      assertFalse(p.gatesPassed());
      assertEquals("li: 0.00 CNY = no payout: gate info-accuracy 99% >= 98% passed; gate return-rate has no value, "
          + "so it fails", p.toString());
      assertTrue(p.lines().get(1).value().isEmpty());
    }
  }

  @Test
  void aRuleWithoutAValuePaysNothingAndSaysSoWhileOtherRulesPay() {
    PayoutPlan plan = plan().addRules(ON_TIME_TIERS, CONVERSION).build();

    Payout payout = plan.evaluateNumbers("ma", values("on-time-rate", 0.96));

    assertEquals(money("1000.00"), payout.total());
    assertEquals("0.00 on conversion-rate: no value, so rule 'conversion' pays nothing",
        payout.lines().get(1).text());
  }

  @Test
  void aRuleCapAndTheTotalCapLimitThePayoutAndSaySo() {
    LinearRule capped = LinearRule.builder().from(CONVERSION).cap(money("200")).build();
    PayoutPlan plan = plan().base(money("600")).addRules(ON_TIME_TIERS, capped).cap(money("1500")).build();

    Payout payout = plan.evaluateNumbers("ma", values("on-time-rate", 0.99, "conversion-rate", 0.05));

    assertEquals(money("1500.00"), payout.total());
    assertEquals("ma: 1,500.00 CNY = base 600.00 + tier 'platinum' on on-time-rate 99% (>= 98%: 1,500.00) + 200.00 "
        + "linear on conversion-rate 5% (50.00 per 0.1 pp above 3%) capped at 200.00 (uncapped 1,000.00); "
        + "total capped at 1,500.00 (uncapped 2,300.00)", payout.toString());
    assertEquals(payout.total(), payout.lines().stream().map(PayoutLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    assertEquals(money("-800.00"), payout.lines(PayoutLine.Kind.CAP).get(0).amount());
  }

  @Test
  void aCapThatDoesNotBiteLeavesNoCapLine() {
    PayoutPlan plan = plan().addRule(ON_TIME_TIERS).cap(money("5000")).build();

    assertTrue(plan.evaluateNumbers("a", values("on-time-rate", 0.99)).lines(PayoutLine.Kind.CAP).isEmpty());
  }

  @Test
  void evaluatesATeamInMemberOrder() {
    PayoutPlan plan = plan().addGate(INFO_ACCURACY).addRule(ON_TIME_TIERS).build();
    Map<String, Map<String, OptionalDouble>> values = new LinkedHashMap<>();
    values.put("zoe", Map.of("info-accuracy", OptionalDouble.of(0.99), "on-time-rate", OptionalDouble.of(0.91)));
    values.put("ana", Map.of("info-accuracy", OptionalDouble.of(0.99), "on-time-rate", OptionalDouble.of(0.99)));

    List<Payout> byMap = plan.evaluateTeam(values);
    assertEquals(List.of("zoe", "ana"), byMap.stream().map(Payout::memberId).toList());
    assertEquals(List.of(money("500.00"), money("1500.00")), byMap.stream().map(Payout::total).toList());

    Team team = Team.builder().id("shop").name("Shop").addRole(Role.of("ops", "Operations"))
        .addMember(Member.builder().id("ana").name("Ana").addRole("ops").build())
        .addMember(Member.builder().id("bo").name("Bo").addRole("ops").build())
        .addMember(Member.builder().id("zoe").name("Zoe").addRole("ops").build())
        .build();
    List<Payout> byTeam = plan.evaluateTeam(team, values);
    assertEquals(List.of("ana", "bo", "zoe"), byTeam.stream().map(Payout::memberId).toList());
    assertEquals("bo: 0.00 CNY = no payout: gate info-accuracy has no value, so it fails", byTeam.get(1).toString());
  }

  @Test
  void aPlanWithNoRulesPaysTheBaseWhenTheGatesPass() {
    PayoutPlan plan = plan().base(money("300")).addGate(INFO_ACCURACY).build();

    assertEquals("a: 300.00 CNY = base 300.00; gate info-accuracy 99% >= 98% passed",
        plan.evaluateNumbers("a", values("info-accuracy", 0.99)).toString());
    assertEquals("a: 0.00 CNY = nothing to pay", plan().build().evaluateNumbers("a", Map.of()).toString());
  }
}
