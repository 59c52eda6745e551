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
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The per-KPI loops of the engine: for a block of records with their group ids and the KPI's
 * filter, add each passing record's value to its group's accumulator. One loop per KPI and block,
 * over primitive arrays, with no boxing and no allocation per record.
 */
final class Kernels {
  private Kernels() {}

  /** Accumulators of one KPI, by group id, created on first use. */
  abstract static class Kernel<A extends Accumulator<A, ?>> {
    private final Supplier<A> factory;
    Object[] groups = new Object[64];

    Kernel(Supplier<A> factory) {
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

    /** The accumulator of {@code group}, empty if no record reached it. */
    @SuppressWarnings("unchecked")
    final A result(int group) {
      Object acc = group < groups.length ? groups[group] : null;
      return acc == null ? factory.get() : (A) acc;
    }

    /**
     * Adds the records {@code i < length} with {@code gid[i] >= 0} and {@code pass == null || pass[i]}.
     */
    abstract void add(int length, int[] gid, boolean[] pass);
  }

  static Kernel<Count> count() {
    return new Kernel<>(Count::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        for (int i = 0; i < length; i++) {
          if (gid[i] >= 0 && (pass == null || pass[i])) {
            at(gid[i]).add();
          }
        }
      }
    };
  }

  static Kernel<LongSum> longSum(Slot s) {
    return new Kernel<>(LongSum::create) {
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

  static Kernel<DoubleSum> doubleSum(Slot s) {
    return new Kernel<>(DoubleSum::create) {
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

  static Kernel<MeanVariance> mean(Slot s) {
    return new Kernel<>(MeanVariance::create) {
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

  /**
   * A ratio of whole numbers: each record adds its numerator and denominator contributions (1 or
   * the field's value where the side's filter passes, else 0).
   */
  static Kernel<LongRatio> longRatio(Side numerator, Side denominator) {
    return new Kernel<>(LongRatio::create) {
      @Override
      void add(int length, int[] gid, boolean[] pass) {
        for (int i = 0; i < length; i++) {
          if (gid[i] >= 0 && (pass == null || pass[i])) {
            at(gid[i]).add(numerator.whole(i), denominator.whole(i));
          }
        }
      }
    };
  }

  static Kernel<DoubleRatio> doubleRatio(Side numerator, Side denominator) {
    return new Kernel<>(DoubleRatio::create) {
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

  static Kernel<ExactQuantiles> exactQuantiles(Slot s) {
    return new Kernel<>(ExactQuantiles::create) {
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

  static Kernel<HistogramQuantiles> histogramQuantiles(Slot s, int digits) {
    return new Kernel<>(() -> HistogramQuantiles.create(digits)) {
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
    return new Kernel<>(DistinctLongs::create) {
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
    return new Kernel<>(DistinctStrings::create) {
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
