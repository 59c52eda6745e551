package dev.finegrain.kpi.experiment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.OptionalDouble;
import dev.finegrain.kpi.accumulator.LongRatio;
import org.immutables.value.Value;

/**
 * What one variant of a conversion test saw: how many visitors, and how many of them converted.
 *
 * <pre>{@code
 * Conversions control = Conversions.of(1000, 120);    // 12.0%
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableConversions.class)
@JsonDeserialize(as = ImmutableConversions.class)
public abstract class Conversions {
  Conversions() {}

  /** {@return visitors (or sessions) assigned to the variant; at least 0} */
  public abstract long visitors();

  /** {@return visitors who converted; 0 to {@link #visitors()}} */
  public abstract long conversions();

  /** {@return {@code conversions / visitors}; empty when there are no visitors} */
  public OptionalDouble rate() {
    return visitors() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) conversions() / visitors());
  }

  /**
   * The counts of a variant.
   *
   * @param visitors visitors (or sessions) assigned to the variant, at least 0
   * @param conversions visitors who converted, 0 to {@code visitors}
   * @return the counts of a variant
   * @throws IllegalArgumentException naming the field if a count is negative or conversions exceed visitors
   */
  public static Conversions of(long visitors, long conversions) {
    return ImmutableConversions.builder().visitors(visitors).conversions(conversions).build();
  }

  /**
   * The counts of a ratio accumulator of conversions over visitors (a KPI such as
   * {@code Measure.share(Condition.eq("converted", true))} over sessions).
   *
   * @param accumulator the accumulator, merged from all of the variant's parts
   * @return the counts of a ratio accumulator of conversions over visitors (a KPI such as {@code
   *     Measure.share(Condition.eq("converted", true))} over sessions)
   * @throws IllegalArgumentException if the counts are not conversions out of visitors
   * @throws ArithmeticException if either sum does not fit in a long (see {@link LongRatio#result()})
   */
  public static Conversions from(LongRatio accumulator) {
    LongRatio.Result r = Checks.notNull("accumulator", accumulator).result();
    return of(r.denominator(), r.numerator());
  }

  @Value.Check
  void check() {
    Checks.atLeast("visitors", visitors(), 0, "a count of at least 0");
    Checks.atLeast("conversions", conversions(), 0, "a count of at least 0");
    if (conversions() > visitors()) {
      throw new IllegalArgumentException("conversions: expected at most visitors (" + visitors() + "), got "
          + conversions());
    }
  }

  @Override
  public String toString() {
    return Format.count(conversions()) + " of " + Format.count(visitors());
  }
}
