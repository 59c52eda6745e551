package dev.finegrain.workflow;

/**
 * Where a stage of a case stands.
 *
 * @since 0.1
 */
public enum StageStatus {
  /** Its phase has not opened yet (or it waits to be evaluated again after a resubmission). */
  PENDING,
  /** Open for votes. */
  OPEN,
  /** Its condition does not hold for the current revision; counts as done. */
  SKIPPED,
  /** It has the approvals it needs. */
  APPROVED,
  /** A rejection closed it, and with it the case. */
  REJECTED,
  /** A reviewer sent the case back from this stage; it reopens on resubmission. */
  CHANGES_REQUESTED;

  /** {@return whether the stage counts as done for its phase: approved or skipped} */
  public boolean isDone() {
    return this == APPROVED || this == SKIPPED;
  }
}
