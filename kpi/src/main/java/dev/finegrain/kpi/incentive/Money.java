package dev.finegrain.kpi.incentive;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Money arithmetic and text: decimal, rounded half-up, shown with thousands separators. */
final class Money {
  private Money() {}

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
