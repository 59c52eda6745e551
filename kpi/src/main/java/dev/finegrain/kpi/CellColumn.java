package dev.finegrain.kpi;

import java.util.OptionalDouble;

/**
 * One KPI's cells for every row of a result being built. Kernels write a group's value here
 * straight from their state, so building a result allocates nothing per cell until the rows
 * themselves are made. The columns of one result share a row-major array (a row's cells of every
 * KPI side by side), so that reading the rows in table order, which is not group order, touches a
 * few neighbouring cache lines per row rather than a line per KPI and part.
 */
final class CellColumn {
  // per cell: presence bits (KpiCell.VALUE | NUMERATOR | DENOMINATOR), value, numerator,
  // denominator, sample size (exact as a double: a sample is far below 2^53 records)
  private static final int PARTS = 5;
  private final double[] cells;
  private final int stride;
  private final int offset;

  private CellColumn(double[] cells, int stride, int offset) {
    this.cells = cells;
    this.stride = stride;
    this.offset = offset;
  }

  /** The columns of {@code kpis} KPIs over {@code rows} rows, sharing one array. */
  static CellColumn[] table(int rows, int kpis) {
    double[] cells = new double[Math.multiplyExact(Math.multiplyExact(rows, kpis), PARTS)];
    CellColumn[] columns = new CellColumn[kpis];
    for (int k = 0; k < kpis; k++) {
      columns[k] = new CellColumn(cells, kpis * PARTS, k * PARTS);
    }
    return columns;
  }

  private int at(int row) {
    return row * stride + offset;
  }

  private void put(int row, int present, double value, double numerator, double denominator, long n) {
    int a = at(row);
    cells[a] = present;
    cells[a + 1] = value;
    cells[a + 2] = numerator;
    cells[a + 3] = denominator;
    cells[a + 4] = n;
  }

  /** A value that is always defined (a count, a sum), from {@code n} records. */
  void set(int row, long n, double value) {
    put(row, KpiCell.VALUE, value, 0, 0, n);
  }

  /** A value from {@code n} records that is undefined for no records (a mean, a quantile). */
  void setIfAny(int row, long n, double value) {
    put(row, n == 0 ? 0 : KpiCell.VALUE, n == 0 ? 0 : value, 0, 0, n);
  }

  /** A value from {@code n} records, present or not. */
  void set(int row, long n, OptionalDouble value) {
    put(row, value.isPresent() ? KpiCell.VALUE : 0, value.orElse(0), 0, 0, n);
  }

  /** A ratio: its value is undefined when the denominator is 0, never NaN. */
  void ratio(int row, long n, double numerator, double denominator) {
    if (denominator == 0) {
      put(row, KpiCell.NUMERATOR | KpiCell.DENOMINATOR, 0, numerator, denominator, n);
    } else {
      put(row, KpiCell.VALUE | KpiCell.NUMERATOR | KpiCell.DENOMINATOR, numerator / denominator, numerator,
          denominator, n);
    }
  }

  void set(int row, Summary s) {
    int bits = (s.value().isPresent() ? KpiCell.VALUE : 0) | (s.numerator().isPresent() ? KpiCell.NUMERATOR : 0)
        | (s.denominator().isPresent() ? KpiCell.DENOMINATOR : 0);
    put(row, bits, s.value().orElse(0), s.numerator().orElse(0), s.denominator().orElse(0), s.n());
  }

  int present(int row) {
    return (int) cells[at(row)];
  }

  boolean hasValue(int row) {
    return (present(row) & KpiCell.VALUE) != 0;
  }

  double rawValue(int row) {
    return cells[at(row) + 1];
  }

  double numerator(int row) {
    return cells[at(row) + 2];
  }

  double denominator(int row) {
    return cells[at(row) + 3];
  }

  long n(int row) {
    return (long) cells[at(row) + 4];
  }

  OptionalDouble value(int row) {
    return hasValue(row) ? OptionalDouble.of(rawValue(row)) : OptionalDouble.empty();
  }
}
