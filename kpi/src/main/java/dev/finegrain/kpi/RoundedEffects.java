package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkNotNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The effects of a {@link KpiChange} rounded for display so that the figures shown add up: each group's
 * rate and mix effect add up to its total, and each column to the change as shown. {@link KpiChange}
 * keeps the exact values; this is how {@link KpiChange#toText()} prints them.
 *
 * <pre>{@code
 * RoundedEffects shown = RoundedEffects.of(change);
 * for (RoundedEffects.Row row : shown.rows()) {          // the change's groups, in its order
 *   System.out.println(row.group() + " " + shown.format(row.rateEffect()) + " " + shown.format(row.mixEffect())
 *       + " = " + shown.format(row.total()));             // douyin -3.02 pp -0.67 pp = -3.69 pp
 * }
 * System.out.println(shown.format(shown.all().total()));  // the change rounded: -4.69 pp
 * }</pre>
 *
 * <h2>The rule</h2>
 *
 * <p>Figures are whole numbers of the display unit: 0.01 percentage point for a percent KPI, 0.01 of the
 * KPI's unit otherwise. With {@code n} groups:
 *
 * <ol>
 *   <li>the change is rounded to the nearest unit (halves away from zero), as {@link KpiChange#formatEffect}
 *       rounds any single figure;
 *   <li>the two column totals, the sum of the groups' rate effects and the sum of their mix effects, are
 *       rounded by the <b>largest-remainder method</b> to units that add up to the rounded change;
 *   <li>within each column the {@code n} effects are rounded by the largest-remainder method to units that
 *       add up to that column's rounded total;
 *   <li>a group's total is its rate effect plus its mix effect as rounded; the {@code all} row is the
 *       column sums, which add up to the rounded change.
 * </ol>
 *
 * <p>The largest-remainder method, for values that must add up to a whole-number target: each value starts
 * at its floor, and the {@code target - Σ floor} values with the largest fractional parts are rounded up
 * instead (of equal fractional parts, the one listed first: groups in the change's order, the rate column
 * before the mix column). A value that is already whole stays as it is.
 *
 * <h2>The bound</h2>
 *
 * <p>Every rounded rate and mix effect, and each column's total, is its exact value's floor or ceiling: within
 * one display unit of the exact value (strictly less than one unit). A group's total, a sum of two such
 * figures, is within two units of its exact total; the change, within half a unit. "Exact" is the double
 * {@link KpiChange} reports, and a column's exact total the exact sum of those doubles.
 *
 * @since 0.1
 */
public final class RoundedEffects {
  private final boolean percent;
  private final List<Row> rows;
  private final Row all;

  private RoundedEffects(boolean percent, List<Row> rows, Row all) {
    this.percent = percent;
    this.rows = List.copyOf(rows);
    this.all = all;
  }

  /**
   * The effects of {@code change} rounded for display.
   *
   * @param change a decomposition
   * @return its effects rounded so that they add up, a row per group in the change's order
   */
  public static RoundedEffects of(KpiChange change) {
    checkNotNull(change, "change");
    boolean percent = change.kpi().isPercent();
    List<KpiChange.Contribution> groups = change.contributions();
    BigDecimal[] rate = new BigDecimal[groups.size()];
    BigDecimal[] mix = new BigDecimal[groups.size()];
    for (int i = 0; i < rate.length; i++) {
      rate[i] = units(groups.get(i).rateEffect(), percent);
      mix[i] = units(groups.get(i).mixEffect(), percent);
    }
    BigInteger[][] rounded = round(rate, mix, nearest(change.change(), percent));
    List<Row> rows = new ArrayList<>();
    BigInteger rateSum = BigInteger.ZERO;
    BigInteger mixSum = BigInteger.ZERO;
    for (int i = 0; i < rate.length; i++) {
      rows.add(new Row(groups.get(i).group(), shown(rounded[0][i]), shown(rounded[1][i])));
      rateSum = rateSum.add(rounded[0][i]);
      mixSum = mixSum.add(rounded[1][i]);
    }
    return new RoundedEffects(percent, rows, new Row("all", shown(rateSum), shown(mixSum)));
  }

  /** {@return a row per group of the change, in the change's order (the largest contribution first)} */
  public List<Row> rows() {
    return rows;
  }

  /**
   * {@return the {@code all} row: the sums of the rate and of the mix column, whose total is the change
   * rounded to the nearest display unit}
   */
  public Row all() {
    return all;
  }

  /**
   * A figure of this display as text, with its sign and unit: {@code +1.25 pp} for a percent KPI,
   * {@code -3.40} otherwise; zero is {@code +0.00}.
   *
   * @param figure a figure of a {@link Row}
   * @return the figure as text
   */
  public String format(BigDecimal figure) {
    return format(figure, percent);
  }

  /**
   * One row of the display: a group's rate and mix effect rounded, in the display's unit (percentage points
   * for a percent KPI), two decimals.
   *
   * @param group the group, or {@code all} for the column sums
   * @param rateEffect the rate effect as shown
   * @param mixEffect the mix effect as shown
   * @since 0.1
   */
  public record Row(String group, BigDecimal rateEffect, BigDecimal mixEffect) {
    /** {@return the total as shown: the rate effect plus the mix effect as shown} */
    public BigDecimal total() {
      return rateEffect.add(mixEffect);
    }
  }

  /**
   * Rounds a table of two columns to whole units: both columns' totals to {@code total} (steps 2 and 3 of
   * the rule), each column's cells to its rounded total.
   *
   * @return the rate column's and the mix column's cells, rounded
   */
  static BigInteger[][] round(BigDecimal[] rate, BigDecimal[] mix, BigInteger total) {
    BigInteger[] columns = largestRemainder(new BigDecimal[] {sum(rate), sum(mix)}, total);
    return new BigInteger[][] {largestRemainder(rate, columns[0]), largestRemainder(mix, columns[1])};
  }

  /**
   * The largest-remainder method: {@code values} rounded to whole numbers that add up to {@code target},
   * each its value's floor or ceiling; of equal fractional parts the earlier is rounded up first.
   *
   * @throws IllegalArgumentException if {@code target} is below the sum of the floors or above the sum of
   *     the ceilings
   */
  static BigInteger[] largestRemainder(BigDecimal[] values, BigInteger target) {
    BigInteger[] out = new BigInteger[values.length];
    BigDecimal[] remainder = new BigDecimal[values.length];
    BigInteger floors = BigInteger.ZERO;
    int fractional = 0;
    for (int i = 0; i < values.length; i++) {
      BigDecimal floor = values[i].setScale(0, RoundingMode.FLOOR);
      out[i] = floor.toBigIntegerExact();
      remainder[i] = values[i].subtract(floor);
      floors = floors.add(out[i]);
      fractional += remainder[i].signum();
    }
    BigInteger up = target.subtract(floors);
    if (up.signum() < 0 || up.compareTo(BigInteger.valueOf(fractional)) > 0) {
      throw new IllegalArgumentException("target: " + target + " cannot be reached by rounding "
          + Arrays.toString(values) + " up or down; expected " + floors + " to "
          + floors.add(BigInteger.valueOf(fractional)));
    }
    Integer[] order = new Integer[values.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing((Integer i) -> remainder[i]).reversed());  // stable: ties keep order
    for (int j = 0; j < up.intValueExact(); j++) {
      out[order[j]] = out[order[j]].add(BigInteger.ONE);
    }
    return out;
  }

  /** {@code value} in display units, exactly: {@code 0.0302} of a percent KPI is 302 units of 0.01 pp. */
  static BigDecimal units(double value, boolean percent) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: expected a finite effect, got " + value);
    }
    return new BigDecimal(value).movePointRight(percent ? 4 : 2);
  }

  /** {@code value} rounded to the nearest display unit, halves away from zero. */
  static BigInteger nearest(double value, boolean percent) {
    return units(value, percent).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
  }

  /** Whole display units as the figure shown: 302 units as {@code 3.02}. */
  static BigDecimal shown(BigInteger units) {
    return new BigDecimal(units, 2);
  }

  static String format(BigDecimal figure, boolean percent) {
    DecimalFormat format = new DecimalFormat("+#,##0.00;-#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(figure.signum() == 0 ? BigDecimal.ZERO : figure) + (percent ? " pp" : "");
  }

  private static BigDecimal sum(BigDecimal[] values) {
    return Arrays.stream(values).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      out.append(row.group()).append(' ').append(format(row.rateEffect())).append(' ')
          .append(format(row.mixEffect())).append(' ').append(format(row.total())).append('\n');
    }
    return out.append("all ").append(format(all.rateEffect())).append(' ').append(format(all.mixEffect()))
        .append(' ').append(format(all.total())).toString();
  }
}
