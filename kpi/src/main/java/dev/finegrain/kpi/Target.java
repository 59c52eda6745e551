package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.math.BigDecimal;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * A KPI's target and its amber band, read in the KPI's {@link Direction}: for an on-time rate
 * (higher is better) with target 0.95 and band 0.02, 0.96 is green, 0.94 amber, 0.92 red; for a
 * return rate (lower is better) with target 0.05 and band 0.01, 0.055 is amber.
 *
 * <pre>{@code
 * Target t = Target.of(0.95, 0.02);
 * t.status(OptionalDouble.of(0.94), Direction.HIGHER_IS_BETTER);   // AMBER
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTarget.class)
@JsonDeserialize(as = ImmutableTarget.class)
public abstract class Target {
  Target() {}

  /** {@return the value to reach (or to stay under, for lower-is-better KPIs), in the KPI's own scale} */
  public abstract double value();

  /** {@return how far short of the target still counts as amber; 0 means no amber band} */
  @Value.Default
  public double amberWithin() {
    return 0;
  }

  /**
   * A target with an amber band.
   *
   * @param value the value to reach (or to stay under, for lower-is-better KPIs)
   * @param amberWithin how far short of the target still counts as amber; 0 for no amber band
   * @return a target with an amber band
   */
  public static Target of(double value, double amberWithin) {
    return ImmutableTarget.builder().value(value).amberWithin(amberWithin).build();
  }

  /**
   * A target without an amber band.
   *
   * @param value the value to reach (or to stay under, for lower-is-better KPIs)
   * @return a target without an amber band
   */
  public static Target of(double value) {
    return of(value, 0);
  }

  /**
   * The status of {@code value}: {@link Status#UNKNOWN} when the value is empty. How far short of
   * the target a value is counts between the numbers as they are written (each double's shortest
   * decimal form), not between their binary approximations: 0.85 is exactly 0.05 short of 0.9, so
   * with {@code amberWithin} 0.05 it is amber, where {@code 0.9 - 0.85} in doubles is
   * 0.050000000000000044 and would have made it red.
   *
   * @param value the KPI's value, empty when undefined
   * @param direction which way is better
   * @return the status of {@code value}: {@link Status#UNKNOWN} when the value is empty
   * @throws IllegalArgumentException if the value is {@code NaN}
   */
  public Status status(OptionalDouble value, Direction direction) {
    if (value.isEmpty()) {
      return Status.UNKNOWN;
    }
    double v = value.getAsDouble();
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("value: expected a number or empty, got NaN");
    }
    boolean higherIsBetter = direction == Direction.HIGHER_IS_BETTER;
    if (higherIsBetter ? v >= value() : v <= value()) {
      return Status.GREEN;
    }
    if (amberWithin() == 0 || Double.isInfinite(v)) {
      return Status.RED;
    }
    // the edge of the band, target -/+ amberWithin: in doubles where the value is clearly to one side
    // of it (the double edge is within an ulp or so of the decimal one), else in decimal, exact for
    // numbers as written
    double edge = higherIsBetter ? value() - amberWithin() : value() + amberWithin();
    double slack = 4 * Math.ulp(Math.max(Math.abs(v), Math.max(Math.abs(value()), amberWithin())));
    if (Math.abs(v - edge) > slack) {
      return (higherIsBetter ? v > edge : v < edge) ? Status.AMBER : Status.RED;
    }
    BigDecimal target = BigDecimal.valueOf(value());
    BigDecimal band = BigDecimal.valueOf(amberWithin());
    int side = BigDecimal.valueOf(v).compareTo(higherIsBetter ? target.subtract(band) : target.add(band));
    return (higherIsBetter ? side >= 0 : side <= 0) ? Status.AMBER : Status.RED;
  }

  @Value.Check
  void check() {
    new Problems()
        .checkFinite("value", value())
        .check(amberWithin() >= 0 && Double.isFinite(amberWithin()), "amberWithin",
            "expected a finite number of 0 or more, got %s", amberWithin())
        .throwIfAny("target");
  }

  @Override
  public String toString() {
    return amberWithin() == 0 ? "target " + value() : "target " + value() + " (amber within " + amberWithin() + ")";
  }
}
