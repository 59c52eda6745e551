package dev.finegrain.kpi;

import dev.finegrain.kpi.Formula.Constant;
import dev.finegrain.kpi.Formula.Name;
import dev.finegrain.kpi.Formula.Node;
import dev.finegrain.kpi.Formula.Operation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Evaluates formulas: per block of records for derived fields (one loop per operator over the
 * block, never a tree walk per record), and per result row for derived KPIs.
 */
final class Formulas {
  private Formulas() {}

  /** Fills {@code out[0..length)} with whole values; {@link ColumnBatch#ABSENT} where undefined. */
  interface WholeEval {
    void eval(int length, long[] out);
  }

  /** Fills {@code out[0..length)} with decimal values; {@code NaN} where undefined. */
  interface DecimalEval {
    void eval(int length, double[] out);
  }

  static WholeEval whole(Node node, Map<String, Slot> slots) {
    if (node instanceof Constant constant) {
      long value = (long) constant.value();
      return (length, out) -> Arrays.fill(out, 0, length, value);
    }
    if (node instanceof Name name) {
      Slot s = slots.get(name.name());
      return (length, out) -> System.arraycopy(s.longs, s.offset, out, 0, length);
    }
    Operation op = (Operation) node;
    WholeEval left = whole(op.operands().get(0), slots);
    if (op.op() == Formula.Op.NEGATE) {
      return (length, out) -> {
        left.eval(length, out);
        for (int i = 0; i < length; i++) {
          if (out[i] != ColumnBatch.ABSENT) {
            out[i] = Math.negateExact(out[i]);
          }
        }
      };
    }
    Formula.Op kind = op.op();
    Node r = op.operands().get(1);
    // a constant or a field on the right is read where it is, not first copied into a buffer
    if (r instanceof Constant c) {
      long value = (long) c.value();
      Slot[] difference = differenceOfFields(op.operands().get(0), slots);
      if (kind == Formula.Op.WHOLE_DIVIDE && value > 0 && value < FAST_DIVIDE && difference != null) {
        // (shippedAt - createdAt) // 1h, the usual duration in whole units: one pass
        Slot a = difference[0];
        Slot b = difference[1];
        Divisor by = Divisor.orNull(value);
        return (length, out) -> subtractAndDivide(a.longs, a.offset, b.longs, b.offset, out, length, value, by);
      }
      if (kind == Formula.Op.WHOLE_DIVIDE && value > 0 && value < FAST_DIVIDE) {
        Divisor by = Divisor.orNull(value);
        return (length, out) -> {
          left.eval(length, out);
          divideByPositive(out, length, value, by);
        };
      }
      long[] constant = new long[QueryEngine.BLOCK];
      Arrays.fill(constant, value);
      return (length, out) -> {
        left.eval(length, out);
        apply(kind, out, length, constant, 0);
      };
    }
    if (r instanceof Name name) {
      Slot s = slots.get(name.name());
      return (length, out) -> {
        left.eval(length, out);
        apply(kind, out, length, s.longs, s.offset);
      };
    }
    WholeEval right = whole(r, slots);
    long[] tmp = new long[QueryEngine.BLOCK];
    return (length, out) -> {
      left.eval(length, out);
      right.eval(length, tmp);
      apply(kind, out, length, tmp, 0);
    };
  }

  /** The two fields of {@code node} when it is {@code field - field}, else null. */
  private static Slot[] differenceOfFields(Node node, Map<String, Slot> slots) {
    if (node instanceof Operation operation && operation.op() == Formula.Op.SUBTRACT) {
      Node a = operation.operands().get(0);
      Node b = operation.operands().get(1);
      if (a instanceof Name x && b instanceof Name y) {
        return new Slot[] {slots.get(x.name()), slots.get(y.name())};
      }
    }
    return null;
  }

  /**
   * {@code out[i] = floorDiv(a[i] - b[i], c)} for {@code 0 < c < 2^50}, absent where either is
   * absent; as {@link #apply} SUBTRACT then {@link #divideByPositive}, in one pass.
   */
  static void subtractAndDivide(long[] a, int aOff, long[] b, int bOff, long[] out, int length, long c) {
    subtractAndDivide(a, aOff, b, bOff, out, length, c, Divisor.orNull(c));
  }

  /** {@link #subtractAndDivide} with {@code by}, {@link Divisor#orNull} of {@code c}, made once per query. */
  private static void subtractAndDivide(long[] a, int aOff, long[] b, int bOff, long[] out, int length, long c,
      Divisor by) {
    final long absent = ColumnBatch.ABSENT;
    if (by == null) {
      subtractAndDivideSmall(a, aOff, b, bOff, out, length, c);
      return;
    }
    long m = by.multiplier;
    int shift = by.shift;
    long offset = by.offset;
    long k = by.k;
    for (int i = 0; i < length; i++) {
      long x = a[aOff + i];
      long y = b[bOff + i];
      if (x == absent || y == absent) {
        out[i] = absent;
        continue;
      }
      long d = Math.subtractExact(x, y);
      if (d > -FAST_DIVIDE && d < FAST_DIVIDE) {
        out[i] = (Math.multiplyHigh(m, d + offset) >> shift) - k; // see Divisor
      } else {
        out[i] = Math.floorDiv(d, c);  // c > 2: never Long.MIN_VALUE, even where d is
      }
    }
  }

  /**
   * A whole result, unless it is {@code Long.MIN_VALUE}: that value stands for an absent one
   * ({@link ColumnBatch#ABSENT}), so a formula that reaches it fails as an overflow would, rather
   * than make its record silently lose the value.
   */
  private static long present(long v) {
    if (v == ColumnBatch.ABSENT) {
      throw new ArithmeticException("long overflow: -2^63 stands for an absent value, so no whole result may be it");
    }
    return v;
  }

  /** {@link #subtractAndDivide} by 1 or 2, with {@link Math#floorDiv}. */
  private static void subtractAndDivideSmall(long[] a, int aOff, long[] b, int bOff, long[] out, int length, long c) {
    final long absent = ColumnBatch.ABSENT;
    for (int i = 0; i < length; i++) {
      long x = a[aOff + i];
      long y = b[bOff + i];
      // the difference may be -2^63 (absent, were it kept): divided here, where it is still a number
      out[i] = x == absent || y == absent ? absent : present(Math.floorDiv(Math.subtractExact(x, y), c));
    }
  }

  /**
   * Floor division by a constant {@code c} from {@link #SMALLEST} to {@code 2^50 - 1} of values
   * {@code |x| < 2^50}, as a multiplication: a 64-bit division instruction per value is slow, and
   * the compiler only avoids it for a divisor it knows when it compiles (this one comes from a
   * formula). Granlund and Montgomery's method: with {@code l = ceil(log2 c)}, {@code s >= 64}
   * and {@code m = ceil(2^s / c)}, {@code floor(n m / 2^s) == floor(n / c)} for every {@code 0 <= n
   * < 2^(s - l)}, since {@code m c - 2^s < c <= 2^l}. The value is first made positive by adding
   * {@code k c >= 2^50}, a multiple of {@code c}, and {@code k} taken off the quotient: {@code n = x
   * + k c} is below {@code 2^51 + c < 2^52 <= 2^(s - l)} with {@code s = max(52 + l, 64)}. Then
   * {@code floorDiv(x, c) = (multiplyHigh(m, n) >> (s - 64)) - k}: no branch, no division, no
   * correction step. {@code m} stays below {@code 2^63} for every {@code c >= 3} (at most {@code
   * 2^53 + 1} when {@code s > 64}, at most {@code ceil(2^64 / 3)} when {@code s = 64}), so the signed
   * {@link Math#multiplyHigh} of two positive numbers gives the high word.
   */
  static final class Divisor {
    /** The smallest divisor the method takes (for 2, {@code m} would be {@code 2^63}). */
    static final long SMALLEST = 3;

    final long multiplier;
    final int shift;
    final long offset;
    final long k;

    private Divisor(long c) {
      int l = 64 - Long.numberOfLeadingZeros(c - 1); // ceil(log2 c)
      int s = Math.max(52 + l, 64);
      this.multiplier = BigInteger.ONE.shiftLeft(s).add(BigInteger.valueOf(c - 1)).divide(BigInteger.valueOf(c))
          .longValueExact();
      this.shift = s - 64;
      this.k = (FAST_DIVIDE + c - 1) / c;
      this.offset = k * c;
    }

    /** The divisor {@code c} if the method takes it ({@link #SMALLEST} to {@code 2^50 - 1}), else null. */
    static Divisor orNull(long c) {
      return c >= SMALLEST && c < FAST_DIVIDE ? new Divisor(c) : null;
    }

    /** The divisor {@code c}, from {@link #SMALLEST} to {@code 2^50 - 1}. */
    static Divisor of(long c) {
      if (c < SMALLEST || c >= FAST_DIVIDE) {
        throw new IllegalArgumentException("divisor " + c + ": expected 3 to 2^50 - 1");
      }
      return new Divisor(c);
    }

    /** {@code floorDiv(x, c)} for {@code |x| < 2^50}. */
    long floorDiv(long x) {
      return (Math.multiplyHigh(multiplier, x + offset) >> shift) - k;
    }
  }

  /** {@code out[i] = out[i] kind b[off + i]}: one loop per operator, none dispatched per value. */
  private static void apply(Formula.Op kind, long[] out, int length, long[] b, int off) {
    final long absent = ColumnBatch.ABSENT;
    switch (kind) {
      case ADD:
        for (int i = 0; i < length; i++) {
          long x = out[i];
          long y = b[off + i];
          out[i] = x == absent || y == absent ? absent : present(Math.addExact(x, y));
        }
        break;
      case SUBTRACT:
        for (int i = 0; i < length; i++) {
          long x = out[i];
          long y = b[off + i];
          out[i] = x == absent || y == absent ? absent : present(Math.subtractExact(x, y));
        }
        break;
      case MULTIPLY:
        for (int i = 0; i < length; i++) {
          long x = out[i];
          long y = b[off + i];
          out[i] = x == absent || y == absent ? absent : present(Math.multiplyExact(x, y));
        }
        break;
      default: // WHOLE_DIVIDE; DIVIDE never compiles as whole
        for (int i = 0; i < length; i++) {
          long x = out[i];
          long y = b[off + i];
          out[i] = x == absent || y == absent || y == 0 ? absent : Math.floorDiv(x, y);
        }
    }
  }

  /**
   * Values this small ({@code |x| < 2^50}) divide with no division instruction: by a {@link Divisor}'s
   * multiplication, or (by 1 or 2) through a double reciprocal plus one correction step.
   */
  private static final long FAST_DIVIDE = 1L << 50;

  /** {@code out[i] = floorDiv(out[i], c)} for {@code 0 < c < 2^50}. */
  static void divideByPositive(long[] out, int length, long c) {
    divideByPositive(out, length, c, Divisor.orNull(c));
  }

  /** {@link #divideByPositive} with {@code by}, {@link Divisor#orNull} of {@code c}, made once per query. */
  private static void divideByPositive(long[] out, int length, long c, Divisor by) {
    final long absent = ColumnBatch.ABSENT;
    if (by != null) {
      long m = by.multiplier;
      int shift = by.shift;
      long offset = by.offset;
      long k = by.k;
      for (int i = 0; i < length; i++) {
        long x = out[i];
        if (x > -FAST_DIVIDE && x < FAST_DIVIDE) {
          out[i] = (Math.multiplyHigh(m, x + offset) >> shift) - k; // see Divisor
        } else if (x != absent) {
          out[i] = Math.floorDiv(x, c);
        }
      }
      return;
    }
    // by 1 or 2 (Divisor takes the rest): a 64-bit division per value is slow. For |x| < 2^50,
    // x * (1 / c) is within 1 / (4c) of x / c, and adding 1 / (2c) (within 3 / (8c) in all, with
    // its rounding) puts the estimate e strictly inside (x // c, x // c + 1): x / c is x // c plus
    // r / c for a whole r from 0 to c - 1, and e lies between (r + 1/8) / c and (r + 7/8) / c above
    // x // c. Casting e to a long truncates toward zero: that is x // c, or one more where e is
    // negative, which the remainder's sign bit takes back. No branch depends on the data: without
    // the half step, whole multiples (whole hours) land just below their quotient for about a
    // quarter of them, and correcting that was a branch the data mispredicted.
    double inverse = 1.0 / c;
    double half = 0.5 / c;
    for (int i = 0; i < length; i++) {
      long x = out[i];
      if (x == absent) {
        continue;
      }
      if (x > -FAST_DIVIDE && x < FAST_DIVIDE) {
        long q = (long) (x * inverse + half);
        out[i] = q + ((x - q * c) >> 63);
      } else {
        out[i] = Math.floorDiv(x, c);
      }
    }
  }

  static DecimalEval decimal(Node node, Map<String, Slot> slots) {
    if (node instanceof Constant constant) {
      double value = constant.value();
      return (length, out) -> Arrays.fill(out, 0, length, value);
    }
    if (node instanceof Name name) {
      Slot s = slots.get(name.name());
      return (length, out) -> {
        for (int i = 0; i < length; i++) {
          out[i] = s.asDouble(i);
        }
      };
    }
    Operation op = (Operation) node;
    DecimalEval left = decimal(op.operands().get(0), slots);
    if (op.op() == Formula.Op.NEGATE) {
      return (length, out) -> {
        left.eval(length, out);
        for (int i = 0; i < length; i++) {
          out[i] = -out[i];
        }
      };
    }
    DecimalEval right = decimal(op.operands().get(1), slots);
    double[] tmp = new double[QueryEngine.BLOCK];
    Formula.Op kind = op.op();
    return (length, out) -> {
      left.eval(length, out);
      right.eval(length, tmp);
      for (int i = 0; i < length; i++) {
        out[i] = apply(kind, out[i], tmp[i]);
      }
    };
  }

  /** One operator on decimals; {@code NaN} for an undefined result (a division by zero). */
  static double apply(Formula.Op kind, double a, double b) {
    switch (kind) {
      case ADD:
        return a + b;
      case SUBTRACT:
        return a - b;
      case MULTIPLY:
        return a * b;
      case DIVIDE:
        return b == 0 ? Double.NaN : a / b;
      case WHOLE_DIVIDE:
        return b == 0 ? Double.NaN : Math.floor(a / b);
      default:
        return -a;
    }
  }

  /**
   * Evaluates a formula over named values, such as the other KPIs of a result row: empty when a
   * value it reads is empty or a division is by zero.
   *
   * @throws ArithmeticException if a step's result is beyond the range of a double (the values are
   *     finite, so only an overflow makes one infinite)
   */
  static OptionalDouble evaluate(Node node, Function<String, OptionalDouble> values) {
    if (node instanceof Constant constant) {
      return OptionalDouble.of(constant.value());
    }
    if (node instanceof Name name) {
      return values.apply(name.name());
    }
    Operation op = (Operation) node;
    OptionalDouble left = evaluate(op.operands().get(0), values);
    if (left.isEmpty()) {
      return left;
    }
    if (op.op() == Formula.Op.NEGATE) {
      return OptionalDouble.of(-left.getAsDouble());
    }
    OptionalDouble right = evaluate(op.operands().get(1), values);
    if (right.isEmpty()) {
      return right;
    }
    double result = apply(op.op(), left.getAsDouble(), right.getAsDouble());
    if (Double.isInfinite(result)) {
      throw new ArithmeticException(left.getAsDouble() + " " + op.op().symbol() + " " + right.getAsDouble()
          + " is beyond the range of a double");
    }
    return Double.isNaN(result) ? OptionalDouble.empty() : OptionalDouble.of(result);  // NaN: a division by zero
  }
}
