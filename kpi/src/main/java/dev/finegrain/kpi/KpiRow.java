package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a KPI result: a window, the values of the group-by dimensions, the roll-up level, and
 * a cell per KPI.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"window", "level", "dimensions", "cells"})
public final class KpiRow {
  /** The level of rows that are not rolled up. */
  public static final String BASE_LEVEL = "";

  private final Window window;
  private final String level;
  private final ImmutableMap<String, String> dimensions;
  // a view of one row of the result's cells; cells are made when asked for, the map once
  private final ResultCells cells;
  private final int row;
  private ImmutableMap<String, KpiCell> cellMap; // racy single check: any thread builds an equal map

  /** Row {@code row} of {@code cells}; {@code dimensions} is shared by the group's rows. */
  KpiRow(Window window, String level, ImmutableMap<String, String> dimensions, ResultCells cells, int row) {
    this.window = window;
    this.level = level;
    this.dimensions = dimensions;
    this.cells = cells;
    this.row = row;
  }

  /** {@return the calendar window of the row} */
  @JsonProperty
  public Window window() {
    return window;
  }

  /**
   * {@link #BASE_LEVEL} for ordinary rows; for roll-up rows the parent level (such as
   * {@code team}) or {@code all}.
   *
   * @return {@link #BASE_LEVEL} for ordinary rows; for roll-up rows the parent level (such as {@code team}) or {@code
   *     all}
   */
  @JsonProperty
  public String level() {
    return level;
  }

  /** {@return Group-by dimension to value, in query order; {@code (none)} for an absent value} */
  @JsonProperty
  public Map<String, String> dimensions() {
    return dimensions;
  }

  /** {@return KPI id to cell, in query order} */
  @JsonProperty
  public Map<String, KpiCell> cells() {
    ImmutableMap<String, KpiCell> map = cellMap;
    if (map == null) {
      ImmutableMap.Builder<String, KpiCell> b = ImmutableMap.builderWithExpectedSize(cells.kpiCount());
      for (int k = 0; k < cells.kpiCount(); k++) {
        KpiCell c = cells.cell(row, k);
        b.put(c.kpi(), c);
      }
      map = b.buildOrThrow();
      cellMap = map;
    }
    return map;
  }

  /**
   * The cell of KPI {@code kpiId}.
   *
   * @param kpiId the KPI's id
   * @return the cell of KPI {@code kpiId}
   */
  public Optional<KpiCell> cell(String kpiId) {
    Integer k = cells.index.get(kpiId);
    return k == null ? Optional.empty() : Optional.of(cells.cell(row, k));
  }

  /**
   * The value of dimension {@code name} in this row.
   *
   * @param name the dimension's name
   * @return the value of dimension {@code name} in this row
   */
  public Optional<String> dimension(String name) {
    return Optional.ofNullable(dimensions.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiRow other && other.window.equals(window) && other.level.equals(level)
        && other.dimensions.equals(dimensions) && other.cells().equals(cells());
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, level, dimensions, cells());
  }

  @Override
  public String toString() {
    return window + (level.isEmpty() ? "" : " [" + level + "]") + " " + dimensions + " " + cells().values();
  }
}
