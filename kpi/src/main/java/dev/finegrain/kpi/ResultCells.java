package dev.finegrain.kpi;

import com.google.common.collect.ImmutableMap;
import java.util.OptionalDouble;

/**
 * The cells of a whole result, kept as primitive columns after the query ends: a {@link KpiRow}
 * is a view of one row, and a {@link KpiCell} (with its status and change from the previous
 * window) is made when asked for. A result with tens of thousands of rows is then built without
 * an object per cell, and its rows are still plain immutable values to the caller.
 */
final class ResultCells {
  private final CellColumn[] columns;
  private final String[] ids;
  private final Target[] targets; // null where the KPI has no target
  private final Direction[] directions;
  private final int smallSampleBelow;
  private final int[] previous; // row -> the same group's row in the previous window, or -1
  final ImmutableMap<String, Integer> index; // KPI id -> column

  ResultCells(KpiQuery query, CellColumn[] columns, int[] previous, ImmutableMap<String, Integer> index) {
    int kpiCount = columns.length;
    this.columns = columns;
    this.ids = new String[kpiCount];
    this.targets = new Target[kpiCount];
    this.directions = new Direction[kpiCount];
    for (int k = 0; k < kpiCount; k++) {
      Kpi kpi = query.kpis().get(k);
      ids[k] = kpi.id();
      targets[k] = kpi.target().orElse(null);
      directions[k] = kpi.direction().orElse(null); // a KPI with a target has a direction
    }
    this.smallSampleBelow = query.smallSampleBelow();
    this.previous = previous;
    this.index = index;
  }

  int kpiCount() {
    return columns.length;
  }

  /** The cell of KPI column {@code k} in {@code row}. */
  KpiCell cell(int row, int k) {
    CellColumn c = columns[k];
    int present = c.present(row);
    double value = c.rawValue(row);
    double delta = 0;
    int before = previous[row];
    if (before >= 0 && (present & KpiCell.VALUE) != 0 && c.hasValue(before)) {
      delta = value - c.rawValue(before);
      present |= KpiCell.DELTA;
    }
    Status status = targets[k] == null ? Status.UNKNOWN
        : targets[k].status((present & KpiCell.VALUE) != 0 ? OptionalDouble.of(value) : OptionalDouble.empty(),
            directions[k]);
    long n = c.n(row);
    return new KpiCell(ids[k], present, value, c.numerator(row), c.denominator(row), n, status, delta,
        n < smallSampleBelow);
  }
}
