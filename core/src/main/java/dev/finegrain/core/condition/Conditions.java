package dev.finegrain.core.condition;

import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;

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

  /** The canonical form of a constant, which must be a text, number or boolean. */
  static Object constant(String path, Object value, String type) {
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      new Problems().add(path, "expected a text, number or boolean, got %s", Values.kindOf(value))
          .throwIfAny(type + " condition");
    }
    if (value instanceof Number number && !Double.isFinite(number.doubleValue())) {
      new Problems().add(path, "expected a finite number, got %s", value).throwIfAny(type + " condition");
    }
    return Values.normalize(path, value);
  }
}
