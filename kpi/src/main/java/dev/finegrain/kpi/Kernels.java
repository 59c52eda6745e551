package dev.finegrain.kpi;

import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.Count;
import dev.finegrain.kpi.accumulator.DistinctLongs;
import dev.finegrain.kpi.accumulator.DistinctStrings;
import dev.finegrain.kpi.accumulator.DoubleRatio;
import dev.finegrain.kpi.accumulator.DoubleSum;
import dev.finegrain.kpi.accumulator.ExactQuantiles;
import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.internal.WholeSums;
import dev.finegrain.kpi.accumulator.MeanVariance;
import dev.finegrain.kpi.accumulator.QuantileResult;
import dev.finegrain.kpi.internal.AccumulatorStates;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The per-KPI loops of the engine: for a block of records with their group ids and the KPI's
 * filter, add each passing record's value to its group's accumulator. One loop per KPI and block,
 * over primitive arrays, with no boxing and no allocation per record.
 */
final class Kernels {
  private static final AccumulatorStates STATES = AccumulatorStates.get();

  private Kernels() {}

  /** One KPI's state for every group, added to a block at a time. */
  abstract static class Kernel<A extends Accumulator<A, ?>> {
    /** Makes room for group ids below {@code groups}; called before each block's {@link #add}. */
    void reserve(int groups) {}

    /**
     * Adds the records {@code i < length} with {@code gid[i] >= 0} and {@code pass == null || pass[i]}.
     */
    abstract void add(int length, int[] gid, boolean[] pass);

    /** The accumulator of {@code group}, empty if no record reached it. */
    abstract A result(int group);

    /**
     * Adds the state of {@code other}, the same kernel of another engine run over other records,
     * group {@code g} of {@code other} into group {@code map[g]} of this one. {@link #reserve} has
     * made room for every group {@code map} names. Kernels that read a {@link Tally} have nothing
     * of their own to merge for it: the engine merges the tallies.
     */
    abstract void merge(Kernel<?> other, int[] map);

    /**
     * The state of {@code group} for a roll-up row: by default its accumulator. The engine copies
     * it before merging into it.
     */
    Partial partial(int group) {
      return new AccumulatorPartial(result(group));
    }

    /** The cell values of {@code group} ({@code q} for quantiles), from its accumulator. */
    Summary summary(int group, double q) {
      return Summary.of(result(group), q);
    }

    /**
     * Writes {@link #summary} of {@code group} into {@code row} of {@code out}; kernels that keep
     * primitive state write it without building an accumulator.
     */
    void summarize(int group, double q, CellColumn out, int row) {
      out.set(row, summary(group, q));
    }
  }

  /** A kernel that reads its KPI from a {@link Tally} and adds nothing of its own per record. */
  abstract static class TallyKernel<A extends Accumulator<A, ?>> extends Kernel<A> {}

  /** Accumulator objects by group id, created on first use: for the less common measures. */
  abstract static class ObjectKernel<A extends Accumulator<A, ?>> extends Kernel<A> {
    private final Supplier<A> factory;
    Object[] groups = new Object[64];

    ObjectKernel(Supplier<A> factory) {
      this.factory = factory;
    }

    @SuppressWarnings("unchecked")
    final A at(int group) {
      if (group >= groups.length) {
        groups = Arrays.copyOf(groups, Math.max(group + 1, groups.length * 2));
      }
      Object acc = groups[group];
      if (acc == null) {
        acc = factory.get();
        groups[group] = acc;
      }
      return (A) acc;
    }

    @Override
    @SuppressWarnings("unchecked")
    final A result(int group) {
      Object acc = group < groups.length ? groups[group] : null;
      return acc == null ? factory.get() : (A) acc;
    }

    @Override
    @SuppressWarnings("unchecked")
    final void merge(Kernel<?> other, int[] map) {
      Object[] theirs = ((ObjectKernel<A>) other).groups;
      for (int g = 0; g < map.length && g < theirs.length; g++) {
        if (theirs[g] != null) {
          at(map[g]).merge((A) theirs[g]);
        }
      }
    }
  }

  /**
   * What a mean kernel's {@link Kernel#result} throws: a mean's cells and roll-up rows read its
   * exact sums ({@link Kernel#summarize}, {@link Kernel#summary}, {@link Kernel#partial}), and it
   * keeps no sum of squares, so it has no {@code MeanVariance} to give. Keeping squares cost every
   * record a multiply-add that no cell read.
   */
  static UnsupportedOperationException unreadVariance() {
    return new UnsupportedOperationException("a mean kernel keeps exact sums, not a variance; read it through"
        + " summarize, summary or partial");
  }

  /** A capacity of at least {@code needed}, doubling so that growing costs amortised O(1). */
  static int grow(int length, int needed) {
    return Math.max(needed, Math.max(64, length * 2));
  }

  // Counts, whole sums, means and whole ratios -- the measures of nearly every KPI -- keep their
  // state in primitive arrays by group id rather than in an object per group: a record then costs
  // an array increment instead of a pointer chase. The public accumulators are built only by
  // result(), from the same state they would have reached record by record. A whole sum or ratio
  // is exact in 128 bits here as in LongSum and LongRatio: a running total may leave the range of
  // a long and come back; a cell whose total does not fit fails when it is read.

  /**
   * The records of each group that pass one KPI filter, and how many of them pass each of a few
   * masks: the state that counts, whole sums and shares of counts read instead of each counting
   * on its own. One pass per block fills it for all of them, so the common KPI set of count, sum
   * and two shares reads the block's group ids and filter once, not once per KPI.
   */
  static final class Tally {
    /** Bits of each of the three counters packed in a long: a count and the hits of two masks. */
    private static final int FIELD_BITS = 21;

    long[] counts = new long[0];
    boolean[][] masks = new boolean[0][];
    long[][] hits = new long[0][];

    // The count and the first two masks' hits of a group since the last flush, packed in one long
    // (bits 0-20, 21-41 and 42-62), so that a record costs one increment instead of three. A field
    // holds up to `limit` records; the tally flushes into `counts` and `hits` before a field could
    // reach it, and before anything reads them.
    private final int bits;
    private final long limit;
    private long[] packed = new long[0];
    private long pending; // records added since the last flush: an upper bound on every field

    Tally() {
      this(FIELD_BITS);
    }

    /** A tally whose packed counters hold {@code bits} bits each (tests use few, to flush often). */
    Tally(int bits) {
      if (bits < 1 || bits > FIELD_BITS) {
        throw new IllegalArgumentException("bits: " + bits + "; expected 1 to " + FIELD_BITS);
      }
      this.bits = bits;
      this.limit = (1L << bits) - 1;
    }

    /** The index of {@code mask}'s hit counts, registering it (by identity) if new. */
    int tally(boolean[] mask) {
      for (int k = 0; k < masks.length; k++) {
        if (masks[k] == mask) {
          return k;
        }
      }
      masks = Arrays.copyOf(masks, masks.length + 1);
      masks[masks.length - 1] = mask;
      hits = Arrays.copyOf(hits, hits.length + 1);
      hits[hits.length - 1] = new long[counts.length];
      return masks.length - 1;
    }

    void reserve(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, grow(counts.length, groups));
        for (int k = 0; k < hits.length; k++) {
          hits[k] = Arrays.copyOf(hits[k], counts.length);
        }
        packed = Arrays.copyOf(packed, counts.length);
      }
    }

    /** Moves the packed counters into {@code counts} and {@code hits}. */
    private void flush() {
      if (pending == 0) {
        return;
      }
      long m = limit;
      long[] p = packed;
      long[] c = counts;
      long[] h0 = hits.length > 0 ? hits[0] : null;
      long[] h1 = hits.length > 1 ? hits[1] : null;
      for (int g = 0; g < p.length; g++) {
        long x = p[g];
        if (x != 0) {
          c[g] += x & m;
          if (h0 != null) {
            h0[g] += (x >>> bits) & m;
          }
          if (h1 != null) {
            h1[g] += (x >>> (2 * bits)) & m;
          }
          p[g] = 0;
        }
      }
      pending = 0;
    }

    /** Moves the packed counters into {@link #counts} and {@link #hits}, for a writer of those. */
    void flushPacked() {
      flush();
    }

    /** Counts the records {@code i < length} with {@code gid[i] >= 0} and {@code pass == null || pass[i]}. */
    void add(int length, int[] gid, boolean[] pass) {
      for (int from = 0; from < length; ) {
        int to = (int) Math.min(length, from + limit);
        if (pending + (to - from) > limit) {
          flush();
        }
        addPacked(from, to, gid, pass);
        pending += to - from;
        from = to;
      }
      for (int k = 2; k < masks.length; k++) {
        boolean[] m = masks[k];
        long[] h = hits[k];
        for (int i = 0; i < length; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i]) && m[i]) {
            h[g]++;
          }
        }
      }
    }

    private void addPacked(int from, int to, int[] gid, boolean[] pass) {
      long[] p = packed;
      long one0 = 1L << bits;
      long one1 = 1L << (2 * bits);
      if (masks.length >= 2) {
        boolean[] m0 = masks[0];
        boolean[] m1 = masks[1];
        for (int i = from; i < to; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            p[g] += 1L + (m0[i] ? one0 : 0L) + (m1[i] ? one1 : 0L);
          }
        }
      } else if (masks.length == 1) {
        boolean[] m0 = masks[0];
        for (int i = from; i < to; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            p[g] += 1L + (m0[i] ? one0 : 0L);
          }
        }
      } else {
        for (int i = from; i < to; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            p[g]++;
          }
        }
      }
    }

    /** Adds {@code other}'s counts, its group {@code g} into {@code map[g]}; {@link #reserve} made room. */
    void merge(Tally other, int[] map) {
      flush();
      other.flush();
      for (int g = 0; g < map.length && g < other.counts.length; g++) {
        counts[map[g]] += other.counts[g];
        for (int k = 0; k < hits.length; k++) {
          hits[k][map[g]] += other.hits[k][g];
        }
      }
    }

    long count(int group) {
      flush();
      return group < counts.length ? counts[group] : 0;
    }

    long hits(int k, int group) {
      flush();
      return group < counts.length ? hits[k][group] : 0;
    }
  }

  /** A count of records, read from the tally of the KPI's filter: no work of its own per record. */
  static Kernel<Count> count(Tally tally) {
    return new TallyKernel<>() {
      @Override
      void add(int length, int[] gid, boolean[] pass) {} // the tally counts

      @Override
      void merge(Kernel<?> other, int[] map) {} // the tally counts

      @Override
      Count result(int group) {
        Count c = Count.create();
        c.add(tally.count(group));
        return c;
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        long n = tally.count(group);
        out.set(row, n, n);
      }
    };
  }

  /**
   * A sum of a whole-number field. Its count (the values that are not absent) is the tally's count
   * less the absent values, which are rare: a record costs one array increment, not two.
   *
   * <p>The sum is exact in 128 bits, so it does not depend on the order of the records or on how a
   * query was split over threads: each group keeps its sum modulo 2^64 and, rarely, how many times
   * 2^64 it ran past the range of a long ({@link Wraps}). A cell whose total does not fit in a long
   * fails the query when it is read ({@link Wraps#check}); a running total that leaves the range
   * and comes back does not.
   */
  static Kernel<LongSum> longSum(Slot s, Tally tally) {
    return new LongSumKernel(s, tally);
  }

  static final class LongSumKernel extends Kernel<LongSum> {
    private final Slot s;
    private final Tally tally;

    LongSumKernel(Slot s, Tally tally) {
      this.s = s;
      this.tally = tally;
    }

    long[] absents = new long[0];
    long[] sums = new long[0]; // modulo 2^64
    final Wraps wraps = new Wraps();

    final Slot slot() {
      return s;
    }

    @Override
    void reserve(int groups) {
      if (groups > sums.length) {
        sums = Arrays.copyOf(sums, grow(sums.length, groups));
        absents = Arrays.copyOf(absents, sums.length);
      }
    }

    @Override
    void add(int length, int[] gid, boolean[] pass) {
      long[] v = s.longs;
      int off = s.offset;
      for (int i = addPlain(0, length, gid, pass, v, off); i < length;
          i = addPlain(i + 1, length, gid, pass, v, off)) {
        // a rare record, beside the loop: one that takes the sum past the range of a long
        int g = gid[i];
        sums[g] = wraps.add(g, sums[g], v[off + i], 0);
      }
    }

    /**
     * Adds the records from {@code from} while each keeps its group's sum in the range of a long
     * (absent values are counted in the loop: a sparse field has many); returns the index of the
     * first that does not (left unadded), or {@code length}. The loop calls nothing.
     */
    private int addPlain(int from, int length, int[] gid, boolean[] pass, long[] v, int off) {
      long[] sum = sums;
      long[] absent = absents;
      for (int i = from; i < length; i++) {
        long x = v[off + i];
        int g = gid[i];
        if (g >= 0 && (pass == null || pass[i])) {
          if (x == ColumnBatch.ABSENT) {
            absent[g]++;
          } else {
            long a = sum[g];
            long r = a + x;
            if (((a ^ r) & (x ^ r)) < 0) {
              return i;
            }
            sum[g] = r;
          }
        }
      }
      return length;
    }

    long count(int group) {
      return tally.count(group) - (group < absents.length ? absents[group] : 0);
    }

    /** Adds {@code value} to group {@code g}'s exact sum; {@link #reserve} made room. */
    void addExact(int g, long value) {
      sums[g] = wraps.add(g, sums[g], value, 0);
    }

    /** Counts {@code n} more records of group {@code g} without a value; {@link #reserve} made room. */
    void addAbsent(int g, long n) {
      absents[g] += n;
    }

    /** The group's sum; an {@link ArithmeticException} if it does not fit in a long. */
    private long sum(int group) {
      return group < sums.length ? wraps.check(group, sums[group]) : 0;
    }

    /** The high 64 bits of the group's exact sum, two's complement; {@code sums[group]} is the low. */
    long high(int group) {
      return wraps.of(group) + (sums[group] >> 63);
    }

    @Override
    LongSum result(int group) {
      return STATES.longSum(count(group), sum(group));
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      out.set(row, count(group), sum(group));
    }

    @Override
    Partial partial(int group) {
      return group < sums.length ? new WholePartial(count(group), sums[group], wraps.of(group))
          : new WholePartial(0, 0, 0);
    }

    @Override
    void merge(Kernel<?> other, int[] map) {
      LongSumKernel o = (LongSumKernel) other;
      for (int g = 0; g < map.length && g < o.sums.length; g++) {
        int t = map[g];
        sums[t] = wraps.add(t, sums[t], o.sums[g], o.wraps.of(g));
      }
      for (int g = 0; g < map.length && g < o.absents.length; g++) {
        absents[map[g]] += o.absents[g];
      }
    }
  }

  /**
   * How many times 2^64 each group's exact whole sum differs from the sum kept modulo 2^64, as a
   * signed long: the high part of a 128-bit sum whose low part is the signed sum itself. Almost
   * always 0, so the array is grown only on a group's first wrap; a sum fits in a long exactly
   * when its wraps are 0.
   */
  static final class Wraps {
    private long[] wraps = new long[0];

    /** Adds {@code w} wraps to {@code group}. */
    void add(int group, long w) {
      if (group >= wraps.length) {
        wraps = Arrays.copyOf(wraps, grow(wraps.length, group + 1));
      }
      wraps[group] += w;
    }


    /**
     * Adds the exact sum {@code (x, w)} to {@code group}'s, whose low part is {@code a}.
     *
     * @return the new low part
     */
    long add(int group, long a, long x, long w) {
      long carry = WholeSums.carry(a, x);
      if (w != 0 || carry != 0) {
        add(group, w + carry);
      }
      return a + x;
    }

    long of(int group) {
      return group < wraps.length ? wraps[group] : 0;
    }

    /** {@code low}, the group's sum if it fits in a long; else an {@link ArithmeticException}. */
    long check(int group, long low) {
      if (of(group) != 0) {
        throw new ArithmeticException("long overflow");
      }
      return low;
    }
  }

  /**
   * The exact state of a whole sum or whole ratio for a roll-up row: each side's sum modulo 2^64
   * and its wraps (see {@link Wraps}), merged in any order to the same state; a side that does not
   * fit in a long fails when the row is read, not while merging.
   */
  static final class WholePartial extends Partial {
    private final boolean ratio;
    /** The cell's sample size: a sum's values, a ratio's records counted by its denominator. */
    private long count;
    private long first;
    private long firstWraps;
    private long second;
    private long secondWraps;

    /** A sum's partial. */
    WholePartial(long count, long sum, long wraps) {
      this(false, count, sum, wraps, 0, 0);
    }

    /** A ratio's partial; {@code count} is its sample size, the records its denominator counts. */
    WholePartial(long count, long numerator, long numeratorWraps, long denominator, long denominatorWraps) {
      this(true, count, numerator, numeratorWraps, denominator, denominatorWraps);
    }

    private WholePartial(boolean ratio, long count, long first, long firstWraps, long second, long secondWraps) {
      this.ratio = ratio;
      this.count = count;
      this.first = first;
      this.firstWraps = firstWraps;
      this.second = second;
      this.secondWraps = secondWraps;
    }

    @Override
    Partial copy() {
      return new WholePartial(ratio, count, first, firstWraps, second, secondWraps);
    }

    @Override
    void merge(Partial other) {
      WholePartial o = (WholePartial) other;
      count = Math.addExact(count, o.count);
      firstWraps += o.firstWraps + WholeSums.carry(first, o.first);
      first += o.first;
      secondWraps += o.secondWraps + WholeSums.carry(second, o.second);
      second += o.second;
    }

    @Override
    Summary summary(double q) {
      if (firstWraps != 0 || secondWraps != 0) {
        throw new ArithmeticException("long overflow");
      }
      return ratio ? Summary.ratio(count, first, second) : Summary.of(count, OptionalDouble.of(first));
    }
  }

  /**
   * A share of counts (on-time rate, return rate): numerator and denominator are each all the
   * records that pass the KPI's filter, or those of them that pass a mask; the tally counts both,
   * so this kernel has no work of its own per record. A cell's sample size is its denominator:
   * the records the rate is a share of, not every record of the KPI's filter. Its accumulator
   * ({@link Kernel#result}) counts every record added, as a {@link LongRatio} does.
   *
   * @param numerator the numerator's mask, or null for every record
   * @param denominator the denominator's mask, or null for every record
   */
  static Kernel<LongRatio> share(Tally tally, boolean[] numerator, boolean[] denominator) {
    int num = numerator == null ? -1 : tally.tally(numerator);
    int den = denominator == null ? -1 : tally.tally(denominator);
    return new TallyKernel<>() {
      @Override
      void add(int length, int[] gid, boolean[] pass) {} // the tally counts

      @Override
      void merge(Kernel<?> other, int[] map) {} // the tally counts

      private long side(int k, int group) {
        return k < 0 ? tally.count(group) : tally.hits(k, group);
      }

      @Override
      LongRatio result(int group) {
        return STATES.longRatio(tally.count(group), side(num, group), side(den, group));
      }

      @Override
      Summary summary(int group, double q) {
        long d = side(den, group);
        return Summary.ratio(d, side(num, group), d);
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        long d = side(den, group);
        out.ratio(row, d, side(num, group), d);
      }

      @Override
      Partial partial(int group) {
        long d = side(den, group);
        return new WholePartial(d, side(num, group), 0, d, 0);
      }
    };
  }

  /**
   * The state of a decimal sum or mean: per group the count of non-NaN values and their exact sum
   * ({@link ExactSums}), added and merged alike; the two differ only in what they read from it.
   */
  abstract static class DecimalKernel<A extends Accumulator<A, ?>> extends Kernel<A> {
    private final Slot s;
    long[] counts = new long[0];
    final ExactSums sums = new ExactSums(0);

    DecimalKernel(Slot s) {
      this.s = s;
    }

    final long count(int group) {
      return group < counts.length ? counts[group] : 0;
    }

    /** The group's exact state for a roll-up row, of {@code kind} ({@link ExactPartial#SUM} or {@code MEAN}). */
    final Partial exactPartial(int kind, int group) {
      long n = count(group);
      return new ExactPartial(kind, n, n == 0 ? new ExactSums(1) : sums.copyOf(group), null);
    }

    @Override
    final void reserve(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, grow(counts.length, groups));
      }
      sums.reserve(groups);
    }

    @Override
    final void add(int length, int[] gid, boolean[] pass) {
      double[] v = s.doubles;
      int off = s.offset;
      long[] c = counts;
      for (int i = 0; i < length; i++) {
        double x = v[off + i];
        int g = gid[i];
        if (g >= 0 && (pass == null || pass[i]) && !Double.isNaN(x)) {
          sums.add(g, x);
          c[g]++;
        }
      }
    }

    @Override
    final void merge(Kernel<?> other, int[] map) {
      DecimalKernel<?> o = (DecimalKernel<?>) other;
      for (int g = 0; g < map.length && g < o.counts.length; g++) {
        if (o.counts[g] != 0) {
          counts[map[g]] += o.counts[g];
          sums.merge(o.sums, g, map[g]);
        }
      }
    }
  }

  /**
   * The mean of a decimal field, from an exact sum ({@link ExactSums}): the exact sum of the values
   * over their count, rounded once. It does not depend on the order of the values or on how a query
   * was split over threads, and a record costs a 128-bit addition rather than Welford's division.
   * Cells and roll-up rows read only the exact state; no variance is kept, so the kernel builds no
   * accumulator ({@link #unreadVariance}).
   */
  static Kernel<MeanVariance> mean(Slot s) {
    return new MeanKernel(s);
  }

  static final class MeanKernel extends DecimalKernel<MeanVariance> {
    MeanKernel(Slot s) {
      super(s);
    }

    private double mean(int group) {
      return sums.mean(group, counts[group]);
    }

    @Override
    MeanVariance result(int group) {
      throw unreadVariance();
    }

    @Override
    Summary summary(int group, double q) {
      long n = count(group);
      return Summary.of(n, n == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean(group)));
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      long n = count(group);
      out.setIfAny(row, n, n == 0 ? 0 : mean(group));
    }

    @Override
    Partial partial(int group) {
      return exactPartial(ExactPartial.MEAN, group);
    }
  }

  /**
   * The mean of a whole-number field, from an exact sum: a 128-bit sum per group (no value can make
   * it overflow before 2^64 records), and a count that is the tally's less the absent values. Unlike
   * a running mean, the state does not depend on the order of the values, so a query split over
   * threads gives the single thread's mean to the last bit; and a record costs two additions, not a
   * division. The mean is the exact sum over the count, rounded once; roll-up rows merge the exact
   * sums too. No variance is kept: cells read only the mean, so the kernel builds no accumulator
   * ({@link #unreadVariance}).
   */
  static Kernel<MeanVariance> wholeMean(Slot s, Tally tally) {
    return new WholeMeanKernel(s, tally);
  }

  static final class WholeMeanKernel extends Kernel<MeanVariance> {
    private final Slot s;
    private final Tally tally;
    long[] lows = new long[0]; // the sum's low 64 bits
    long[] highs = new long[0]; // the sum's high 64 bits, two's complement
    long[] absents = new long[0]; // rare, so grown on a group's first absent value
    /** The sum of the same field over the same records, whose state this mean reads; or null. */
    private LongSumKernel sum;

    WholeMeanKernel(Slot s, Tally tally) {
      this.s = s;
      this.tally = tally;
    }

    final Slot slot() {
      return s;
    }

    /**
     * Reads the state of {@code sum}, a whole sum of this field over the same records (the same
     * filter, so the same tally), instead of keeping its own: GMV and average order value then cost
     * one pass together. That sum is exact in 128 bits too ({@link LongSumKernel#high}); if it
     * leaves the range of a long, the sum's own cell fails the query, which has it among its KPIs.
     */
    void shareSum(LongSumKernel sum) {
      this.sum = sum;
    }

    /** The sum whose state this mean reads, if any ({@link #shareSum}). */
    LongSumKernel sharedSum() {
      return sum;
    }

    @Override
    void reserve(int groups) {
      if (sum == null && groups > lows.length) {
        lows = Arrays.copyOf(lows, grow(lows.length, groups));
        highs = Arrays.copyOf(highs, lows.length);
      }
    }

    @Override
    void add(int length, int[] gid, boolean[] pass) {
      if (sum != null) {
        return; // the sum adds
      }
      long[] v = s.longs;
      int off = s.offset;
      long[] lo = lows;
      long[] hi = highs;
      for (int i = 0; i < length; i++) {
        long x = v[off + i];
        int g = gid[i];
        if (g >= 0 && (pass == null || pass[i])) {
          if (x != ColumnBatch.ABSENT) {
            long a = lo[g];
            long sum = a + x;
            // the unsigned carry out of the low word, plus x's sign extension
            hi[g] += (x >> 63) + (((a & x) | ((a | x) & ~sum)) >>> 63);
            lo[g] = sum;
          } else {
            absent(g, 1);
          }
        }
      }
    }

    private void absent(int g, long n) {
      if (g >= absents.length) {
        absents = Arrays.copyOf(absents, grow(absents.length, g + 1));
      }
      absents[g] += n;
    }

    private long count(int group) {
      if (sum != null) {
        return group < sum.sums.length ? sum.count(group) : 0;
      }
      return group < lows.length ? tally.count(group) - (group < absents.length ? absents[group] : 0) : 0;
    }

    /** The exact sum over {@code n > 0}, rounded once to the nearest double. */
    private double mean(int group, long n) {
      if (sum != null) {
        return ExactSums.divideWhole(sum.high(group), sum.sums[group], n);
      }
      return ExactSums.divideWhole(highs[group], lows[group], n);
    }

    @Override
    Partial partial(int group) {
      long n = count(group);
      if (n == 0) {
        return new ExactPartial(ExactPartial.MEAN, 0, new ExactSums(1), null);
      }
      long lo = sum != null ? sum.sums[group] : lows[group];
      long hi = sum != null ? sum.high(group) : highs[group];
      return new ExactPartial(ExactPartial.MEAN, n, ExactSums.ofWhole(hi, lo), null);
    }

    @Override
    MeanVariance result(int group) {
      throw unreadVariance();
    }

    @Override
    Summary summary(int group, double q) {
      long n = count(group);
      return Summary.of(n, n == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean(group, n)));
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      long n = count(group);
      out.setIfAny(row, n, n == 0 ? 0 : mean(group, n));
    }

    @Override
    void merge(Kernel<?> other, int[] map) {
      if (sum != null) {
        return; // the sum merges
      }
      WholeMeanKernel o = (WholeMeanKernel) other;
      for (int g = 0; g < map.length && g < o.lows.length; g++) {
        int t = map[g];
        long a = lows[t];
        long x = o.lows[g];
        long sum = a + x;
        highs[t] += o.highs[g] + (((a & x) | ((a | x) & ~sum)) >>> 63);
        lows[t] = sum;
      }
      for (int g = 0; g < map.length && g < o.absents.length; g++) {
        if (o.absents[g] != 0) {
          absent(map[g], o.absents[g]);
        }
      }
    }
  }

  /**
   * A ratio of whole numbers: each record adds its numerator and denominator contributions (1 or
   * the field's value where the side's filter passes, else 0). Each side is exact in 128 bits, as a
   * whole sum is ({@link Wraps}): a cell fails only if a side's total does not fit in a long.
   *
   * <p>A cell's sample size is the records its denominator counts ({@link Side#counts}): for a
   * count, the denominator itself, so it costs nothing; for a sum, the records with a value, kept
   * in {@code samples} at one compare and increment per record. The accumulator ({@link Kernel#result})
   * counts every record added, as a {@link LongRatio} does.
   */
  static Kernel<LongRatio> longRatio(Side numerator, Side denominator) {
    return new LongRatioKernel(numerator, denominator);
  }

  static final class LongRatioKernel extends Kernel<LongRatio> {
    private final Side numerator;
    private final Side denominator;

    LongRatioKernel(Side numerator, Side denominator) {
      this.numerator = numerator;
      this.denominator = denominator;
      this.summed = denominator.field != null;
    }

    /** Whether the denominator sums a field, so that the sample size is kept in {@link #samples}. */
    private final boolean summed;
    long[] counts = new long[0]; // the records added: the accumulator's count
    long[] numerators = new long[0]; // modulo 2^64, as a whole sum's
    long[] denominators = new long[0];
    /** A summed denominator's records with a value: the sample size; empty for a counted one. */
    long[] samples = new long[0];
    final Wraps numeratorWraps = new Wraps();
    final Wraps denominatorWraps = new Wraps();

    @Override
    void reserve(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, grow(counts.length, groups));
        numerators = Arrays.copyOf(numerators, counts.length);
        denominators = Arrays.copyOf(denominators, counts.length);
        if (summed) {
          samples = Arrays.copyOf(samples, counts.length);
        }
      }
    }

    @Override
    void add(int length, int[] gid, boolean[] pass) {
      for (int i = addPlain(0, length, gid, pass); i < length; i = addPlain(i + 1, length, gid, pass)) {
        // a rare record, beside the loop: it takes a side past the range of a long
        int g = gid[i];
        numerators[g] = numeratorWraps.add(g, numerators[g], numerator.whole(i), 0);
        denominators[g] = denominatorWraps.add(g, denominators[g], denominator.whole(i), 0);
        counts[g]++;
        if (summed && denominator.counts(i)) {
          samples[g]++;
        }
      }
    }

    /**
     * Adds the records from {@code from} while each keeps both sides in the range of a long;
     * returns the index of the first that does not (left unadded), or {@code length}.
     */
    private int addPlain(int from, int length, int[] gid, boolean[] pass) {
      long[] c = counts;
      long[] num = numerators;
      long[] den = denominators;
      long[] n = summed ? samples : null;
      for (int i = from; i < length; i++) {
        int g = gid[i];
        if (g >= 0 && (pass == null || pass[i])) {
          long a = num[g];
          long x = numerator.whole(i);
          long r = a + x;
          long b = den[g];
          long y = denominator.whole(i);
          long t = b + y;
          if ((((a ^ r) & (x ^ r)) | ((b ^ t) & (y ^ t))) < 0) {
            return i;
          }
          num[g] = r;
          den[g] = t;
          c[g]++;
          if (n != null && denominator.counts(i)) {
            n[g]++;
          }
        }
      }
      return length;
    }

    /**
     * The group's sample size: the records its denominator counts. A counted denominator is that
     * number, never beyond a long; {@code group} is below {@code counts.length}.
     */
    private long sample(int group) {
      return summed ? samples[group] : denominators[group];
    }

    @Override
    LongRatio result(int group) {
      return group < counts.length ? STATES.longRatio(counts[group], numeratorWraps.check(group, numerators[group]),
          denominatorWraps.check(group, denominators[group])) : LongRatio.create();
    }

    @Override
    Summary summary(int group, double q) {
      return group < counts.length ? Summary.ratio(sample(group), numeratorWraps.check(group, numerators[group]),
          denominatorWraps.check(group, denominators[group])) : Summary.ratio(0, 0, 0);
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      if (group < counts.length) {
        out.ratio(row, sample(group), numeratorWraps.check(group, numerators[group]),
            denominatorWraps.check(group, denominators[group]));
      } else {
        out.ratio(row, 0, 0, 0);
      }
    }

    @Override
    Partial partial(int group) {
      return group < counts.length ? new WholePartial(sample(group), numerators[group], numeratorWraps.of(group),
          denominators[group], denominatorWraps.of(group)) : new WholePartial(0, 0, 0, 0, 0);
    }

    @Override
    void merge(Kernel<?> other, int[] map) {
      LongRatioKernel o = (LongRatioKernel) other;
      for (int g = 0; g < map.length && g < o.counts.length; g++) {
        int t = map[g];
        numerators[t] = numeratorWraps.add(t, numerators[t], o.numerators[g], o.numeratorWraps.of(g));
        denominators[t] = denominatorWraps.add(t, denominators[t], o.denominators[g], o.denominatorWraps.of(g));
        counts[t] += o.counts[g];
        if (summed) {
          samples[t] += o.samples[g];
        }
      }
    }
  }

  /**
   * A sum of a decimal field, exact until it is read ({@link ExactSums}): the exact sum rounded
   * once, whatever the order of the values and however a query was split over threads.
   */
  static Kernel<DoubleSum> doubleSum(Slot s) {
    return new DecimalSumKernel(s);
  }

  static final class DecimalSumKernel extends DecimalKernel<DoubleSum> {
    DecimalSumKernel(Slot s) {
      super(s);
    }

    @Override
    DoubleSum result(int group) {
      long n = count(group);
      return n == 0 ? DoubleSum.create() : STATES.doubleSum(n, sums.sum(group));
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      long n = count(group);
      out.set(row, n, n == 0 ? 0 : sums.sum(group));
    }

    @Override
    Partial partial(int group) {
      return exactPartial(ExactPartial.SUM, group);
    }
  }

  /**
   * A ratio with a decimal side: each record adds its numerator and denominator contributions (0,
   * 1 or the field's value, as a double) to two exact sums ({@link ExactSums}), each rounded once
   * when read. A cell's sample size is the records its denominator counts ({@link Side#counts}),
   * kept in {@code samples}; {@code counts} keeps every record added, the accumulator's count,
   * and tells an empty group (no record at all) from one whose denominator counted none.
   */
  static Kernel<DoubleRatio> doubleRatio(Side numerator, Side denominator) {
    return new DecimalRatioKernel(numerator, denominator);
  }

  static final class DecimalRatioKernel extends Kernel<DoubleRatio> {
    private final Side numerator;
    private final Side denominator;
    long[] counts = new long[0]; // the records added: the accumulator's count, 0 for an empty group
    long[] samples = new long[0]; // the records the denominator counts: the sample size
    final ExactSums numerators = new ExactSums(0);
    final ExactSums denominators = new ExactSums(0);

    DecimalRatioKernel(Side numerator, Side denominator) {
      this.numerator = numerator;
      this.denominator = denominator;
    }

    @Override
    void reserve(int groups) {
      if (groups > counts.length) {
        counts = Arrays.copyOf(counts, grow(counts.length, groups));
        samples = Arrays.copyOf(samples, counts.length);
      }
      numerators.reserve(groups);
      denominators.reserve(groups);
    }

    @Override
    void add(int length, int[] gid, boolean[] pass) {
      long[] c = counts;
      long[] n = samples;
      for (int i = 0; i < length; i++) {
        int g = gid[i];
        if (g >= 0 && (pass == null || pass[i])) {
          numerators.add(g, numerator.decimal(i));
          denominators.add(g, denominator.decimal(i));
          c[g]++;
          if (denominator.counts(i)) {
            n[g]++;
          }
        }
      }
    }

    @Override
    DoubleRatio result(int group) {
      long n = group < counts.length ? counts[group] : 0;
      return n == 0 ? DoubleRatio.create()
          : STATES.doubleRatio(n, numerators.sum(group), denominators.sum(group));
    }

    @Override
    Summary summary(int group, double q) {
      long n = group < counts.length ? counts[group] : 0;
      return n == 0 ? Summary.ratio(0, 0, 0)
          : Summary.ratio(samples[group], numerators.sum(group), denominators.sum(group));
    }

    @Override
    void summarize(int group, double q, CellColumn out, int row) {
      long n = group < counts.length ? counts[group] : 0;
      if (n == 0) {
        out.ratio(row, 0, 0, 0);
      } else {
        out.ratio(row, samples[group], numerators.sum(group), denominators.sum(group));
      }
    }

    @Override
    Partial partial(int group) {
      long n = group < counts.length ? counts[group] : 0;
      return n == 0 ? ExactPartial.ratio(0, 0, new ExactSums(1), new ExactSums(1))
          : ExactPartial.ratio(n, samples[group], numerators.copyOf(group), denominators.copyOf(group));
    }

    @Override
    void merge(Kernel<?> other, int[] map) {
      DecimalRatioKernel o = (DecimalRatioKernel) other;
      for (int g = 0; g < map.length && g < o.counts.length; g++) {
        if (o.counts[g] != 0) {
          counts[map[g]] += o.counts[g];
          samples[map[g]] += o.samples[g];
          numerators.merge(o.numerators, g, map[g]);
          denominators.merge(o.denominators, g, map[g]);
        }
      }
    }
  }

  /**
   * One KPI's state of a roll-up row: the states of the row's groups merged (in any order), then
   * read as a cell.
   */
  abstract static class Partial {
    /** {@return an independent copy} */
    abstract Partial copy();

    /**
     * Adds {@code other}, a partial of the same kernel.
     *
     * @throws ArithmeticException if the merged state overflows
     */
    abstract void merge(Partial other);

    /** The cell values ({@code q} for quantiles). */
    abstract Summary summary(double q);
  }

  /** A partial that is the group's accumulator: what most kernels merge for a roll-up row. */
  static final class AccumulatorPartial extends Partial {
    private final Accumulator<?, ?> acc;

    AccumulatorPartial(Accumulator<?, ?> acc) {
      this.acc = acc;
    }

    @Override
    Partial copy() {
      return new AccumulatorPartial((Accumulator<?, ?>) acc.copy());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    void merge(Partial other) {
      ((Accumulator) acc).merge(((AccumulatorPartial) other).acc);
    }

    @Override
    Summary summary(double q) {
      return Summary.of(acc, q);
    }
  }

  /**
   * The exact state of a decimal sum, mean or ratio, for a roll-up row: merged exactly, so a
   * roll-up row's value is its records' exact sum (or mean) rounded once, like an ordinary row's.
   */
  static final class ExactPartial extends Partial {
    static final int SUM = 0;
    static final int MEAN = 1;
    static final int RATIO = 2;
    private final int kind;
    /** The values summed (a sum, a mean: the sample size) or, for a ratio, the records added (0: empty). */
    private long count;
    /** A ratio's sample size, the records its denominator counts; a sum's or mean's is {@link #count}. */
    private long sample;
    private final ExactSums first;
    private final ExactSums second; // a ratio's denominator; null otherwise

    /** A sum's or mean's partial ({@link #SUM} or {@link #MEAN}) of {@code count} values. */
    ExactPartial(int kind, long count, ExactSums first, ExactSums second) {
      this(kind, count, count, first, second);
    }

    private ExactPartial(int kind, long count, long sample, ExactSums first, ExactSums second) {
      this.kind = kind;
      this.count = count;
      this.sample = sample;
      this.first = first;
      this.second = second;
    }

    /** A ratio's partial: {@code count} records added, {@code sample} of them counted by its denominator. */
    static ExactPartial ratio(long count, long sample, ExactSums numerator, ExactSums denominator) {
      return new ExactPartial(RATIO, count, sample, numerator, denominator);
    }

    @Override
    Partial copy() {
      return new ExactPartial(kind, count, sample, first.copyOf(0), second == null ? null : second.copyOf(0));
    }

    @Override
    void merge(Partial other) {
      ExactPartial o = (ExactPartial) other;
      count = Math.addExact(count, o.count);
      sample = Math.addExact(sample, o.sample);
      first.merge(o.first, 0, 0);
      if (second != null) {
        second.merge(o.second, 0, 0);
      }
    }

    @Override
    Summary summary(double q) {
      switch (kind) {
        case SUM:
          return Summary.of(count, OptionalDouble.of(count == 0 ? 0 : first.sum(0)));
        case MEAN:
          return Summary.of(count, count == 0 ? OptionalDouble.empty() : OptionalDouble.of(first.mean(0, count)));
        default:
          return count == 0 ? Summary.ratio(0, 0, 0) : Summary.ratio(sample, first.sum(0), second.sum(0));
      }
    }
  }

  /** One side of a ratio for the current block: its filter result and its field (absent for a count). */
  static final class Side {
    final Slot field;
    boolean[] pass;

    Side(Slot field) {
      this.field = field;
    }

    long whole(int i) {
      if (pass != null && !pass[i]) {
        return 0;
      }
      if (field == null) {
        return 1;
      }
      long v = field.longs[field.offset + i];
      return v == ColumnBatch.ABSENT ? 0 : v;
    }

    double decimal(int i) {
      if (pass != null && !pass[i]) {
        return 0;
      }
      if (field == null) {
        return 1;
      }
      double v = field.asDouble(i);
      return Double.isNaN(v) ? 0 : v;
    }

    /**
     * Whether this side counts record {@code i}: it passes the side's filter and, for a sum, has a
     * value (0 counts; absent does not). A ratio's sample size is the records its denominator counts.
     */
    boolean counts(int i) {
      if (pass != null && !pass[i]) {
        return false;
      }
      if (field == null) {
        return true;
      }
      return field.type == FieldType.DOUBLE ? !Double.isNaN(field.doubles[field.offset + i])
          : field.longs[field.offset + i] != ColumnBatch.ABSENT; // as asDouble reads it
    }
  }

  /** Exact quantiles: see {@link ExactQuantileKernel}. */
  static Kernel<ExactQuantiles> exactQuantiles(Slot s, Tally tally) {
    return new ExactQuantileKernel(s, tally);
  }

  static Kernel<HistogramQuantiles> histogramQuantiles(Slot s, int digits) {
    return new ObjectKernel<>(() -> HistogramQuantiles.create(digits)) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        long[] v = s.longs;
        int off = s.offset;
        for (int i = 0; i < length; i++) {
          long x = v[off + i];
          if (gid[i] >= 0 && (pass == null || pass[i]) && x != ColumnBatch.ABSENT) {
            at(gid[i]).add(x);
          }
        }
      }
    };
  }

  static Kernel<DistinctLongs> distinctLongs(Slot s) {
    return new ObjectKernel<>(DistinctLongs::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        long[] v = s.longs;
        int off = s.offset;
        for (int i = 0; i < length; i++) {
          long x = v[off + i];
          if (gid[i] >= 0 && (pass == null || pass[i]) && x != ColumnBatch.ABSENT) {
            at(gid[i]).add(x);
          }
        }
      }
    };
  }

  static Kernel<DistinctStrings> distinctStrings(Slot s) {
    return new ObjectKernel<>(DistinctStrings::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        int[] codes = s.codes;
        int off = s.offset;
        for (int i = 0; i < length; i++) {
          int c = codes[off + i];
          if (gid[i] >= 0 && (pass == null || pass[i]) && c >= 0) {
            at(gid[i]).add(s.dictionary.text(c));
          }
        }
      }
    };
  }
}
