/**
 * How the engine keeps cases between commands over any event store
 * ({@link dev.finegrain.workflow.internal.store.CaseStore}), and the in-memory store. Not exported.
 */
package dev.finegrain.workflow.internal.store;
