package dev.finegrain.core.standard;

import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.internal.Values;
import java.util.Optional;

/** Validation of the min/max pairs of text-length, list-size and number-range rules. */
final class Bounds {
  private Bounds() {}

  /** At least one bound, none negative, {@code min <= max}. */
  static void checkCounts(Problems problems, Optional<Integer> min, Optional<Integer> max) {
    problems.check(min.isPresent() || max.isPresent(), "min", "give at least one of 'min' and 'max'");
    min.ifPresent(m -> problems.check(m >= 0, "min", "must be 0 or more, got %s", m));
    max.ifPresent(m -> problems.check(m >= 0, "max", "must be 0 or more, got %s", m));
    if (min.isPresent() && max.isPresent()) {
      problems.check(min.get() <= max.get(), "max", "max %s is below min %s", max.get(), min.get());
    }
  }

  /**
   * At least one bound, each a finite number that a field value can hold (a whole number that fits
   * a long, a decimal that does not become 0 as a double), {@code min <= max}.
   */
  static void checkNumbers(Problems problems, Optional<Number> min, Optional<Number> max) {
    problems.check(min.isPresent() || max.isPresent(), "min", "give at least one of 'min' and 'max'");
    boolean comparable = true;
    for (String name : new String[] {"min", "max"}) {
      Optional<Number> bound = name.equals("min") ? min : max;
      if (bound.isPresent() && !Double.isFinite(bound.get().doubleValue())) {
        problems.add(name, "expected a finite number, got %s", bound.get());
        comparable = false;
      } else if (bound.isPresent() && problems.normalized(name, bound.get()).isEmpty()) {
        comparable = false;
      }
    }
    if (comparable && min.isPresent() && max.isPresent()) {
      problems.check(Values.compare(min.get(), max.get()).orElse(0) <= 0, "max", "max %s is below min %s",
          max.get(), min.get());
    }
  }

  /**
   * Reports a count outside {@code min..max}, such as {@code list of 3 elements is shorter than the
   * minimum 5}.
   */
  static void reportCount(Evaluation out, String path, Object value, String what, int count, String unit,
      Optional<Integer> min, Optional<Integer> max) {
    String counted = what + " of " + count + " " + unit + (count == 1 ? "" : "s");
    if (min.isPresent() && count < min.get()) {
      out.report(path, counted + " is shorter than the minimum " + min.get(), value);
    } else if (max.isPresent() && count > max.get()) {
      out.report(path, counted + " is longer than the maximum " + max.get(), value);
    }
  }

  /** {@code 10 to 60}, {@code at least 10}, {@code at most 60}. */
  static String describe(Optional<? extends Number> min, Optional<? extends Number> max) {
    if (min.isPresent() && max.isPresent()) {
      return min.get() + " to " + max.get();
    }
    return min.isPresent() ? "at least " + min.get() : "at most " + max.get();
  }
}
