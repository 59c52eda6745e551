package dev.finegrain.core.condition;

import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.List;
import java.util.Optional;

/** Validation shared by the condition types. */
final class Conditions {
  private Conditions() {}

  static void checkField(String field, String type) {
    Problems problems = new Problems();
    checkField(problems, "field", field);
    problems.throwIfAny(type + " condition");
  }

  static void checkField(Problems problems, String path, String field) {
    if (field.isEmpty()) {
      problems.add(path, "a field path is required");
    } else if (!FieldPath.isValid(field)) {
      try {
        FieldPath.parse(field);
      } catch (IllegalArgumentException e) {
        problems.add(path, e.getMessage());
      }
    }
  }

  /** How deep {@code condition} nests: 1 for a leaf, one more for each and/or/not around it. */
  static int depth(Condition condition) {
    if (condition instanceof Not not) {
      return not.depth();
    }
    if (condition instanceof And and) {
      return and.depth();
    }
    if (condition instanceof Or or) {
      return or.depth();
    }
    return 1;
  }

  /** 1 + the depth of the deepest of {@code children}; bounded, since each child was checked when built. */
  static int depthAbove(List<Condition> children) {
    int deepest = 0;
    for (Condition child : children) {
      deepest = Math.max(deepest, depth(child));
    }
    return 1 + deepest;
  }

  /** Refuses a condition nested deeper than {@link Condition#MAX_DEPTH}, naming the path of its deepest part. */
  static void checkDepth(Condition condition, String type) {
    int depth = depth(condition);
    if (depth > Condition.MAX_DEPTH) {
      new Problems().add(deepestPath(condition), "conditions nested %s deep; at most %s levels of and/or/not"
          + " are allowed (Condition.MAX_DEPTH)", depth, Condition.MAX_DEPTH).throwIfAny(type + " condition");
    }
  }

  private static String deepestPath(Condition condition) {
    StringBuilder path = new StringBuilder();
    Condition at = condition;
    while (true) {
      List<Condition> children;
      String name;
      if (at instanceof Not not) {
        children = List.of(not.condition());
        name = "condition";
      } else if (at instanceof And and) {
        children = and.conditions();
        name = "conditions";
      } else if (at instanceof Or or) {
        children = or.conditions();
        name = "conditions";
      } else {
        return path.toString();
      }
      int deepest = 0;
      for (int i = 1; i < children.size(); i++) {
        if (depth(children.get(i)) > depth(children.get(deepest))) {
          deepest = i;
        }
      }
      if (children.isEmpty()) {
        return path.toString();
      }
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(name);
      if (!(at instanceof Not)) {
        path.append('[').append(deepest).append(']');
      }
      at = children.get(deepest);
    }
  }

  /** The canonical form of a constant, which must be a text, number, boolean or instant. */
  static Object constant(String path, Object value, String type) {
    if (!Values.isScalar(value)) {
      new Problems().add(path, "expected a text, number, boolean or instant, got %s", Values.kindOf(value))
          .throwIfAny(type + " condition");
    }
    if (value instanceof Number number && !Double.isFinite(number.doubleValue())) {
      new Problems().add(path, "expected a finite number, got %s", value).throwIfAny(type + " condition");
    }
    Problems problems = new Problems();
    Optional<Object> normal = problems.normalized(path, value);
    problems.throwIfAny(type + " condition");
    return normal.orElseThrow();
  }
}
