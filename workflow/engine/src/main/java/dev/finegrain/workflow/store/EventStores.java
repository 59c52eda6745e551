package dev.finegrain.workflow.store;

import dev.finegrain.workflow.internal.store.InMemoryEventStore;

/**
 * The event stores finegrain ships.
 *
 * <pre>{@code
 * EventStore store = EventStores.inMemory();
 * ReviewEngine engine = ReviewEngine.builder(context).store(store).register(listingReview).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class EventStores {
  private EventStores() {}

  /**
   * A new, empty store that keeps every case's events in memory, lost when the process ends;
   * the review engine's default. Thread-safe: appends to one case are atomic compare-and-append,
   * appends to different cases do not contend. Events are kept in a compact binary form, and an
   * open case's state beside its log, so that a command on any case finds both with one lookup.
   *
   * @return a new, empty in-memory store
   */
  public static EventStore inMemory() {
    return new InMemoryEventStore();
  }
}
