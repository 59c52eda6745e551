package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.store.EventStore;
import java.util.function.Function;

/** The {@link CaseStore} of an {@link EventStore}. */
public final class CaseStores {
  private CaseStores() {}

  /**
   * The store's own case store if it provides one ({@link CaseStore.Provider}), else a
   * {@link CachedCases} over its SPI; either keeps at least {@code closedCases} closed cases' states.
   * {@code project} computes a case's open work from its state, for a store that keeps the
   * projection ({@link IndexedEventStore}, or a provider's own).
   */
  public static CaseStore of(EventStore store, int closedCases, Function<ReviewCase, CaseWork> project) {
    return store instanceof CaseStore.Provider provider ? provider.cases(closedCases, project)
        : new CachedCases(store, closedCases, project);
  }
}
