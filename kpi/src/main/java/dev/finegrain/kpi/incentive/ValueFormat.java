package dev.finegrain.kpi.incentive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a KPI value is shown in a payout's explanation; in JSON {@code "number"} or {@code "percent"}.
 * It changes only the text, never the arithmetic.
 *
 * @since 0.1
 */
public enum ValueFormat {
  /** As it is, to at most 4 decimals: {@code 12.5}. */
  NUMBER,
  /** A fraction shown as a percentage, to at most 2 decimals: {@code 0.972} as {@code 97.2%}. */
  PERCENT;

  /**
   * {@code value} as people read it.
   *
   * @param value the value to show, a finite number
   * @return {@code value} as people read it
   * @throws IllegalArgumentException if {@code value} is {@code NaN} or infinite
   */
  public String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: expected a finite number, got " + value);
    }
    BigDecimal v = BigDecimal.valueOf(value);
    if (this == PERCENT) {
      return plain(v.movePointRight(2).setScale(2, RoundingMode.HALF_UP)) + "%";
    }
    return plain(v.setScale(4, RoundingMode.HALF_UP));
  }

  /** A step of {@code step} as people read it: {@code 0.01} as {@code 1 pp} for percentages. */
  String formatStep(double step) {
    BigDecimal v = BigDecimal.valueOf(step);
    return this == PERCENT ? plain(v.movePointRight(2)) + " pp" : plain(v);
  }

  private static String plain(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  /** {@return the format's name in JSON, such as {@code percent}} */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format with this JSON name.
   *
   * @param name the JSON name, such as {@code percent}
   * @return the format with this JSON name
   * @throws IllegalArgumentException listing the known names
   */
  @JsonCreator
  public static ValueFormat ofJsonName(String name) {
    for (ValueFormat f : values()) {
      if (f.jsonName().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown value format '" + name + "'; expected one of "
        + Arrays.stream(values()).map(ValueFormat::jsonName).collect(Collectors.joining(", ")));
  }
}
