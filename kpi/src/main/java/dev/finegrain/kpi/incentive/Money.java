package dev.finegrain.kpi.incentive;

import dev.finegrain.core.internal.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * Money arithmetic and text: decimal, rounded half-up, shown with thousands separators; and the
 * bounds on amounts and multipliers that keep that arithmetic small whatever a definition holds.
 */
final class Money {
  private Money() {}

  /** Amounts and multipliers are below this: 10^15. */
  static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);
  /** Amounts and multipliers have at most this many decimals (trailing zeros aside). */
  static final int MAX_DECIMALS = 12;

  /**
   * Checks that {@code amount} is at least 0, below {@link #LIMIT} and has at most
   * {@link #MAX_DECIMALS} decimals. A BigDecimal can hold {@code 1E+999999999} in a few bytes, and
   * rounding or printing it would take a gigabyte; such a value is reported by its short
   * scientific form, before anything expands it.
   *
   * @return whether the amount is within the bounds (negative or not)
   */
  static boolean check(Problems problems, String path, BigDecimal amount) {
    // compareTo and stripTrailingZeros look at the exponent and the digits as given, never at 10^exponent
    if (amount.abs().compareTo(LIMIT) >= 0 || amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
      problems.add(path, "expected an amount below 10^15 with at most %s decimals, got %s", MAX_DECIMALS, amount);
      return false;
    }
    problems.check(amount.signum() >= 0, path, "must be at least 0, got %s", amount.toPlainString());
    return true;
  }

  /** {@link #check(Problems, String, BigDecimal)} of the amount, if there is one. */
  static boolean check(Problems problems, String path, Optional<BigDecimal> amount) {
    return amount.isEmpty() || check(problems, path, amount.get());
  }

  static BigDecimal round(BigDecimal amount, int decimals) {
    return amount.setScale(decimals, RoundingMode.HALF_UP);
  }

  /** {@code 1350.00} as {@code "1,350.00"}, with as many decimals as the amount's scale. */
  static String format(BigDecimal amount) {
    DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    int decimals = Math.max(0, amount.scale());
    format.setMinimumFractionDigits(decimals);
    format.setMaximumFractionDigits(decimals);
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(amount);
  }
}
