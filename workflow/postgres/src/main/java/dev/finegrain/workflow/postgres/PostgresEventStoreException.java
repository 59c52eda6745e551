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

  /**
   * An error with this message and cause.
   *
   * @param message what could not be done, and why
   * @param cause the database's exception
   */
  public PostgresEventStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * An error with this message.
   *
   * @param message what could not be done, and why
   */
  public PostgresEventStoreException(String message) {
    super(message);
  }
}
