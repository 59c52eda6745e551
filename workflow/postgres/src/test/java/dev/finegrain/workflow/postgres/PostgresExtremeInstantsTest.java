package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Deadline;
import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instants far from now in PostgreSQL. The store keeps no {@code timestamptz} (whose range is 4713
 * BC to 294276 AD): events are JSONB with ISO-8601 text, the open-work projection has (seconds,
 * nanoseconds) pairs in {@code bigint} and {@code integer}. So a log an earlier release accepted at
 * {@link Instant#MAX} (year 1,000,000,000) appends and loads back as written, and a deadline past
 * year 9999 (a stage opened late in 9999 with a 100-year deadline) is kept in the projection.
 */
class PostgresExtremeInstantsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    PostgresEventStore.migrate(dataSource);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE finegrain_events, finegrain_cases, finegrain_inbox, finegrain_open_cases,"
          + " finegrain_open_stages, finegrain_snapshots");
    }
  }

  private static final ReviewWorkflow WORKFLOW = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
      .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter")
          .deadline(Deadline.builder().escalateAfter(Deadline.MAX_DURATION.minusDays(1)).escalationRole("director")
              .expireAfter(Deadline.MAX_DURATION).build()).build()))
      .build();

  private static ReviewEngine engine() {
    Team team = Team.builder().id("shop").name("Shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("director", "Director"))
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").build())
        .addMember(Member.builder().id("boss").name("Boss").addRole("director").build())
        .build();
    return ReviewEngine.builder(ReviewContext.of(team)).register(WORKFLOW).store(PostgresEventStore.of(dataSource))
        .build();
  }

  private static Submit submit(String caseId, Instant at) {
    return Submit.builder().commandId("s-" + caseId).caseId(caseId).actor("chen").at(at)
        .subject(Artifact.builder("listing").put("title", "Longjing").build()).build();
  }

  @Test
  void aLogDatedInYear1000000000AppendsAndLoadsBackAsWritten() {
    // the events a submission at T0 records, dated Instant.MAX as an earlier release accepted
    ReviewEngine scratch = ReviewEngine.builder(engine().context()).register(WORKFLOW).build();
    assertTrue(scratch.handle(submit("far", T0)).isAccepted());
    List<RecordedEvent> log = new ArrayList<>();
    Hash previous = HashChain.GENESIS;
    for (RecordedEvent recorded : scratch.events("far")) {
      ReviewEvent event = FinegrainJson.read(FinegrainJson.write(recorded.event()).replace(T0.toString(),
          Instant.MAX.toString()), ReviewEvent.class);
      assertEquals(Instant.MAX, event.at());
      RecordedEvent next = RecordedEvent.chain(event, recorded.commandId(), previous);
      log.add(next);
      previous = next.hash();
    }
    PostgresEventStore store = PostgresEventStore.of(dataSource);

    assertTrue(store.append("far", 0, log));

    assertEquals(log, store.load("far"));
    assertEquals(log, store.read(FeedPosition.START, 10).stream().map(FeedEntry::event).toList());
    ReviewEngine engine = engine();
    assertTrue(engine.verify("far").intact());
    assertEquals(Optional.of(Instant.MAX), engine.state("far").updatedAt());
    ReviewOutcome now = engine.handle(Comment.builder().commandId("c-1").caseId("far").actor("lin")
        .at(ReviewCommand.MAX_INSTANT).text("note").build());
    assertEquals(Optional.of(RefusalReason.BEFORE_LAST_EVENT), now.refusalReason(), now::toString);
  }

  @Test
  void aDeadlinePastYear9999IsKeptInTheOpenWorkProjection() {
    ReviewEngine engine = engine();
    Instant opened = Instant.parse("9999-12-31T23:59:58Z");
    Instant escalates = opened.plus(Deadline.MAX_DURATION.minusDays(1));

    assertTrue(engine.handle(submit("late", opened)).isAccepted());

    assertEquals("+10099-12-30T23:59:58Z", escalates.toString());
    List<InboxItem> inbox = engine.inbox("lin", opened);
    assertEquals(1, inbox.size());
    assertEquals(Optional.of(escalates), inbox.get(0).escalatesAt());
    assertEquals(List.of(), engine.dueBy(ReviewCommand.MAX_INSTANT, 10));
    assertEquals(List.of("late"), engine.dueBy(escalates, 10));
    assertEquals(List.of("late"), engine.dueBy(Instant.MAX, 10));
  }
}
