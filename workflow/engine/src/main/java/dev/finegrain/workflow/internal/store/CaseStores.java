package dev.finegrain.workflow.internal.store;

import dev.finegrain.workflow.store.EventStore;

/** The {@link CaseStore} of an {@link EventStore}. */
public final class CaseStores {
  private CaseStores() {}

  /**
   * The store's own case store if it provides one ({@link CaseStore.Provider}), else a
   * {@link CachedCases} over its SPI; either keeps at least {@code closedCases} closed cases' states.
   */
  public static CaseStore of(EventStore store, int closedCases) {
    return store instanceof CaseStore.Provider provider ? provider.cases(closedCases)
        : new CachedCases(store, closedCases);
  }
}
