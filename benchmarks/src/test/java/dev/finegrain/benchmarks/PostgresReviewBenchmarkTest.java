package dev.finegrain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.store.EventStores;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresReviewBenchmark}'s setups and checks with small inputs, on a real embedded
 * PostgreSQL: what each trial checks before JMH measures.
 */
class PostgresReviewBenchmarkTest {
  private static PostgresReviewBenchmark.Database database;

  @BeforeAll
  static void start() {
    database = PostgresReviewBenchmark.Database.start();
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  @Test
  void finegrainAndFlowableBothApproveTheSameReviewOnOneDatabase() {
    database.create("reviews_finegrain");
    database.create("reviews_flowable");
    ReviewEngine finegrain = PostgresReviewBenchmark.finegrainOn(database.pool("reviews_finegrain"));
    FlowableReview flowable = FlowableReview.start(database.jdbcUrl("reviews_flowable"),
        PostgresReviewBenchmark.Database.USER, PostgresReviewBenchmark.POOL_SIZE);
    try {
      for (int n = 0; n < 3; n++) {
        PostgresReviewBenchmark.checkReviewsAgree(finegrain, flowable, n, n);
      }
    } finally {
      flowable.close();
    }
  }

  @Test
  void clonedClosedCasesLeaveTheInboxAsOnAnInMemoryStoreReviewedThroughTheEngine() {
    database.create("inbox");
    ReviewEngine postgres = PostgresReviewBenchmark.finegrainOn(database.pool("inbox"));
    PostgresReviewBenchmark.seedPostgres(postgres, database.direct("inbox"), 120, 2_000);
    ReviewEngine memory = ReviewEngine.builder(ReviewWorkload.context()).store(EventStores.inMemory())
        .register(ReviewWorkload.workflow()).build();
    PostgresReviewBenchmark.seedInMemory(memory, 120, 2_000);

    PostgresReviewBenchmark.checkInbox(postgres, 120);
    PostgresReviewBenchmark.checkInbox(memory, 120);
    List<InboxItem> onPostgres = postgres.inbox("lin", ReviewWorkload.AT, 500);
    assertEquals(memory.inbox("lin", ReviewWorkload.AT, 500), onPostgres);
    assertEquals(120, onPostgres.size());
    assertEquals(2_120, postgres.caseIds().size());
  }

  @Test
  void aStartUpShotApprovesAnOpenCaseThatThenShowsInTheNextStagesInbox() {
    database.create("startup");
    PostgresReviewBenchmark.Startup s = new PostgresReviewBenchmark.Startup();
    s.database = database;
    s.direct = database.direct("startup");
    try (ConnectionPool seeding = new ConnectionPool(s.direct, PostgresReviewBenchmark.POOL_SIZE)) {
      PostgresReviewBenchmark.seedPostgres(PostgresReviewBenchmark.finegrainOn(seeding), s.direct, 20, 500);
    }
    PostgresReviewBenchmark bench = new PostgresReviewBenchmark();
    for (int shot = 0; shot < 3; shot++) {
      List<InboxItem> page = bench.startUp(s);
      s.closePool();
      assertEquals(shot + 1, page.size(), page.toString());
      assertTrue(page.stream().allMatch(item -> item.stageId().equals("image")), page.toString());
    }
  }
}
