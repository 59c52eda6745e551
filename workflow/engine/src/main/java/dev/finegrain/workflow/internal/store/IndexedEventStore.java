package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EventStore} that keeps the engine's open-work projection and snapshots of long cases
 * with the events: an append writes the case's new {@link CaseWork} (and now and then its
 * {@link StateSnapshot}) in the same transaction as its events.
 */
public interface IndexedEventStore extends EventStore {
  /**
   * {@link #append(String, long, List)} of one command's events, unless the case already has events
   * of that command (then false, as for a case that moved on), replacing the case's projection with
   * {@code work}, and its snapshot with {@code snapshot} unless null, in the same transaction.
   */
  boolean append(String caseId, long expectedVersion, List<RecordedEvent> events, CaseWork work,
      StateSnapshot snapshot);

  /** The case's latest snapshot, if the store has one. */
  Optional<StateSnapshot> snapshot(String caseId);

  /** The projection's queries. */
  WorkIndex workIndex();
}
