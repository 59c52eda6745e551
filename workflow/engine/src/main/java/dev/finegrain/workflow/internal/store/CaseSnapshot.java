package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.store.Hash;

/**
 * A case as a {@link CaseStore} holds it between commands: its state folded from its first
 * {@code state().version()} recorded events, the hash of the last of them, and where a command id's
 * events are found among them.
 */
public abstract class CaseSnapshot {
  private final ReviewCase state;

  protected CaseSnapshot(ReviewCase state) {
    this.state = state;
  }

  /** The fold of the case's events. */
  public final ReviewCase state() {
    return state;
  }

  /** The hash of the case's last event; the genesis hash for a case with none. */
  public abstract Hash headHash();

  /** The sequence number of the first event recorded by command {@code commandId}, or 0 if it recorded none. */
  public abstract long firstSequenceOf(String commandId);
}
