package dev.finegrain.kpi.incentive;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects every problem of a plan definition so that validation reports them all in one
 * {@link DefinitionException} (core's own collector is internal to core).
 */
final class PlanProblems {
  private final List<Problem> problems = new ArrayList<>();

  PlanProblems check(boolean ok, String path, String format, Object... args) {
    if (!ok) {
      problems.add(Problem.of(path, String.format(format, args)));
    }
    return this;
  }

  PlanProblems checkNotBlank(String path, String value) {
    return check(!value.isBlank(), path, "must not be blank");
  }

  PlanProblems checkFinite(String path, double value) {
    return check(Double.isFinite(value), path, "expected a finite number, got %s", value);
  }

  PlanProblems checkNotNegative(String path, BigDecimal amount) {
    return check(amount.signum() >= 0, path, "must be at least 0, got %s", amount.toPlainString());
  }

  PlanProblems checkNotNegative(String path, Optional<BigDecimal> amount) {
    amount.ifPresent(a -> checkNotNegative(path, a));
    return this;
  }

  void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new DefinitionException(subject, problems);
    }
  }
}
