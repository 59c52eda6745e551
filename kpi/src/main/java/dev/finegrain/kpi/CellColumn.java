package dev.finegrain.kpi;

import java.util.OptionalDouble;

/**
 * One KPI's cell values for every row of a result being built, in primitive arrays: kernels write
 * a group's value here straight from their state, so building a result allocates nothing per
 * cell until the rows themselves are made.
 */
final class CellColumn {
  final int[] present; // KpiCell.VALUE | NUMERATOR | DENOMINATOR bits
  final double[] value;
  final double[] numerator;
  final double[] denominator;
  final long[] n;

  CellColumn(int rows) {
    present = new int[rows];
    value = new double[rows];
    numerator = new double[rows];
    denominator = new double[rows];
    n = new long[rows];
  }

  /** A value that is always defined (a count, a sum), from {@code n} records. */
  void set(int row, long n, double value) {
    this.n[row] = n;
    this.value[row] = value;
    present[row] = KpiCell.VALUE;
  }

  /** A value from {@code n} records that is undefined for no records (a mean, a quantile). */
  void setIfAny(int row, long n, double value) {
    this.n[row] = n;
    this.value[row] = value;
    present[row] = n == 0 ? 0 : KpiCell.VALUE;
  }

  /** A ratio: its value is undefined when the denominator is 0, never NaN. */
  void ratio(int row, long n, double numerator, double denominator) {
    this.n[row] = n;
    this.numerator[row] = numerator;
    this.denominator[row] = denominator;
    if (denominator == 0) {
      present[row] = KpiCell.NUMERATOR | KpiCell.DENOMINATOR;
    } else {
      value[row] = numerator / denominator;
      present[row] = KpiCell.VALUE | KpiCell.NUMERATOR | KpiCell.DENOMINATOR;
    }
  }

  void set(int row, Summary s) {
    n[row] = s.n();
    int bits = 0;
    if (s.value().isPresent()) {
      value[row] = s.value().getAsDouble();
      bits |= KpiCell.VALUE;
    }
    if (s.numerator().isPresent()) {
      numerator[row] = s.numerator().getAsDouble();
      bits |= KpiCell.NUMERATOR;
    }
    if (s.denominator().isPresent()) {
      denominator[row] = s.denominator().getAsDouble();
      bits |= KpiCell.DENOMINATOR;
    }
    present[row] = bits;
  }

  boolean hasValue(int row) {
    return (present[row] & KpiCell.VALUE) != 0;
  }

  OptionalDouble value(int row) {
    return hasValue(row) ? OptionalDouble.of(value[row]) : OptionalDouble.empty();
  }
}
