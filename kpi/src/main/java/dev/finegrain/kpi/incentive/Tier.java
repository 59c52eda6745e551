package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One band of a {@link TieredRule}: reached when the KPI value is at least {@code threshold}
 * (at most, for a lower-is-better KPI), it pays a fixed {@code amount} or {@code multiplier} times
 * the member's base. In JSON {@code {"name": "gold", "threshold": 0.98, "amount": 1500}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTier.class)
@JsonDeserialize(as = ImmutableTier.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class Tier {
  Tier() {}

  /** {@return the tier's name, such as {@code gold}; required} */
  public abstract String name();

  /** {@return the value that reaches this tier; the value exactly at the threshold reaches it} */
  public abstract double threshold();

  /** {@return a fixed amount; exactly one of this and {@link #multiplier()}} */
  public abstract Optional<BigDecimal> amount();

  /** {@return a multiple of the member's base, such as 1.5; exactly one of this and {@link #amount()}} */
  public abstract Optional<BigDecimal> multiplier();

  /** {@return a builder of a tier, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A tier paying a fixed amount.
   *
   * @param name the tier's name
   * @param threshold the value that reaches the tier
   * @param amount the fixed amount paid, at least 0
   * @return a tier paying a fixed amount
   */
  public static Tier ofAmount(String name, double threshold, BigDecimal amount) {
    return builder().name(name).threshold(threshold).amount(amount).build();
  }

  /**
   * A tier paying a multiple of the member's base.
   *
   * @param name the tier's name
   * @param threshold the value that reaches the tier
   * @param multiplier the multiple of the member's base paid, at least 0 (as an amount may be 0)
   * @return a tier paying a multiple of the member's base
   */
  public static Tier ofMultiplier(String name, double threshold, BigDecimal multiplier) {
    return builder().name(name).threshold(threshold).multiplier(multiplier).build();
  }

  /** {@return the amount or multiplier, whichever the tier has, for ordering checks} */
  BigDecimal pay() {
    return amount().orElseGet(() -> multiplier().orElseThrow());
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("name", name());
    problems.checkFinite("threshold", threshold());
    problems.check(amount().isPresent() != multiplier().isPresent(), "amount",
        "give exactly one of 'amount' and 'multiplier'");
    Money.check(problems, "amount", amount());
    Money.check(problems, "multiplier", multiplier());
    problems.throwIfAny("tier '" + name() + "'");
  }

  @Override
  public String toString() {
    return "'" + name() + "' at " + threshold() + ": "
        + amount().map(BigDecimal::toPlainString).orElseGet(() -> multiplier().orElseThrow().toPlainString() + " x base");
  }

  /**
   * Builds a {@link Tier}. Attributes: {@code name} and {@code threshold} are required, and
   * exactly one of {@code amount} and {@code multiplier}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTier.Builder {
    Builder() {}

    /**
     * Builds the tier, checking every attribute.
     *
     * @return the tier
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the tier is
     *     not valid, listing each problem with its path
     */
    @Override
    public Tier build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
