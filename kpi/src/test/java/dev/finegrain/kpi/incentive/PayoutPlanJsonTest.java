package dev.finegrain.kpi.incentive;

import static dev.finegrain.kpi.incentive.PayoutPlanTest.money;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.Direction;
import org.junit.jupiter.api.Test;

class PayoutPlanJsonTest {
  static final String JSON = String.join("\n",
      "{",
      "  \"id\": \"ops-q3\", \"name\": \"Operations bonus Q3\", \"currency\": \"CNY\",",
      "  \"base\": 200, \"memberBase\": {\"ma\": 300},",
      "  \"gates\": [{\"kpi\": \"info-accuracy\", \"op\": \">=\", \"threshold\": 0.98, \"format\": \"percent\"}],",
      "  \"rules\": [",
      "    {\"type\": \"tiered\", \"id\": \"on-time\", \"kpi\": \"on-time-rate\", \"format\": \"percent\",",
      "     \"tiers\": [{\"name\": \"silver\", \"threshold\": 0.90, \"amount\": 500},",
      "               {\"name\": \"gold\", \"threshold\": 0.95, \"amount\": 1000}]},",
      "    {\"type\": \"linear\", \"id\": \"oversell\", \"kpi\": \"oversell-rate\", \"direction\": \"LOWER_IS_BETTER\",",
      "     \"threshold\": 0.02, \"per\": 0.001, \"amount\": 25.5, \"cap\": 400}",
      "  ],",
      "  \"cap\": 2000",
      "}");

  @Test
  void readsAPlanFromJson() {
    PayoutPlan plan = FinegrainJson.read(JSON, PayoutPlan.class);

    PayoutPlan expected = PayoutPlan.builder().id("ops-q3").name("Operations bonus Q3").currency("CNY")
        .base(money("200")).putMemberBase("ma", money("300"))
        .addGate(Gate.builder().kpi("info-accuracy").op(Comparison.GE).threshold(0.98).format(ValueFormat.PERCENT)
            .build())
        .addRule(TieredRule.builder().id("on-time").kpi("on-time-rate").format(ValueFormat.PERCENT)
            .addTier(Tier.ofAmount("silver", 0.90, money("500")))
            .addTier(Tier.ofAmount("gold", 0.95, money("1000"))).build())
        .addRule(LinearRule.builder().id("oversell").kpi("oversell-rate").direction(Direction.LOWER_IS_BETTER)
            .threshold(0.02).per(0.001).amount(money("25.5")).cap(money("400")).build())
        .cap(money("2000"))
        .build();
    assertEquals(expected, plan);
  }

  @Test
  void roundTripsThroughJson() {
    PayoutPlan plan = FinegrainJson.read(JSON, PayoutPlan.class);

    String written = FinegrainJson.write(plan);
    assertEquals(plan, FinegrainJson.read(written, PayoutPlan.class));
  }
}
