package dev.finegrain.workflow.event;

/**
 * What a reviewer says in a stage.
 *
 * @since 0.1
 */
public enum VoteKind {
  /** Approve the current revision. */
  APPROVE,
  /** Reject the subject; under the stage's {@link dev.finegrain.workflow.VetoPolicy} this may reject the case. */
  REJECT,
  /** Send the case back to the submitter for a new revision. */
  REQUEST_CHANGES;
}
