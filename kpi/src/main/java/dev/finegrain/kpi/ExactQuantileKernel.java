package dev.finegrain.kpi;

import dev.finegrain.kpi.Kernels.Kernel;
import dev.finegrain.kpi.Kernels.Tally;
import dev.finegrain.kpi.accumulator.ExactQuantiles;
import dev.finegrain.kpi.accumulator.QuantileResult;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The kernel of exact quantiles. Values such as delays in whole hours or ratings span a small
 * range, so the range of the first values seen (with some slack) is counted in flat {@code byte[]}
 * pages of {@code span} counts per group: an array increment per record instead of a hash probe in
 * an object per group. Values outside that range, groups past a memory cap, and counts that reach
 * the 8-bit limit of a cell go to an {@link ExactQuantiles} per group; {@link #result} merges both,
 * which gives the same accumulator as adding every value to it. A group's number of values is the
 * tally's count less its absent values, so a quantile is found by one scan from the nearer end of
 * the group's counts, without counting them first.
 */
final class ExactQuantileKernel extends Kernel<ExactQuantiles> {
  private static final int MAX_SPAN = 1024;
  private static final int MAX_CELLS = 1 << 24; // 32 MB of counts
  // pages of PAGE groups, each (group % PAGE) * span + (value - base): unsigned 8-bit counts, a
  // quarter of the memory of ints, so more groups' counts stay in cache and fewer bytes are
  // zeroed per group; a count that reaches 255 moves to the group's accumulator (one hash
  // update per 255 equal values). Pages are added as groups appear, never copied.
  private static final int PAGE_BITS = 6;
  private static final int PAGE = 1 << PAGE_BITS;

  private final Slot s;
  private final Tally tally;
  private long base;
  private int span = -1; // -1: not chosen yet; 0: no flat table
  private byte[][] pages = new byte[0][];
  private int cellGroups; // groups with cells: pages * PAGE
  private int reserved; // the most groups reserve() has been asked for
  // both rare, so grown on first use by a group rather than with the groups
  private ExactQuantiles[] others = new ExactQuantiles[0];
  private long[] absents = new long[0]; // records of the group that passed the filter without a value

  ExactQuantileKernel(Slot s, Tally tally) {
    this.s = s;
    this.tally = tally;
  }

  @Override
  void reserve(int groups) {
    reserved = Math.max(reserved, groups);
    int cap = span > 0 ? MAX_CELLS / span / PAGE * PAGE : 0;
    while (cellGroups < groups && cellGroups < cap) {
      int page = cellGroups >>> PAGE_BITS;
      if (page == pages.length) {
        pages = Arrays.copyOf(pages, Kernels.grow(pages.length, page + 1));
      }
      pages[page] = new byte[PAGE * span];
      cellGroups += PAGE;
    }
  }

  @Override
  void add(int length, int[] gid, boolean[] pass) {
    long[] v = s.longs;
    int off = s.offset;
    if (span < 0) {
      chooseSpan(length, gid, pass, v, off);
    }
    int i = 0;
    while (i < length) {
      i = addFlat(i, length, gid, pass, v, off);
      if (i < length) {
        addOne(v[off + i], gid[i]);
        i++;
      }
    }
  }

  /**
   * Counts the records from {@code from} in the flat table while each has a value that fits it and
   * a cell below the 8-bit limit; returns the first record that does not (or {@code length}). The
   * loop calls nothing, so the compiler keeps it tight; {@link #addOne} takes the rare record.
   */
  private int addFlat(int from, int length, int[] gid, boolean[] pass, long[] v, int off) {
    byte[][] p = pages;
    int w = span;
    int flatGroups = cellGroups;
    long lo = base;
    for (int i = from; i < length; i++) {
      int g = gid[i];
      if (g >= 0 && (pass == null || pass[i])) {
        long x = v[off + i];
        long k = x - lo;
        if (x == ColumnBatch.ABSENT || k < 0 || k >= w || g >= flatGroups) {
          return i;
        }
        byte[] c = p[g >>> PAGE_BITS];
        int cell = (g & (PAGE - 1)) * w + (int) k;
        int count = (c[cell] & 0xFF) + 1;
        if (count == 0xFF) {
          return i;
        }
        c[cell] = (byte) count;
      }
    }
    return length;
  }

  /** Counts {@code n} more passing records of group {@code g} without a value. */
  void addAbsent(int g, long n) {
    if (g >= absents.length) {
      absents = Arrays.copyOf(absents, Kernels.grow(absents.length, g + 1));
    }
    absents[g] += n;
  }

  /** Adds one passing record's value {@code x} to group {@code g}, where the flat loop stopped. */
  private void addOne(long x, int g) {
    long k = x - base;
    if (x == ColumnBatch.ABSENT) {
      addAbsent(g, 1);
    } else if (k >= 0 && k < span && g < cellGroups) {
      byte[] c = pages[g >>> PAGE_BITS];
      int cell = (g & (PAGE - 1)) * span + (int) k;
      int count = (c[cell] & 0xFF) + 1;
      c[cell] = (byte) count;
      if (count == 0xFF) {
        other(g).add(x, count);
        c[cell] = 0;
      }
    } else {
      other(g).add(x);
    }
  }

  /**
   * Adds another engine's quantile state: its flat counts into this kernel's flat table, cell for
   * cell where both tables have the same base and span ({@link #addCells}), else value by value
   * where they fit (a cell that reaches the 8-bit limit moves to the group's accumulator, as in
   * {@link #add}), else into the group's accumulator; its accumulators by merging.
   */
  @Override
  void merge(Kernel<?> other, int[] map) {
    ExactQuantileKernel o = (ExactQuantileKernel) other;
    if (span < 0 && o.span >= 0) {
      base = o.base; // no values here yet: take the other's layout, so its counts copy cell for cell
      span = o.span;
      reserve(reserved);
    }
    for (int g = 0; g < map.length; g++) {
      int t = map[g];
      if (g < o.absents.length && o.absents[g] != 0) {
        addAbsent(t, o.absents[g]);
      }
      if (g < o.cellGroups) {
        byte[] c = o.pages[g >>> PAGE_BITS];
        int from = (g & (PAGE - 1)) * o.span;
        if (o.base == base && o.span == span && t < cellGroups) {
          addCells(t, c, from);
        } else {
          for (int k = 0, at = from; k < o.span; k++, at++) {
            if (c[at] != 0) {
              addCount(t, o.base + k, c[at] & 0xFF);
            }
          }
        }
      }
      if (g < o.others.length && o.others[g] != null) {
        other(t).merge(o.others[g]);
      }
    }
  }

  void addCount(int g, long x, int times) {
    long k = x - base;
    if (span > 0 && k >= 0 && k < span && g < cellGroups) {
      byte[] c = pages[g >>> PAGE_BITS];
      int cell = (g & (PAGE - 1)) * span + (int) k;
      int count = (c[cell] & 0xFF) + times;
      if (count >= 0xFF) {
        other(g).add(x, count);
        c[cell] = 0;
      } else {
        c[cell] = (byte) count;
      }
    } else {
      other(g).add(x, times);
    }
  }

  /**
   * Adds {@code counts[from + k]} values {@code first + k} to group {@code g}, for {@code k <
   * width}: cell for cell where the flat table has this layout, else value by value.
   */
  void addCounts(int g, long first, int[] counts, int from, int width) {
    if (first != base || width != span || g >= cellGroups) {
      for (int k = 0; k < width; k++) {
        if (counts[from + k] != 0) {
          addCount(g, first + k, counts[from + k]);
        }
      }
      return;
    }
    byte[] c = pages[g >>> PAGE_BITS];
    // no test of a count for 0: where groups have about as many records as values, counts of 0
    // and of more are a coin toss each, and adding 0 leaves a cell below 0xFF as it was
    for (int k = 0, at = (g & (PAGE - 1)) * span; k < width; k++, at++) {
      int count = (c[at] & 0xFF) + counts[from + k];
      if (count >= 0xFF) {
        other(g).add(base + k, count); // as addCount: the cell's count moves to the accumulator
        c[at] = 0;
      } else {
        c[at] = (byte) count;
      }
    }
  }

  /**
   * Adds the {@code span} 8-bit counts at {@code cells[from]} on, of the same layout, to group
   * {@code g}'s cells, which it has: as {@link #addCounts}, cell for cell, without a test for 0.
   */
  private void addCells(int g, byte[] cells, int from) {
    byte[] c = pages[g >>> PAGE_BITS];
    for (int k = 0, at = (g & (PAGE - 1)) * span; k < span; k++, at++) {
      int count = (c[at] & 0xFF) + (cells[from + k] & 0xFF);
      if (count >= 0xFF) {
        other(g).add(base + k, count); // as addCount: the cell's count moves to the accumulator
        c[at] = 0;
      } else {
        c[at] = (byte) count;
      }
    }
  }

  /** The width of the flat table: -1 while not chosen, 0 for none. */
  int layoutSpan() {
    return span;
  }

  /** The value of the flat table's first cell, once {@link #layoutSpan()} is chosen. */
  long layoutBase() {
    return base;
  }

  /** The field whose values this kernel counts. */
  Slot slot() {
    return s;
  }

  /**
   * Takes {@code base} and {@code span} as its flat table's layout if it has none yet, as a
   * {@link FusedDayKernel} that counted the first values chose it, so that its counts copy cell
   * for cell; a layout chosen already stays.
   */
  void adoptLayout(long base, int span) {
    if (this.span < 0) {
      this.base = base;
      this.span = span;
      reserve(reserved);
    }
  }

  /**
   * The flat table's width for a first block whose values span {@code range} (max - min + 1, which
   * may have wrapped for extreme values): a quarter more room, rounded up to 8; 0 (no flat table)
   * for a range past {@link #MAX_SPAN} or wrapped.
   */
  static int spanFor(long range) {
    return range <= 0 || range > MAX_SPAN ? 0 : (int) Math.min(MAX_SPAN, (range + range / 4 + 7) & ~7L);
  }

  /** Counts the range of this first block's values, with a quarter more room, if it is small. */
  private void chooseSpan(int length, int[] gid, boolean[] pass, long[] v, int off) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < length; i++) {
      long x = v[off + i];
      if (gid[i] >= 0 && (pass == null || pass[i]) && x != ColumnBatch.ABSENT) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (min > max) {
      return; // nothing yet: choose on the next block
    }
    long range = max - min + 1; // may wrap for extreme values, then the check fails
    span = spanFor(range);
    if (span == 0) {
      return;
    }
    // the table's last cell is base + span - 1, which must not pass Long.MAX_VALUE: a value far below
    // base (or an absent one, Long.MIN_VALUE) would then wrap around to a cell inside the table
    base = Math.min(min, Long.MAX_VALUE - span + 1);
    reserve(reserved);
  }

  private ExactQuantiles other(int g) {
    if (g >= others.length) {
      others = Arrays.copyOf(others, Kernels.grow(others.length, g + 1));
    }
    ExactQuantiles q = others[g];
    if (q == null) {
      q = ExactQuantiles.create();
      others[g] = q;
    }
    return q;
  }

  @Override
  ExactQuantiles result(int group) {
    ExactQuantiles q = ExactQuantiles.create();
    if (group < cellGroups) {
      byte[] c = pages[group >>> PAGE_BITS];
      for (int k = 0, at = (group & (PAGE - 1)) * span; k < span; k++, at++) {
        if (c[at] != 0) {
          q.add(base + k, c[at] & 0xFF);
        }
      }
    }
    if (group < others.length && others[group] != null) {
      q.merge(others[group]);
    }
    return q;
  }

  @Override
  Summary summary(int group, double q) {
    if (group < others.length && others[group] != null) {
      return super.summary(group, q); // values outside the flat table: merge them properly
    }
    long n = flatCount(group);
    return Summary.of(n, n == 0 ? OptionalDouble.empty() : OptionalDouble.of(flatQuantile(group, q, n)));
  }

  @Override
  void summarize(int group, double q, CellColumn out, int row) {
    if (group < others.length && others[group] != null) {
      out.set(row, super.summary(group, q)); // values outside the flat table: merge them properly
      return;
    }
    long n = flatCount(group);
    out.setIfAny(row, n, n == 0 ? 0 : flatQuantile(group, q, n));
  }

  /** The number of values of {@code group}, all in the flat table: it has nothing in {@code others}. */
  private long flatCount(int group) {
    return tally.count(group) - (group < absents.length ? absents[group] : 0);
  }

  /** The quantile of the {@code n > 0} values of {@code group}, all in the flat table. */
  private long flatQuantile(int group, double q, long n) {
    // nearest rank, as QuantileResult.quantile: the value at 1-based rank ceil(q * n)
    long rank = QuantileResult.nearestRank(q, n);
    byte[] c = pages[group >>> PAGE_BITS];
    int first = (group & (PAGE - 1)) * span;
    long seen = 0;
    if (rank * 2 <= n) {
      for (int k = 0; k < span; k++) {
        seen += c[first + k] & 0xFF;
        if (seen >= rank) {
          return base + k;
        }
      }
    } else {
      long fromTop = n - rank + 1; // the rank-th smallest is the (n - rank + 1)-th largest
      for (int k = span - 1; k >= 0; k--) {
        seen += c[first + k] & 0xFF;
        if (seen >= fromTop) {
          return base + k;
        }
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + n + " values");
  }
}
