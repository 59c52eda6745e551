package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.kpi.Direction;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Pays for the best tier a member's KPI value reaches, and nothing below the first tier:
 *
 * <pre>{@code
 * TieredRule.builder().id("on-time-tiers").kpi("on-time-rate").format(ValueFormat.PERCENT)
 *     .addTier(Tier.ofAmount("bronze", 0.90, new BigDecimal("500")))
 *     .addTier(Tier.ofAmount("silver", 0.95, new BigDecimal("1000")))
 *     .addTier(Tier.ofAmount("gold", 0.98, new BigDecimal("1500")))
 *     .build();   // 97.2% reaches 'silver': 1,000.00; exactly 98% reaches 'gold'
 * }</pre>
 *
 * <p>Tiers are listed from the easiest to the hardest: thresholds strictly rising for a
 * higher-is-better KPI, strictly falling for a lower-is-better one, so the bands never overlap;
 * a harder tier never pays less than an easier one, so improving never lowers the payout; and
 * either every tier pays an amount or every tier a multiplier of the base. In JSON
 * {@code {"type": "tiered", "id": ..., "kpi": ..., "tiers": [...]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTieredRule.class)
@JsonDeserialize(as = ImmutableTieredRule.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class TieredRule implements PayoutRule {
  TieredRule() {}

  @Override
  public abstract String id();

  @Override
  public abstract String kpi();

  @Override
  @Value.Default
  public Direction direction() {
    return Direction.HIGHER_IS_BETTER;
  }

  /** {@return the tiers, required (at least one), from the easiest to the hardest} */
  public abstract List<Tier> tiers();

  @Override
  public abstract Optional<BigDecimal> cap();

  @Override
  @Value.Default
  public ValueFormat format() {
    return ValueFormat.NUMBER;
  }

  /**
   * The hardest tier {@code value} reaches, if any; a value exactly at a threshold reaches it.
   *
   * @param value the member's value of the KPI
   * @return the hardest tier {@code value} reaches, if any; a value exactly at a threshold reaches it
   */
  public Optional<Tier> tierFor(double value) {
    Tier best = null;
    for (Tier tier : tiers()) {
      if (reaches(value, tier.threshold())) {
        best = tier;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@return whether every tier pays a multiple of the base rather than an amount} */
  public boolean paysMultiples() {
    return !tiers().isEmpty() && tiers().get(0).multiplier().isPresent();
  }

  /** {@return {@code >=} for a higher-is-better KPI, {@code <=} for a lower-is-better one} */
  String reachSymbol() {
    return direction() == Direction.HIGHER_IS_BETTER ? ">=" : "<=";
  }

  private boolean reaches(double value, double threshold) {
    return direction() == Direction.HIGHER_IS_BETTER ? value >= threshold : value <= threshold;
  }

  /** {@return a builder of a tiered rule, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.checkNotBlank("kpi", kpi());
    problems.check(!tiers().isEmpty(), "tiers", "a tiered rule needs at least one tier");
    Money.check(problems, "cap", cap());
    boolean higher = direction() == Direction.HIGHER_IS_BETTER;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tiers().size(); i++) {
      Tier tier = tiers().get(i);
      String at = "tiers[" + i + "]";
      problems.check(names.add(tier.name()), at + ".name", "duplicate tier name '%s'", tier.name());
      if (i == 0) {
        continue;
      }
      Tier easier = tiers().get(i - 1);
      boolean ordered = higher ? tier.threshold() > easier.threshold() : tier.threshold() < easier.threshold();
      problems.check(ordered, at + ".threshold",
          "must be %s the threshold of the easier tier '%s' (%s): list tiers from the easiest to the hardest "
              + "of this %s KPI, without overlap", higher ? "above" : "below", easier.name(), easier.threshold(),
          higher ? "higher-is-better" : "lower-is-better");
      if (tier.amount().isPresent() != easier.amount().isPresent()) {
        problems.check(false, at, "mixes amounts and multipliers: give every tier an amount, or every tier "
            + "a multiplier of the base");
      } else {
        problems.check(tier.pay().compareTo(easier.pay()) >= 0, at + (tier.amount().isPresent() ? ".amount"
            : ".multiplier"), "must not pay less than the easier tier '%s' (%s): a better result never lowers "
            + "the payout", easier.name(), easier.pay().toPlainString());
      }
    }
    problems.throwIfAny("tiered rule '" + id() + "'");
  }

  @Override
  public String toString() {
    return "tiered '" + id() + "' on " + kpi() + ": " + tiers().stream()
        .map(t -> "'" + t.name() + "' " + reachSymbol() + " " + format().format(t.threshold()) + ": "
            + t.amount().map(BigDecimal::toPlainString).orElseGet(() -> t.multiplier().orElseThrow().toPlainString()
            + " x base"))
        .collect(Collectors.joining(", ")) + cap().map(c -> ", capped at " + c.toPlainString()).orElse("");
  }

  /**
   * Builds a {@link TieredRule}. Attributes: {@code id}, {@code kpi} and at least one
   * {@code tier} are required; {@code direction} is {@link Direction#HIGHER_IS_BETTER} and {@code format}
   * {@link ValueFormat#NUMBER} unless set; {@code cap} is optional.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTieredRule.Builder {
    Builder() {}

    /**
     * Builds the tiered rule, checking every attribute.
     *
     * @return the tiered rule
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the tiered rule is
     *     not valid, listing each problem with its path
     */
    @Override
    public TieredRule build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
