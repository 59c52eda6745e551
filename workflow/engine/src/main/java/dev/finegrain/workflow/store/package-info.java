/**
 * Where review events are kept: the {@link dev.finegrain.workflow.store.EventStore} SPI a platform
 * implements over its database, the in-memory store ({@link dev.finegrain.workflow.store.EventStores}),
 * {@link dev.finegrain.workflow.store.RecordedEvent} (an event with its command id and hashes) and the
 * tamper-evident {@link dev.finegrain.workflow.store.HashChain} over a case's events.
 */
package dev.finegrain.workflow.store;
