package dev.finegrain.kpi;

import dev.finegrain.core.condition.And;
import dev.finegrain.core.condition.Compare;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.condition.Equals;
import dev.finegrain.core.condition.Exists;
import dev.finegrain.core.condition.In;
import dev.finegrain.core.condition.Not;
import dev.finegrain.core.condition.Or;
import dev.finegrain.core.internal.Values;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Compiles a core {@link Condition} once per query into a {@link Mask}: a loop over a block of
 * column values that writes one boolean per record, so no condition is interpreted per record.
 *
 * <p>Semantics follow core's conditions: a missing value is false, numbers compare by their exact
 * values, instants in time order. The query refuses a constant of another kind than its field before
 * it compiles a mask ({@link FilterKinds}); were one to reach here, it would match nothing, as in
 * core. An instant field holds epoch milliseconds; an instant constant is compared with them exactly,
 * a part below the millisecond included.
 */
final class Masks {
  private Masks() {}

  /** Writes, for each of the first {@code length} records of the block, whether the condition holds. */
  interface Mask {
    void eval(int length, boolean[] out);
  }

  static Mask compile(Condition condition, Map<String, Slot> slots) {
    if (condition instanceof And and) {
      return combine(and.conditions(), slots, true);
    }
    if (condition instanceof Or or) {
      return combine(or.conditions(), slots, false);
    }
    if (condition instanceof Not not) {
      Mask inner = compile(not.condition(), slots);
      return (length, out) -> {
        inner.eval(length, out);
        for (int i = 0; i < length; i++) {
          out[i] = !out[i];
        }
      };
    }
    if (condition instanceof Exists e) {
      return exists(slots.get(e.field()));
    }
    if (condition instanceof Equals eq) {
      return compareConstant(slots.get(eq.field()), Comparison.EQ, eq.value());
    }
    if (condition instanceof In in) {
      return combineMasks(in.values().stream()
          .map(v -> compareConstant(slots.get(in.field()), Comparison.EQ, v)).toList(), false);
    }
    if (condition instanceof Compare c) {
      if (c.value().isPresent()) {
        return compareConstant(slots.get(c.field()), c.op(), c.value().get());
      }
      return compareFields(slots.get(c.field()), c.op(), slots.get(c.otherField().get()));
    }
    throw new IllegalArgumentException("unsupported condition " + condition.getClass().getSimpleName());
  }

  private static Mask combine(List<Condition> conditions, Map<String, Slot> slots, boolean all) {
    return combineMasks(conditions.stream().map(c -> compile(c, slots)).toList(), all);
  }

  private static Mask combineMasks(List<Mask> masks, boolean all) {
    if (masks.isEmpty()) {
      return constant(all);
    }
    if (masks.size() == 1) {
      return masks.get(0);
    }
    Mask[] parts = masks.toArray(new Mask[0]);
    boolean[][] scratch = new boolean[1][];
    return (length, out) -> {
      if (scratch[0] == null || scratch[0].length < length) {
        scratch[0] = new boolean[Math.max(length, QueryEngine.BLOCK)];
      }
      boolean[] tmp = scratch[0];
      parts[0].eval(length, out);
      for (int p = 1; p < parts.length; p++) {
        parts[p].eval(length, tmp);
        if (all) {
          for (int i = 0; i < length; i++) {
            out[i] &= tmp[i];
          }
        } else {
          for (int i = 0; i < length; i++) {
            out[i] |= tmp[i];
          }
        }
      }
    };
  }

  private static Mask constant(boolean value) {
    return (length, out) -> java.util.Arrays.fill(out, 0, length, value);
  }

  private static Mask exists(Slot s) {
    switch (s.type) {
      case DIMENSION:
        return (length, out) -> {
          int[] codes = s.codes;
          int off = s.offset;
          for (int i = 0; i < length; i++) {
            out[i] = codes[off + i] >= 0;
          }
        };
      case DOUBLE:
        return (length, out) -> {
          double[] v = s.doubles;
          int off = s.offset;
          for (int i = 0; i < length; i++) {
            out[i] = !Double.isNaN(v[off + i]);
          }
        };
      case BOOLEAN:
        return constant(true);
      default:
        return (length, out) -> {
          long[] v = s.longs;
          int off = s.offset;
          for (int i = 0; i < length; i++) {
            out[i] = v[off + i] != ColumnBatch.ABSENT;
          }
        };
    }
  }

  /**
   * {@code field op constant}. A constant of another kind than the field never matches (a text
   * against a number field, say). Each kind has its own loops, so nothing is dispatched per record.
   */
  private static Mask compareConstant(Slot s, Comparison op, Object constant) {
    switch (s.type) {
      case DIMENSION:
        return constant instanceof String text ? compareText(s, op, text) : constant(false);
      case BOOLEAN:
        return constant instanceof Boolean b ? compareBoolean(s, op, b) : constant(false);
      case DOUBLE:
        if (constant instanceof Long c && (c > MAX_EXACT || c < -MAX_EXACT)) {
          return compareDecimalWithWhole(s, op, c);  // no double of its own: compared exactly
        }
        return constant instanceof Number n ? compareDouble(s, op, n.doubleValue()) : constant(false);
      case INSTANT:
        return constant instanceof Instant at ? compareInstant(s, op, at) : constant(false);
      default: // whole numbers: LONG, whole derived fields
        if (constant instanceof Long c) {
          return compareWhole(s, op, c);
        }
        return constant instanceof Number n ? compareWholeWithDecimal(s, op, n.doubleValue()) : constant(false);
    }
  }

  /**
   * An instant field (epoch milliseconds) against an instant, exactly: its whole milliseconds and
   * whether a part below the millisecond is left are found once; the loop compares longs. An instant
   * beyond the milliseconds a long holds is after, or before, every record.
   */
  private static Mask compareInstant(Slot s, Comparison op, Instant at) {
    long whole;
    try {
      whole = at.toEpochMilli();  // floors, also for seconds whose thousandfold alone would not fit
    } catch (ArithmeticException beyond) {
      return compareBeyond(s, op, at.getEpochSecond() > 0);
    }
    return compareWholeAt(s, op, whole, at.getNano() % 1_000_000 > 0 ? -1 : 0);
  }

  private static Mask compareText(Slot s, Comparison op, String text) {
    if (op == Comparison.EQ || op == Comparison.NE) {
      boolean eq = op == Comparison.EQ;
      return (length, out) -> {
        int code = s.dictionary.lookup(text);
        int[] codes = s.codes;
        int off = s.offset;
        for (int i = 0; i < length; i++) {
          int c = codes[off + i];
          out[i] = c >= 0 && (c == code) == eq;
        }
      };
    }
    return (length, out) -> {
      int[] codes = s.codes;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        int c = codes[off + i];
        out[i] = c >= 0 && op.holds(Integer.signum(s.dictionary.text(c).compareTo(text)));
      }
    };
  }

  private static Mask compareBoolean(Slot s, Comparison op, boolean b) {
    if (op == Comparison.EQ || op == Comparison.NE) {
      // returned = true and the like: the mask is the column itself or its negation
      boolean wanted = (op == Comparison.EQ) == b;
      if (wanted) {
        return (length, out) -> System.arraycopy(s.booleans, s.offset, out, 0, length);
      }
      return (length, out) -> {
        boolean[] v = s.booleans;
        int off = s.offset;
        for (int i = 0; i < length; i++) {
          out[i] = !v[off + i];
        }
      };
    }
    return (length, out) -> {
      boolean[] v = s.booleans;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        out[i] = op.holds(Boolean.compare(v[off + i], b));
      }
    };
  }

  private static Mask compareDouble(Slot s, Comparison op, double d) {
    return (length, out) -> {
      double[] v = s.doubles;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        double x = v[off + i];
        out[i] = !Double.isNaN(x) && holds(op, x, d);
      }
    };
  }

  private static Mask compareWhole(Slot s, Comparison op, long c) {
    return (length, out) -> {
      long[] v = s.longs;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        long x = v[off + i];
        out[i] = x != ColumnBatch.ABSENT && op.holds(Long.compare(x, c));
      }
    };
  }

  /** The largest whole number below which every long is a double of its own: 2^53. */
  private static final long MAX_EXACT = 1L << 53;

  /**
   * A whole-number field against a number that is not a {@code Long}, by their exact values, as a
   * condition compares them ({@link Values#compare}): above 2^53 a long rounded to a double may
   * meet the constant. The constant's whole part and the sign of what is left are found once; the
   * loop compares longs.
   */
  private static Mask compareWholeWithDecimal(Slot s, Comparison op, double c) {
    if (Double.isNaN(c)) {
      return constant(false);
    }
    if (c >= 0x1p63 || c < -0x1p63) {
      return compareBeyond(s, op, c > 0);
    }
    long whole = (long) c;
    double fraction = c - whole;
    return compareWholeAt(s, op, whole, fraction > 0 ? -1 : (fraction < 0 ? 1 : 0));
  }

  /** A whole-number field against a constant beyond every long: above them all, or below. */
  private static Mask compareBeyond(Slot s, Comparison op, boolean above) {
    boolean holds = op.holds(above ? -1 : 1);  // every long is below, or above, the constant
    return (length, out) -> {
      long[] v = s.longs;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        out[i] = holds && v[off + i] != ColumnBatch.ABSENT;
      }
    };
  }

  /**
   * A whole-number field against a constant whose whole part is {@code whole}: {@code atWhole} is
   * how a value equal to {@code whole} compares with the constant (-1 when a positive part is left).
   */
  private static Mask compareWholeAt(Slot s, Comparison op, long whole, int atWhole) {
    return (length, out) -> {
      long[] v = s.longs;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        long x = v[off + i];
        out[i] = x != ColumnBatch.ABSENT && op.holds(x != whole ? Long.compare(x, whole) : atWhole);
      }
    };
  }

  /** A decimal field against a whole constant past 2^53, which has no double of its own: exactly. */
  private static Mask compareDecimalWithWhole(Slot s, Comparison op, long c) {
    return (length, out) -> {
      double[] v = s.doubles;
      int off = s.offset;
      for (int i = 0; i < length; i++) {
        double x = v[off + i];
        out[i] = !Double.isNaN(x) && op.holds(-Values.compareWholeWithDecimal(c, x));
      }
    };
  }

  private static boolean holds(Comparison op, double x, double y) {
    return op.holds(x < y ? -1 : (x > y ? 1 : 0));
  }

  private static Mask compareFields(Slot a, Comparison op, Slot b) {
    boolean aNum = a.type != FieldType.DIMENSION && a.type != FieldType.BOOLEAN;
    boolean bNum = b.type != FieldType.DIMENSION && b.type != FieldType.BOOLEAN;
    if (aNum && bNum) {
      if (a.isWhole() && b.isWhole()) {
        return compareWholeFields(a, op, b);
      }
      if (a.isWhole() != b.isWhole()) {
        // a whole number and a decimal, by their exact values as a condition compares them
        Slot whole = a.isWhole() ? a : b;
        Slot decimal = a.isWhole() ? b : a;
        int sign = a.isWhole() ? 1 : -1;
        return (length, out) -> {
          for (int i = 0; i < length; i++) {
            long u = whole.longs[whole.offset + i];
            double v = decimal.asDouble(i);
            out[i] = u != ColumnBatch.ABSENT && !Double.isNaN(v)
                && op.holds(sign * Values.compareWholeWithDecimal(u, v));
          }
        };
      }
      return (length, out) -> {
        for (int i = 0; i < length; i++) {
          double u = a.asDouble(i);
          double v = b.asDouble(i);
          out[i] = !Double.isNaN(u) && !Double.isNaN(v) && holds(op, u, v);
        }
      };
    }
    if (a.type == FieldType.DIMENSION && b.type == FieldType.DIMENSION) {
      return (length, out) -> {
        for (int i = 0; i < length; i++) {
          int u = a.codes[a.offset + i];
          int v = b.codes[b.offset + i];
          out[i] = u >= 0 && v >= 0
              && op.holds(Integer.signum(a.dictionary.text(u).compareTo(b.dictionary.text(v))));
        }
      };
    }
    if (a.type == FieldType.BOOLEAN && b.type == FieldType.BOOLEAN) {
      return (length, out) -> {
        for (int i = 0; i < length; i++) {
          out[i] = op.holds(Boolean.compare(a.booleans[a.offset + i], b.booleans[b.offset + i]));
        }
      };
    }
    return constant(false);
  }

  /** Two whole-number fields: one loop per operator, so no operator is dispatched per record. */
  private static Mask compareWholeFields(Slot a, Comparison op, Slot b) {
    switch (op) {
      case LE:
        return (length, out) -> {
          long[] x = a.longs;
          long[] y = b.longs;
          int ox = a.offset;
          int oy = b.offset;
          for (int i = 0; i < length; i++) {
            long u = x[ox + i];
            long v = y[oy + i];
            out[i] = u != ColumnBatch.ABSENT && v != ColumnBatch.ABSENT && u <= v;
          }
        };
      case LT:
        return (length, out) -> {
          long[] x = a.longs;
          long[] y = b.longs;
          int ox = a.offset;
          int oy = b.offset;
          for (int i = 0; i < length; i++) {
            long u = x[ox + i];
            long v = y[oy + i];
            out[i] = u != ColumnBatch.ABSENT && v != ColumnBatch.ABSENT && u < v;
          }
        };
      case GE:
        return compareWholeFields(b, Comparison.LE, a);
      case GT:
        return compareWholeFields(b, Comparison.LT, a);
      default:
        return (length, out) -> {
          long[] x = a.longs;
          long[] y = b.longs;
          int ox = a.offset;
          int oy = b.offset;
          for (int i = 0; i < length; i++) {
            long u = x[ox + i];
            long v = y[oy + i];
            out[i] = u != ColumnBatch.ABSENT && v != ColumnBatch.ABSENT && op.holds(Long.compare(u, v));
          }
        };
    }
  }
}
