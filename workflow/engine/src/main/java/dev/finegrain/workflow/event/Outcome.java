package dev.finegrain.workflow.event;

/**
 * How a review case ends. A case with an outcome is closed and accepts no further votes.
 *
 * @since 0.1
 */
public enum Outcome {
  /** Every required stage approved; the subject may go live. */
  APPROVED,
  /** A stage rejected the subject (a veto, or too many rejections for its quorum). */
  REJECTED,
  /** The submitter withdrew the case. */
  WITHDRAWN,
  /** A deadline passed with no decision and the workflow expires such cases. */
  EXPIRED;
}
