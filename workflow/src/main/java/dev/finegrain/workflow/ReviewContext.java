package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.core.Team;
import java.util.Optional;

/**
 * What a decision needs besides the workflow and the case: the team whose roles and members
 * review. An immutable value; build it once and reuse it for every decision.
 */
public final class ReviewContext {
  private final Team team;

  private ReviewContext(Team team) {
    this.team = checkNotNull(team, "team");
  }

  /** A context of {@code team}. */
  public static ReviewContext of(Team team) {
    return new ReviewContext(team);
  }

  public Team team() {
    return team;
  }

  /**
   * The violations of gate standard {@code standardId} by {@code subject}; empty if it conforms.
   *
   * @throws IllegalStateException if the context cannot evaluate gates
   */
  java.util.List<String> gateViolations(String standardId, dev.finegrain.core.standard.Artifact subject) {
    throw new IllegalStateException("gate '" + standardId + "' needs a standard catalog; none is wired yet");
  }

  /** Why the gate standard {@code standardId} cannot be used, if it cannot. */
  Optional<String> gateProblem(String standardId) {
    return Optional.of("gates need a standard catalog to check standard '" + standardId + "'; none is wired yet");
  }
}
