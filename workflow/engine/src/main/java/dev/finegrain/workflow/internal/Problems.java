package dev.finegrain.workflow.internal;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a workflow definition so that validation reports them all in one
 * {@link DefinitionException}, rather than stopping at the first (workflow's copy of core's
 * internal helper, which core does not export).
 */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  public Problems add(String path, String format, Object... args) {
    problems.add(Problem.of(path, args.length == 0 ? format : String.format(format, args)));
    return this;
  }

  public Problems check(boolean ok, String path, String format, Object... args) {
    if (!ok) {
      add(path, format, args);
    }
    return this;
  }

  /** Reports a blank text field. */
  public Problems checkNotBlank(String path, String value) {
    return check(!value.isBlank(), path, "must not be blank");
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }

  /** Throws a {@link DefinitionException} naming {@code subject} if any problem was found. */
  public void throwIfAny(String subject) {
    if (!problems.isEmpty()) {
      throw new DefinitionException(subject, problems);
    }
  }
}
