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
  /** Case ids in the order of their first append: {@code order[0, cases)}, guarded by {@code orderLock}. */
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
    return append(caseId, expectedVersion, events, null, true) != null;
  }

  /** The case's log as it stands, with the state a {@link ReviewEngine} kept with it; null for an unknown case. */
  Log log(String caseId) {
    return logs.get(caseId);
  }

  /**
   * {@link #append}, keeping {@code stateAfter} (the fold of the whole log after the append, or null)
   * with the new log, so that an engine finds both with one lookup.
   *
   * @return the case's log after the append (as it was, for no events); null if the case's version
   *     is not {@code expectedVersion}
   */
  Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter) {
    return append(caseId, expectedVersion, events, stateAfter, false);
  }

  /** With {@code carry}, the new log keeps the state kept with the old one (an engine folds the rest). */
  private Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter,
      boolean carry) {
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
      Log log = logs.get(caseId);
      return (log == null ? 0 : log.size) == expectedVersion ? (log == null ? new Log(batch, 0, null) : log) : null;
    }
    Log[] appended = {null};
    logs.compute(caseId, (id, log) -> {
      int size = log == null ? 0 : log.size;
      if (size != expectedVersion) {
        return log;
      }
      if (log == null) {
        remember(id);
        appended[0] = new Log(batch, batch.length, stateAfter);
      } else {
        appended[0] = log.plus(batch, carry ? log.state : stateAfter);
      }
      return appended[0];
    });
    return appended[0];
  }

  /** Keeps {@code state}, the fold of all of {@code log}, with it if it is still the case's latest log. */
  void keep(String caseId, Log log, ReviewCase state) {
    logs.computeIfPresent(caseId, (id, current) -> current == log ? log.with(state) : current);
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
   * published slot is never written again. It also carries the state an engine folded from it (not
   * part of the list), so that an open case costs one map entry.
   */
  static final class Log extends AbstractList<RecordedEvent> implements RandomAccess {
    private final RecordedEvent[] events;
    private final int size;
    /** The fold of these {@code size} events if an engine kept it here; else null. */
    final ReviewCase state;

    Log(RecordedEvent[] events, int size, ReviewCase state) {
      this.events = events;
      this.size = size;
      this.state = state;
    }

    /** This log with {@code batch} appended; only for the latest log of a case (under the store's lock of it). */
    Log plus(RecordedEvent[] batch, ReviewCase stateAfter) {
      int needed = size + batch.length;
      RecordedEvent[] into = events;
      if (needed > into.length) {
        into = Arrays.copyOf(events, Math.max(needed, Math.max(16, size * 2)));
      }
      System.arraycopy(batch, 0, into, size, batch.length);
      return new Log(into, needed, stateAfter);
    }

    Log with(ReviewCase folded) {
      return new Log(events, size, folded);
    }

    /** The last event's hash in its compact form; {@link HashChain#GENESIS} for an empty log. */
    Object headHash() {
      return size == 0 ? HashChain.GENESIS_RAW : events[size - 1].rawHash();
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
