package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A KPI as data: what it measures over which records, its unit, which way is better, and its
 * target.
 *
 * <pre>{@code
 * Kpi onTime = Kpi.builder().id("on-time-rate").name("On-time shipping rate").unit("%")
 *     .direction(Direction.HIGHER_IS_BETTER)
 *     .measure(Measure.share(Condition.compareFields("shippedAt", Comparison.LE, "promisedShipBy")))
 *     .target(Target.of(0.95, 0.02))
 *     .build();
 * }</pre>
 *
 * <p>The unit is free text shown beside values; the unit {@code %} means the value is a fraction
 * shown multiplied by 100.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableKpi.class)
@JsonDeserialize(as = ImmutableKpi.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class Kpi {
  Kpi() {}

  /** {@return the stable id, required, referred to by derived KPIs, targets and payout plans} */
  public abstract String id();

  /** {@return the name people read, such as {@code On-time shipping rate}; required} */
  public abstract String name();

  /**
   * Optional: shown beside values, such as {@code %}, {@code CNY}, {@code orders}, {@code hours}; none
   * for a plain number.
   *
   * @return the unit, if the KPI has one
   */
  public abstract Optional<String> unit();

  /**
   * Optional, and required when a {@link #target()} is set: which way is better, so that a value can
   * be judged against its target. A plain count without a target needs none.
   *
   * @return which way is better, if given
   */
  public abstract Optional<Direction> direction();

  /** {@return what the KPI aggregates over its records (or, derived, over other KPIs); required} */
  public abstract Measure measure();

  /** {@return the condition on the records this KPI reads, optional: every record when empty} */
  public abstract Optional<Condition> filter();

  /** {@return the target the KPI's values are judged against, optional; a target needs a {@link #direction()}} */
  public abstract Optional<Target> target();

  /** {@return how the KPI is defined, its edge cases and where the convention comes from; optional} */
  public abstract Optional<String> description();

  /** {@return whether values are fractions shown as percentages (unit {@code %})} */
  @JsonIgnore
  public boolean isPercent() {
    return unit().filter("%"::equals).isPresent();
  }

  /** {@return the record fields this KPI reads: its measure's and its filter's} */
  @JsonIgnore
  public List<String> fields() {
    List<String> out = new ArrayList<>(measure().fields());
    filter().ifPresent(f -> f.fields().stream().filter(x -> !out.contains(x)).forEach(out::add));
    return out;
  }

  /** {@return whether this KPI is computed from other KPIs rather than from records} */
  @JsonIgnore
  public boolean isDerived() {
    return measure() instanceof DerivedMeasure;
  }

  /** {@return a builder of a KPI, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.check(!id().isBlank(), "id", "must not be blank");
    problems.check(!name().isBlank(), "name", "must not be blank");
    problems.check(!(isDerived() && filter().isPresent()), "filter",
        "a derived KPI reads other KPIs, not records, so it takes no filter");
    problems.check(target().isEmpty() || direction().isPresent(), "direction",
        "required when a target is set: which way is better (HIGHER_IS_BETTER or LOWER_IS_BETTER)");
    problems.throwIfAny("KPI '" + id() + "'");
  }

  @Override
  public String toString() {
    return id() + " = " + measure() + filter().map(f -> " where " + f).orElse("");
  }

  /**
   * Builds a {@link Kpi}. Attributes:
   *
   * <ul>
   *   <li>{@code id}, {@code name}, {@code measure}: required;
   *   <li>{@code unit}: optional, none for a plain number;
   *   <li>{@code direction}: optional, required when a {@code target} is set;
   *   <li>{@code filter}, {@code target}, {@code description}: optional.
   * </ul>
   *
   * <p>{@link #build()} checks them all and reports every problem at once.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableKpi.Builder {
    Builder() {}

    /**
     * Builds the KPI, checking every attribute.
     *
     * @return the KPI
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the KPI is
     *     not valid, listing each problem with its path
     */
    @Override
    public Kpi build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
