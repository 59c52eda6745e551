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
import java.util.function.Function;

/**
 * The {@link CaseStore} over any {@link EventStore}: the states of open cases, and of recently used
 * closed ones (bounded), with their head hashes, brought up to date with
 * {@link EventStore#loadAfter} before each use (another engine may have appended). A case's events
 * are not kept: a retried command is found with {@link EventStore#firstSequenceOf}, which a store
 * over a database answers from an index, so a command costs the same however long its case is. A
 * store that keeps the open-work projection ({@link IndexedEventStore}) is given each append's.
 */
final class CachedCases implements CaseStore {
  private final EventStore store;
  private final IndexedEventStore indexed;
  private final Function<ReviewCase, CaseWork> project;
  /** Every case not closed that a command or read has touched. */
  private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();
  /** Recently used closed cases, bounded: cached when a case closes. */
  private final RecentMap<String, Entry> closed;

  CachedCases(EventStore store, int closedCases, Function<ReviewCase, CaseWork> project) {
    this.store = store;
    this.indexed = store instanceof IndexedEventStore i ? i : null;
    this.project = project;
    this.closed = new RecentMap<>(closedCases);
  }

  @Override
  public CaseSnapshot current(String caseId) {
    Entry cached = open.get(caseId);
    if (cached == null) {
      cached = closed.get(caseId);
      if (cached == null) {
        cached = new Entry(caseId, ReviewCase.NEW, HashChain.GENESIS);
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

  @Override
  public CaseSnapshot append(String caseId, CaseSnapshot from, List<RecordedEvent> events, ReviewCase after) {
    Entry entry = (Entry) from;
    boolean appended = indexed != null
        ? indexed.append(caseId, entry.state().version(), events, project.apply(after))
        : store.append(caseId, entry.state().version(), events);
    if (!appended) {
      return null;
    }
    Entry next = entry.with(caseId, events, after);
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

    Entry(String caseId, ReviewCase state, Hash headHash) {
      super(state);
      this.caseId = caseId;
      this.headHash = headHash;
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
      return new Entry(id, next, events.get(events.size() - 1).hash());
    }
  }

  private static Entry newer(Entry a, Entry b) {
    return b.state().version() >= a.state().version() ? b : a;
  }
}
