package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The review engine's two pure functions. {@code decide} looks at a case and a command and says
 * what happens: events, or a refusal. {@code evolve} applies one event to a case. Neither reads the
 * clock, does I/O or keeps state; a case's state is the fold of its events, so replaying a stored
 * log gives the same state.
 *
 * <pre>{@code
 * ReviewCase state = ReviewCase.replay(store.load(caseId));
 * Decision decision = Reviews.decide(workflow, context, state, command);
 * if (decision.isAccepted()) {
 *   store.append(caseId, decision.events());
 * } else {
 *   show(decision.refusal().get().message());
 * }
 * }</pre>
 */
public final class Reviews {
  private Reviews() {}

  /**
   * Decides {@code command} against case {@code state} (use {@link ReviewCase#NEW} for a case not
   * yet submitted). Deadlines due at or before the command's instant fire first, as system events
   * with the deadline's instant; if they close the case, any command but a {@link Tick} is refused.
   * A refused decision carries no events.
   *
   * <p>{@code workflow} should have been validated against the context's team
   * ({@link ReviewWorkflow#validateAgainst(ReviewContext)}); decide does not repeat that on its hot path.
   *
   * @throws IllegalArgumentException for programming errors: a command for another case than
   *     {@code state}, or a workflow other than the one the case is pinned to
   */
  public static Decision decide(ReviewWorkflow workflow, ReviewContext context, ReviewCase state,
      ReviewCommand command) {
    checkNotNull(workflow, "workflow");
    checkNotNull(context, "context");
    checkNotNull(state, "state");
    checkNotNull(command, "command");
    return new Decider(workflow, context, state, command).decide();
  }

  /**
   * The state after {@code event}.
   *
   * @throws IllegalArgumentException if the event does not follow {@code state}: another case, a
   *     sequence number other than {@code state.version() + 1}, or an event after the case closed
   */
  public static ReviewCase evolve(ReviewCase state, ReviewEvent event) {
    return checkNotNull(state, "state").apply(event);
  }
}
