package dev.finegrain.workflow.internal.store;

import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.RecentMap;
import dev.finegrain.workflow.internal.codec.CompactEvents;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The review engine's default {@link EventStore} ({@code EventStores.inMemory()}): every case's
 * events in memory, lost when the process ends. Thread-safe; appends to one case are atomic
 * compare-and-append, appends to different cases do not contend. Events are kept as compact
 * records ({@link CompactEvents}), and an open case's state is kept beside its log
 * ({@link CaseStore.Provider}), so that a command finds both with one lookup.
 */
public final class InMemoryEventStore implements EventStore, CaseStore.Provider {
  private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();
  /**
   * The engine's open-work projection, brought up to date lazily: an append only marks its case
   * {@link #dirty}, and the next query (or an append that finds {@value #DRAIN_AT} cases marked)
   * projects each marked case from its state, so that appends cost what they cost without it.
   */
  private final InMemoryWorkIndex work = new InMemoryWorkIndex();
  /**
   * The cases appended to since the projection last caught up with them, each with the newest log
   * marked (a drain reads the state kept with it rather than look the case up among all the logs).
   */
  private final ConcurrentHashMap<String, Log> dirty = new ConcurrentHashMap<>();
  private final Object drainLock = new Object();
  /** How many marked cases make an append bring the projection up to date itself. */
  static final int DRAIN_AT = 65_536;
  /** Case ids in the order of their first append: {@code order[0, cases)}, guarded by {@code orderLock}. */
  private final Object orderLock = new Object();
  private String[] order = new String[64];
  private int cases;

  /** An empty store. */
  public InMemoryEventStore() {}

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

  @Override
  public long firstSequenceOf(String caseId, String commandId) {
    checkNotNull(commandId, "commandId");
    Log log = logs.get(checkNotNull(caseId, "caseId"));
    return log == null ? 0 : log.firstSequenceOf(commandId);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the events are not of case {@code caseId} with sequence
   *     numbers from {@code expectedVersion + 1} on
   */
  @Override
  public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
    checkNotNull(events, "events");
    return append(caseId, expectedVersion, events, null, true, false, false) != null;
  }

  /** {@link #append(String, long, List)} as an engine appends the events that close a case ({@code last}). */
  Log append(String caseId, long expectedVersion, List<RecordedEvent> events, boolean last) {
    return append(caseId, expectedVersion, events, null, true, last, false);
  }

  @Override
  public CaseStore cases(int closedCases, CaseViews views) {
    return new Cases(closedCases, views);
  }

  /**
   * Appends {@code events} if the case's version is {@code expectedVersion}, keeping
   * {@code stateAfter} (the fold of the whole log after the append, or null) with the new log, or
   * with {@code carry} the state kept with the old one (an engine folds the rest). With
   * {@code last}, no more events are expected (the case closed): the log's arrays are then sized to
   * fit, and events kept as objects are written into their records. With {@code mark}, also
   * {@linkplain #mark marks} the case with its new log while the append holds the case, so that a
   * case's marks come in the order of its logs: a mark cannot arrive after a later append's, nor
   * after the closing append has settled the case's mark.
   *
   * @return the case's log after the append (as it was, for no events); null if the case's version
   *     is not {@code expectedVersion}
   */
  private Log append(String caseId, long expectedVersion, List<RecordedEvent> events, ReviewCase stateAfter,
      boolean carry, boolean last, boolean mark) {
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
    // staged against the hash the events say they follow; restaged under the lock if the log's head differs
    CompactEvents.Batch staged = CompactEvents.stage(events, events.get(0).previousHash());
    try {
      Log[] appended = {null};
      logs.compute(caseId, (id, log) -> {
        int size = log == null ? 0 : log.size;
        if (size != expectedVersion) {
          return log;
        }
        Log from = log == null ? Log.EMPTY : log;
        CompactEvents.Batch batch = from.headIs(staged.previous()) ? staged : CompactEvents.stage(events,
            from.headHash());
        if (log == null) {
          remember(id);
          appended[0] = from.plus(id, batch, stateAfter, last);
        } else {
          appended[0] = log.plus(id, batch, carry ? log.state : stateAfter, last);
        }
        if (mark) {
          mark(id, appended[0]);
        }
        return appended[0];
      });
      return appended[0];
    } finally {
      staged.release();  // the thread's batch keeps no event (nor subject) past this call
    }
  }

  /** Keeps {@code state}, the fold of all of {@code log}, with it if it is still the case's latest log. */
  private void keep(String caseId, Log log, ReviewCase state) {
    logs.computeIfPresent(caseId, (id, current) -> current == log ? log.with(state) : current);
  }

  /** Marks case {@code caseId} for the next drain, with the newer of {@code log} and a log marked before. */
  private void mark(String caseId, Log log) {
    dirty.merge(caseId, log, (marked, newer) -> newer.size >= marked.size ? newer : marked);
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
   * The engine's view of this store: an open case's state is kept with its log (one lookup finds
   * both), a closed case's with the recently used closed ones (bounded); a state behind the log
   * (events appended through the SPI) is brought up to date and kept.
   */
  private final class Cases implements CaseStore {
    private final RecentMap<String, Snapshot> closed;
    private final CaseViews views;

    Cases(int closedCases, CaseViews views) {
      this.closed = new RecentMap<>(closedCases);
      this.views = views;
    }

    @Override
    public Optional<WorkIndex> workIndex() {
      return Optional.of(queries);
    }

    /** The projection's queries, each after bringing the cases changed since the last one up to date. */
    private final WorkIndex queries = new WorkIndex() {
      @Override
      public List<WorkEntry> inbox(String memberId, java.time.Instant at, WorkEntry after, int limit) {
        drain();
        return work.inbox(memberId, at, after, limit);
      }

      @Override
      public java.util.Map<String, java.time.Instant> dueBy(java.time.Instant at, int limit) {
        drain();
        return work.dueBy(at, limit);
      }

      @Override
      public List<StageCount> openStages() {
        drain();
        return work.openStages();
      }
    };

    /**
     * Brings the projection of every case marked since the last drain up to date, from the state kept
     * with the newest log it was marked with (its marks come in log order, each with its append), or
     * else from its state as it stands now; a case changed again meanwhile is marked anew and caught
     * at the next drain. A case pinned to a workflow version this engine has not registered (engines
     * of two releases sharing the store) keeps the entries it has and stays marked, so that the next
     * drain of an engine that has registered it projects it.
     */
    private void drain() {
      synchronized (drainLock) {
        List<CaseWork> caught = new ArrayList<>();
        // the marks as they stand, each once: walking the map while taking marks out would meet a case
        // marked again meanwhile a second time (nobody else takes marks out while the drain runs)
        List<String> marked = new ArrayList<>(dirty.keySet());
        for (String caseId : marked) {
          Log log = dirty.remove(caseId);  // the newest log marked, and the mark gone, in one step
          if (log == null) {
            continue;
          }
          // the state kept with the log marked is the case's as of its last marked append (a later
          // append marks it again); a log without its state (a closed case, events appended through
          // the SPI) is looked up as a command would
          ReviewCase state = log.state != null && log.state.version() == log.size() ? log.state
              : current(caseId).state();
          CaseWork projected = views.project(state);
          if (projected != null) {
            caught.add(projected);
          } else {
            // this engine has not registered the case's workflow version (another engine on this
            // store has): the case keeps its entries and its mark, for an engine that can project it
            mark(caseId, log);
          }
        }
        work.updateAll(caught);  // in one batch: each sorted set walked once, in its order
      }
    }

    @Override
    public CaseSnapshot current(String caseId) {
      Log log = logs.get(caseId);
      if (log == null) {
        return Snapshot.EMPTY;
      }
      ReviewCase kept = log.state;
      if (kept != null && kept.version() == log.size()) {
        return new Snapshot(kept, log);
      }
      ReviewCase start = kept;
      if (start == null || start.version() > log.size()) {
        Snapshot recent = closed.get(caseId);
        start = recent != null && recent.state().version() <= log.size() ? recent.state() : ReviewCase.NEW;
      }
      ReviewCase state = start;
      for (int i = (int) state.version(); i < log.size(); i++) {
        state = Reviews.evolve(state, log.get(i).event());
      }
      Snapshot next = new Snapshot(state, log);
      if (state != start) {
        mark(caseId, log);  // events appended through the SPI: the projection catches up at the next query
      }
      if (state.isClosed()) {
        if (state != start) {
          closed.merge(caseId, next, Snapshot::newer);
        }
        if (kept != null) {
          keep(caseId, log, null);  // closed states live only in the bounded map
        }
      } else if (state != kept) {
        keep(caseId, log, state);
      }
      return next;
    }

    @Override
    public CaseSnapshot append(String caseId, CaseSnapshot from, List<RecordedEvent> events, ReviewCase after) {
      // A closed case's state is not cached here but when it is next read (current folds it from the
      // log at hand): most closed cases are never read again, so none is kept for them meanwhile.
      // An open case is marked as its log is appended, with the state its drain will project.
      Log log = InMemoryEventStore.this.append(caseId, from.state().version(), events,
          after.isClosed() ? null : after, false, after.isClosed(), !after.isClosed());
      if (log == null) {
        return null;
      }
      if (after.isClosed()) {
        synchronized (drainLock) {  // no drain runs: whether the projection holds the case is settled
          if (work.holds(caseId)) {
            mark(caseId, log);  // its entries go at the next drain
          } else {
            dirty.remove(caseId);  // opened and closed between two queries: nothing to project
          }
        }
      } else if (dirty.size() >= DRAIN_AT) {
        drain();  // nobody has asked for a while: bound the set, at the cost of this append
      }
      return new Snapshot(after, log);
    }

    @Override
    public List<RecordedEvent> loadAfter(String caseId, long version) {
      return InMemoryEventStore.this.loadAfter(caseId, version);
    }
  }

  /** A case's state with its log. */
  private static final class Snapshot extends CaseSnapshot {
    static final Snapshot EMPTY = new Snapshot(ReviewCase.NEW, Log.EMPTY);

    private final Log log;

    Snapshot(ReviewCase state, Log log) {
      super(state);
      this.log = log;
    }

    @Override
    public Hash headHash() {
      return log.headHash();
    }

    @Override
    public long firstSequenceOf(String commandId) {
      return log.firstSequenceOf(commandId);
    }

    static Snapshot newer(Snapshot a, Snapshot b) {
      return b.state().version() >= a.state().version() ? b : a;
    }
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
      int needed = size + batch.size();
      if (last && (CompactEvents.hasObjectToCompact(data, starts, objects, size)
          || CompactEvents.hasObjectToCompact(batch.bytes(), batch.starts(), batch.objects(), batch.size()))) {
        CompactEvents.Batch closed = CompactEvents.closing();
        closed.addClosing(data, starts, objects, size, end);
        closed.addClosing(batch.bytes(), batch.starts(), batch.hasObjects() ? batch.objects() : null, batch.size(),
            batch.length());
        Log log = new Log(id, Arrays.copyOf(closed.bytes(), closed.length()), Arrays.copyOf(closed.starts(), needed),
            closed.hasObjects() ? Arrays.copyOf(closed.objects(), needed) : null, needed, closed.length(),
            stateAfter);
        closed.release();  // keeps no event reachable, nor an oversized array
        return log;
      }
      int neededBytes = end + batch.length();
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
      if (batch.hasObjects() && (toObjects == null || needed > toObjects.length)) {
        toObjects = objects == null ? new Object[toStarts.length] : Arrays.copyOf(objects, toStarts.length);
      }
      System.arraycopy(batch.bytes(), 0, toData, end, batch.length());
      int[] batchStarts = batch.starts();
      for (int i = 0; i < batch.size(); i++) {
        toStarts[size + i] = end + batchStarts[i];
      }
      if (batch.hasObjects()) {
        System.arraycopy(batch.objects(), 0, toObjects, size, batch.size());
      }
      return new Log(id, toData, toStarts, toObjects, needed, neededBytes, stateAfter);
    }

    Log with(ReviewCase folded) {
      return new Log(caseId, data, starts, objects, size, end, folded);
    }

    /** The last event's hash; the genesis hash for an empty log. */
    Hash headHash() {
      return size == 0 ? HashChain.GENESIS : hashOf(size - 1);
    }

    /** Whether {@link #headHash()} is {@code hash} (compared without copying it). */
    boolean headIs(Hash hash) {
      if (size == 0) {
        return HashChain.GENESIS.equals(hash);
      }
      int at = starts[size - 1];
      if ((data[at] & CompactEvents.KIND) == CompactEvents.RAW) {
        return ((RecordedEvent) objects[size - 1]).hash().equals(hash);
      }
      return CompactEvents.hashIs(data, at, hash);
    }

    private Hash hashOf(int index) {
      int at = starts[index];
      if ((data[at] & CompactEvents.KIND) == CompactEvents.RAW) {
        return ((RecordedEvent) objects[index]).hash();
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
      Hash previous = index == 0 ? HashChain.GENESIS : hashOf(index - 1);
      return RecordedEvent.of(event, commandIdOf(index), previous, CompactEvents.hashAt(data, at));
    }

    @Override
    public int size() {
      return size;
    }
  }
}
