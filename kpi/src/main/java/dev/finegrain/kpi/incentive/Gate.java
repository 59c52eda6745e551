package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.internal.Problems;
import org.immutables.value.Value;

/**
 * A condition that must hold before a member is paid anything, such as
 * {@code info-accuracy >= 0.98}; in JSON {@code {"kpi": "info-accuracy", "op": ">=", "threshold": 0.98}}.
 * A member without a value for the gate's KPI fails it: undefined is not zero, and not a pass.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableGate.class)
@JsonDeserialize(as = ImmutableGate.class)
public abstract class Gate {
  Gate() {}

  /** {@return the id of the KPI the gate reads} */
  public abstract String kpi();

  /**
   * {@return how the value compares with the threshold: {@code >=}, {@code >}, {@code <=}, {@code <}, {@code ==},
   * {@code !=}}
   */
  public abstract Comparison op();

  /** {@return the value the KPI is compared with; required} */
  public abstract double threshold();

  /** {@return how the explanation shows the value and threshold} */
  @Value.Default
  public ValueFormat format() {
    return ValueFormat.NUMBER;
  }

  /**
   * Whether {@code value op threshold} holds. A value that is not a number ({@code NaN}) passes no
   * gate: it is not a value the member reached.
   *
   * @param value the member's value of the KPI
   * @return whether {@code value op threshold} holds; false for {@code NaN}
   */
  public boolean passes(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    return op().holds(value < threshold() ? -1 : value > threshold() ? 1 : 0);
  }

  /** {@return a builder of a gate, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A gate {@code kpi op threshold}, with values shown as numbers.
   *
   * @param kpi the id of the KPI the gate reads
   * @param op how the value compares with the threshold
   * @param threshold the value the KPI is compared with
   * @return a gate {@code kpi op threshold}, with values shown as numbers
   */
  public static Gate of(String kpi, Comparison op, double threshold) {
    return builder().kpi(kpi).op(op).threshold(threshold).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("kpi", kpi());
    problems.checkFinite("threshold", threshold());
    problems.throwIfAny("gate on '" + kpi() + "'");
  }

  @Override
  public String toString() {
    return kpi() + " " + op() + " " + format().format(threshold());
  }

  /**
   * Builds a {@link Gate}. Attributes: {@code kpi}, {@code op} and {@code threshold} are
   * required; {@code format} is {@link ValueFormat#NUMBER} unless set.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableGate.Builder {
    Builder() {}

    /**
     * Builds the gate, checking every attribute.
     *
     * @return the gate
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the gate is
     *     not valid, listing each problem with its path
     */
    @Override
    public Gate build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
