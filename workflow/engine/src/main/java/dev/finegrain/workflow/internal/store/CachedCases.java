package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.internal.RecentMap;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CaseStore} over any {@link EventStore}: the states of open cases, and of recently used
 * closed ones (bounded), with their head hashes, brought up to date with
 * {@link EventStore#loadAfter} before each use (another engine may have appended). A case's events
 * are not kept: a retried command is found with {@link EventStore#firstSequenceOf}, which a store
 * over a database answers from an index, so a command costs the same however long its case is. A
 * store that keeps the open-work projection ({@link IndexedEventStore}) is given each append's, and
 * a snapshot of the case's state every {@value #SNAPSHOT_EVERY} events, from which a case not in
 * memory (after a restart, say) is loaded with the events after it: a case costs the same to load
 * however long its log.
 */
final class CachedCases implements CaseStore {
  /** A store that keeps snapshots gets one of a case every this many events. */
  static final int SNAPSHOT_EVERY = 100;

  private final EventStore store;
  private final IndexedEventStore indexed;
  private final CaseViews views;
  /** Every case not closed that a command or read has touched. */
  private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();
  /** Recently used closed cases, bounded: cached when a case closes. */
  private final RecentMap<String, Entry> closed;

  CachedCases(EventStore store, int closedCases, CaseViews views) {
    this.store = store;
    this.indexed = store instanceof IndexedEventStore i ? i : null;
    this.views = views;
    this.closed = new RecentMap<>(closedCases);
  }

  @Override
  public CaseSnapshot current(String caseId) {
    Entry cached = open.get(caseId);
    if (cached == null) {
      cached = closed.get(caseId);
      if (cached == null) {
        cached = fromSnapshot(caseId);
      }
    }
    List<RecordedEvent> newer = store.loadAfter(caseId, cached.state().version());
    if (newer.isEmpty()) {
      return cached;
    }
    Entry next = cached.with(caseId, newer, null);
    cache(caseId, next);
    return next;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Over a store that keeps the open-work projection: its appends are the engine's, which
   * refuse a command the case already has (see {@link IndexedEventStore#append(String, long, List,
   * CaseWork, StateSnapshot)}). A plain {@link EventStore}'s append does not, so over one every
   * command starts from {@link #current}.
   */
  @Override
  public Optional<CaseSnapshot> presumed(String caseId) {
    if (indexed == null) {
      return Optional.empty();
    }
    Entry cached = open.get(caseId);
    if (cached == null) {
      cached = closed.get(caseId);
    }
    return Optional.of(cached != null ? cached : new Entry(caseId, ReviewCase.NEW, HashChain.GENESIS, 0));
  }

  @Override
  public CaseSnapshot append(String caseId, CaseSnapshot from, List<RecordedEvent> events, ReviewCase after) {
    Entry entry = (Entry) from;
    StateSnapshot snapshot = null;
    if (indexed != null && after.version() - entry.snapshotVersion >= SNAPSHOT_EVERY) {
      snapshot = new StateSnapshot(after.version(), views.encode(after), events.get(events.size() - 1).hash());
    }
    boolean appended = indexed != null
        ? indexed.append(caseId, entry.state().version(), events, views.project(after), snapshot)
        : store.append(caseId, entry.state().version(), events);
    if (!appended) {
      return null;
    }
    Entry next = entry.with(caseId, events, after);
    if (snapshot != null) {
      next = new Entry(caseId, next.state(), next.headHash(), snapshot.version());
    }
    cache(caseId, next);
    return next;
  }

  @Override
  public Optional<WorkIndex> workIndex() {
    return indexed == null ? Optional.empty() : Optional.of(indexed.workIndex());
  }

  @Override
  public List<RecordedEvent> loadAfter(String caseId, long version) {
    return store.loadAfter(caseId, version);
  }

  /** The case from its snapshot in the store, if it has one this engine reads; else the empty case. */
  private Entry fromSnapshot(String caseId) {
    if (indexed != null) {
      Optional<StateSnapshot> snapshot = indexed.snapshot(caseId);
      if (snapshot.isPresent()) {
        Optional<ReviewCase> state = views.decode(snapshot.get().state());
        if (state.isPresent() && state.get().version() == snapshot.get().version()) {
          return new Entry(caseId, state.get(), snapshot.get().head(), snapshot.get().version());
        }
      }
    }
    return new Entry(caseId, ReviewCase.NEW, HashChain.GENESIS, 0);
  }

  /** Keeps {@code entry}: with the open cases, or once closed with the bounded recently used closed ones. */
  private void cache(String caseId, Entry entry) {
    if (entry.state().isClosed()) {
      closed.merge(caseId, entry, CachedCases::newer);
      open.remove(caseId);
    } else {
      open.merge(caseId, entry, CachedCases::newer);
    }
  }

  /** A case's state with its head hash; command ids are looked up in the store. */
  private final class Entry extends CaseSnapshot {
    private final String caseId;
    private final Hash headHash;
    /** The version of the case's latest snapshot in the store (0 for none known). */
    private final long snapshotVersion;

    Entry(String caseId, ReviewCase state, Hash headHash, long snapshotVersion) {
      super(state);
      this.caseId = caseId;
      this.headHash = headHash;
      this.snapshotVersion = snapshotVersion;
    }

    @Override
    public Hash headHash() {
      return headHash;
    }

    @Override
    public long firstSequenceOf(String commandId) {
      return state().version() == 0 ? 0 : store.firstSequenceOf(caseId, commandId);
    }

    /** This entry advanced by {@code events}; {@code folded} is the state after them if the caller has it. */
    Entry with(String id, List<RecordedEvent> events, ReviewCase folded) {
      ReviewCase next = folded;
      if (next == null) {
        next = state();
        for (RecordedEvent recorded : events) {
          next = Reviews.evolve(next, recorded.event());
        }
      }
      return new Entry(id, next, events.get(events.size() - 1).hash(), snapshotVersion);
    }
  }

  private static Entry newer(Entry a, Entry b) {
    return b.state().version() >= a.state().version() ? b : a;
  }
}
