package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One row of a KPI result: a window, the values of the group-by dimensions, the roll-up level, and
 * a cell per KPI.
 *
 * <p>A record without a value for a group-by dimension counts in a row whose value reads {@code
 * (none)}; {@link #absentDimensions()} names such dimensions. Records whose value is the text
 * {@code (none)} count in another row, which reads the same but whose {@code absentDimensions()}
 * does not name the dimension, so data cannot merge its numbers into the absent row (nor, in a
 * roll-up, into its parent).
 *
 * @since 0.1
 */
@JsonPropertyOrder({"window", "level", "dimensions", "absentDimensions", "cells"})
public final class KpiRow {
  /** The level of rows that are not rolled up. */
  public static final String BASE_LEVEL = "";

  private final Window window;
  private final String level;
  private final ImmutableMap<String, String> dimensions;
  private final ImmutableSet<String> absent;
  // a view of one row of the result's cells; cells are made when asked for, the map once
  private final ResultCells cells;
  private final int row;
  private ImmutableMap<String, KpiCell> cellMap; // racy single check: any thread builds an equal map

  /** Row {@code row} of {@code cells}; {@code dimensions} and {@code absent} are shared by the group's rows. */
  KpiRow(Window window, String level, ImmutableMap<String, String> dimensions, ImmutableSet<String> absent,
      ResultCells cells, int row) {
    this.window = window;
    this.level = level;
    this.dimensions = dimensions;
    this.absent = absent;
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

  /**
   * {@return Group-by dimension to value, in query order; {@code (none)} for an absent value, which
   * {@link #absentDimensions()} tells apart from the text {@code (none)}}
   */
  @JsonProperty
  public Map<String, String> dimensions() {
    return dimensions;
  }

  /**
   * The group-by dimensions whose value is absent in this row's records (they read {@code (none)}
   * in {@link #dimensions()}); empty for most rows. A rolled-up dimension is never absent in a
   * roll-up row: an absent value rolls up into {@link Rollup#UNASSIGNED}.
   *
   * <pre>{@code
   * for (KpiRow row : table.rows()) {
   *   String channel = row.absentDimensions().contains("channel") ? "no channel" : row.dimensions().get("channel");
   * }
   * }</pre>
   *
   * @return the group-by dimensions whose value is absent, in query order
   */
  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public Set<String> absentDimensions() {
    return absent;
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
   * The value of dimension {@code name} in this row: {@code (none)} when absent, as in
   * {@link #dimensions()} ({@link #absentDimensions()} tells it from the text); empty when the query
   * does not group by {@code name}.
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
        && other.dimensions.equals(dimensions) && other.absent.equals(absent) && other.cells().equals(cells());
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, level, dimensions, absent, cells());
  }

  @Override
  public String toString() {
    return window + (level.isEmpty() ? "" : " [" + level + "]") + " " + dimensions
        + (absent.isEmpty() ? "" : " absent " + absent) + " " + cells().values();
  }
}
