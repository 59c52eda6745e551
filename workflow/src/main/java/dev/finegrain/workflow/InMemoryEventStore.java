package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@link ReviewEngine}'s default {@link EventStore}: every case's events in memory, lost when
 * the process ends. Thread-safe; appends to one case are atomic compare-and-append, appends to
 * different cases do not contend.
 */
public final class InMemoryEventStore implements EventStore {
  InMemoryEventStore() {}

  private final ConcurrentHashMap<String, ImmutableList<RecordedEvent>> logs = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

  @Override
  public List<RecordedEvent> load(String caseId) {
    checkNotNull(caseId, "caseId");
    ImmutableList<RecordedEvent> log = logs.get(caseId);
    return log == null ? ImmutableList.of() : log;
  }

  @Override
  public List<RecordedEvent> loadAfter(String caseId, long version) {
    List<RecordedEvent> log = load(caseId);
    int from = (int) Math.max(0, Math.min(version, log.size()));
    return log.subList(from, log.size());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the events are not of case {@code caseId} with sequence
   *     numbers from {@code expectedVersion + 1} on
   */
  @Override
  public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
    checkNotNull(caseId, "caseId");
    ImmutableList<RecordedEvent> batch = ImmutableList.copyOf(events);
    for (int i = 0; i < batch.size(); i++) {
      RecordedEvent event = batch.get(i);
      checkArgument(event.caseId().equals(caseId), "event %s is for case %s, not %s", event.sequence(),
          event.caseId(), caseId);
      checkArgument(event.sequence() == expectedVersion + 1 + i, "event %s of case %s should have sequence %s",
          event.sequence(), caseId, expectedVersion + 1 + i);
    }
    if (batch.isEmpty()) {
      return load(caseId).size() == expectedVersion;
    }
    boolean[] appended = {false};
    logs.compute(caseId, (id, log) -> {
      int size = log == null ? 0 : log.size();
      if (size != expectedVersion) {
        return log;
      }
      appended[0] = true;
      if (log == null) {
        order.add(id);
        return batch;
      }
      return ImmutableList.<RecordedEvent>builderWithExpectedSize(size + batch.size()).addAll(log).addAll(batch)
          .build();
    });
    return appended[0];
  }

  @Override
  public List<String> caseIds() {
    return ImmutableList.copyOf(order);
  }

  @Override
  public String toString() {
    return "InMemoryEventStore{" + logs.size() + " cases}";
  }
}
