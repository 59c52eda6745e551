package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.collect.ImmutableList;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of a {@link KpiQuery}: one row per (window, dimension values), roll-up rows after
 * their window's ordinary rows, windows in time order. Print it with {@link #toText()} or export
 * it with {@code FinegrainJson.write(table)}.
 *
 * <pre>{@code
 * KpiTable table = Kpis.run(query, batch);
 * table.row("2026-W10", Map.of("channel", "app")).flatMap(r -> r.cell("on-time-rate"))
 *     .ifPresent(c -> System.out.println(c.value() + " " + c.status()));
 * System.out.println(table.toText());
 * }</pre>
 *
 * @since 0.1
 */
@JsonPropertyOrder({"rows", "skippedNoTime", "skippedOutOfRange"})
public final class KpiTable {
  private final KpiQuery query;
  private final ImmutableList<KpiRow> rows;
  private final long skippedNoTime;
  private final long skippedOutOfRange;

  KpiTable(KpiQuery query, ImmutableList<KpiRow> rows, long skippedNoTime, long skippedOutOfRange) {
    this.query = query;
    this.rows = rows;
    this.skippedNoTime = skippedNoTime;
    this.skippedOutOfRange = skippedOutOfRange;
  }

  /** {@return the query that produced this table} */
  public KpiQuery query() {
    return query;
  }

  /** {@return every row, ordered by window, level and dimension values} */
  @JsonProperty
  public List<KpiRow> rows() {
    return rows;
  }

  /** {@return records not aggregated because their time field was absent} */
  @JsonProperty
  public long skippedNoTime() {
    return skippedNoTime;
  }

  /** {@return records not aggregated because their time lies outside the query's range} */
  @JsonProperty
  public long skippedOutOfRange() {
    return skippedOutOfRange;
  }

  /** {@return all records not aggregated} */
  public long skippedRecords() {
    return skippedNoTime + skippedOutOfRange;
  }

  /**
   * The rows of one roll-up level ({@link KpiRow#BASE_LEVEL} for ordinary rows).
   *
   * @param level the roll-up level
   * @return the rows of one roll-up level ({@link KpiRow#BASE_LEVEL} for ordinary rows)
   */
  public List<KpiRow> rows(String level) {
    return rows.stream().filter(r -> r.level().equals(level)).collect(ImmutableList.toImmutableList());
  }

  /**
   * The row of window {@code windowLabel} whose dimensions are exactly {@code dimensions}, at any level.
   * Where records without a value and records with the text {@code (none)} both occur, two rows read
   * {@code (none)}; this returns the first in table order, the absent one, and
   * {@link KpiRow#absentDimensions()} tells the two apart in {@link #rows()}.
   *
   * @param windowLabel the window's label, such as {@code 2026-W10}
   * @param dimensions every group-by dimension of the row, to its value
   * @return the row of window {@code windowLabel} whose dimensions are exactly {@code dimensions}, at any level
   */
  public Optional<KpiRow> row(String windowLabel, Map<String, String> dimensions) {
    return rows.stream().filter(r -> r.window().label().equals(windowLabel) && r.dimensions().equals(dimensions))
        .findFirst();
  }

  /**
   * The table as aligned text: a column per KPI headed by its name (and unit), with its value in its
   * unit, the status against the target where there is one ({@code GREEN}, {@code AMBER},
   * {@code RED}, as {@link Status} names them) and {@code *} for a small sample: fewer records behind the
   * value than the query's {@link KpiQuery#smallSampleBelow()} ({@link KpiCell#sampleSize()}; for a ratio,
   * the records its denominator counts), as a footnote says. A column's numbers share one format: whole
   * numbers when every value in it is whole, else two decimals throughout. An absent dimension value shows
   * as {@code (none)}, the text {@code (none)} in quotes.
   *
   * @return the table as aligned text: a column per KPI headed by its name, with its value in its unit, the status
   *     against the target where there is one, and {@code *} for a small sample
   */
  public String toText() {
    List<String> header = new ArrayList<>();
    header.add("window");
    boolean levels = query.rollup().isPresent();
    if (levels) {
      header.add("level");
    }
    header.addAll(query.groupBy());
    List<Boolean> wholeColumn = new ArrayList<>();
    for (Kpi kpi : query.kpis()) {
      String unit = kpi.unit().orElse("");
      boolean plain = kpi.isPercent() || unit.isEmpty() || unit.equals(kpi.id()) || unit.equals(kpi.name());
      header.add(plain ? kpi.name() : kpi.name() + " (" + unit + ")");
      wholeColumn.add(rows.stream().map(r -> r.cells().get(kpi.id()).value()).filter(OptionalDouble::isPresent)
          .allMatch(v -> isWhole(v.getAsDouble())));
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(header.toArray(new String[0]));
    for (KpiRow row : rows) {
      List<String> line = new ArrayList<>();
      line.add(row.window().label());
      if (levels) {
        line.add(row.level().isEmpty() ? query.rollup().get().dimension() : row.level());
      }
      row.dimensions().forEach((name, value) -> line.add(shown(value, row.absentDimensions().contains(name))));
      for (int k = 0; k < query.kpis().size(); k++) {
        Kpi kpi = query.kpis().get(k);
        KpiCell cell = row.cells().get(kpi.id());
        String text = format(kpi, cell.value(), wholeColumn.get(k));
        if (kpi.target().isPresent() && cell.value().isPresent()) {
          text += " " + cell.status().name();
        }
        line.add(cell.smallSample() ? text + "*" : text);
      }
      lines.add(line.toArray(new String[0]));
    }
    int[] widths = new int[header.size()];
    for (String[] line : lines) {
      for (int c = 0; c < line.length; c++) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      String[] line = lines.get(l);
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < line.length; c++) {
        boolean numeric = c >= header.size() - query.kpis().size();
        String pad = " ".repeat(widths[c] - line[c].length());
        text.append(numeric && l > 0 ? pad + line[c] : line[c] + pad).append(c < line.length - 1 ? "  " : "");
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    out.append("* fewer than ").append(query.smallSampleBelow()).append(" records behind the value");
    if (query.kpis().stream().anyMatch(k -> k.measure() instanceof RatioMeasure)) {
      out.append(" (for a ratio, records its denominator counts)");
    }
    if (skippedRecords() > 0) {
      out.append("; not aggregated: ").append(skippedNoTime).append(" without ")
          .append(query.timeField().orElse("a time"))
          .append(", ").append(skippedOutOfRange).append(" outside the range");
    }
    return out.append('\n').toString();
  }

  /**
   * A dimension value as text output shows it: the text {@code (none)} in quotes, so that it reads
   * apart from an absent value, which shows as {@code (none)}.
   */
  static String shown(String value, boolean absent) {
    return !absent && value.equals(QueryEngine.NONE) ? '"' + value + '"' : value;
  }

  /**
   * A value in its KPI's unit: {@code 95.2%}, {@code 1,204}, {@code 38.50}; {@code -} when empty.
   *
   * @param kpi the KPI whose unit the value is in
   * @param value the value, empty when undefined
   * @return a value in its KPI's unit: {@code 95.2%}, {@code 1,204}, {@code 38.50}; {@code -} when empty
   */
  public static String format(Kpi kpi, OptionalDouble value) {
    java.util.Objects.requireNonNull(kpi, "kpi");
    java.util.Objects.requireNonNull(value, "value");
    return format(kpi, value, value.isPresent() && isWhole(value.getAsDouble()));
  }

  private static String format(Kpi kpi, OptionalDouble value, boolean whole) {
    if (value.isEmpty()) {
      return "-";
    }
    double v = value.getAsDouble();
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    if (kpi.isPercent()) {
      return new DecimalFormat("0.0", symbols).format(v * 100) + "%";
    }
    return new DecimalFormat(whole ? "#,##0" : "#,##0.00", symbols).format(v);
  }

  private static boolean isWhole(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiTable other && other.rows.equals(rows) && other.query.equals(query)
        && other.skippedNoTime == skippedNoTime && other.skippedOutOfRange == skippedOutOfRange;
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, rows, skippedNoTime, skippedOutOfRange);
  }

  @Override
  public String toString() {
    return toText();
  }
}
