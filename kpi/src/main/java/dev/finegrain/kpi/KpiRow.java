package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a KPI result: a window, the values of the group-by dimensions, the roll-up level, and
 * a cell per KPI.
 */
@JsonPropertyOrder({"window", "level", "dimensions", "cells"})
public final class KpiRow {
  /** The level of rows that are not rolled up. */
  public static final String BASE_LEVEL = "";

  private final Window window;
  private final String level;
  private final ImmutableMap<String, String> dimensions;
  // cells in query order, found by id through the table's shared index; the map is made on demand
  private final KpiCell[] cells;
  private final ImmutableMap<String, Integer> index;
  private ImmutableMap<String, KpiCell> cellMap; // racy single check: any thread builds an equal map

  /**
   * A row whose cells are in query order; {@code index} (KPI id to position) and {@code dimensions}
   * are shared by the rows of a table, so a row costs little more than its cells.
   */
  KpiRow(Window window, String level, ImmutableMap<String, String> dimensions, KpiCell[] cells,
      ImmutableMap<String, Integer> index) {
    this.window = window;
    this.level = level;
    this.dimensions = dimensions;
    this.cells = cells;
    this.index = index;
  }

  @JsonProperty
  public Window window() {
    return window;
  }

  /**
   * {@link #BASE_LEVEL} for ordinary rows; for roll-up rows the parent level (such as
   * {@code team}) or {@code all}.
   */
  @JsonProperty
  public String level() {
    return level;
  }

  /** Group-by dimension to value, in query order; {@code (none)} for an absent value. */
  @JsonProperty
  public ImmutableMap<String, String> dimensions() {
    return dimensions;
  }

  /** KPI id to cell, in query order. */
  @JsonProperty
  public ImmutableMap<String, KpiCell> cells() {
    ImmutableMap<String, KpiCell> map = cellMap;
    if (map == null) {
      ImmutableMap.Builder<String, KpiCell> b = ImmutableMap.builderWithExpectedSize(cells.length);
      for (KpiCell c : cells) {
        b.put(c.kpi(), c);
      }
      map = b.buildOrThrow();
      cellMap = map;
    }
    return map;
  }

  /** The cell of KPI {@code kpiId}. */
  public Optional<KpiCell> cell(String kpiId) {
    Integer at = index.get(kpiId);
    return at == null ? Optional.empty() : Optional.of(cells[at]);
  }

  /** The value of dimension {@code name} in this row. */
  public Optional<String> dimension(String name) {
    return Optional.ofNullable(dimensions.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiRow && ((KpiRow) o).window.equals(window) && ((KpiRow) o).level.equals(level)
        && ((KpiRow) o).dimensions.equals(dimensions) && Arrays.equals(((KpiRow) o).cells, cells);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, level, dimensions, Arrays.hashCode(cells));
  }

  @Override
  public String toString() {
    return window + (level.isEmpty() ? "" : " [" + level + "]") + " " + dimensions + " " + Arrays.asList(cells);
  }
}
