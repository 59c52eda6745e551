package dev.finegrain.kpi.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a KPI definition so that one {@link DefinitionException} lists them all. */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  public Problems check(boolean ok, String path, String format, Object... args) {
    if (!ok) {
      problems.add(Problem.of(path, String.format(format, args)));
    }
    return this;
  }

  public Problems add(String path, String format, Object... args) {
    return check(false, path, format, args);
  }

  /** Adds the problems of a nested definition under {@code prefix}. */
  public Problems addAll(String prefix, List<Problem> nested) {
    nested.forEach(p -> problems.add(p.under(prefix)));
    return this;
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  public void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new DefinitionException(subject, problems);
    }
  }
}
