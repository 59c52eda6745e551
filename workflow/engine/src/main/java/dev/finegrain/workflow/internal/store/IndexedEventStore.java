package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;

/**
 * An {@link EventStore} that keeps the engine's open-work projection with the events: an append
 * writes the case's new {@link CaseWork} in the same transaction as its events.
 */
public interface IndexedEventStore extends EventStore {
  /** {@link #append(String, long, List)}, replacing the case's projection with {@code work} in the same transaction. */
  boolean append(String caseId, long expectedVersion, List<RecordedEvent> events, CaseWork work);

  /** The projection's queries. */
  WorkIndex workIndex();
}
