package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Pays {@code amount} for every {@code per} of attainment beyond {@code threshold}, pro rata, and
 * nothing at or short of it. "50 per percentage point of on-time rate above 95%":
 *
 * <pre>{@code
 * LinearRule.builder().id("on-time-bonus").kpi("on-time-rate")
 *     .threshold(0.95).per(0.01).amount(new BigDecimal("50")).format(ValueFormat.PERCENT)
 *     .build();   // 97.2% pays 50 * 2.2 = 110.00
 * }</pre>
 *
 * <p>For a lower-is-better KPI it pays for every {@code per} below the threshold. In JSON
 * {@code {"type": "linear", "id": "on-time-bonus", "kpi": "on-time-rate", "threshold": 0.95,
 * "per": 0.01, "amount": 50}}. The arithmetic is decimal: the KPI value is taken at its shortest
 * decimal form (0.972, not 0.97199999...).
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLinearRule.class)
@JsonDeserialize(as = ImmutableLinearRule.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class LinearRule implements PayoutRule {
  LinearRule() {}

  @Override
  public abstract String id();

  @Override
  public abstract String kpi();

  @Override
  @Value.Default
  public Direction direction() {
    return Direction.HIGHER_IS_BETTER;
  }

  /** {@return the value from which the rule starts to pay} */
  public abstract double threshold();

  /**
   * {@return the unit of attainment that earns {@link #amount()}: 0.01 for a percentage point of a rate; 1 unless set}
   */
  @Value.Default
  public double per() {
    return 1;
  }

  /** {@return the money paid per {@link #per()} beyond the threshold; at least 0} */
  public abstract BigDecimal amount();

  @Override
  public abstract Optional<BigDecimal> cap();

  @Override
  @Value.Default
  public ValueFormat format() {
    return ValueFormat.NUMBER;
  }

  /** {@return a builder of a linear rule, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.checkNotBlank("kpi", kpi());
    problems.checkFinite("threshold", threshold());
    problems.check(Double.isFinite(per()) && per() > 0, "per", "expected a positive step, got %s", per());
    Money.check(problems, "amount", amount());
    Money.check(problems, "cap", cap());
    problems.throwIfAny("linear rule '" + id() + "'");
  }

  @Override
  public String toString() {
    return "linear '" + id() + "': " + amount().toPlainString() + " per " + format().formatStep(per()) + " "
        + (direction() == Direction.HIGHER_IS_BETTER ? "above " : "below ") + format().format(threshold())
        + " on " + kpi() + cap().map(c -> ", capped at " + c.toPlainString()).orElse("");
  }

  /**
   * Builds a {@link LinearRule}. Attributes: {@code id}, {@code kpi}, {@code threshold}
   * and {@code amount} are required; {@code per} is 1, {@code direction} {@link Direction#HIGHER_IS_BETTER}
   * and {@code format} {@link ValueFormat#NUMBER} unless set; {@code cap} is optional.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableLinearRule.Builder {
    Builder() {}

    /**
     * Builds the linear rule, checking every attribute.
     *
     * @return the linear rule
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the linear rule is
     *     not valid, listing each problem with its path
     */
    @Override
    public LinearRule build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
