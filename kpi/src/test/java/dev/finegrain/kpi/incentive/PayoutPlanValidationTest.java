package dev.finegrain.kpi.incentive;

import static dev.finegrain.kpi.incentive.PayoutPlanTest.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutPlanValidationTest {
  @Test
  void reportsEveryProblemOfAPlanAtOnceWithItsPath() {
    LinearRule a = LinearRule.builder().id("same").kpi("k").threshold(0).amount(money("1")).cap(money("10.005")).build();
    LinearRule b = LinearRule.builder().id("same").kpi("k2").threshold(0).amount(money("1")).build();
    DefinitionException e = assertThrows(DefinitionException.class, () -> PayoutPlanTest.plan()
        .currency(" ").base(money("-1")).putMemberBase("ma", money("-5")).cap(money("-100")).addRules(a, b).build());

    assertEquals(List.of(
        Problem.of("currency", "must not be blank"),
        Problem.of("base", "must be at least 0, got -1"),
        Problem.of("memberBase.ma", "must be at least 0, got -5"),
        Problem.of("cap", "must be at least 0, got -100"),
        Problem.of("rules[0].cap", "10.005 has more decimals than the plan's 2"),
        Problem.of("rules[1].id", "duplicate rule id 'same'")),
        e.problems());
    assertTrue(e.getMessage().startsWith("invalid payout plan 'ops-q3': 6 problems"), e.getMessage());
  }

  @Test
  void tiersMustGoFromEasiestToHardestWithoutOverlapAndNeverPayLess() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> TieredRule.builder().id("t").kpi("k")
        .addTier(Tier.ofAmount("gold", 0.95, money("1000")))
        .addTier(Tier.ofAmount("silver", 0.90, money("500")))
        .addTier(Tier.ofAmount("again", 0.90, money("1500")))
        .addTier(Tier.ofMultiplier("odd", 0.99, money("2")))
        .build());

    assertEquals(List.of(
        Problem.of("tiers[1].threshold", "must be above the threshold of the easier tier 'gold' (0.95): list tiers "
            + "from the easiest to the hardest of this higher-is-better KPI, without overlap"),
        Problem.of("tiers[1].amount", "must not pay less than the easier tier 'gold' (1000): a better result never "
            + "lowers the payout"),
        Problem.of("tiers[2].threshold", "must be above the threshold of the easier tier 'silver' (0.9): list tiers "
            + "from the easiest to the hardest of this higher-is-better KPI, without overlap"),
        Problem.of("tiers[3]", "mixes amounts and multipliers: give every tier an amount, or every tier a multiplier "
            + "of the base")),
        e.problems());
    assertTrue(e.getMessage().startsWith("invalid tiered rule 't': 4 problems"));
  }

  @Test
  void lowerIsBetterTiersMustFallAndTierNamesMustBeUnique() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> TieredRule.builder().id("t").kpi("k")
        .direction(Direction.LOWER_IS_BETTER)
        .addTier(Tier.ofAmount("ok", 0.02, money("100")))
        .addTier(Tier.ofAmount("ok", 0.03, money("200")))
        .build());

    assertEquals(List.of(
        Problem.of("tiers[1].name", "duplicate tier name 'ok'"),
        Problem.of("tiers[1].threshold", "must be below the threshold of the easier tier 'ok' (0.02): list tiers "
            + "from the easiest to the hardest of this lower-is-better KPI, without overlap")),
        e.problems());
  }

  @Test
  void rejectsBadRulesTiersAndGates() {
    assertEquals(List.of(Problem.of("tiers", "a tiered rule needs at least one tier"),
        Problem.of("cap", "must be at least 0, got -1")),
        assertThrows(DefinitionException.class,
            () -> TieredRule.builder().id("t").kpi("k").cap(money("-1")).build()).problems());
    assertEquals(List.of(Problem.of("kpi", "must not be blank"), Problem.of("per", "expected a positive step, got 0.0"),
        Problem.of("amount", "must be at least 0, got -50")),
        assertThrows(DefinitionException.class, () -> LinearRule.builder().id("l").kpi("").threshold(0.9).per(0)
            .amount(money("-50")).build()).problems());
    assertEquals(List.of(Problem.of("amount", "give exactly one of 'amount' and 'multiplier'")),
        assertThrows(DefinitionException.class, () -> Tier.builder().name("x").threshold(1).build()).problems());
    assertEquals(List.of(Problem.of("threshold", "expected a finite number, got NaN")),
        assertThrows(DefinitionException.class,
            () -> Gate.of("k", dev.finegrain.core.condition.Comparison.GE, Double.NaN)).problems());
  }

  @Test
  void multiplierTiersNeedABase() {
    TieredRule multiples = TieredRule.builder().id("m").kpi("k").addTier(Tier.ofMultiplier("x", 1, money("1"))).build();

    assertEquals(List.of(Problem.of("rules[0].tiers", "multiplier tiers multiply the base, but the plan has no base "
        + "above 0: set 'base' or 'memberBase', or pay amounts")),
        assertThrows(DefinitionException.class, () -> PayoutPlanTest.plan().addRule(multiples).build()).problems());
  }

  @Test
  void jsonNamesThePathOfAnUnknownComparisonOrRuleType() {
    String badOp = "{\"id\": \"p\", \"name\": \"P\", \"currency\": \"CNY\","
        + " \"gates\": [{\"kpi\": \"info-accuracy\", \"op\": \"=>\", \"threshold\": 0.98}]}";
    DefinitionException op = assertThrows(DefinitionException.class, () -> FinegrainJson.read(badOp, PayoutPlan.class));
    assertEquals("gates[0].op", op.problems().get(0).path(), op.getMessage());
    assertTrue(op.problems().get(0).message().contains("=>"), op.getMessage());

    String badType = "{\"id\": \"p\", \"name\": \"P\", \"currency\": \"CNY\","
        + " \"rules\": [{\"type\": \"stepped\", \"id\": \"r\", \"kpi\": \"k\"}]}";
    DefinitionException type = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(badType, PayoutPlan.class));
    assertEquals(List.of(Problem.of("rules[0]", "unknown type 'stepped'; expected one of [linear, tiered]")),
        type.problems());
  }

  @Test
  void jsonNamesThePathOfAProblemInsideANestedTier() {
    String json = "{\"id\": \"p\", \"name\": \"P\", \"currency\": \"CNY\", \"rules\": [{\"type\": \"tiered\","
        + " \"id\": \"r\", \"kpi\": \"k\", \"tiers\": [{\"name\": \"a\", \"threshold\": 1, \"amount\": -5}]}]}";
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, PayoutPlan.class));

    assertEquals(List.of(Problem.of("rules[0].tiers[0].amount", "must be at least 0, got -5")), e.problems());
  }

  @Test
  void aValueThatIsNotANumberPassesNoGate() {
    for (Comparison op : Comparison.values()) {
      assertFalse(Gate.of("info-accuracy", op, 0.98).passes(Double.NaN), op::toString);
    }
    assertTrue(Gate.of("info-accuracy", Comparison.GE, 0.98).passes(0.98));
  }

  @Test
  void aValueThatIsNotFiniteIsNamedWhenFormatted() {
    assertEquals("value: expected a finite number, got NaN",
        assertThrows(IllegalArgumentException.class, () -> ValueFormat.PERCENT.format(Double.NaN)).getMessage());
    assertEquals("value: expected a finite number, got Infinity",
        assertThrows(IllegalArgumentException.class, () -> ValueFormat.NUMBER.format(Double.POSITIVE_INFINITY))
            .getMessage());
  }
}
