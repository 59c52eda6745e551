package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification feed reads every appended event once, in an order consistent with each case,
 * from a checkpoint, and never passes an event whose transaction commits late.
 */
class PostgresFeedTest {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private PostgresEventStore store;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    PostgresEventStore.migrate(dataSource);
  }

  @BeforeEach
  void emptyStore() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE finegrain_events, finegrain_cases, finegrain_inbox, finegrain_open_cases,"
          + " finegrain_open_stages, finegrain_snapshots RESTART IDENTITY");
    }
    store = PostgresEventStore.of(dataSource);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static RecordedEvent comment(String caseId, long sequence, RecordedEvent previous) {
    return RecordedEvent.chain(Commented.builder().caseId(caseId).sequence(sequence)
        .at(EngineProcess.T0.plusSeconds(sequence)).actor("ma").text("note " + sequence).build(),
        "c-" + caseId + "-" + sequence, previous == null ? HashChain.GENESIS : previous.hash());
  }

  /** Reads the whole feed from {@code from} in pages of {@code page}. */
  private List<FeedEntry> readAll(FeedPosition from, int page) {
    List<FeedEntry> all = new ArrayList<>();
    FeedPosition checkpoint = from;
    while (true) {
      List<FeedEntry> entries = store.read(checkpoint, page);
      if (entries.isEmpty()) {
        return all;
      }
      all.addAll(entries);
      checkpoint = entries.get(entries.size() - 1).position();
    }
  }

  @Test
  void theFeedHasEveryEventOnceInOrderAndResumesFromACheckpoint() {
    ReviewEngine engine = EngineProcess.engine(dataSource);
    for (int c = 0; c < 3; c++) {
      assertTrue(engine.handle(EngineProcess.submit("listing-" + c)).isAccepted());
      for (int note = 0; note < 3; note++) {
        assertTrue(engine.handle(EngineProcess.comment("ma", c, note)).isAccepted());
      }
    }

    List<FeedEntry> all = readAll(FeedPosition.START, 4);

    int total = 0;
    for (int c = 0; c < 3; c++) {
      List<RecordedEvent> log = store.load("listing-" + c);
      total += log.size();
      String caseId = "listing-" + c;
      assertEquals(log, all.stream().map(FeedEntry::event).filter(e -> e.caseId().equals(caseId)).toList(),
          "the feed has each case's events in their order");
    }
    assertEquals(total, all.size(), "every event once");
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).position().compareTo(all.get(i).position()) < 0, "positions increase");
    }
    FeedPosition middle = all.get(5).position();
    assertEquals(all.subList(6, all.size()), readAll(middle, 3), "resumes after a checkpoint");
  }

  @Test
  void anEventWhoseTransactionCommitsLateIsNotPassedByTheFeed() throws SQLException {
    RecordedEvent late = comment("case-late", 1, null);
    try (Connection slow = dataSource.getConnection()) {
      slow.setAutoCommit(false);
      try (PreparedStatement insert = slow.prepareStatement("INSERT INTO finegrain_events"
          + " (case_id, sequence, command_id, event, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, late.caseId());
        insert.setLong(2, late.sequence());
        insert.setString(3, late.commandId());
        insert.setObject(4, dev.finegrain.core.json.FinegrainJson.write(late.event()), Types.OTHER);
        insert.setBytes(5, late.previousHash().toBytes());
        insert.setBytes(6, late.hash().toBytes());
        insert.executeUpdate();  // the slow transaction now has its id and a lower position
      }
      RecordedEvent early = comment("case-early", 1, null);
      assertTrue(store.append("case-early", 0, List.of(early)), "a later transaction commits first");

      assertEquals(List.of(), store.read(FeedPosition.START, 10),
          "the feed waits: an older transaction is still running");

      slow.commit();
    }

    List<FeedEntry> entries = store.read(FeedPosition.START, 10);
    assertEquals(List.of("case-late", "case-early"), entries.stream().map(e -> e.event().caseId()).toList(),
        "the late commit is read first, not skipped");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> store.read(FeedPosition.START, 0));
    assertTrue(error.getMessage().contains("limit"), error.getMessage());
  }
}
