package dev.finegrain.workflow;

import dev.finegrain.workflow.event.Outcome;

/**
 * Where a review case stands as a whole.
 *
 * @since 0.1
 */
public enum CaseStatus {
  /** Not submitted: the state before the first event. */
  NEW,
  /** Stages are open for votes. */
  IN_REVIEW,
  /** Changes were requested or a gate failed; the case waits for the submitter to resubmit. */
  AWAITING_RESUBMISSION,
  /** Closed with an {@link Outcome}; accepts no further commands. */
  CLOSED;
}
