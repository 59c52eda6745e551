package dev.finegrain.workflow.postgres;

import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.testing.EventStoreContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL store passes the contract every store must, against a real PostgreSQL 14 the test starts. */
class PostgresEventStoreContractTest extends EventStoreContract {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();  // fsync off: the tests check behaviour, not durability
    dataSource = postgres.getPostgresDatabase();
    PostgresEventStore.migrate(dataSource);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected EventStore newStore() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE finegrain_events, finegrain_cases, finegrain_inbox, finegrain_open_cases,"
          + " finegrain_open_stages, finegrain_snapshots RESTART IDENTITY");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return PostgresEventStore.of(dataSource);
  }

  /** The test's DataSource opens a new connection per call (no pool), which dominates the racing tests. */
  @Override
  protected int threads() {
    return 4;
  }

  @Override
  protected int longLogEvents() {
    return 2_000;  // 20 transactions of 100 events
  }
}
