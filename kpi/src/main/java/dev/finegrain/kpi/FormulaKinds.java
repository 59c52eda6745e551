package dev.finegrain.kpi;

import dev.finegrain.core.internal.Problems;
import dev.finegrain.kpi.Formula.Node;
import dev.finegrain.kpi.Formula.Operation;
import java.util.function.Predicate;

/**
 * Checks what a derived field's formula does with instants. An instant field holds epoch
 * milliseconds, but it is not a number: the one thing a formula may do with it is subtract another
 * instant, which gives a duration in milliseconds ({@code (shippedAt - createdAt) // 1h}). An
 * instant minus a number, an instant added to, multiplied, divided or negated, and a formula that
 * gives an instant are refused, each at the part of the formula that does it.
 */
final class FormulaKinds {
  private FormulaKinds() {}

  private static final String ONLY = "; an instant may only be subtracted from another instant, giving milliseconds"
      + " (such as (shippedAt - createdAt) // 1h)";

  /** What a part of a formula gives. */
  private enum Kind { NUMBER, INSTANT, REFUSED }

  /**
   * Adds a problem at {@code path} for each part of {@code formula} that uses an instant other than
   * by subtracting it from another instant; {@code instant} tells the names of instant fields.
   *
   * @return whether no problem was added
   */
  static boolean check(Problems problems, String path, Formula formula, Predicate<String> instant) {
    Kind kind = kind(problems, path, formula.root(), instant);
    if (kind == Kind.INSTANT) {
      problems.add(path, "'%s' is an instant, and a derived field is a number%s", text(formula.root()), ONLY);
    }
    return kind == Kind.NUMBER;
  }

  // recursion bounded by Formula.MAX_DEPTH, as the formula's own evaluation
  private static Kind kind(Problems problems, String path, Node node, Predicate<String> instant) {
    if (node instanceof Formula.Name name) {
      return instant.test(name.name()) ? Kind.INSTANT : Kind.NUMBER;
    }
    if (!(node instanceof Operation operation)) {
      return Kind.NUMBER; // a constant, durations included
    }
    Kind left = kind(problems, path, operation.operands().get(0), instant);
    Kind right = operation.operands().size() > 1 ? kind(problems, path, operation.operands().get(1), instant)
        : Kind.NUMBER;
    if (left == Kind.REFUSED || right == Kind.REFUSED) {
      return Kind.REFUSED; // already said, at the part that does it
    }
    if (left == Kind.NUMBER && right == Kind.NUMBER) {
      return Kind.NUMBER;
    }
    if (operation.op() == Formula.Op.SUBTRACT) {
      if (left == right) {
        return Kind.NUMBER; // instant - instant: milliseconds
      }
      problems.add(path, "'%s' subtracts %s%s", text(node),
          left == Kind.INSTANT ? "a number from an instant" : "an instant from a number", ONLY);
    } else {
      problems.add(path, "'%s' applies %s to an instant%s", text(node), operation.op().symbol(), ONLY);
    }
    return Kind.REFUSED;
  }

  /** A part of a formula as its canonical text, shortened past 80 characters. */
  private static String text(Node node) {
    StringBuilder out = new StringBuilder();
    node.render(out, 0);
    return out.length() <= 80 ? out.toString() : out.substring(0, 60) + "... (" + out.length() + " characters)";
  }
}
