package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * How one KPI earns money in a {@link PayoutPlan}: {@link LinearRule} (an amount per unit of
 * attainment beyond a threshold) or {@link TieredRule} (the best tier reached). In JSON each rule
 * has a {@code type}: {@code linear} or {@code tiered}. Rules never pay a negative amount.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableLinearRule.class, name = "linear"),
    @JsonSubTypes.Type(value = ImmutableTieredRule.class, name = "tiered"),
})
public interface PayoutRule {
  /** {@return the rule's id, unique within the plan} */
  String id();

  /** {@return the id of the KPI the rule reads} */
  String kpi();

  /** {@return which way the KPI improves; a lower-is-better rule pays for values below its thresholds} */
  Direction direction();

  /** {@return the most this rule pays one member, if limited; at least 0} */
  Optional<BigDecimal> cap();

  /** {@return how the explanation shows the KPI value and thresholds} */
  ValueFormat format();
}
