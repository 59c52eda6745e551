package dev.finegrain.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table for the examples' output. Columns are as wide as their widest cell,
 * counting East Asian wide characters (Chinese, Japanese, Korean) as two terminal columns.
 */
public final class TextTable {
  private final String[] header;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  private TextTable(String... header) {
    this.header = header.clone();
    this.rightAligned = new boolean[header.length];
  }

  /** A table with these column headings. */
  public static TextTable of(String... header) {
    return new TextTable(header);
  }

  /** Right-aligns the given columns (numbers read better that way). */
  public TextTable rightAlign(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  /** Adds a row; each cell is shown with {@code String.valueOf}. */
  public TextTable row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.length
          + " columns: " + Arrays.toString(cells));
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** The table, indented by {@code indent} spaces, one line per row, ending with a newline. */
  public String render(int indent) {
    int[] widths = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      widths[c] = width(header[c]);
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], width(row[c]));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, indent, header, widths);
    String[] rule = new String[header.length];
    for (int c = 0; c < header.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    line(out, indent, rule, widths);
    for (String[] row : rows) {
      line(out, indent, row, widths);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render(2);
  }

  private void line(StringBuilder out, int indent, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder(" ".repeat(indent));
    for (int c = 0; c < cells.length; c++) {
      String pad = " ".repeat(widths[c] - width(cells[c]));
      line.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
      if (c < cells.length - 1) {
        line.append("  ");
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** Terminal columns taken by {@code text}: two for East Asian wide characters, one otherwise. */
  static int width(String text) {
    return text.codePoints().map(cp -> isWide(cp) ? 2 : 1).sum();
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
