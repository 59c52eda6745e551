package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.Optional;

/**
 * What the review engine needs of its store, case by case: the case's state brought up to date,
 * and an append that keeps the state after it. {@link CaseStores#of} gives one for every
 * {@link EventStore}: a store that keeps cases its own way implements {@link Provider} (the in-memory
 * store keeps an open case's state beside its log), any other is served by {@link CachedCases} over
 * the {@link EventStore} SPI. The engine has this one path for every store.
 */
public interface CaseStore {
  /** The case's snapshot, brought up to date with the store; the empty case for an unknown one. */
  CaseSnapshot current(String caseId);

  /**
   * Appends {@code events}, decided on {@code from}, which lead to {@code after}; the new snapshot,
   * or null, having appended nothing, if someone else appended to the case since {@code from}.
   */
  CaseSnapshot append(String caseId, CaseSnapshot from, List<RecordedEvent> events, ReviewCase after);

  /**
   * The case as this engine last saw it, without asking the store (an unknown case as the empty
   * one), to decide a command on before {@link #current} is paid for; empty if the store does not
   * allow that. A store allows it only if its {@link #append} refuses both a case that moved on and
   * a command the case already has events of: then a command decided on a stale state is never
   * recorded, and is decided again on {@link #current}.
   */
  default Optional<CaseSnapshot> presumed(String caseId) {
    return Optional.empty();
  }

  /** The store's events of the case after sequence number {@code version}. */
  List<RecordedEvent> loadAfter(String caseId, long version);

  /**
   * The open-work projection, if the store keeps one ({@link CaseWork}); empty for a store that
   * knows only the {@link EventStore} SPI, whose open work the engine finds by reading every case.
   */
  default Optional<WorkIndex> workIndex() {
    return Optional.empty();
  }

  /** A store that keeps the engine's case states its own way. */
  interface Provider {
    /**
     * A case store over this store, keeping at least {@code closedCases} closed cases' states, and
     * the open-work projection the engine's {@code views} compute from a case's state.
     */
    CaseStore cases(int closedCases, CaseViews views);
  }
}
