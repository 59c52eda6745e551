package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.store.EventStore;

/** The {@link CaseStore} of an {@link EventStore}. */
public final class CaseStores {
  private CaseStores() {}

  /**
   * The store's own case store if it provides one ({@link CaseStore.Provider}), else a
   * {@link CachedCases} over its SPI; either keeps at least {@code closedCases} closed cases' states.
   * {@code views} compute a case's open work and snapshot from its state, for a store that keeps
   * them ({@link IndexedEventStore}, or a provider's own).
   */
  public static CaseStore of(EventStore store, int closedCases, CaseViews views) {
    return store instanceof CaseStore.Provider provider ? provider.cases(closedCases, views)
        : new CachedCases(store, closedCases, views);
  }
}
