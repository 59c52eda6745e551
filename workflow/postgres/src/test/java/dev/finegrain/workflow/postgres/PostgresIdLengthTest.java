package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Ids;
import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Deadline;
import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Delegate;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ids of {@link Ids#MAX_LENGTH} chars of 3 bytes each, which do not compress, fit every index of
 * the PostgreSQL store (see {@link Ids} for the arithmetic): a case whose member, role, workflow,
 * stage, case and command ids are all at the limit appends, shows in the inboxes (the index of
 * three ids), is found by its command ids, is snapshotted, and loads back equal; the same chars,
 * a few more of them, are what PostgreSQL refuses.
 */
class PostgresIdLengthTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000000123Z");
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

  /** {@code length} CJK chars (U+4E00 to U+9FFF, 3 bytes each in UTF-8) drawn from {@code random}: no compression. */
  private static String cjk(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00 + 1)));
    }
    return out.toString();
  }

  private final Random random = new Random(20_260_302);

  private String id() {
    String id = cjk(random, Ids.MAX_LENGTH);
    assertEquals(3 * Ids.MAX_LENGTH, id.getBytes(StandardCharsets.UTF_8).length);
    return id;
  }

  @Test
  void aCaseWhoseIdsAreAllAtTheLimitAppendsShowsInTheInboxAndLoadsBack() throws SQLException {
    String owner = id();
    String reviewer = id();
    String director = id();
    String chen = id();
    String lin = id();
    String zhou = id();
    String boss = id();
    String kind = id();
    String stage = id();
    String caseId = id();
    Team team = Team.builder().id(id()).name("Tea shop")
        .addRoles(Role.of(owner, "Owner"), Role.of(reviewer, "Reviewer"), Role.of(director, "Director"))
        .addMember(Member.builder().id(chen).name("Chen").addRole(owner).build())
        .addMember(Member.builder().id(lin).name("Lin").addRole(reviewer).build())
        .addMember(Member.builder().id(zhou).name("Zhou").addRole(reviewer).build())
        .addMember(Member.builder().id(boss).name("Boss").addRole(director).build())
        .build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().id(id()).version(1).subjectKind(kind)
        .addPhase(Phase.of(Stage.builder().id(stage).name("Review").addReviewerRole(reviewer)
            .quorum(Quorum.atLeast(2)).deadline(Deadline.builder().escalateAfter(Duration.ofHours(48))
                .escalationRole(director).expireAfter(Duration.ofHours(96)).build()).build()))
        .leadRole(director).build();
    ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team)).register(workflow)
        .store(PostgresEventStore.of(dataSource)).build();

    assertAccepted(engine.handle(Submit.builder().commandId(id()).caseId(caseId).actor(chen).at(T0)
        .subject(Artifact.builder(kind).put("title", "Longjing").build()).build()));
    assertEquals(List.of(caseId), engine.inbox(lin, T0).stream().map(InboxItem::caseId).toList());
    assertAccepted(engine.handle(Delegate.builder().commandId(id()).caseId(caseId).actor(lin).at(T0.plusSeconds(1))
        .from(lin).to(boss).validFrom(T0.plusSeconds(1)).validUntil(T0.plus(Duration.ofDays(7))).build()));
    assertEquals(List.of(Optional.of(lin)), engine.inbox(boss, T0.plusSeconds(2)).stream()
        .map(InboxItem::onBehalfOf).toList(), "boss may vote as lin's delegate");
    assertEquals(List.of(768L, 768L, 768L, 768L), longs("SELECT octet_length(member_id), octet_length(case_id),"
        + " octet_length(stage_id), octet_length(on_behalf_of) FROM finegrain_inbox WHERE on_behalf_of IS NOT NULL"));
    Approve approve = Approve.builder().commandId(id()).caseId(caseId).actor(boss).at(T0.plusSeconds(2))
        .stageId(stage).onBehalfOf(lin).build();
    ReviewOutcome approved = engine.handle(approve);
    assertAccepted(approved);
    ReviewEngine other = ReviewEngine.builder(ReviewContext.of(team)).register(workflow)
        .store(PostgresEventStore.of(dataSource)).build();
    assertEquals(approved, other.handle(approve), "a retry found by (case_id, command_id) in another engine");
    for (int i = 0; i < 100; i++) {
      assertAccepted(engine.handle(Comment.builder().commandId(id()).caseId(caseId).actor(chen)
          .at(T0.plusSeconds(3 + i)).text("note " + i).build()));
    }
    Instant escalated = T0.plus(Duration.ofHours(49));
    assertEquals(List.of(caseId), engine.dueBy(escalated, 10));
    assertAccepted(engine.handle(Tick.builder().commandId(id()).caseId(caseId).actor(ReviewEvent.SYSTEM)
        .at(escalated).build()));
    assertEquals(List.of(stage), engine.inbox(boss, escalated).stream().map(InboxItem::stageId).toList(),
        "escalated to the director");

    // every id went in whole, 768 bytes, into the indexed columns
    assertEquals(List.of(768L, 768L, 768L, 768L), longs("SELECT max(octet_length(case_id)), max(octet_length(command_id)),"
        + " min(octet_length(case_id)), min(octet_length(command_id)) FROM finegrain_events"));
    assertEquals(List.of(768L, 768L, 768L, 2L), longs("SELECT min(octet_length(member_id)),"
        + " min(octet_length(case_id)), min(octet_length(stage_id)), count(*) FROM finegrain_inbox"),
        "the inbox rows of zhou, who has not voted, and boss, escalated to");
    assertEquals(List.of(768L, 768L), longs("SELECT octet_length(case_id), octet_length(stage_id)"
        + " FROM finegrain_open_stages"));
    assertEquals(List.of(100L), longs("SELECT version FROM finegrain_snapshots"));

    ReviewEngine restarted = ReviewEngine.builder(ReviewContext.of(team)).register(workflow)
        .store(PostgresEventStore.of(dataSource)).build();
    assertEquals(engine.state(caseId), restarted.state(caseId));
    assertEquals(engine.store().load(caseId), restarted.store().load(caseId));
    assertEquals(List.of(caseId), restarted.store().caseIds());
    assertTrue(restarted.verify(caseId, engine.headHash(caseId)).intact());
    assertEquals(engine.inbox(zhou, escalated), restarted.inbox(zhou, escalated));
  }

  /**
   * The control: the same kind of chars, 300 of them per id, is more than the inbox's indexes can
   * hold (3 ids of 900 bytes), so the ids above were not shrunk by compression on their way in.
   */
  @Test
  void idsOfThreeHundredSuchCharsAreWhatPostgresRefuses() throws SQLException {
    String id = cjk(random, 300);
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO finegrain_inbox (member_id, case_id, stage_id, rank, stage_name, since_s, since_n, pending)"
            + " VALUES (?, ?, ?, 0, 'Review', 0, 0, false)")) {
      insert.setString(1, id);
      insert.setString(2, cjk(random, 300));
      insert.setString(3, cjk(random, 300));
      SQLException refused = assertThrows(SQLException.class, insert::executeUpdate);
      assertEquals("54000", refused.getSQLState(), refused.getMessage());
      assertTrue(refused.getMessage().contains("index row size"), refused.getMessage());
    }
  }

  private static void assertAccepted(ReviewOutcome outcome) {
    assertTrue(outcome.isAccepted(), outcome.toString());
  }

  private static List<Long> longs(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Long> out = new java.util.ArrayList<>();
      while (rows.next()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          out.add(rows.getLong(i));
        }
      }
      return out;
    }
  }
}
