package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.store.Hash;
import java.util.Objects;

/**
 * A case's state as of its event {@code version}, as the engine encoded it ({@link CaseViews#encode}),
 * with the hash of that event: a store that keeps one lets a case be loaded from it and the events
 * after it, not from its whole log.
 *
 * @param version the case's version the state is of
 * @param state the encoded state
 * @param head the hash of the case's event {@code version}
 */
public record StateSnapshot(long version, String state, Hash head) {
  /** Checks the components. */
  public StateSnapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(head, "head");
  }
}
