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
  }

  /** A capacity of at least {@code needed}, doubling so that growing costs amortised O(1). */
  static int grow(int length, int needed) {
    return Math.max(needed, Math.max(64, length * 2));
  }

  // Counts, whole sums, means and whole ratios -- the measures of nearly every KPI -- keep their
  // state in primitive arrays by group id rather than in an object per group: a record then costs
  // an array increment instead of a pointer chase. The public accumulators are built only by
  // result(), from the same state they would have reached record by record.

  /**
   * The records of each group that pass one KPI filter, and how many of them pass each of a few
   * masks: the state that counts, whole sums and shares of counts read instead of each counting
   * on its own. One pass per block fills it for all of them, so the common KPI set of count, sum
   * and two shares reads the block's group ids and filter once, not once per KPI.
   */
  static final class Tally {
    long[] counts = new long[0];
    boolean[][] masks = new boolean[0][];
    long[][] hits = new long[0][];

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
      }
    }

    /** Counts the records {@code i < length} with {@code gid[i] >= 0} and {@code pass == null || pass[i]}. */
    void add(int length, int[] gid, boolean[] pass) {
      long[] c = counts;
      int k = 0;
      if (masks.length >= 2) {
        boolean[] m0 = masks[0];
        boolean[] m1 = masks[1];
        long[] h0 = hits[0];
        long[] h1 = hits[1];
        for (int i = 0; i < length; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            c[g]++;
            h0[g] += m0[i] ? 1 : 0;
            h1[g] += m1[i] ? 1 : 0;
          }
        }
        k = 2;
      } else if (masks.length == 1) {
        boolean[] m0 = masks[0];
        long[] h0 = hits[0];
        for (int i = 0; i < length; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            c[g]++;
            h0[g] += m0[i] ? 1 : 0;
          }
        }
        k = 1;
      } else {
        for (int i = 0; i < length; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            c[g]++;
          }
        }
      }
      for (; k < masks.length; k++) {
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

    long count(int group) {
      return group < counts.length ? counts[group] : 0;
    }

    long hits(int k, int group) {
      return group < counts.length ? hits[k][group] : 0;
    }
  }

  /** A count of records, read from the tally of the KPI's filter: no work of its own per record. */
  static Kernel<Count> count(Tally tally) {
    return new Kernel<>() {
      @Override
      void add(int length, int[] gid, boolean[] pass) {} // the tally counts

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
   */
  static Kernel<LongSum> longSum(Slot s, Tally tally) {
    return new Kernel<>() {
      long[] absents = new long[0]; // rare, so grown on a group's first absent value
      long[] sums = new long[0];

      @Override
      void reserve(int groups) {
        if (groups > sums.length) {
          sums = Arrays.copyOf(sums, grow(sums.length, groups));
        }
      }

      @Override
      void add(int length, int[] gid, boolean[] pass) {
        long[] v = s.longs;
        int off = s.offset;
        long[] sum = sums;
        for (int i = 0; i < length; i++) {
          long x = v[off + i];
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            if (x != ColumnBatch.ABSENT) {
              sum[g] = Math.addExact(sum[g], x); // as LongSum.add: an overflow throws
            } else {
              if (g >= absents.length) {
                absents = Arrays.copyOf(absents, grow(absents.length, g + 1));
              }
              absents[g]++;
            }
          }
        }
      }

      private long count(int group) {
        return tally.count(group) - (group < absents.length ? absents[group] : 0);
      }

      @Override
      LongSum result(int group) {
        return group < sums.length ? STATES.longSum(count(group), sums[group]) : LongSum.create();
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        out.set(row, count(group), group < sums.length ? sums[group] : 0);
      }
    };
  }

  /**
   * A share of counts (on-time rate, return rate): numerator and denominator are each all the
   * records that pass the KPI's filter, or those of them that pass a mask; the tally counts both,
   * so this kernel has no work of its own per record.
   *
   * @param numerator the numerator's mask, or null for every record
   * @param denominator the denominator's mask, or null for every record
   */
  static Kernel<LongRatio> share(Tally tally, boolean[] numerator, boolean[] denominator) {
    int num = numerator == null ? -1 : tally.tally(numerator);
    int den = denominator == null ? -1 : tally.tally(denominator);
    return new Kernel<>() {
      @Override
      void add(int length, int[] gid, boolean[] pass) {} // the tally counts

      private long side(int k, int group) {
        return k < 0 ? tally.count(group) : tally.hits(k, group);
      }

      @Override
      LongRatio result(int group) {
        return STATES.longRatio(tally.count(group), side(num, group), side(den, group));
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        out.ratio(row, tally.count(group), side(num, group), side(den, group));
      }
    };
  }

  static Kernel<MeanVariance> mean(Slot s) {
    return new Kernel<>() {
      long[] counts = new long[0];
      double[] means = new double[0];
      double[] m2s = new double[0];

      @Override
      void reserve(int groups) {
        if (groups > counts.length) {
          counts = Arrays.copyOf(counts, grow(counts.length, groups));
          means = Arrays.copyOf(means, counts.length);
          m2s = Arrays.copyOf(m2s, counts.length);
        }
      }

      @Override
      void add(int length, int[] gid, boolean[] pass) {
        if (s.type == FieldType.DOUBLE) {
          double[] v = s.doubles;
          int off = s.offset;
          for (int i = 0; i < length; i++) {
            double x = v[off + i];
            int g = gid[i];
            if (g >= 0 && (pass == null || pass[i]) && !Double.isNaN(x)) {
              addValue(g, x);
            }
          }
        } else {
          long[] v = s.longs;
          int off = s.offset;
          for (int i = 0; i < length; i++) {
            long x = v[off + i];
            int g = gid[i];
            if (g >= 0 && (pass == null || pass[i]) && x != ColumnBatch.ABSENT) {
              addWhole(g, x);
            }
          }
        }
      }

      /**
       * {@link #addValue} for a whole number: the same operations, without the finiteness check,
       * which cannot fail here (|value| < 2^63, so delta^2 < 2^128 and the sum of n of them stays
       * below 2^191, far inside a double's range).
       */
      private void addWhole(int g, long whole) {
        double value = whole;
        long n = counts[g] + 1;
        double delta = value - means[g];
        double newMean = means[g] + delta / n;
        counts[g] = n;
        m2s[g] += delta * (value - newMean);
        means[g] = newMean;
      }

      /** MeanVariance.add's Welford update, operation for operation, so the state is bit-identical. */
      private void addValue(int g, double value) {
        long n = counts[g] + 1;
        double delta = value - means[g];
        double newMean = means[g] + delta / n;
        double newM2 = m2s[g] + delta * (value - newMean);
        if (!Double.isFinite(newMean) || !Double.isFinite(newM2)) {
          // a non-finite value or an overflow: let the accumulator throw its own exception
          result(g).add(value);
        }
        counts[g] = n;
        means[g] = newMean;
        m2s[g] = newM2;
      }

      @Override
      MeanVariance result(int group) {
        return group < counts.length ? STATES.meanVariance(counts[group], means[group], m2s[group])
            : MeanVariance.create();
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        long n = group < counts.length ? counts[group] : 0;
        out.setIfAny(row, n, n == 0 ? 0 : means[group]);
      }
    };
  }

  /**
   * A ratio of whole numbers: each record adds its numerator and denominator contributions (1 or
   * the field's value where the side's filter passes, else 0).
   */
  static Kernel<LongRatio> longRatio(Side numerator, Side denominator) {
    return new Kernel<>() {
      long[] counts = new long[0];
      long[] numerators = new long[0];
      long[] denominators = new long[0];

      @Override
      void reserve(int groups) {
        if (groups > counts.length) {
          counts = Arrays.copyOf(counts, grow(counts.length, groups));
          numerators = Arrays.copyOf(numerators, counts.length);
          denominators = Arrays.copyOf(denominators, counts.length);
        }
      }

      @Override
      void add(int length, int[] gid, boolean[] pass) {
        long[] c = counts;
        long[] num = numerators;
        long[] den = denominators;
        for (int i = 0; i < length; i++) {
          int g = gid[i];
          if (g >= 0 && (pass == null || pass[i])) {
            // as LongRatio.add: both sums checked before either changes
            long nn = Math.addExact(num[g], numerator.whole(i));
            long dd = Math.addExact(den[g], denominator.whole(i));
            num[g] = nn;
            den[g] = dd;
            c[g]++;
          }
        }
      }

      @Override
      LongRatio result(int group) {
        return group < counts.length ? STATES.longRatio(counts[group], numerators[group], denominators[group])
            : LongRatio.create();
      }

      @Override
      void summarize(int group, double q, CellColumn out, int row) {
        if (group < counts.length) {
          out.ratio(row, counts[group], numerators[group], denominators[group]);
        } else {
          out.ratio(row, 0, 0, 0);
        }
      }
    };
  }

  static Kernel<DoubleSum> doubleSum(Slot s) {
    return new ObjectKernel<>(DoubleSum::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        for (int i = 0; i < length; i++) {
          double x = s.asDouble(i);
          if (gid[i] >= 0 && (pass == null || pass[i]) && !Double.isNaN(x)) {
            at(gid[i]).add(x);
          }
        }
      }
    };
  }

  static Kernel<DoubleRatio> doubleRatio(Side numerator, Side denominator) {
    return new ObjectKernel<>(DoubleRatio::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        for (int i = 0; i < length; i++) {
          if (gid[i] >= 0 && (pass == null || pass[i])) {
            at(gid[i]).add(numerator.decimal(i), denominator.decimal(i));
          }
        }
      }
    };
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
            if (x < 0) {
              throw new IllegalArgumentException("quantile of '" + s.name + "' with significantDigits needs values of"
                  + " 0 or more, got " + x + "; use an exact quantile for negative values");
            }
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
