package dev.finegrain.kpi.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formatting for verdicts and messages; locale-independent, so the text is the same everywhere. */
final class Format {
  private Format() {}

  /** {@code 0.124} as {@code "12.4%"} with {@code decimals} decimals. */
  static String percent(double fraction, int decimals) {
    return fixed(fraction * 100, decimals) + "%";
  }

  /** {@code 0.03} as {@code "+3.00 pp"}: a difference of rates in percentage points, with its sign. */
  static String points(double difference, int decimals) {
    return signed(difference * 100, decimals) + " pp";
  }

  static String fixed(double x, int decimals) {
    return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * {@code x} with its sign: {@code "+0.22"}, {@code "-0.02"}; a negative value that rounds to zero
   * keeps its minus ({@code -0.0179} to 1 decimal is {@code "-0.0"}), so an interval's lower end
   * below zero never reads as {@code "+0.0"}.
   */
  static String signed(double x, int decimals) {
    String s = fixed(x, decimals);
    return s.startsWith("-") ? s : x < 0 ? "-" + s : "+" + s;
  }

  /** {@code x} to {@code digits} significant digits, without trailing zeros: {@code 17.78} to 3 is {@code "17.8"}. */
  static String significant(double x, int digits) {
    if (x == 0) {
      return "0";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "infinity" : "-infinity";
    }
    return new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
  }

  /** The decimals a plain number is written with: {@code "477.6"} has 1, {@code "482"} has 0. */
  static int decimals(String plain) {
    int dot = plain.indexOf('.');
    return dot < 0 ? 0 : plain.length() - dot - 1;
  }

  /** A significant-digit number with a sign: {@code "+1.58"}, {@code "-0.205"}. */
  static String signedSignificant(double x, int digits) {
    String s = significant(x, digits);
    return s.startsWith("-") ? s : "+" + s;
  }

  /** A p-value as people read it: {@code "p = 0.0496"}, {@code "p = 0.41"}, {@code "p < 0.0001"}. */
  static String pValue(double p) {
    if (p < 0.0001) {
      return "p < 0.0001";
    }
    return "p = " + significant(p, 3);
  }

  /** A count with thousands separators: {@code 50,500}. */
  static String count(long n) {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
  }

  /** A confidence level as people say it: {@code 0.95} as {@code "95%"}, {@code 0.995} as {@code "99.5%"}. */
  static String confidence(double level) {
    return BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** An alpha or threshold as written: {@code 0.05}, {@code 0.001}. */
  static String level(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
