package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableMap;
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
  private final ImmutableMap<String, KpiCell> cells;

  KpiRow(Window window, String level, ImmutableMap<String, String> dimensions, ImmutableMap<String, KpiCell> cells) {
    this.window = window;
    this.level = level;
    this.dimensions = dimensions;
    this.cells = cells;
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
    return cells;
  }

  /** The cell of KPI {@code kpiId}. */
  public Optional<KpiCell> cell(String kpiId) {
    return Optional.ofNullable(cells.get(kpiId));
  }

  /** The value of dimension {@code name} in this row. */
  public Optional<String> dimension(String name) {
    return Optional.ofNullable(dimensions.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiRow && ((KpiRow) o).window.equals(window) && ((KpiRow) o).level.equals(level)
        && ((KpiRow) o).dimensions.equals(dimensions) && ((KpiRow) o).cells.equals(cells);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, level, dimensions, cells);
  }

  @Override
  public String toString() {
    return window + (level.isEmpty() ? "" : " [" + level + "]") + " " + dimensions + " " + cells.values();
  }
}
