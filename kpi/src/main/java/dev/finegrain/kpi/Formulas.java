package dev.finegrain.kpi;

import dev.finegrain.kpi.Formula.Constant;
import dev.finegrain.kpi.Formula.Name;
import dev.finegrain.kpi.Formula.Node;
import dev.finegrain.kpi.Formula.Operation;
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
    if (node instanceof Constant) {
      long value = (long) ((Constant) node).value();
      return (length, out) -> Arrays.fill(out, 0, length, value);
    }
    if (node instanceof Name) {
      Slot s = slots.get(((Name) node).name());
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
    WholeEval right = whole(op.operands().get(1), slots);
    long[] tmp = new long[QueryEngine.BLOCK];
    Formula.Op kind = op.op();
    return (length, out) -> {
      left.eval(length, out);
      right.eval(length, tmp);
      for (int i = 0; i < length; i++) {
        long a = out[i];
        long b = tmp[i];
        if (a == ColumnBatch.ABSENT || b == ColumnBatch.ABSENT) {
          out[i] = ColumnBatch.ABSENT;
          continue;
        }
        switch (kind) {
          case ADD:
            out[i] = Math.addExact(a, b);
            break;
          case SUBTRACT:
            out[i] = Math.subtractExact(a, b);
            break;
          case MULTIPLY:
            out[i] = Math.multiplyExact(a, b);
            break;
          default: // WHOLE_DIVIDE; DIVIDE never compiles as whole
            out[i] = b == 0 ? ColumnBatch.ABSENT : Math.floorDiv(a, b);
        }
      }
    };
  }

  static DecimalEval decimal(Node node, Map<String, Slot> slots) {
    if (node instanceof Constant) {
      double value = ((Constant) node).value();
      return (length, out) -> Arrays.fill(out, 0, length, value);
    }
    if (node instanceof Name) {
      Slot s = slots.get(((Name) node).name());
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

  /** Evaluates a formula over named values, such as the other KPIs of a result row. */
  static OptionalDouble evaluate(Node node, Function<String, OptionalDouble> values) {
    if (node instanceof Constant) {
      return OptionalDouble.of(((Constant) node).value());
    }
    if (node instanceof Name) {
      return values.apply(((Name) node).name());
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
    return Double.isFinite(result) ? OptionalDouble.of(result) : OptionalDouble.empty();
  }
}
