package dev.finegrain.workflow.postgres;

/**
 * PostgreSQL could not do what a {@link PostgresEventStore} asked: the database is down, a
 * connection dropped, a statement timed out, or the schema is missing or newer than this version
 * of finegrain knows. Nothing was appended when an append throws it (the append's transaction was
 * rolled back or never committed); retrying the same command id is safe.
 *
 * @since 0.1
 */
public final class PostgresEventStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with this message and cause. */
  public PostgresEventStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error with this message. */
  public PostgresEventStoreException(String message) {
    super(message);
  }
}
