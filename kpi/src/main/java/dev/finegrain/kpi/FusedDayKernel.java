package dev.finegrain.kpi;

import dev.finegrain.core.condition.Compare;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.Equals;
import dev.finegrain.kpi.Formula.Constant;
import dev.finegrain.kpi.Formula.Name;
import dev.finegrain.kpi.Formula.Node;
import dev.finegrain.kpi.Formula.Operation;
import dev.finegrain.kpi.Kernels.Kernel;
import dev.finegrain.kpi.Kernels.LongSumKernel;
import dev.finegrain.kpi.Kernels.Tally;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The common shape of a KPI query over a {@link ColumnBatch}, or over objects read into the
 * engine's block buffers, in one loop per block of records instead of the engine's pass per step:
 * calendar windows (day, ISO week, month, quarter) in a fixed-offset zone, one dimension, counts
 * and shares of up to two conditions (each {@code <}, {@code <=}, {@code >} or {@code >=} between
 * two whole-number fields, or a yes/no field equal to a value), one whole sum (and means of it),
 * and one exact quantile of a whole-number field or of a difference of two divided by a constant
 * from 3 ({@code (shippedAt - createdAt) // 1h}); no KPI filters. Order counts, GMV, average order
 * value, on-time and return rates and the p90 ship delay per day and channel are that shape.
 *
 * <p>The loop checks nothing per record that the block's bounds show every record of the block
 * passes (a batch's run bounds, {@link ColumnBatch.Column#lowerBound}, or for objects the bounds
 * found as the block was read, {@link Slot#low}): instants in the query's range and in this
 * kernel's days, differences and sums far from the range of a long. A block that could fail a check
 * goes through the engine's passes instead. A block with absent values takes a variant of the loop
 * that tests for them ({@link #loopWithAbsents}), as the passes treat them. Groups are laid out by
 * (local day, dimension code), from the batch's day range and dictionary size (for objects, from
 * the days in the range of the first block with any, and grown by {@link #coveringBlock}), not
 * numbered as they appear, and counted in plain {@code int} and {@code long} arrays; {@link #flush}
 * adds them to the engine's kernels (the tally, the sum, the quantile), group by group, before
 * anything reads those: the table, a merge. The table is the one the engine's passes give, since
 * both add the same counts and exact sums to the same kernels.
 *
 * <p>Records read through a schema skip the block buffers once a block has laid the loop out: a
 * reader made for the query's fields and their roles here reads each record and counts it
 * straight into this kernel ({@link #readyForRecords}, {@link RowReaderTemplate#fuse}), checking
 * per record what {@link #add} checks per block, and leaves the first record it cannot take, and
 * the rest of the block, to the buffers.
 */
final class FusedDayKernel {
  /**
   * Counters at most: the layout's groups times four (a count, two masks' hits, a sum), or times
   * 1,028 with a quantile (its table is up to 1,024 values wide); some 16 to 32 MB, in each engine
   * (each worker of a query split over threads has its own).
   */
  private static final long MAX_CELLS = 1 << 22;
  /** Values of a field that a difference or a comparison may subtract without overflow. */
  static final long SAFE_MAGNITUDE = 1L << 61;
  /** Whole values a block may add to its sums: with at most 2,048 records, the sums stay far from overflow. */
  static final long MAX_ADDEND = 1L << 40;
  /** The bound kept on every group's local sum: below it, a block cannot take a sum out of a long. */
  private static final long SUM_ROOM = 1L << 62;
  /** Quantile values outside the table kept here at most before a flush. */
  private static final int MAX_SPILLED = 1 << 16;

  /**
   * When the kernel flushes on its own: once its bound on the local sums would pass {@code
   * sumRoom}, or its spilled quantile values {@code maxSpilled}. Tests lower them to make it flush
   * between blocks.
   */
  record Limits(long sumRoom, int maxSpilled) {
    static final Limits DEFAULT = new Limits(SUM_ROOM, MAX_SPILLED);

    Limits {
      // any room up to 2^62 keeps the local sums exact: a block adds at most 2^51 after a flush
      if (sumRoom < 1 || sumRoom > SUM_ROOM || maxSpilled < 0) {
        throw new IllegalArgumentException("limits: sumRoom " + sumRoom + " (expected 1 to 2^62), maxSpilled "
            + maxSpilled + " (expected 0 or more)");
      }
    }
  }

  static final int NONE = 0;
  static final int COMPARE = 1;
  static final int FLAG = 2;
  /** The largest difference of a quantile's two fields that the divisor's multiplication takes, exclusive. */
  static final long MAX_DIFFERENCE = 1L << 50;

  // the plan
  final Windows windows;
  private final Groups groups;
  private final Tally tally;
  private final Kernel<?>[] kernels;
  private final Plan plan;
  private final Source time;
  private final int[] codes;
  final int width; // codes + 1: code -1 (absent) has cell 0
  private final int[] maskKind = new int[2];
  private final Source[] maskLeft = new Source[2];
  private final Source[] maskRight = new Source[2];
  private final boolean[][] maskFlags = new boolean[2][];
  final int[] maskFlip = new int[2];
  private final LongSumKernel sum;
  private final Source sumSource;
  private final ExactQuantileKernel quantile;
  private final Source quantileLeft;
  private final Source quantileRight; // null: the quantile reads quantileLeft itself
  final Formulas.Divisor divisor;

  // the layout: local day d (epoch day firstDay + d) and code c have group cell d * width + c + 1.
  // What RowReaderTemplate#fuse reads and writes is package-private; it hands its counts back
  // through readRecords
  private final long firstDay;
  final int days;
  final long dayBase; // t + dayBase is the time since the first day's start
  final long low;
  final long high;
  final int[] count;
  final int[][] hits = new int[2][];
  final long[] sums;
  private long sumBound; // at least every |sums[cell]|
  // the quantile's values, base to base + span - 1, by cell; others wait in the spill lists
  long base;
  int span = -1;
  int[] values;
  int[] spillCells = new int[0];
  long[] spillValues = new long[0];
  int spilled;
  // blocks with absent values: records without a sum's value or a quantile's, by cell (made at the
  // first such block, or read record by record), and records without an instant, which the engine
  // reports as skipped
  int[] sumAbsents;
  int[] quantileAbsents;
  private long noTime;
  private long outOfRange; // records read straight into the loop whose instant lies outside the query's range
  private boolean any; // whether the local state holds anything since the last flush
  private long counted; // records added since the last flush, at most Integer.MAX_VALUE: no int count can wrap
  private final Limits limits;

  private FusedDayKernel(Plan p, long firstDay, int days, int width, Limits limits) {
    this.plan = p;
    this.limits = limits;
    this.windows = p.windows;
    this.groups = p.groups;
    this.tally = p.tally;
    this.kernels = p.kernels;
    this.time = p.time;
    this.codes = p.codes;
    this.width = width;
    for (int k = 0; k < 2; k++) {
      maskKind[k] = p.maskKind[k];
      maskLeft[k] = p.maskLeft[k];
      maskRight[k] = p.maskRight[k];
      maskFlags[k] = p.maskFlags[k];
      maskFlip[k] = p.maskFlip[k];
    }
    this.sum = p.sum;
    this.sumSource = p.sumSource;
    this.quantile = p.quantile;
    this.quantileLeft = p.quantileLeft;
    this.quantileRight = p.quantileRight;
    this.divisor = p.divisor;
    this.firstDay = firstDay;
    this.days = days;
    this.dayBase = windows.offsetMillis() - firstDay * Windows.DAY_MILLIS;
    this.low = windows.dayLow();
    this.high = windows.dayHigh();
    int cells = days * width;
    this.count = new int[cells];
    for (int k = 0; k < 2; k++) {
      hits[k] = maskKind[k] == NONE ? null : new int[cells];
    }
    this.sums = sum == null ? null : new long[cells];
  }

  /** A whole-number or instant field as the loop reads it: its values, and bounds on a block's. */
  interface Source {
    long[] values();

    /**
     * At most the smallest present value of records {@code start} to {@code end - 1}
     * ({@code Long.MAX_VALUE} if none is present).
     */
    long lowerBound(int start, int end);

    /** At least the largest present value of records {@code start} to {@code end - 1}. */
    long upperBound(int start, int end);

    /** Whether records {@code start} to {@code end - 1} may have an absent value. */
    boolean anyAbsent(int start, int end);

    /** A batch's column: its runs' bounds. */
    static Source of(ColumnBatch.Column c) {
      return new Source() {
        @Override
        public long[] values() {
          return c.longs;
        }

        @Override
        public long lowerBound(int start, int end) {
          return c.lowerBound(start, end);
        }

        @Override
        public long upperBound(int start, int end) {
          return c.upperBound(start, end);
        }

        @Override
        public boolean anyAbsent(int start, int end) {
          return c.anyAbsent(start, end);
        }
      };
    }

    /** A field of records read into a block buffer: the bounds its reader found in the block. */
    static Source of(Slot s) {
      return new SlotSource(s);
    }
  }

  /** A field of records read into a block buffer, whose slot a reader of records fills. */
  static final class SlotSource implements Source {
    final Slot slot;

    SlotSource(Slot slot) {
      this.slot = slot;
    }

    @Override
    public long[] values() {
      return slot.longs;
    }

    @Override
    public long lowerBound(int start, int end) {
      return slot.low;
    }

    @Override
    public long upperBound(int start, int end) {
      return slot.high;
    }

    @Override
    public boolean anyAbsent(int start, int end) {
      return slot.absent;
    }
  }

  /**
   * For records read into blocks, whose days and dictionary are not known in advance: this
   * kernel, or (having flushed this one) a kernel laid out over this one's days and the block's, and
   * the dictionary now, with room to grow, or null if that layout would be too large or the block
   * cannot be fused at all. Records {@code 0} to {@code n - 1} of the block.
   */
  FusedDayKernel coveringBlock(int n) {
    long tMin = time.lowerBound(0, n);
    long tMax = time.upperBound(0, n);
    if (tMin > tMax || tMin < low || tMax >= high) {
      return this; // the passes take the block
    }
    long first = windows.localDay(tMin);
    long last = windows.localDay(tMax);
    int dictionary = plan.dictionarySize.getAsInt();
    if (first >= firstDay && last < firstDay + days && dictionary < width) {
      return this;
    }
    flush();
    long from = Math.min(first, firstDay);
    long to = Math.max(last, firstDay + days - 1);
    long wanted = Math.max(to - from + 1, 2L * days); // room to grow on the side that grew
    if (first < firstDay) {
      from = to - wanted + 1;
    } else {
      to = from + wanted - 1;
    }
    long cells = dictionary < width ? width : Math.max(dictionary + 1L, 2L * width);
    FusedDayKernel next = plan.covering(from, to - from + 1, cells, limits);
    if (next == null) {
      // the room to grow does not fit; the days and values seen so far may
      from = Math.min(first, firstDay);
      to = Math.max(last, firstDay + days - 1);
      next = plan.covering(from, to - from + 1, Math.max(dictionary + 1L, width), limits);
    }
    if (next != null && span >= 0) {
      // the quantile's table as chosen, so the engine's kernel keeps the layout it adopted
      next.base = base;
      next.span = span;
      next.values = new int[Math.max(1, next.count.length * span)];
    }
    return next;
  }

  /** What a query must be for this kernel, gathered by {@link QueryEngine}; each field null or empty when absent. */
  static final class Plan {
    Windows windows;
    Groups groups;
    Tally tally;
    Kernel<?>[] kernels;
    Source time;
    /** The time column of a batch, whose runs' bounds lay out {@link #over}; null for records read into blocks. */
    ColumnBatch.Column timeColumn;
    int[] codes;
    /** The dimension's dictionary size now (it grows as records are read into blocks). */
    IntSupplier dictionarySize;
    /** Whole-number and instant record fields by name, as sources; null for any other. */
    Function<String, Source> wholeFields;
    /** Yes/no record fields by name, as arrays; null for any other. */
    Function<String, boolean[]> flagFields;
    final int[] maskKind = new int[2];
    final Source[] maskLeft = new Source[2];
    final Source[] maskRight = new Source[2];
    final boolean[][] maskFlags = new boolean[2][];
    final int[] maskFlip = new int[2];
    LongSumKernel sum;
    Source sumSource;
    ExactQuantileKernel quantile;
    Source quantileLeft;
    Source quantileRight;
    Formulas.Divisor divisor;

    /**
     * Sets mask {@code k} (the tally's mask {@code k}) from {@code condition}; false if this kernel
     * cannot evaluate it: a comparison of two whole-number or instant columns, or a yes/no column
     * equal to a yes/no value.
     */
    boolean mask(int k, Condition condition) {
      if (condition instanceof Compare c && c.otherField().isPresent()) {
        Source a = wholeFields.apply(c.field());
        Source b = wholeFields.apply(c.otherField().get());
        if (a == null || b == null) {
          return false;
        }
        // x < y is the sign of x - y; x <= y is not (y < x)
        Comparison op = c.op();
        if (op == Comparison.LT || op == Comparison.GE) {
          maskLeft[k] = a;
          maskRight[k] = b;
        } else if (op == Comparison.GT || op == Comparison.LE) {
          maskLeft[k] = b;
          maskRight[k] = a;
        } else {
          return false;
        }
        maskFlip[k] = op == Comparison.GE || op == Comparison.LE ? 1 : 0;
        maskKind[k] = COMPARE;
        return true;
      }
      if (condition instanceof Equals e && e.value() instanceof Boolean value) {
        boolean[] a = flagFields.apply(e.field());
        if (a == null) {
          return false;
        }
        maskFlags[k] = a;
        maskFlip[k] = value ? 0 : 1;
        maskKind[k] = FLAG;
        return true;
      }
      return false;
    }

    /**
     * Sets the quantile's field from {@code formula}, the derived field it reads (null: a column);
     * false unless it is a column or {@code column - column} divided by a constant from 3.
     */
    boolean quantileOf(String field, Formula formula) {
      if (formula == null) {
        quantileLeft = wholeFields.apply(field);
        return quantileLeft != null;
      }
      Node root = formula.root();
      if (root instanceof Operation divide && divide.op() == Formula.Op.WHOLE_DIVIDE
          && divide.operands().get(0) instanceof Operation subtract && subtract.op() == Formula.Op.SUBTRACT
          && subtract.operands().get(0) instanceof Name a && subtract.operands().get(1) instanceof Name b
          && divide.operands().get(1) instanceof Constant c) {
        double value = c.value();
        if (value != Math.rint(value) || value < Formulas.Divisor.SMALLEST || value >= 0x1p50) {
          return false;
        }
        quantileLeft = wholeFields.apply(a.name());
        quantileRight = wholeFields.apply(b.name());
        divisor = Formulas.Divisor.of((long) value);
        return quantileLeft != null && quantileRight != null;
      }
      return false;
    }

    /**
     * The kernel over records {@code from} to {@code to - 1} of the batch, laid out over the days
     * their instants span (those of the runs whose present instants all lie in the day table's
     * range, the query's); null if no run has, or if those days and the dictionary make
     * more than {@link #MAX_CELLS} counters.
     */
    FusedDayKernel over(int from, int to, Limits limits) {
      if (from >= to) {
        return null;
      }
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      ColumnBatch.Column t = timeColumn;
      for (int r = from / ColumnBatch.STATS_RUN, last = (to - 1) / ColumnBatch.STATS_RUN; r <= last; r++) {
        if (t.runMin[r] >= windows.dayLow() && t.runMax[r] < windows.dayHigh()) {
          min = Math.min(min, t.runMin[r]);
          max = Math.max(max, t.runMax[r]);
        }
      }
      if (min > max) {
        return null;
      }
      long firstDay = windows.localDay(min);
      return covering(firstDay, windows.localDay(max) - firstDay + 1, dictionarySize.getAsInt() + 1L, limits);
    }

    /**
     * A kernel laid out over {@code days} days from local day {@code firstDay} and {@code width}
     * dimension cells a day; null if that makes more than {@link #MAX_CELLS} counters.
     */
    FusedDayKernel covering(long firstDay, long days, long width, Limits limits) {
      // each factor checked first, so the product cannot overflow (days are up to 2^47 for instants
      // within 2^60 ms); the quantile's table is chosen later, up to 1,024 values wide
      if (days > MAX_CELLS || width > MAX_CELLS || days * width * (quantile == null ? 4 : 1028) > MAX_CELLS) {
        return null;
      }
      return new FusedDayKernel(this, firstDay, (int) days, (int) width, limits);
    }
  }

  /**
   * Adds records {@code start} to {@code start + n - 1} ({@code n <= }{@link QueryEngine#BLOCK})
   * if the block's bounds show that no record of them can fail a check; returns false, having
   * added nothing, otherwise.
   */
  boolean add(int start, int n) {
    int end = start + n;
    // the checks are on present values; a block with absent ones takes the loop that tests for them
    boolean absents = time.anyAbsent(start, end);
    long tMin = time.lowerBound(start, end);
    long tMax = time.upperBound(start, end);
    if (tMin > tMax || tMin < low || tMax >= high || tMin + dayBase < 0
        || tMax + dayBase >= days * Windows.DAY_MILLIS || plan.dictionarySize.getAsInt() >= width) {
      return false;
    }
    for (int k = 0; k < 2; k++) {
      if (maskKind[k] == COMPARE) {
        if (!(safe(maskLeft[k], start, end) && safe(maskRight[k], start, end))) {
          return false;
        }
        absents |= maskLeft[k].anyAbsent(start, end) || maskRight[k].anyAbsent(start, end);
      }
    }
    long addend = 0;
    if (sum != null) {
      long sMin = sumSource.lowerBound(start, end);
      long sMax = sumSource.upperBound(start, end);
      if (sMin <= sMax) { // else no value is present
        if (sMin <= -MAX_ADDEND || sMax >= MAX_ADDEND) {
          return false;
        }
        addend = Math.max(-sMin, sMax) * n;
      }
      absents |= sumSource.anyAbsent(start, end);
      if (sumBound + addend >= limits.sumRoom()) {
        flush(); // the local sums into the sum kernel's exact ones
      }
    }
    if (quantile != null) {
      if (!safe(quantileLeft, start, end) || (quantileRight != null && !safe(quantileRight, start, end))) {
        return false;
      }
      absents |= quantileLeft.anyAbsent(start, end) || (quantileRight != null && quantileRight.anyAbsent(start, end));
      if (quantileRight != null && present(quantileLeft, start, end) && present(quantileRight, start, end)) {
        long dMin = quantileLeft.lowerBound(start, end) - quantileRight.upperBound(start, end);
        long dMax = quantileLeft.upperBound(start, end) - quantileRight.lowerBound(start, end);
        if (dMin <= -MAX_DIFFERENCE || dMax >= MAX_DIFFERENCE) {
          return false; // beyond what the divisor's multiplication takes
        }
      }
      if (span < 0 && !chooseSpan(start, n)) {
        return false; // no value to lay the table out by yet: the passes take the block
      }
      roomForSpills(n);
    }
    roomForCounts(n);
    sumBound += addend;
    any = true;
    if (absents) {
      loopWithAbsents(start, n);
    } else {
      loop(start, n);
    }
    return true;
  }

  /** Whether some record of {@code start} to {@code end - 1} has a value of {@code c}. */
  private static boolean present(Source c, int start, int end) {
    return c.lowerBound(start, end) <= c.upperBound(start, end);
  }

  /** The records without an instant the loop has skipped since the last call, for the engine's count. */
  long takeNoTime() {
    long n = noTime;
    noTime = 0;
    return n;
  }

  /**
   * Readies this kernel for up to {@code n} records read straight into its counts, record by
   * record, by a reader that checks each record as {@link #add} checks a block's bounds
   * ({@link RowReaderTemplate#fuse}): flushes if the local sums could leave their room, the
   * spilled quantile values theirs, or a cell's count its {@code int}, and makes room for the
   * block's spilled values. False, with nothing changed, while the quantile's table is not chosen
   * yet (a block through {@link #add}, or the engine's passes, choose it).
   */
  boolean readyForRecords(int n) {
    if (quantile != null && span < 0 && !adoptEngineLayout()) {
      return false;
    }
    if (sum != null) {
      if (sumBound + MAX_ADDEND * n >= limits.sumRoom()) {
        flush(); // the reader adds less than MAX_ADDEND a record
      }
      if (sumAbsents == null) {
        sumAbsents = new int[count.length];
      }
    }
    if (quantile != null) {
      roomForSpills(n);
      if (quantileAbsents == null) {
        quantileAbsents = new int[count.length];
      }
    }
    roomForCounts(n);
    any = true; // counts the reader writes before failing are flushed too (the query fails then)
    return true;
  }

  /**
   * Flushes if {@code n} more records could take a cell's {@code int} counts past their range: a
   * query over more than 2^31 records of one day and dimension value, from an {@code Iterable}.
   */
  private void roomForCounts(int n) {
    if (counted + n > Integer.MAX_VALUE) {
      flush();
    }
    counted += n;
  }

  /** Flushes if {@code n} more spilled quantile values would pass the limit, and makes room for them. */
  private void roomForSpills(int n) {
    if (spilled + n > limits.maxSpilled()) {
      flush(); // a table too narrow for the values: they wait in the quantile kernel instead
    }
    if (spilled + n > spillCells.length) {
      spillCells = Arrays.copyOf(spillCells, Math.max(spilled + n, 2 * spillCells.length));
      spillValues = Arrays.copyOf(spillValues, spillCells.length);
    }
  }

  /**
   * What a reader that counted {@code read} records straight into this kernel hands back: the
   * quantile values now spilled, the records it skipped for want of an instant and for an instant
   * outside the query's range, and the largest magnitude of a sum's value it added.
   */
  void readRecords(int read, int spilled, long skipped, long outside, long largest) {
    if (read > 0) {
      this.spilled = spilled;
      noTime += skipped;
      outOfRange += outside;
      sumBound += largest * read;
      any = true;
    }
  }

  /** The records read straight into the loop outside the query's range since the last call, for the engine's count. */
  long takeOutOfRange() {
    long n = outOfRange;
    outOfRange = 0;
    return n;
  }

  /** Whether every present value of the records is far from the range of a long. */
  private static boolean safe(Source c, int start, int end) {
    return c.lowerBound(start, end) > -SAFE_MAGNITUDE && c.upperBound(start, end) < SAFE_MAGNITUDE;
  }

  /**
   * The quantile's table: the engine's, if the passes chose it already (so that the counts copy
   * cell for cell), else the range of this first block's values with a quarter more room, as the
   * engine would choose it.
   */
  private boolean chooseSpan(int start, int n) {
    if (adoptEngineLayout()) {
      return true;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long[] t = time.values();
    for (int i = start; i < start + n; i++) {
      long v = quantileValue(i);
      if (v != ColumnBatch.ABSENT && t[i] != ColumnBatch.ABSENT) { // the engine's choice skips them too
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max) {
      return false;
    }
    long range = max - min + 1;
    int s = ExactQuantileKernel.spanFor(range);
    base = min;
    span = s;
    values = new int[Math.max(1, count.length * s)];
    return true;
  }

  /** Takes the quantile's table the engine's passes chose, if they have; false if not yet. */
  private boolean adoptEngineLayout() {
    if (quantile.layoutSpan() < 0) {
      return false;
    }
    base = quantile.layoutBase();
    span = quantile.layoutSpan();
    values = new int[Math.max(1, count.length * span)];
    return true;
  }

  /** Record {@code i}'s value of the quantile's field; {@link ColumnBatch#ABSENT} if absent. */
  private long quantileValue(int i) {
    long a = quantileLeft.values()[i];
    if (quantileRight == null || a == ColumnBatch.ABSENT) {
      return a;
    }
    long b = quantileRight.values()[i];
    return b == ColumnBatch.ABSENT ? ColumnBatch.ABSENT : divisor.floorDiv(a - b);
  }

  /** The loop: every check it would need, the caller has ruled out for these records. */
  private void loop(int start, int n) {
    final long dayMillis = Windows.DAY_MILLIS;
    long[] t = time.values();
    int[] code = codes;
    long db = dayBase;
    int w = width;
    int[] c = count;
    int k0 = maskKind[0];
    int k1 = maskKind[1];
    long[] l0 = k0 == COMPARE ? maskLeft[0].values() : null;
    long[] r0 = k0 == COMPARE ? maskRight[0].values() : null;
    boolean[] f0 = maskFlags[0];
    int x0 = maskFlip[0];
    int[] h0 = hits[0];
    long[] l1 = k1 == COMPARE ? maskLeft[1].values() : null;
    long[] r1 = k1 == COMPARE ? maskRight[1].values() : null;
    boolean[] f1 = maskFlags[1];
    int x1 = maskFlip[1];
    int[] h1 = hits[1];
    long[] s = sums;
    long[] amounts = sum == null ? null : sumSource.values();
    boolean q = quantile != null;
    long[] qa = q ? quantileLeft.values() : null;
    long[] qb = q && quantileRight != null ? quantileRight.values() : null;
    long m = divisor == null ? 0 : divisor.multiplier;
    int shift = divisor == null ? 0 : divisor.shift;
    long offset = divisor == null ? 0 : divisor.offset;
    long dk = divisor == null ? 0 : divisor.k;
    long qBase = base;
    int qSpan = span;
    int[] v = values;
    int[] sc = spillCells;
    long[] sv = spillValues;
    int ns = spilled;
    for (int i = start, end = start + n; i < end; i++) {
      int cell = (int) ((t[i] + db) / dayMillis) * w + code[i] + 1;
      c[cell]++;
      if (k0 == COMPARE) {
        h0[cell] += (int) ((l0[i] - r0[i]) >>> 63) ^ x0;
      } else if (k0 == FLAG) {
        h0[cell] += (f0[i] ? 1 : 0) ^ x0;
      }
      if (k1 == COMPARE) {
        h1[cell] += (int) ((l1[i] - r1[i]) >>> 63) ^ x1;
      } else if (k1 == FLAG) {
        h1[cell] += (f1[i] ? 1 : 0) ^ x1;
      }
      if (amounts != null) {
        s[cell] += amounts[i];
      }
      if (q) {
        long value = qb == null ? qa[i] : (Math.multiplyHigh(m, qa[i] - qb[i] + offset) >> shift) - dk;
        long at = value - qBase;
        if (at >= 0 && at < qSpan) {
          v[cell * qSpan + (int) at]++;
        } else {
          sc[ns] = cell;
          sv[ns] = value;
          ns++;
        }
      }
    }
    spilled = ns;
  }

  /**
   * {@link #loop} for a block with absent values: a record without an instant is skipped (and
   * counted for the engine's report), a comparison with an absent side does not hold, and a record
   * without the sum's or the quantile's value counts as absent for it, as the engine's passes do.
   */
  private void loopWithAbsents(int start, int n) {
    final long dayMillis = Windows.DAY_MILLIS;
    final long absent = ColumnBatch.ABSENT;
    long[] t = time.values();
    int[] code = codes;
    long db = dayBase;
    int w = width;
    int[] c = count;
    int k0 = maskKind[0];
    int k1 = maskKind[1];
    long[] l0 = k0 == COMPARE ? maskLeft[0].values() : null;
    long[] r0 = k0 == COMPARE ? maskRight[0].values() : null;
    boolean[] f0 = maskFlags[0];
    int x0 = maskFlip[0];
    int[] h0 = hits[0];
    long[] l1 = k1 == COMPARE ? maskLeft[1].values() : null;
    long[] r1 = k1 == COMPARE ? maskRight[1].values() : null;
    boolean[] f1 = maskFlags[1];
    int x1 = maskFlip[1];
    int[] h1 = hits[1];
    long[] s = sums;
    long[] amounts = sum == null ? null : sumSource.values();
    if (amounts != null && sumAbsents == null) {
      sumAbsents = new int[c.length];
    }
    int[] sa = sumAbsents;
    boolean q = quantile != null;
    long[] qa = q ? quantileLeft.values() : null;
    long[] qb = q && quantileRight != null ? quantileRight.values() : null;
    if (q && quantileAbsents == null) {
      quantileAbsents = new int[c.length];
    }
    int[] qn = quantileAbsents;
    long m = divisor == null ? 0 : divisor.multiplier;
    int shift = divisor == null ? 0 : divisor.shift;
    long offset = divisor == null ? 0 : divisor.offset;
    long dk = divisor == null ? 0 : divisor.k;
    long qBase = base;
    int qSpan = span;
    int[] v = values;
    int[] sc = spillCells;
    long[] sv = spillValues;
    int ns = spilled;
    long skipped = 0;
    for (int i = start, end = start + n; i < end; i++) {
      long ti = t[i];
      if (ti == absent) {
        skipped++;
        continue;
      }
      int cell = (int) ((ti + db) / dayMillis) * w + code[i] + 1;
      c[cell]++;
      if (k0 == COMPARE) {
        long a = l0[i];
        long b = r0[i];
        h0[cell] += a == absent || b == absent ? 0 : (int) ((a - b) >>> 63) ^ x0;
      } else if (k0 == FLAG) {
        h0[cell] += (f0[i] ? 1 : 0) ^ x0;
      }
      if (k1 == COMPARE) {
        long a = l1[i];
        long b = r1[i];
        h1[cell] += a == absent || b == absent ? 0 : (int) ((a - b) >>> 63) ^ x1;
      } else if (k1 == FLAG) {
        h1[cell] += (f1[i] ? 1 : 0) ^ x1;
      }
      if (amounts != null) {
        long a = amounts[i];
        if (a == absent) {
          sa[cell]++;
        } else {
          s[cell] += a;
        }
      }
      if (q) {
        long a = qa[i];
        long b = qb == null ? 0 : qb[i];
        if (a == absent || b == absent) {
          qn[cell]++;
        } else {
          long value = qb == null ? a : (Math.multiplyHigh(m, a - b + offset) >> shift) - dk;
          long at = value - qBase;
          if (at >= 0 && at < qSpan) {
            v[cell * qSpan + (int) at]++;
          } else {
            sc[ns] = cell;
            sv[ns] = value;
            ns++;
          }
        }
      }
    }
    spilled = ns;
    noTime += skipped;
  }

  /**
   * Adds everything counted since the last flush to the engine's kernels, group by group, and
   * clears it. The engine calls it before anything reads its kernels.
   */
  void flush() {
    if (!any) {
      return;
    }
    any = false;
    int[] groupOf = new int[count.length];
    int[] key = new int[2];
    int[] windowOfDay = new int[days]; // window id + 1
    for (int cell = 0; cell < count.length; cell++) {
      if (count[cell] == 0) {
        continue; // a cell with a spilled value has its count too
      }
      int d = cell / width;
      if (windowOfDay[d] == 0) {
        // an instant of the day inside the query's range: the day's start, or the range's if later
        long start = (firstDay + d) * Windows.DAY_MILLIS - windows.offsetMillis();
        windowOfDay[d] = windows.idOf(Math.max(start, low)) + 1;
      }
      key[0] = windowOfDay[d] - 1;
      key[1] = cell % width - 1;
      groupOf[cell] = groups.idOf(key) + 1;
    }
    int groupCount = groups.size();
    tally.reserve(groupCount);
    for (Kernel<?> kernel : kernels) {
      kernel.reserve(groupCount);
    }
    tally.flushPacked();
    if (span > 0) {
      // the engine's own choice clamps base so that base + span - 1 stays a long; the fused
      // values are below 2^61, so this base needs no clamp
      quantile.adoptLayout(base, span);
    }
    for (int cell = 0; cell < count.length; cell++) {
      int g = groupOf[cell] - 1;
      if (g < 0) {
        continue;
      }
      tally.counts[g] += count[cell];
      for (int k = 0; k < 2; k++) {
        if (hits[k] != null) {
          tally.hits[k][g] += hits[k][cell];
        }
      }
      if (sums != null) {
        sum.addExact(g, sums[cell]);
        if (sumAbsents != null && sumAbsents[cell] != 0) {
          sum.addAbsent(g, sumAbsents[cell]);
        }
      }
      if (quantileAbsents != null && quantileAbsents[cell] != 0) {
        quantile.addAbsent(g, quantileAbsents[cell]);
      }
      if (span > 0) {
        quantile.addCounts(g, base, values, cell * span, span);
      }
    }
    for (int j = 0; j < spilled; j++) {
      quantile.addCount(groupOf[spillCells[j]] - 1, spillValues[j], 1);
    }
    Arrays.fill(count, 0);
    for (int[] h : hits) {
      if (h != null) {
        Arrays.fill(h, 0);
      }
    }
    if (sums != null) {
      Arrays.fill(sums, 0);
    }
    if (values != null) {
      Arrays.fill(values, 0);
    }
    if (sumAbsents != null) {
      Arrays.fill(sumAbsents, 0);
    }
    if (quantileAbsents != null) {
      Arrays.fill(quantileAbsents, 0);
    }
    spilled = 0;
    sumBound = 0;
    counted = 0;
  }
}
