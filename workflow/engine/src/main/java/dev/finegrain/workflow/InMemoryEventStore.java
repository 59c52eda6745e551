package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.event.ReviewEvent;
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
   * with the new log, so that an engine finds both with one lookup. {@code staged} holds the
   * events' records as the engine chained them ({@link CompactEvents#staging}); it is used only while
   * this call runs. With {@code last}, no more events are expected (the case closed): the log's
   * arrays are then sized to fit, and its case-submitted event goes into its record.
   *
   * @return the case's log after the append (as it was, for no events); null if the case's version
   *     is not {@code expectedVersion}
   */
  Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter,
      CompactEvents.Batch staged, boolean last) {
    return append(caseId, expectedVersion, events, stateAfter, false, staged, last);
  }

  private Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter,
      boolean carry) {
    return append(caseId, expectedVersion, events, stateAfter, carry, null, false);
  }

  /** With {@code carry}, the new log keeps the state kept with the old one (an engine folds the rest). */
  private Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter,
      boolean carry, CompactEvents.Batch staged, boolean last) {
    checkNotNull(caseId, "caseId");
    int n = events.size();
    for (int i = 0; i < n; i++) {
      RecordedEvent event = checkNotNull(events.get(i), "events[%s]", i);
      if (!event.caseId().equals(caseId)) {  // not checkArgument: its three-argument form boxes on every call
        throw new IllegalArgumentException(Strings.lenientFormat("event %s is for case %s, not %s", event.sequence(),
            event.caseId(), caseId));
      }
      if (event.sequence() != expectedVersion + 1 + i) {
        throw new IllegalArgumentException(Strings.lenientFormat("event %s of case %s should have sequence %s",
            event.sequence(), caseId, expectedVersion + 1 + i));
      }
    }
    if (n == 0) {
      Log log = logs.get(caseId);
      return (log == null ? 0 : log.size) == expectedVersion ? (log == null ? Log.EMPTY : log) : null;
    }
    Log[] appended = {null};
    logs.compute(caseId, (id, log) -> {
      int size = log == null ? 0 : log.size;
      if (size != expectedVersion) {
        return log;
      }
      Log from = log == null ? Log.EMPTY : log;
      CompactEvents.Batch batch = staged != null && staged.size == n && from.headIs(staged.previous) ? staged
          : CompactEvents.stage(events, from.headHash());
      if (log == null) {
        remember(id);
        appended[0] = from.plus(id, batch, stateAfter, last);
      } else {
        appended[0] = log.plus(id, batch, carry ? log.state : stateAfter, last);
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
   * One case's events as an immutable list, kept in their compact form ({@link CompactEvents}): the
   * first {@code size} records of arrays that only grow (the bytes, each record's start, and the
   * events kept as objects). A later append writes past {@code size} (which no earlier list reads)
   * and publishes a new, longer list over the same arrays, or over larger copies when they are full;
   * a published slot is never written again. Reading an event decodes it into a new, equal
   * {@link RecordedEvent}. It also carries the state an engine folded from it (not part of the list),
   * so that an open case costs one map entry.
   */
  static final class Log extends AbstractList<RecordedEvent> implements RandomAccess {
    static final Log EMPTY = new Log("", new byte[0], new int[0], null, 0, 0, null);
    /**
     * The least a log grows to once past its first batch: room for a few more commands' records
     * (a short review's whole log) before it is copied again.
     */
    private static final int MIN_GROWN_BYTES = 512;
    private static final int MIN_GROWN_EVENTS = 12;

    /** The case's id (the store's key): every event's, which the records leave out. */
    private final String caseId;
    private final byte[] data;
    /** Where each event's record starts in {@code data}. */
    private final int[] starts;
    /**
     * Per event, the event or recorded event kept as an object ({@link CompactEvents#OBJECT},
     * {@link CompactEvents#RAW}); null if no event of the log is.
     */
    private final Object[] objects;
    private final int size;
    /** Bytes of {@code data} in use. */
    private final int end;
    /** The fold of these {@code size} events if an engine kept it here; else null. */
    final ReviewCase state;

    private Log(String caseId, byte[] data, int[] starts, Object[] objects, int size, int end, ReviewCase state) {
      this.caseId = caseId;
      this.data = data;
      this.starts = starts;
      this.objects = objects;
      this.size = size;
      this.end = end;
      this.state = state;
    }

    /**
     * This log with {@code batch}'s records appended; only for the latest log of case {@code id}
     * (under the store's lock of it), when the batch's first event links to this log's head. Arrays
     * are sized to fit a first batch exactly (a case may stay open a long while) and then grow to
     * twice their size (at least {@value #MIN_GROWN_BYTES} bytes), or to fit exactly with
     * {@code last} (a closed case keeps no room to grow), when the case-submitted event, kept as an
     * object while the open case's state shares its subject, is also written into its record
     * ({@link CompactEvents.Batch#addClosing}).
     */
    Log plus(String id, CompactEvents.Batch batch, ReviewCase stateAfter, boolean last) {
      int needed = size + batch.size;
      if (last && (CompactEvents.hasPlainSubmitted(data, starts, objects, size)
          || CompactEvents.hasPlainSubmitted(batch.bytes, batch.starts, batch.objects, batch.size))) {
        CompactEvents.Batch closed = CompactEvents.closing();
        closed.addClosing(data, starts, objects, size, end);
        closed.addClosing(batch.bytes, batch.starts, batch.hasObjects ? batch.objects : null, batch.size,
            batch.length);
        Log log = new Log(id, Arrays.copyOf(closed.bytes, closed.length), Arrays.copyOf(closed.starts, needed),
            closed.hasObjects ? Arrays.copyOf(closed.objects, needed) : null, needed, closed.length, stateAfter);
        closed.release();  // keeps no event reachable, nor an oversized array
        return log;
      }
      int neededBytes = end + batch.length;
      byte[] toData = data;
      if (neededBytes > toData.length) {
        toData = Arrays.copyOf(data, size == 0 || last ? neededBytes
            : Math.max(neededBytes, Math.max(2 * data.length, MIN_GROWN_BYTES)));
      }
      int[] toStarts = starts;
      if (needed > toStarts.length) {
        toStarts = Arrays.copyOf(starts, size == 0 || last ? needed
            : Math.max(needed, Math.max(2 * starts.length, MIN_GROWN_EVENTS)));
      }
      Object[] toObjects = objects;
      if (batch.hasObjects && (toObjects == null || needed > toObjects.length)) {
        toObjects = objects == null ? new Object[toStarts.length] : Arrays.copyOf(objects, toStarts.length);
      }
      System.arraycopy(batch.bytes, 0, toData, end, batch.length);
      for (int i = 0; i < batch.size; i++) {
        toStarts[size + i] = end + batch.starts[i];
      }
      if (batch.hasObjects) {
        System.arraycopy(batch.objects, 0, toObjects, size, batch.size);
      }
      return new Log(id, toData, toStarts, toObjects, needed, neededBytes, stateAfter);
    }

    Log with(ReviewCase folded) {
      return new Log(caseId, data, starts, objects, size, end, folded);
    }

    /** The last event's hash in its compact form; {@link HashChain#GENESIS} for an empty log. */
    Object headHash() {
      return size == 0 ? HashChain.GENESIS_RAW : hashOf(size - 1);
    }

    /** Whether {@link #headHash()} is {@code compact} (compared without copying it). */
    boolean headIs(Object compact) {
      if (size == 0) {
        return RecordedEvent.Hashes.same(HashChain.GENESIS_RAW, compact);
      }
      int at = starts[size - 1];
      if ((data[at] & CompactEvents.KIND) == CompactEvents.RAW) {
        return RecordedEvent.Hashes.same(((RecordedEvent) objects[size - 1]).rawHash(), compact);
      }
      return CompactEvents.hashIs(data, at, compact);
    }

    private Object hashOf(int index) {
      int at = starts[index];
      if ((data[at] & CompactEvents.KIND) == CompactEvents.RAW) {
        return ((RecordedEvent) objects[index]).rawHash();
      }
      return CompactEvents.hashAt(data, at);
    }

    private String commandIdOf(int index) {
      int i = index;
      while ((data[starts[i]] & CompactEvents.SAME_COMMAND) != 0) {
        i--;
      }
      int at = starts[i];
      if ((data[at] & CompactEvents.KIND) == CompactEvents.RAW) {
        return ((RecordedEvent) objects[i]).commandId();
      }
      return CompactEvents.string(data, CompactEvents.commandIdAt(data, at));
    }

    /**
     * The sequence number of the first event recorded by command {@code commandId}, or 0 if it
     * recorded none (without decoding the events).
     */
    long firstSequenceOf(String commandId) {
      for (int i = 0; i < size; i++) {
        int at = starts[i];
        int flag = data[at];
        if ((flag & CompactEvents.KIND) == CompactEvents.RAW) {
          RecordedEvent raw = (RecordedEvent) objects[i];
          if (raw.commandId().equals(commandId)) {
            return raw.sequence();
          }
        } else if ((flag & CompactEvents.SAME_COMMAND) == 0
            && CompactEvents.sameString(data, CompactEvents.commandIdAt(data, at), commandId)) {
          return i + 1;  // the store checks that event i has sequence i + 1
        }
      }
      return 0;
    }

    @Override
    public RecordedEvent get(int index) {
      checkElementIndex(index, size);
      int at = starts[index];
      int kind = data[at] & CompactEvents.KIND;
      if (kind == CompactEvents.RAW) {
        return (RecordedEvent) objects[index];
      }
      ReviewEvent event = kind == CompactEvents.OBJECT ? (ReviewEvent) objects[index]
          : CompactEvents.decode(data, starts, index, caseId);
      Object previous = index == 0 ? HashChain.GENESIS_RAW : hashOf(index - 1);
      return RecordedEvent.stored(event, commandIdOf(index), previous, CompactEvents.hashWord(data, at, 0),
          CompactEvents.hashWord(data, at, 1), CompactEvents.hashWord(data, at, 2),
          CompactEvents.hashWord(data, at, 3));
    }

    @Override
    public int size() {
      return size;
    }
  }
}
