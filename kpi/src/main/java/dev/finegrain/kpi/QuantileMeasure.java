package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The nearest-rank quantile {@code q} of a whole-number field (the value at 1-based rank
 * {@code ceil(q * n)}), such as p90 of the first-response time in minutes. By default it is exact
 * (every distinct value is counted, fine for small domains such as whole hours); with
 * {@code significantDigits} {@code d} (1 to 5) it uses a mergeable histogram in bounded memory, for
 * large domains such as seconds late over millions of orders. Both take any whole number, negative
 * ones included (hours late against the promised date, negative when early; a margin). The
 * histogram reports a quantile whose true value is {@code t} as {@code r} with
 * {@code t <= r} and {@code |r - t| <= 10^-d · |t|}: exact at 0 and for small magnitudes (from
 * −2048 to 2047 at 3 digits), never below the true value. In JSON
 * {@code {"type": "quantile", "field": "delayHours", "q": 0.9}}, and with
 * {@code "significantDigits": 3} for the histogram.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableQuantileMeasure.class)
@JsonDeserialize(as = ImmutableQuantileMeasure.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract non-sealed class QuantileMeasure implements Measure {
  QuantileMeasure() {}

  /** {@return the numeric field whose quantile is taken} */
  public abstract String field();

  /** {@return the quantile, 0 (exclusive) to 1 (inclusive): 0.5 for the median, 0.9 for p90} */
  public abstract double q();

  /** {@return the histogram precision in significant digits; empty for exact counting} */
  public abstract Optional<Integer> significantDigits();

  @Override
  public List<String> fields() {
    return List.of(field());
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.check(!field().isBlank(), "field", "must not be blank");
    problems.check(q() > 0 && q() <= 1, "q", "expected a quantile above 0 and at most 1, got %s", q());
    significantDigits().ifPresent(d -> problems.check(d >= 1 && d <= 5, "significantDigits",
        "expected 1 to 5, got %s", d));
    problems.throwIfAny("quantile measure");
  }

  @Override
  public String toString() {
    double pct = q() * 100;
    String name = pct == Math.rint(pct) ? "p" + (long) pct : "q" + q();
    return name + "(" + field() + ")";
  }
}
