package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema is applied by one documented call, safe to repeat, that refuses a newer schema than it knows. */
class PostgresSchemaTest {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static DataSource freshDatabase(String name) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return postgres.getDatabase("postgres", name);
  }

  @Test
  void migratingTwiceAppliesTheSchemaOnce() throws SQLException {
    DataSource db = freshDatabase("twice");

    assertEquals(0, PostgresEventStore.migrate(db), "a new database has no finegrain schema");
    assertEquals(PostgresEventStore.SCHEMA_VERSION, PostgresEventStore.migrate(db), "the second call finds it");

    try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM finegrain_schema")) {
      rows.next();
      assertEquals(PostgresEventStore.SCHEMA_VERSION, rows.getInt(1), "one row per version applied");
    }
    assertEquals(java.util.List.of(), PostgresEventStore.of(db).caseIds());
  }

  @Test
  void migratingAndAppendingLeaveEachConnectionsAutoCommitAsTheyFoundIt() throws SQLException {
    DataSource db = freshDatabase("autocommit");
    java.util.List<Boolean> atClose = new java.util.ArrayList<>();
    // a pool that hands out connections with autocommit off, and notes how each comes back
    DataSource pool = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (!method.getName().equals("getConnection")) {
            return method.invoke(db, args);
          }
          Connection real = db.getConnection();
          real.setAutoCommit(false);
          return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("close")) {
                  atClose.add(real.getAutoCommit());
                }
                try {
                  return m.invoke(real, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });

    PostgresEventStore.migrate(pool);
    PostgresEventStore store = PostgresEventStore.of(pool);
    store.append("case-1", 0, java.util.List.of(dev.finegrain.workflow.store.RecordedEvent.chain(
        dev.finegrain.workflow.event.Commented.builder().caseId("case-1").sequence(1)
            .at(java.time.Instant.parse("2026-03-02T10:00:00Z")).actor("ma").text("x").build(),
        "c-1", dev.finegrain.workflow.store.HashChain.GENESIS)));

    assertEquals(1, store.load("case-1").size());
    assertEquals(java.util.List.of(false, false), atClose.subList(0, 2), "migrate, then append: " + atClose);
  }

  @Test
  void aFailedMigrationThrowsItsOwnErrorWhenTheConnectionCannotBeRestoredEither() throws SQLException {
    DataSource db = freshDatabase("restore");
    int[] autoCommitCalls = {0};
    DataSource failing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Connection real = db.getConnection();
          return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("createStatement")) {
                  throw new SQLException("the statement failed");
                }
                if (m.getName().equals("setAutoCommit") && ++autoCommitCalls[0] == 2) {
                  throw new SQLException("the connection could not be restored");
                }
                try {
                  return m.invoke(real, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });

    PostgresEventStoreException e = assertThrows(PostgresEventStoreException.class,
        () -> PostgresEventStore.migrate(failing));

    assertEquals("the statement failed", e.getCause().getMessage());
    assertEquals("the connection could not be restored", e.getCause().getSuppressed()[0].getMessage());
  }

  @Test
  void aSchemaNewerThanThisVersionKnowsIsRefused() throws SQLException {
    DataSource db = freshDatabase("newer");
    PostgresEventStore.migrate(db);
    try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO finegrain_schema (version) VALUES (" + (PostgresEventStore.SCHEMA_VERSION + 1)
          + ")");
    }

    PostgresEventStoreException error = assertThrows(PostgresEventStoreException.class,
        () -> PostgresEventStore.migrate(db));

    assertTrue(error.getMessage().contains("newer than version " + PostgresEventStore.SCHEMA_VERSION),
        error.getMessage());
  }

  @Test
  void aStoreWithoutItsTablesFailsWithAClearError() throws SQLException {
    DataSource db = freshDatabase("empty");

    PostgresEventStoreException error = assertThrows(PostgresEventStoreException.class,
        () -> PostgresEventStore.of(db).load("listing-1"));

    assertTrue(error.getMessage().startsWith("could not load case listing-1"), error.getMessage());
  }

  /** A new user's first mistake: the store over a database nobody migrated. */
  @Test
  void everyCallOnADatabaseNeverMigratedSaysToCallMigrate() throws SQLException {
    DataSource db = freshDatabase("unmigrated");
    PostgresEventStore store = PostgresEventStore.of(db);
    dev.finegrain.workflow.ReviewEngine engine = dev.finegrain.workflow.ReviewEngine.builder(
        dev.finegrain.workflow.ReviewContext.of(dev.finegrain.core.Team.builder().id("shop").name("Shop")
            .addRoles(dev.finegrain.core.Role.of("copywriter", "Copywriter"))
            .addMember(dev.finegrain.core.Member.builder().id("lin").name("Lin").addRole("copywriter").build())
            .build()))
        .register(dev.finegrain.workflow.ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
            .addPhase(dev.finegrain.workflow.Phase.of(dev.finegrain.workflow.Stage.builder().id("copy").name("Copy")
                .addReviewerRole("copywriter").build())).build())
        .store(store).build();
    java.time.Instant t0 = java.time.Instant.parse("2026-03-02T09:00:00Z");
    String hint = "; finegrain's tables are missing: call PostgresEventStore.migrate(dataSource) first, which"
        + " creates them (or upgrades an older schema)";

    java.util.List<org.junit.jupiter.api.function.Executable> calls = java.util.List.of(
        () -> engine.handle(dev.finegrain.workflow.command.Submit.builder().commandId("s").caseId("A").actor("chen")
            .at(t0).subject(dev.finegrain.core.standard.Artifact.builder("listing").put("title", "t").build())
            .build()),
        () -> store.append("A", 0, java.util.List.of(dev.finegrain.workflow.store.RecordedEvent.chain(
            dev.finegrain.workflow.event.Commented.builder().caseId("A").sequence(1).at(t0).actor("ma").text("x")
                .build(), "c-1", dev.finegrain.workflow.store.HashChain.GENESIS))),
        () -> store.load("A"),
        () -> store.caseIds(),
        () -> store.read(FeedPosition.START, 10),
        () -> engine.inbox("lin", t0, 10),
        () -> engine.dueBy(t0, 10));
    for (org.junit.jupiter.api.function.Executable call : calls) {
      PostgresEventStoreException error = assertThrows(PostgresEventStoreException.class, call);
      assertTrue(error.getMessage().endsWith(hint), error.getMessage());
      assertTrue(error.getMessage().contains("finegrain_"), error.getMessage());
    }
    PostgresEventStore.migrate(db);
    assertTrue(engine.handle(dev.finegrain.workflow.command.Submit.builder().commandId("s").caseId("A")
        .actor("chen").at(t0).subject(dev.finegrain.core.standard.Artifact.builder("listing").put("title", "t")
            .build()).build()).isAccepted());
  }

  /**
   * A pool or proxy may throw its own exception with PostgreSQL's chained under it, as its cause or
   * its next exception: the missing table is found there, and named, and the hint given.
   */
  @Test
  void theHintIsGivenWhenAPoolChainsTheDatabasesErrorUnderItsOwn() throws SQLException {
    DataSource db = freshDatabase("chained");
    String hint = "; finegrain's tables are missing: call PostgresEventStore.migrate(dataSource) first, which"
        + " creates them (or upgrades an older schema)";
    java.time.Instant t0 = java.time.Instant.parse("2026-03-02T09:00:00Z");

    for (ChainingPool.Chained chained : ChainingPool.Chained.values()) {
      PostgresEventStore store = PostgresEventStore.of(ChainingPool.over(db, chained));
      java.util.List<org.junit.jupiter.api.function.Executable> calls = java.util.List.of(
          () -> store.append("A", 0, java.util.List.of(dev.finegrain.workflow.store.RecordedEvent.chain(
              dev.finegrain.workflow.event.Commented.builder().caseId("A").sequence(1).at(t0).actor("ma").text("x")
                  .build(), "c-1", dev.finegrain.workflow.store.HashChain.GENESIS))),
          () -> store.load("A"),
          () -> store.caseIds(),
          () -> store.read(FeedPosition.START, 10),
          () -> store.snapshot("A"),
          () -> store.workIndex().inbox("lin", t0, null, 10),
          () -> store.workIndex().dueBy(t0, 10));
      for (org.junit.jupiter.api.function.Executable call : calls) {
        PostgresEventStoreException error = assertThrows(PostgresEventStoreException.class, call);
        assertTrue(error.getMessage().endsWith("(SQLSTATE 42P01)" + hint), chained + ": " + error.getMessage());
        assertTrue(error.getMessage().contains("relation \"finegrain_"), chained + ": " + error.getMessage());
        assertEquals(ChainingPool.MESSAGE, error.getCause().getMessage(), "the pool's exception is the cause");
      }
    }
  }

  /**
   * Under a pool's own exception, which has no SQLSTATE, the message names the database's error and
   * its state, as it does without the pool: here a column that a hand-made change renamed.
   */
  @Test
  void theMessageNamesTheDatabasesErrorAndStateFoundUnderAPoolsOwn() throws SQLException {
    DataSource db = freshDatabase("renamed");
    PostgresEventStore.migrate(db);
    try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE finegrain_cases RENAME COLUMN case_id TO id");
    }
    String direct = assertThrows(PostgresEventStoreException.class, () -> PostgresEventStore.of(db).caseIds())
        .getMessage();
    assertTrue(direct.startsWith("could not list the case ids: ERROR: column \"case_id\" does not exist"), direct);
    assertTrue(direct.endsWith(" (SQLSTATE 42703)"), direct);  // undefined_column

    for (ChainingPool.Chained chained : ChainingPool.Chained.values()) {
      PostgresEventStore store = PostgresEventStore.of(ChainingPool.over(db, chained));

      PostgresEventStoreException error = assertThrows(PostgresEventStoreException.class, store::caseIds);

      assertEquals(direct, error.getMessage(), chained.toString());
      assertEquals(ChainingPool.MESSAGE, error.getCause().getMessage(), "the pool's exception is the cause");
    }
  }

  /** An error with no SQLSTATE anywhere in its chain is named without one. */
  @Test
  void anErrorWithoutAStateIsNamedWithoutOne() {
    java.sql.SQLException closed = new java.sql.SQLException("the pool is closed",
        new IllegalStateException("shut down"));

    assertEquals("could not read: the pool is closed", PostgresEventStore.failure("could not read", closed).getMessage());
  }

  /** The hint is for finegrain's own tables only; another missing relation's error is passed on as it is. */
  @Test
  void anUndefinedTableOfAnotherNameGetsNoHint() {
    java.sql.SQLException other = new java.sql.SQLException("ERROR: relation \"orders\" does not exist", "42P01");

    assertEquals("could not read: ERROR: relation \"orders\" does not exist (SQLSTATE 42P01)",
        PostgresEventStore.failure("could not read", other).getMessage());
  }
}
