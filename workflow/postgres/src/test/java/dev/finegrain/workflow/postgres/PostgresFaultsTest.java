package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a real PostgreSQL: the database down, a statement timeout, a connection killed in the
 * middle of an append. Each gives a {@link PostgresEventStoreException} from the engine, nothing
 * half-written, and a retry with the same command id records the command exactly once.
 */
class PostgresFaultsTest {
  @TempDir
  Path data;

  private EmbeddedPostgres postgres;
  private int port;

  @BeforeEach
  void start() throws IOException {
    postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    port = postgres.getPort();
    PostgresEventStore.migrate(postgres.getPostgresDatabase());
  }

  @AfterEach
  void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private DataSource dataSource(String options) {
    return EngineProcess.dataSource("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres" + options);
  }

  private static Comment note(String id) {
    return Comment.builder().commandId(id).caseId("listing-0").actor("ma").at(EngineProcess.T0.plusSeconds(60))
        .text("note " + id).build();
  }

  private static long recorded(ReviewEngine engine, String commandId) {
    List<RecordedEvent> log = engine.events("listing-0");
    assertTrue(HashChain.verify(log).intact(), HashChain.verify(log).message());
    return log.stream().filter(e -> e.commandId().equals(commandId)).count();
  }

  @Test
  void whileTheDatabaseIsDownACommandFailsClearlyAndItsRetryAfterwardsIsRecordedOnce() throws IOException {
    ReviewEngine engine = EngineProcess.engine(dataSource(""));
    assertTrue(engine.handle(EngineProcess.submit("listing-0")).isAccepted());
    postgres.close();
    postgres = null;

    PostgresEventStoreException down = assertThrows(PostgresEventStoreException.class,
        () -> engine.handle(note("n-1")));
    assertTrue(down.getMessage().startsWith("could not append 1 event(s) to case listing-0 at version 2: "),
        down.getMessage());  // the engine saw the case last, so the append is its first statement

    postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    ReviewOutcome retried = engine.handle(note("n-1"));
    assertTrue(retried.isAccepted(), retried.toString());
    assertEquals(retried, engine.handle(note("n-1")), "a second retry answers the first outcome");
    assertEquals(1, recorded(engine, "n-1"));
  }

  @Test
  void anAppendThatTimesOutWritesNothingAndItsRetryIsRecordedOnce() throws Exception {
    ReviewEngine engine = EngineProcess.engine(dataSource("&options=-c%20statement_timeout=500"));
    assertTrue(engine.handle(EngineProcess.submit("listing-0")).isAccepted());
    long before = engine.version("listing-0");

    try (Connection locker = postgres.getPostgresDatabase().getConnection();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE finegrain_events IN EXCLUSIVE MODE");  // reads go on, writes wait
      PostgresEventStoreException timeout = assertThrows(PostgresEventStoreException.class,
          () -> engine.handle(note("n-1")));
      assertTrue(timeout.getMessage().contains("57014"), timeout.getMessage());  // query_canceled
      locker.rollback();
    }

    assertEquals(before, EngineProcess.engine(dataSource("")).version("listing-0"), "nothing half-written");
    assertTrue(engine.handle(note("n-1")).isAccepted());
    assertEquals(1, recorded(engine, "n-1"));
  }

  @Test
  void anAppendWhoseConnectionIsKilledWritesNothingAndItsRetryIsRecordedOnce() throws Exception {
    ReviewEngine engine = EngineProcess.engine(dataSource(""));
    assertTrue(engine.handle(EngineProcess.submit("listing-0")).isAccepted());
    long before = engine.version("listing-0");

    try (Connection locker = postgres.getPostgresDatabase().getConnection();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE finegrain_events IN EXCLUSIVE MODE");
      CompletableFuture<ReviewOutcome> blocked = CompletableFuture.supplyAsync(() -> engine.handle(note("n-1")));
      try (Connection admin = postgres.getPostgresDatabase().getConnection();
          Statement kill = admin.createStatement()) {
        int killed = 0;
        for (int i = 0; i < 100 && killed == 0; i++) {
          Thread.sleep(50);
          try (ResultSet rows = kill.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
              + " WHERE wait_event_type = 'Lock' AND query LIKE 'WITH ev AS (INSERT INTO finegrain_events%'")) {
            rows.next();
            killed = rows.getInt(1);
          }
        }
        assertEquals(1, killed, "the append waiting on the lock was found and killed");
      }
      Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> blocked.get(30, TimeUnit.SECONDS)).getCause();
      assertTrue(failure instanceof PostgresEventStoreException, failure.toString());
      locker.rollback();
    }

    assertEquals(before, EngineProcess.engine(dataSource("")).version("listing-0"), "nothing half-written");
    assertTrue(engine.handle(note("n-1")).isAccepted());
    assertEquals(1, recorded(engine, "n-1"));
  }
}
