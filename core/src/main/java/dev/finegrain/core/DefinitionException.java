package dev.finegrain.core;

import java.util.List;

/**
 * A definition (team, process, standard, ...) that is not valid, with every problem found in it,
 * each with its path. Thrown when a definition is built or read from JSON:
 *
 * <pre>{@code
 * invalid team 'shop': 2 problems
 *   members[1].roles[0]: unknown role 'designr'; known roles: [copywriter, designer]
 *   members[2].roles: a member needs at least one role
 * }</pre>
 *
 * <p>A missing required attribute is reported the same way, at the attribute's path:
 * {@code invalid Team: id: required, not set}. finegrain's own code is the only subclasser.
 *
 * @since 0.1
 */
public class DefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What was being defined. */
  private final String subject;
  /** Every problem, never empty. */
  private final List<Problem> problems;

  /**
   * A definition error.
   *
   * @param subject what was being defined, such as {@code team 'shop'}
   * @param problems every problem found, each with its path; at least one
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public DefinitionException(String subject, List<Problem> problems) {
    super(render(subject, problems));
    this.subject = subject;
    this.problems = List.copyOf(problems);
  }

  /**
   * What was being defined.
   *
   * @return the subject, such as {@code team 'shop'}
   */
  public String subject() {
    return subject;
  }

  /**
   * Every problem found, in the order the definition was read.
   *
   * @return the problems, unmodifiable and never empty
   */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(String subject, List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DefinitionException needs at least one problem");
    }
    if (problems.size() == 1) {
      return "invalid " + subject + ": " + problems.get(0);
    }
    StringBuilder out = new StringBuilder("invalid ").append(subject).append(": ")
        .append(problems.size()).append(" problems");
    for (Problem problem : problems) {
      out.append("\n  ").append(problem);
    }
    return out.toString();
  }
}
