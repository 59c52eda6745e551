package dev.finegrain.workflow.testing;

import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plainest store a platform could write: a list per case behind one lock, nothing but the
 * {@link EventStore} SPI. The engine serves it through the same path as the in-memory store, so the
 * contract's engine tests run that path over a store that keeps no engine state of its own.
 */
final class ListEventStore implements EventStore {
  private final Map<String, List<RecordedEvent>> cases = new LinkedHashMap<>();

  @Override
  public synchronized List<RecordedEvent> load(String caseId) {
    return List.copyOf(cases.getOrDefault(caseId, List.of()));
  }

  @Override
  public synchronized boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (!event.caseId().equals(caseId) || event.sequence() != expectedVersion + 1 + i) {
        throw new IllegalArgumentException("event " + event.sequence() + " of case " + event.caseId()
            + " does not follow version " + (expectedVersion + i) + " of case " + caseId);
      }
    }
    List<RecordedEvent> log = cases.getOrDefault(caseId, List.of());
    if (log.size() != expectedVersion) {
      return false;
    }
    if (!events.isEmpty()) {
      cases.computeIfAbsent(caseId, id -> new ArrayList<>()).addAll(events);
    }
    return true;
  }

  @Override
  public synchronized List<String> caseIds() {
    return List.copyOf(cases.keySet());
  }
}
