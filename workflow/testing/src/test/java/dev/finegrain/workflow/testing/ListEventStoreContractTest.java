package dev.finegrain.workflow.testing;

import dev.finegrain.workflow.store.EventStore;

/** A store written against the SPI alone passes the contract, engine tests included. */
class ListEventStoreContractTest extends EventStoreContract {
  @Override
  protected EventStore newStore() {
    return new ListEventStore();
  }
}
