package dev.finegrain.kpi.experiment;

/** Argument checks whose messages name the field and what was expected there. */
final class Checks {
  private Checks() {}

  static double probability(String field, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(field + ": expected a number strictly between 0 and 1, got " + value);
    }
    return value;
  }

  static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": expected a finite number, got " + value);
    }
    return value;
  }

  static long atLeast(String field, long value, long min, String what) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": expected " + what + ", got " + value);
    }
    return value;
  }

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": expected a value, got null");
    }
    return value;
  }
}
