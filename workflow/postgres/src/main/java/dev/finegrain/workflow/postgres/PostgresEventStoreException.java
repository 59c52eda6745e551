package dev.finegrain.workflow.postgres;

/**
 * PostgreSQL could not do what a {@link PostgresEventStore} asked: the database is down, a
 * connection dropped, a statement timed out, or the schema is missing or newer than this version of
 * finegrain knows (a missing finegrain table, SQLSTATE 42P01, adds to the message that
 * {@link PostgresEventStore#migrate} creates it). The message names the database's error and its SQLSTATE
 * also when a pool chains that error under its own; the pool's exception is the cause. An append
 * that lost a race to another engine is not an error, wherever a pool chains the database's unique
 * violation: it returns false. When an append throws it, the append's transaction was rolled back
 * or never committed, or (a connection dropped after the commit) committed with its reply lost:
 * retrying the same command id is safe either way, as the engine answers a command it finds in the
 * log; resending the change under a new command id is not.
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
