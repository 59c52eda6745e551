package dev.finegrain.workflow.postgres;

import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.IndexedEventStore;
import dev.finegrain.workflow.internal.store.StateSnapshot;
import dev.finegrain.workflow.internal.store.WorkIndex;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * An {@link EventStore} in PostgreSQL (14 or newer), over the platform's {@link DataSource}: one
 * row per recorded event in {@code finegrain_events}, whose primary key {@code (case_id, sequence)}
 * makes {@link #append} a compare-and-append, so several engines (threads or processes) can share
 * one database; each append is one statement, so one transaction. Events are stored as JSONB with their command id
 * and both hashes, so a retried command finds its first outcome from any engine, also after a
 * restart.
 *
 * <pre>{@code
 * PostgresEventStore.migrate(dataSource);          // creates or upgrades the tables; safe to repeat
 * ReviewEngine engine = ReviewEngine.builder(context)
 *     .store(PostgresEventStore.of(dataSource))
 *     .register(listingReview)
 *     .build();
 * }</pre>
 *
 * <p>The store opens a connection per call and closes it (give it a pooled {@code DataSource}),
 * and runs each append as a transaction of its own, in autocommit; it leaves each connection's
 * autocommit as it found it. Give it connections that are not bound to a transaction of the
 * platform's: switching such a connection to autocommit commits that transaction, as JDBC
 * specifies. Failures of the database are {@link PostgresEventStoreException}s; an append that
 * throws one has appended nothing, unless the database committed it and the reply was lost (a
 * dropped connection): a command retried with its own command id is then answered from the log,
 * never applied twice, but one resent under a new command id would be.
 *
 * @since 0.1
 */
public final class PostgresEventStore implements EventStore, IndexedEventStore {
  /** The schema version this code writes and reads. */
  public static final int SCHEMA_VERSION = 2;
  /** The schema scripts, version 1 first. */
  private static final List<String> SCRIPTS = List.of("V1__events.sql", "V2__open_work.sql");
  /** PostgreSQL's SQLSTATE for a unique or primary key violation. */
  private static final String UNIQUE_VIOLATION = "23505";
  /** PostgreSQL's SQLSTATE for a relation that does not exist: the schema was never migrated, or is older. */
  private static final String UNDEFINED_TABLE = "42P01";
  /** Any number, shared by every finegrain schema change, so that two migrations never run at once. */
  private static final long MIGRATION_LOCK = 0x66696e6567726169L;

  private final DataSource dataSource;

  private PostgresEventStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A store over {@code dataSource}, whose database {@link #migrate} has brought to
   * {@link #SCHEMA_VERSION}.
   *
   * @param dataSource the platform's (pooled) connections to the database
   * @return the store
   */
  public static PostgresEventStore of(DataSource dataSource) {
    return new PostgresEventStore(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Creates finegrain's tables in {@code dataSource}'s database, or upgrades them to
   * {@link #SCHEMA_VERSION}: applies, in one transaction under an advisory lock, each versioned
   * script ({@code V1__events.sql}, ...) the database has not had yet, and records the version in
   * {@code finegrain_schema}. Safe to call again, and from several processes at once.
   *
   * @param dataSource connections to the database, with the right to create tables
   * @return the schema version before the call (0 for a database without finegrain's tables)
   * @throws PostgresEventStoreException if the database's schema is newer than this version of
   *     finegrain knows, or the database fails
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      Exception failed = null;
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        statement.execute("CREATE TABLE IF NOT EXISTS finegrain_schema (version integer NOT NULL)");
        int found;
        try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM finegrain_schema")) {
          rows.next();
          found = rows.getInt(1);
        }
        if (found > SCHEMA_VERSION) {
          connection.rollback();
          throw new PostgresEventStoreException("the database has finegrain schema version " + found
              + ", newer than version " + SCHEMA_VERSION + " that this version of finegrain knows; upgrade finegrain");
        }
        for (int version = found + 1; version <= SCHEMA_VERSION; version++) {
          statement.execute(script(version));
          statement.execute("INSERT INTO finegrain_schema (version) VALUES (" + version + ")");
        }
        connection.commit();
        return found;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        failed = e;
        throw e;
      } finally {
        restoreAutoCommit(connection, autoCommit, failed);  // the connection goes back to the pool as it came
      }
    } catch (SQLException e) {
      throw new PostgresEventStoreException("could not migrate finegrain's schema: " + e.getMessage(), e);
    }
  }

  /**
   * Sets the connection's autocommit back to {@code autoCommit}. If that fails, the failure goes with
   * {@code failed}, the call's own error, which stays the one thrown; after a call that succeeded
   * (its transaction committed) it is dropped: the connection is closed next, and the pool sees it.
   */
  private static void restoreAutoCommit(Connection connection, boolean autoCommit, Exception failed) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException restore) {
      if (failed != null) {
        failed.addSuppressed(restore);
      }
    }
  }

  private static String script(int version) {
    String name = SCRIPTS.get(version - 1);
    try (InputStream in = PostgresEventStore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("schema script " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read schema script " + name, e);
    }
  }

  @Override
  public List<RecordedEvent> load(String caseId) {
    return loadAfter(caseId, 0);
  }

  @Override
  public List<RecordedEvent> loadAfter(String caseId, long version) {
    Objects.requireNonNull(caseId, "caseId");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT command_id, event, previous_hash, hash"
            + " FROM finegrain_events WHERE case_id = ? AND sequence > ? ORDER BY sequence")) {
      select.setString(1, caseId);
      select.setLong(2, version);
      List<RecordedEvent> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ReviewEvent event = FinegrainJson.read(rows.getString(2), ReviewEvent.class);
          events.add(RecordedEvent.of(event, rows.getString(1), Hash.fromBytes(rows.getBytes(3)),
              Hash.fromBytes(rows.getBytes(4))));
        }
      }
      return List.copyOf(events);
    } catch (SQLException e) {
      throw failure("could not load case " + caseId, e);
    }
  }

  @Override
  public long firstSequenceOf(String caseId, String commandId) {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(commandId, "commandId");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT min(sequence) FROM finegrain_events WHERE case_id = ? AND command_id = ?")) {
      select.setString(1, caseId);
      select.setString(2, commandId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);  // 0 for SQL NULL: the command recorded nothing
      }
    } catch (SQLException e) {
      throw failure("could not look up command " + commandId + " of case " + caseId, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One statement, so one transaction and one round trip: the events are inserted at sequence
   * numbers {@code expectedVersion + 1} and on, which the primary key refuses if another engine
   * appended there first; an {@code expectedVersion} ahead of the case is refused by checking that
   * its event {@code expectedVersion} exists (events are never deleted, so the check cannot go
   * stale).
   *
   * @throws IllegalArgumentException if the events are not of case {@code caseId} with sequence
   *     numbers from {@code expectedVersion + 1} on
   * @throws PostgresEventStoreException if the database fails; nothing was appended, unless the
   *     commit happened and its reply was lost (see {@link PostgresEventStoreException})
   */
  @Override
  public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
    return append(caseId, expectedVersion, events, false, null, null);
  }

  /**
   * {@link #append(String, long, List)} of one command's events, unless the case already has events
   * of that command, and in the same statement replaces the case's rows of the open-work projection
   * with {@code work} and its snapshot with {@code snapshot}. The review engine calls this; it is not
   * for platform code.
   *
   * @param caseId the case
   * @param expectedVersion the case's version the events follow
   * @param events the events, all of one command
   * @param work the case's open work after the events, computed by the engine; null to leave the projection
   * @param snapshot the case's state after the events, encoded by the engine; null to keep the last one
   * @return whether the events were appended (false: the case is not at {@code expectedVersion}, or
   *     already has events of the command)
   */
  @Override
  public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events, CaseWork work,
      StateSnapshot snapshot) {
    return append(caseId, expectedVersion, events, true, work, snapshot);
  }

  private boolean append(String caseId, long expectedVersion, List<RecordedEvent> events, boolean newCommandOnly,
      CaseWork work, StateSnapshot snapshot) {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(events, "events");
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = Objects.requireNonNull(events.get(i), "events[" + i + "]");
      if (!event.caseId().equals(caseId) || event.sequence() != expectedVersion + 1 + i) {
        throw new IllegalArgumentException("event " + event.sequence() + " of case " + event.caseId()
            + " does not follow version " + (expectedVersion + i) + " of case " + caseId);
      }
      if (newCommandOnly && !event.commandId().equals(events.get(0).commandId())) {
        throw new IllegalArgumentException("event " + event.sequence() + " is of command " + event.commandId()
            + ", not " + events.get(0).commandId() + " as the first; the engine appends one command at a time");
      }
    }
    try (Connection connection = dataSource.getConnection()) {
      if (events.isEmpty()) {
        return versionIs(connection, caseId, expectedVersion);
      }
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      SQLException failed = null;
      try {
        return AppendStatement.run(connection, caseId, expectedVersion, events, newCommandOnly, work, snapshot);
      } catch (SQLException e) {
        if (isUniqueViolation(e)) {
          return false;  // another engine appended at these sequence numbers first
        }
        failed = e;
        throw e;
      } finally {
        if (!autoCommit) {
          restoreAutoCommit(connection, false, failed);  // the connection goes back to the pool as it came
        }
      }
    } catch (SQLException e) {
      throw failure("could not append " + events.size() + " event(s) to case " + caseId + " at version "
          + expectedVersion, e);
    }
  }

  /** Whether case {@code caseId} is at {@code version}: an empty append's answer. */
  private static boolean versionIs(Connection connection, String caseId, long version) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT coalesce(max(sequence), 0) FROM finegrain_events WHERE case_id = ?")) {
      select.setString(1, caseId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1) == version;
      }
    }
  }

  /**
   * The notification feed: up to {@code limit} events appended after {@code after}, across all
   * cases, in the order their transactions were assigned ids and then of insertion. Gap-safe: only
   * events of transactions older than every transaction still running are returned, so an append
   * that commits late never lands behind a position a reader already passed. A platform keeps the
   * position of the last event it published (to Kafka, say) and reads after it: every event is read
   * at least once, in an order consistent with each case's sequence.
   *
   * <pre>{@code
   * FeedPosition checkpoint = loadCheckpoint();          // FeedPosition.START the first time
   * for (FeedEntry entry : store.read(checkpoint, 500)) {
   *   publish(entry.event());
   *   checkpoint = entry.position();
   * }
   * saveCheckpoint(checkpoint);
   * }</pre>
   *
   * @param after the position of the last event already handled; {@link FeedPosition#START} for all
   * @param limit the most events to return, 1 or more
   * @return the events after {@code after}, in feed order; empty when there is none yet
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws PostgresEventStoreException if the database fails
   */
  public List<FeedEntry> read(FeedPosition after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT transaction_id::text::bigint, position,"
            + " command_id, event, previous_hash, hash FROM finegrain_events"
            + " WHERE (transaction_id, position) > (?::text::xid8, ?)"
            + " AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY transaction_id, position LIMIT ?")) {
      select.setString(1, Long.toString(after.transaction()));
      select.setLong(2, after.position());
      select.setInt(3, limit);
      List<FeedEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ReviewEvent event = FinegrainJson.read(rows.getString(4), ReviewEvent.class);
          entries.add(new FeedEntry(new FeedPosition(rows.getLong(1), rows.getLong(2)), RecordedEvent.of(event,
              rows.getString(3), Hash.fromBytes(rows.getBytes(5)), Hash.fromBytes(rows.getBytes(6)))));
        }
      }
      return List.copyOf(entries);
    } catch (SQLException e) {
      throw failure("could not read the feed after " + after, e);
    }
  }

  /**
   * The case's latest snapshot, for the review engine; not for platform code.
   *
   * @param caseId the case
   * @return the case's latest snapshot, if it has one
   */
  @Override
  public Optional<StateSnapshot> snapshot(String caseId) {
    Objects.requireNonNull(caseId, "caseId");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT version, state, head FROM finegrain_snapshots WHERE case_id = ?")) {
      select.setString(1, caseId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(new StateSnapshot(rows.getLong(1), rows.getString(2),
            Hash.fromBytes(rows.getBytes(3)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("could not load the snapshot of case " + caseId, e);
    }
  }

  /**
   * The open-work projection's queries, for the review engine's inbox, {@code dueBy} and open-stage
   * counts; not for platform code.
   *
   * @return the projection's queries over this store's database
   */
  @Override
  public WorkIndex workIndex() {
    return new OpenWorkRows(dataSource);
  }

  @Override
  public List<String> caseIds() {
    try (Connection connection = dataSource.getConnection();
        Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT case_id FROM finegrain_cases ORDER BY position")) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return List.copyOf(ids);
    } catch (SQLException e) {
      throw failure("could not list the case ids", e);
    }
  }

  /**
   * Whether {@code e}, or an exception chained under it, is a unique violation: the append lost a
   * race, as another engine appended at these sequence numbers first. Searched as {@link #chained}
   * does, so that a race is a race also behind a pool that wraps the database's error.
   */
  private static boolean isUniqueViolation(SQLException e) {
    return chained(e, sql -> UNIQUE_VIOLATION.equals(sql.getSQLState())) != null;
  }

  /**
   * The store's error for a failed statement: what it was doing, and the database's message and
   * SQLSTATE, those of the nearest exception chained under {@code e} that has a state (a pool's own
   * exception often has none), or {@code e}'s message alone when none has; for a missing finegrain
   * table (SQLSTATE 42P01, undefined_table), that error's message, wherever it is chained under
   * {@code e}, and a hint to migrate. {@code e} is the cause either way.
   */
  static PostgresEventStoreException failure(String what, SQLException e) {
    SQLException missing = chained(e, sql -> UNDEFINED_TABLE.equals(sql.getSQLState())
        && String.valueOf(sql.getMessage()).contains("finegrain_"));
    if (missing != null) {
      return new PostgresEventStoreException(what + ": " + missing.getMessage() + " (SQLSTATE " + UNDEFINED_TABLE
          + "); finegrain's tables are missing: call PostgresEventStore.migrate(dataSource) first, which creates them"
          + " (or upgrades an older schema)", e);
    }
    SQLException stated = chained(e, sql -> sql.getSQLState() != null);
    if (stated == null) {
      return new PostgresEventStoreException(what + ": " + e.getMessage(), e);
    }
    return new PostgresEventStoreException(what + ": " + stated.getMessage() + " (SQLSTATE " + stated.getSQLState()
        + ")", e);
  }

  /**
   * The nearest exception, {@code e} or one chained under it, that {@code matches}; null if none
   * does. A pool, a tracing layer or a batch may throw its own exception with the database's as its
   * cause (under other exceptions too, a cause of a cause) or as its next exception, so both chains
   * are searched, nearest first, each exception once, and only so far: a chain can be made to loop.
   */
  private static SQLException chained(SQLException e, Predicate<SQLException> matches) {
    Deque<Throwable> next = new ArrayDeque<>(List.of(e));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!next.isEmpty() && seen.size() < 1_000) {
      Throwable t = next.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        if (matches.test(sql)) {
          return sql;
        }
        if (sql.getNextException() != null) {
          next.addLast(sql.getNextException());
        }
      }
      if (t.getCause() != null) {
        next.addLast(t.getCause());
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "PostgresEventStore{" + dataSource + "}";
  }
}
