package dev.finegrain.workflow.postgres;

/**
 * Where a reader of the notification feed ({@link PostgresEventStore#read}) stands: after the
 * event appended by transaction {@code transaction} at {@code position}. Keep the position of the
 * last event handled as a checkpoint and read after it; {@link #START} reads from the first event.
 *
 * @param transaction the PostgreSQL transaction id ({@code xid8}) that appended the event
 * @param position the event's position among all appends, in the order they inserted
 * @since 0.1
 */
public record FeedPosition(long transaction, long position) implements Comparable<FeedPosition> {
  /** Before the first event. */
  public static final FeedPosition START = new FeedPosition(0, 0);

  /**
   * Checks the parts are not negative.
   *
   * @param transaction the transaction id that appended the event
   * @param position the event's position among all appends
   */
  public FeedPosition {
    if (transaction < 0 || position < 0) {
      throw new IllegalArgumentException("a feed position is two numbers of 0 or more, got " + transaction + "/"
          + position);
    }
  }

  @Override
  public int compareTo(FeedPosition other) {
    int byTransaction = Long.compare(transaction, other.transaction);
    return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
  }

  /** {@code transaction/position}. */
  @Override
  public String toString() {
    return transaction + "/" + position;
  }
}
