package dev.finegrain.workflow.postgres;

import dev.finegrain.workflow.store.RecordedEvent;
import java.util.Objects;

/**
 * One event of the notification feed ({@link PostgresEventStore#read}): the event and its position.
 *
 * @param position where the event is in the feed; read after it to go on
 * @param event the recorded event
 * @since 0.1
 */
public record FeedEntry(FeedPosition position, RecordedEvent event) {
  /**
   * Checks that no part is null.
   *
   * @param position where the event is in the feed
   * @param event the recorded event
   */
  public FeedEntry {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(event, "event");
  }
}
