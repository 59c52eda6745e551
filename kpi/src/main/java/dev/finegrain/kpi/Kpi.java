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
 */
@Value.Immutable
@JsonSerialize(as = ImmutableKpi.class)
@JsonDeserialize(as = ImmutableKpi.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class Kpi {
  Kpi() {}

  /** Stable id, referred to by derived KPIs, targets and payout plans. */
  public abstract String id();

  public abstract String name();

  /** Shown beside values: {@code %}, {@code CNY}, {@code orders}, {@code hours}. */
  public abstract String unit();

  public abstract Direction direction();

  public abstract Measure measure();

  /** The records this KPI reads; every record when empty. */
  public abstract Optional<Condition> filter();

  public abstract Optional<Target> target();

  /** How the KPI is defined, its edge cases and where the convention comes from. */
  public abstract Optional<String> description();

  /** Whether values are fractions shown as percentages (unit {@code %}). */
  @JsonIgnore
  public boolean isPercent() {
    return unit().equals("%");
  }

  /** The record fields this KPI reads: its measure's and its filter's. */
  @JsonIgnore
  public List<String> fields() {
    List<String> out = new ArrayList<>(measure().fields());
    filter().ifPresent(f -> f.fields().stream().filter(x -> !out.contains(x)).forEach(out::add));
    return out;
  }

  /** Whether this KPI is computed from other KPIs rather than from records. */
  @JsonIgnore
  public boolean isDerived() {
    return measure() instanceof DerivedMeasure;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    Problems problems = new Problems();
    problems.check(!id().isBlank(), "id", "must not be blank");
    problems.check(!name().isBlank(), "name", "must not be blank");
    problems.check(!(isDerived() && filter().isPresent()), "filter",
        "a derived KPI reads other KPIs, not records, so it takes no filter");
    problems.throwIfAny("KPI '" + id() + "'");
  }

  @Override
  public String toString() {
    return id() + " = " + measure() + filter().map(f -> " where " + f).orElse("");
  }

  /** Builds a {@link Kpi}. */
  public static final class Builder extends ImmutableKpi.Builder {
    Builder() {}
  }
}
