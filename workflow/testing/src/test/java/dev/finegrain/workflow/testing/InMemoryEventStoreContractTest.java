package dev.finegrain.workflow.testing;

import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;

/** finegrain's in-memory store passes the contract every store must. */
class InMemoryEventStoreContractTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return EventStores.inMemory();
  }
}
