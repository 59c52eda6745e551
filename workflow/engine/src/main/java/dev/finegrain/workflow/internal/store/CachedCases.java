package dev.finegrain.workflow.internal.store;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.internal.RecentMap;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CaseStore} over any {@link EventStore}: the states of open cases, and of recently used
 * closed ones (bounded), kept with their events, and brought up to date with
 * {@link EventStore#loadAfter} before each use (another engine may have appended).
 */
final class CachedCases implements CaseStore {
  private final EventStore store;
  /** Every case not closed that a command or read has touched. */
  private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();
  /** Recently used closed cases, bounded: cached when a case closes. */
  private final RecentMap<String, Entry> closed;

  CachedCases(EventStore store, int closedCases) {
    this.store = store;
    this.closed = new RecentMap<>(closedCases);
  }

  @Override
  public CaseSnapshot current(String caseId) {
    Entry cached = open.get(caseId);
    if (cached == null) {
      cached = closed.get(caseId);
      if (cached == null) {
        cached = Entry.EMPTY;
      }
    }
    List<RecordedEvent> newer = store.loadAfter(caseId, cached.state().version());
    if (newer.isEmpty()) {
      return cached;
    }
    Entry next = cached.with(newer, null);
    cache(caseId, next);
    return next;
  }

  @Override
  public CaseSnapshot append(String caseId, CaseSnapshot from, List<RecordedEvent> events, ReviewCase after) {
    Entry entry = (Entry) from;
    if (!store.append(caseId, entry.state().version(), events)) {
      return null;
    }
    Entry next = entry.with(events, after);
    cache(caseId, next);
    return next;
  }

  @Override
  public List<RecordedEvent> loadAfter(String caseId, long version) {
    return store.loadAfter(caseId, version);
  }

  /** Keeps {@code entry}: with the open cases, or once closed with the bounded recently used closed ones. */
  private void cache(String caseId, Entry entry) {
    if (entry.state().isClosed()) {
      closed.merge(caseId, entry, Entry::newer);
      open.remove(caseId);
    } else {
      open.merge(caseId, entry, Entry::newer);
    }
  }

  /** A case's state with the events it was folded from, where command ids are looked up. */
  private static final class Entry extends CaseSnapshot {
    static final Entry EMPTY = new Entry(ReviewCase.NEW, HashChain.GENESIS, ImmutableList.of());

    private final Hash headHash;
    private final List<RecordedEvent> log;

    Entry(ReviewCase state, Hash headHash, List<RecordedEvent> log) {
      super(state);
      this.headHash = headHash;
      this.log = log;
    }

    @Override
    public Hash headHash() {
      return headHash;
    }

    @Override
    public long firstSequenceOf(String commandId) {
      String checked = null;  // a command's events are consecutive and share its id: compare once per command
      for (int i = 0; i < log.size(); i++) {
        RecordedEvent recorded = log.get(i);
        String id = recorded.commandId();
        if (id != checked) {
          if (id.equals(commandId)) {
            return recorded.sequence();
          }
          checked = id;
        }
      }
      return 0;
    }

    /** This entry advanced by {@code events}; {@code folded} is the state after them if the caller has it. */
    Entry with(List<RecordedEvent> events, ReviewCase folded) {
      ReviewCase next = folded;
      if (next == null) {
        next = state();
        for (RecordedEvent recorded : events) {
          next = Reviews.evolve(next, recorded.event());
        }
      }
      Hash head = events.get(events.size() - 1).hash();
      List<RecordedEvent> all = log.isEmpty() ? ImmutableList.copyOf(events)
          : ImmutableList.<RecordedEvent>builderWithExpectedSize(log.size() + events.size()).addAll(log)
              .addAll(events).build();
      return new Entry(next, head, all);
    }

    static Entry newer(Entry a, Entry b) {
      return b.state().version() >= a.state().version() ? b : a;
    }
  }
}
