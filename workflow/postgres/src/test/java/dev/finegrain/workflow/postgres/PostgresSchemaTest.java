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
}
