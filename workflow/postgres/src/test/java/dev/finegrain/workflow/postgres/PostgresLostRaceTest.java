package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two writers on one case, the one that loses behind a pool that chains PostgreSQL's unique
 * violation under exceptions of its own, in each of the ways {@link ChainingPool} does: the lost
 * race is the store's ordinary answer, false, and never an exception, however deep the pool buries
 * the violation.
 */
class PostgresLostRaceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  /** The advisory lock the test holds to stop a writer between its insert and its commit. */
  private static final long HOLD = 4_242;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static DataSource freshDatabase(String name) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    DataSource db = postgres.getDatabase("postgres", name);
    PostgresEventStore.migrate(db);
    return db;
  }

  /** A comment of command {@code commandId} as event {@code sequence} of the case, after {@code previous}. */
  private static List<RecordedEvent> note(String caseId, long sequence, String commandId, Hash previous) {
    return List.of(RecordedEvent.chain(Commented.builder().caseId(caseId).sequence(sequence)
        .at(T0.plusSeconds(sequence)).actor("ma").text("note " + commandId).build(), commandId, previous));
  }

  private static List<String> commandsOf(PostgresEventStore store, String caseId) {
    return store.load(caseId).stream().map(RecordedEvent::commandId).toList();
  }

  /**
   * The race as the loser meets it when the winner has committed: both saw the case at version 1,
   * and the loser's event 2 is refused by the primary key (SQLSTATE 23505).
   */
  @Test
  void aWriterWhoseSequenceNumberWasTakenIsAnsweredFalseBehindAnyPool() throws SQLException {
    DataSource db = freshDatabase("stale");
    for (ChainingPool.Chained chained : ChainingPool.Chained.values()) {
      // given: a case at version 1, seen by both writers
      String caseId = "case-" + chained;
      PostgresEventStore winner = PostgresEventStore.of(db);
      PostgresEventStore loser = PostgresEventStore.of(ChainingPool.over(db, chained));
      List<RecordedEvent> first = note(caseId, 1, "c-1", HashChain.GENESIS);
      assertTrue(winner.append(caseId, 0, first));
      Hash head = first.get(0).hash();

      // when: both append at version 1, the winner first
      boolean won = winner.append(caseId, 1, note(caseId, 2, "c-2", head));
      boolean lost = loser.append(caseId, 1, note(caseId, 2, "c-3", head));
      boolean lostAsTheEngineAppends = loser.append(caseId, 1, note(caseId, 2, "c-4", head), null, null);

      // then
      assertTrue(won);
      assertFalse(lost, chained.toString());
      assertFalse(lostAsTheEngineAppends, chained.toString());
      assertEquals(List.of("c-1", "c-2"), commandsOf(winner, caseId));
    }
  }

  /**
   * The race itself, for one command that two engines append at once at the same version. The
   * winner's statement is held after its insert and before its commit (a trigger waits for a lock
   * the test holds), so the loser's, which saw no event of the command, waits for the winner's row
   * and then finds it taken.
   */
  @Test
  void twoWritersOfOneCommandAtOnceRecordItOnceAndTheLoserIsAnsweredFalseBehindAnyPool() throws Exception {
    DataSource db = freshDatabase("racing");
    try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE FUNCTION hold_the_insert() RETURNS trigger LANGUAGE plpgsql AS"
          + " $$ BEGIN PERFORM pg_advisory_xact_lock_shared(" + HOLD + "); RETURN NULL; END $$");
      statement.execute("CREATE TRIGGER hold_the_insert AFTER INSERT ON finegrain_events"
          + " FOR EACH STATEMENT EXECUTE FUNCTION hold_the_insert()");
    }
    for (ChainingPool.Chained chained : ChainingPool.Chained.values()) {
      // given: the same command's events, at version 0 of a new case, for two engines
      String caseId = "case-" + chained;
      List<RecordedEvent> events = note(caseId, 1, "c-1", HashChain.GENESIS);
      PostgresEventStore winner = PostgresEventStore.of(db);
      PostgresEventStore loser = PostgresEventStore.of(ChainingPool.over(db, chained));

      try (Connection holder = db.getConnection(); Statement hold = holder.createStatement()) {
        hold.execute("SELECT pg_advisory_lock(" + HOLD + ")");

        // when: the winner inserts and is held; the loser appends the same and waits on the winner's row
        CompletableFuture<Boolean> won = CompletableFuture.supplyAsync(() -> winner.append(caseId, 0, events, null,
            null));
        awaitOneWaitingFor(db, "advisory");
        CompletableFuture<Boolean> lost = CompletableFuture.supplyAsync(() -> loser.append(caseId, 0, events, null,
            null));
        awaitOneWaitingFor(db, "transactionid");
        hold.execute("SELECT pg_advisory_unlock(" + HOLD + ")");

        // then
        assertTrue(won.get(30, TimeUnit.SECONDS));
        assertFalse(lost.get(30, TimeUnit.SECONDS), chained.toString());
      }
      assertEquals(List.of("c-1"), commandsOf(winner, caseId));
    }
  }

  /** Returns once a session of {@code db}'s database waits for a lock of kind {@code lock} (its wait_event). */
  private static void awaitOneWaitingFor(DataSource db, String lock) throws SQLException {
    try (Connection connection = db.getConnection(); PreparedStatement waiting = connection.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            + " AND wait_event = ?")) {
      waiting.setString(1, lock);
      for (int polls = 0; polls < 100_000; polls++) {
        try (ResultSet rows = waiting.executeQuery()) {
          rows.next();
          if (rows.getInt(1) == 1) {
            return;
          }
        }
      }
    }
    throw new AssertionError("no session came to wait for a lock of kind " + lock);
  }
}
