package dev.finegrain.kpi.incentive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Amounts whose arithmetic would blow up (a BigDecimal such as {@code 1E+999999999} is a few bytes,
 * but rounding or printing it takes gigabytes) are refused when the plan, rule or tier is built.
 */
class MoneyLimitsTest {
  private static final BigDecimal HUGE = new BigDecimal("1E+999999999");
  private static final BigDecimal TINY = new BigDecimal("1E-999999999");

  @Test
  void aTierWithAHugeOrTinyAmountOrMultiplierIsRefusedWithItsPath() {
    DefinitionException huge = assertThrows(DefinitionException.class, () -> Tier.ofAmount("gold", 1, HUGE));
    DefinitionException tiny = assertThrows(DefinitionException.class, () -> Tier.ofMultiplier("gold", 1, TINY));
    DefinitionException negativeTiny = assertThrows(DefinitionException.class,
        () -> Tier.ofAmount("gold", 1, TINY.negate()));

    assertEquals(List.of(Problem.of("amount", "expected an amount below 10^15 with at most 12 decimals, "
        + "got 1E+999999999")), huge.problems());
    assertEquals(List.of(Problem.of("multiplier", "expected an amount below 10^15 with at most 12 decimals, "
        + "got 1E-999999999")), tiny.problems());
    assertEquals("amount", negativeTiny.problems().get(0).path());
  }

  @Test
  void aLinearRuleAndATieredRuleRefuseHugeAmountsAndCaps() {
    DefinitionException linear = assertThrows(DefinitionException.class, () -> LinearRule.builder().id("l")
        .kpi("k").threshold(0).amount(HUGE).cap(TINY).build());
    DefinitionException tiered = assertThrows(DefinitionException.class, () -> TieredRule.builder().id("t")
        .kpi("k").addTier(Tier.ofAmount("a", 1, BigDecimal.ONE)).cap(HUGE.negate()).build());

    assertEquals(List.of("amount", "cap"), linear.problems().stream().map(Problem::path).toList());
    assertEquals(List.of("cap"), tiered.problems().stream().map(Problem::path).toList());
  }

  @Test
  void aPlanInJsonWithAHugeBaseIsRefusedWithThePathBeforeAnyEvaluation() {
    String json = "{\"id\": \"p\", \"name\": \"p\", \"currency\": \"CNY\", \"base\": 1e999999999,"
        + " \"memberBase\": {\"ma\": 1e-999999999}, \"rules\": [{\"type\": \"tiered\", \"id\": \"t\", \"kpi\": \"k\","
        + " \"tiers\": [{\"name\": \"a\", \"threshold\": 1, \"multiplier\": 1e999999999}]}]}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, PayoutPlan.class));

    assertEquals("rules[0].tiers[0].multiplier", e.problems().get(0).path(), e.getMessage());
  }

  @Test
  void aPlanWithAHugeBaseIsRefusedNotEvaluatedForEver() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> PayoutPlan.builder().id("p").name("p")
        .currency("CNY").base(HUGE).putMemberBase("ma", TINY).build());

    assertEquals(List.of("base", "memberBase.ma"), e.problems().stream().map(Problem::path).toList());
  }

  @Test
  void amountsJustBelowTheLimitsAreEvaluated() {
    BigDecimal most = new BigDecimal("999999999999999.99");
    PayoutPlan plan = PayoutPlan.builder().id("p").name("p").currency("CNY").base(most)
        .addRules(TieredRule.builder().id("t").kpi("k")
            .addTier(Tier.ofMultiplier("a", 0, new BigDecimal("999999999999999.999999999999"))).build())
        .build();

    Payout payout = plan.evaluateNumbers("ma", Map.of("k", 1.0));

    assertEquals(0, payout.total().compareTo(most.add(most.multiply(new BigDecimal("999999999999999.999999999999"))
        .setScale(2, java.math.RoundingMode.HALF_UP))));
  }
}
