package dev.finegrain.examples.dashboard;

import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiCell;
import dev.finegrain.kpi.Status;
import dev.finegrain.kpi.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How the dashboard shows figures: rates as percentages with one decimal, changes of rates in
 * percentage points, money as CNY with two decimals (the KPI engine keeps money in cents), minutes
 * and counts as whole numbers, status as words.
 */
final class Figures {
  private Figures() {}

  private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

  static boolean isMoney(Kpi kpi) {
    return kpi.unit().filter("cents"::equals).isPresent();
  }

  /** A value in its KPI's unit without the unit's name where the heading carries it: 96.2%, 45,210.00, 24 min, 182. */
  static String value(Kpi kpi, OptionalDouble value) {
    if (value.isEmpty()) {
      return "-";
    }
    BigDecimal shown = shown(kpi, value.getAsDouble());
    if (kpi.isPercent()) {
      return shown.toPlainString() + "%";
    }
    if (isMoney(kpi)) {
      return new DecimalFormat("#,##0.00", ROOT).format(shown);
    }
    String number = new DecimalFormat("#,##0", ROOT).format(shown);
    return kpi.unit().filter("min"::equals).isPresent() ? number + " min" : number;
  }

  /**
   * The number a reader sees for {@code v}, in the unit shown: a rate in percent with one decimal,
   * money in yuan with two, anything else whole. Changes are computed from these, so that a change
   * always agrees with the two figures it compares.
   */
  static BigDecimal shown(Kpi kpi, double v) {
    if (kpi.isPercent()) {
      return new BigDecimal(Double.toString(v)).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }
    if (isMoney(kpi)) {
      return BigDecimal.valueOf(Math.round(v)).movePointLeft(2);
    }
    return new BigDecimal(Double.toString(v)).setScale(0, RoundingMode.HALF_UP);
  }

  /** 0.9615 as 96.2%. */
  static String percent(double fraction) {
    return new BigDecimal(Double.toString(fraction)).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
        .toPlainString() + "%";
  }

  /** 0.029862 as 2.99%, 0.91 as 91.00%: the two decimals of the bonus plan's explanations, in a fixed column. */
  static String planPercent(double fraction) {
    return new BigDecimal(Double.toString(fraction)).movePointRight(2).setScale(2, RoundingMode.HALF_UP)
        .toPlainString() + "%";
  }

  /** Cents as yuan with two decimals and thousands separators: 4521050 as 45,210.50. */
  static String money(double cents) {
    return new DecimalFormat("#,##0.00", ROOT).format(BigDecimal.valueOf(Math.round(cents)).movePointLeft(2));
  }

  /** A cell as value, status word and small-sample mark: {@code 96.2% GREEN}, {@code 91.0% RED*}. */
  static String cell(Kpi kpi, KpiCell cell) {
    String text = value(kpi, cell.value());
    if (kpi.target().isPresent() && cell.value().isPresent()) {
      text += " " + cell.status().name();
    }
    return cell.smallSample() ? text + "*" : text;
  }

  /** The target as a manager reads it: {@code ≥ 95.0% (amber ≥ 93.0%)}; {@code -} without one. */
  static String target(Kpi kpi) {
    if (kpi.target().isEmpty()) {
      return "-";
    }
    Target t = kpi.target().get();
    boolean higher = kpi.direction().orElseThrow() == Direction.HIGHER_IS_BETTER; // a target has a direction
    String sign = higher ? "≥ " : "≤ ";
    String text = sign + value(kpi, OptionalDouble.of(t.value()));
    if (t.amberWithin() > 0) {
      double amber = higher ? t.value() - t.amberWithin() : t.value() + t.amberWithin();
      text += " (amber " + sign + value(kpi, OptionalDouble.of(amber)) + ")";
    }
    return text;
  }

  /**
   * The change from the previous week with an arrow, in the KPI's unit (percentage points for
   * rates) and whether that is better or worse: {@code ▲ 1.3 pp better}, {@code ▼ 12 min better}.
   */
  static String delta(Kpi kpi, OptionalDouble previous, OptionalDouble current) {
    if (previous.isEmpty() || current.isEmpty()) {
      return "-";
    }
    // from the figures as shown, not the unrounded values: 8.5% -> 8.2% is 0.3 pp, as a reader subtracts
    BigDecimal d = shown(kpi, current.getAsDouble()).subtract(shown(kpi, previous.getAsDouble()));
    String magnitude;
    if (kpi.isPercent()) {
      magnitude = d.abs().toPlainString() + " pp";
    } else if (isMoney(kpi)) {
      magnitude = new DecimalFormat("#,##0.00", ROOT).format(d.abs());
    } else {
      String number = new DecimalFormat("#,##0", ROOT).format(d.abs());
      magnitude = kpi.unit().filter("min"::equals).isPresent() ? number + " min" : number;
    }
    if (d.signum() == 0) {
      return "= " + magnitude;
    }
    boolean up = d.signum() > 0;
    if (kpi.direction().isEmpty()) {
      return (up ? "▲ " : "▼ ") + magnitude; // no direction: neither better nor worse
    }
    boolean better = up == (kpi.direction().get() == Direction.HIGHER_IS_BETTER);
    return (up ? "▲ " : "▼ ") + magnitude + (better ? " better" : " worse");
  }

  /** {@code GREEN} as a word for a status; empty for UNKNOWN. */
  static String status(Status status) {
    return status == Status.UNKNOWN ? "" : status.name();
  }
}
