package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ReviewEngine}'s default {@link EventStore}: every case's events in memory, lost when
 * the process ends. Thread-safe; appends to one case are atomic compare-and-append, appends to
 * different cases do not contend.
 */
public final class InMemoryEventStore implements EventStore {
  InMemoryEventStore() {}

  private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();
  /** Case ids in the order of their first append: {@code order[0, cases)}. Guarded by itself. */
  private final Object orderLock = new Object();
  private String[] order = new String[64];
  private int cases;

  @Override
  public List<RecordedEvent> load(String caseId) {
    checkNotNull(caseId, "caseId");
    Log log = logs.get(caseId);
    return log == null ? ImmutableList.of() : log;
  }

  @Override
  public List<RecordedEvent> loadAfter(String caseId, long version) {
    List<RecordedEvent> log = load(caseId);
    int from = (int) Math.max(0, Math.min(version, log.size()));
    return from == 0 ? log : log.subList(from, log.size());
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
    RecordedEvent[] batch = events.toArray(new RecordedEvent[0]);
    for (int i = 0; i < batch.length; i++) {
      RecordedEvent event = checkNotNull(batch[i], "events[%s]", i);
      checkArgument(event.caseId().equals(caseId), "event %s is for case %s, not %s", event.sequence(),
          event.caseId(), caseId);
      checkArgument(event.sequence() == expectedVersion + 1 + i, "event %s of case %s should have sequence %s",
          event.sequence(), caseId, expectedVersion + 1 + i);
    }
    if (batch.length == 0) {
      return load(caseId).size() == expectedVersion;
    }
    boolean[] appended = {false};
    logs.compute(caseId, (id, log) -> {
      int size = log == null ? 0 : log.size;
      if (size != expectedVersion) {
        return log;
      }
      appended[0] = true;
      if (log == null) {
        remember(id);
        return new Log(batch, batch.length);
      }
      return log.plus(batch);
    });
    return appended[0];
  }

  private void remember(String caseId) {
    synchronized (orderLock) {
      if (cases == order.length) {
        order = Arrays.copyOf(order, cases * 2);
      }
      order[cases++] = caseId;
    }
  }

  @Override
  public List<String> caseIds() {
    synchronized (orderLock) {
      return ImmutableList.copyOf(Arrays.asList(order).subList(0, cases));
    }
  }

  @Override
  public String toString() {
    return "InMemoryEventStore{" + logs.size() + " cases}";
  }

  /**
   * One case's events as an immutable list: the first {@code size} slots of an array that only
   * grows. A later append writes the slots after {@code size} (which no earlier list reads) and
   * publishes a new, longer list over the same array, or over a larger copy when it is full; a
   * published slot is never written again.
   */
  static final class Log extends AbstractList<RecordedEvent> implements RandomAccess {
    private final RecordedEvent[] events;
    private final int size;

    Log(RecordedEvent[] events, int size) {
      this.events = events;
      this.size = size;
    }

    /** This log with {@code batch} appended; only for the latest log of a case (under the store's lock of it). */
    Log plus(RecordedEvent[] batch) {
      int needed = size + batch.length;
      RecordedEvent[] into = events;
      if (needed > into.length) {
        into = Arrays.copyOf(events, Math.max(needed, Math.max(16, size * 2)));
      }
      System.arraycopy(batch, 0, into, size, batch.length);
      return new Log(into, needed);
    }

    @Override
    public RecordedEvent get(int index) {
      checkElementIndex(index, size);
      return events[index];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
