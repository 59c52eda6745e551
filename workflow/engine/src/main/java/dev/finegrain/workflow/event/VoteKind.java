package dev.finegrain.workflow.event;

/** What a reviewer says in a stage. */
public enum VoteKind {
  APPROVE,
  REJECT,
  /** Send the case back to the submitter for a new revision. */
  REQUEST_CHANGES;
}
