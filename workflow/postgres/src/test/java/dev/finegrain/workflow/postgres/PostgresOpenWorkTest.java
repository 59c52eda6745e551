package dev.finegrain.workflow.postgres;

import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.Deadline;
import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.OpenStageCount;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Delegate;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.RequestChanges;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open-work projection in PostgreSQL, written in the append's transaction, answers the inbox
 * (whole and in pages), the cases due and the open-stage counts as reading every case would:
 * random commands (votes, rejections, change requests, resubmissions, delegations, comments,
 * ticks, by eligible members or not) over several cases with an escalating, expiring stage,
 * compared at instants before and after their deadlines with an engine over the same database that
 * reads every case through the SPI.
 */
class PostgresOpenWorkTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.000000123Z");
  private static final List<String> MEMBERS = List.of("chen", "lin", "zhou", "ma", "tang", "boss", "he");
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  /** One connection reused by every store call of the property, as a pool would. */
  private static OneConnection pooled;

  /** The store's events through the SPI only: an engine over it has no projection and reads every case. */
  private record SpiOnly(EventStore store) implements EventStore {
    @Override
    public List<RecordedEvent> load(String caseId) {
      return store.load(caseId);
    }

    @Override
    public List<RecordedEvent> loadAfter(String caseId, long version) {
      return store.loadAfter(caseId, version);
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      throw new AssertionError("the scanning engine only reads");
    }

    @Override
    public List<String> caseIds() {
      return store.caseIds();
    }
  }

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    PostgresEventStore.migrate(dataSource);
    try {
      pooled = new OneConnection(dataSource);
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException, SQLException {
    if (pooled != null) {
      pooled.closeForReal();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    truncate();
  }

  private static void truncate() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE finegrain_events, finegrain_cases, finegrain_inbox, finegrain_open_cases,"
          + " finegrain_open_stages, finegrain_snapshots");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static ReviewContext context() {
    Team team = Team.builder().id("shop").name("Tea shop")
        .addRoles(Role.of("owner", "Owner"), Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"),
            Role.of("director", "Director"), Role.of("warehouse", "Warehouse"))
        .addMember(Member.builder().id("chen").name("Chen").addRole("owner").build())
        .addMember(Member.builder().id("lin").name("Lin").addRole("copywriter").build())
        .addMember(Member.builder().id("zhou").name("Zhou").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build())
        .addMember(Member.builder().id("tang").name("Tang").addRole("manager").addRole("copywriter").build())
        .addMember(Member.builder().id("boss").name("Boss").addRole("director").build())
        .addMember(Member.builder().id("he").name("He").addRole("warehouse").build())
        .build();
    return ReviewContext.of(team);
  }

  static ReviewWorkflow workflow() {
    return ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing").forbidSelfReview(true)
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).deadline(Deadline.builder().escalateAfter(Duration.ofHours(48))
                .escalationRole("director").expireAfter(Duration.ofHours(96)).build()).build()))
        .build();
  }

  private static ReviewEngine engine(EventStore store) {
    return ReviewEngine.builder(context()).register(workflow()).store(store).build();
  }

  @Test
  void theProjectionAnswersAsReadingEveryCase() {
    qtWithAtMost(12).forAll(longs(0, Long.MAX_VALUE)).checkAssert(PostgresOpenWorkTest::randomCommands);
  }

  private static void randomCommands(long seed) {
    truncate();
    Random random = new Random(seed);
    PostgresEventStore store = PostgresEventStore.of(pooled);
    ReviewEngine indexed = engine(store);
    ReviewEngine scanning = engine(new SpiOnly(store));
    int cases = 4;
    Instant now = T0;
    for (int c = 0; c < cases; c++) {
      now = now.plusSeconds(600 + random.nextInt(600));
      indexed.handle(Submit.builder().commandId("s-" + c).caseId("listing-" + c).actor(random.nextBoolean() ? "chen"
          : "lin").at(now).subject(Artifact.builder("listing").put("title", "Tea " + c).build()).build());
    }
    for (int step = 0; step < 40; step++) {
      now = now.plus(Duration.ofMinutes(random.nextInt(10) < 8 ? random.nextInt(90) : random.nextInt(60 * 40)));
      String caseId = "listing-" + random.nextInt(cases);
      String actor = MEMBERS.get(random.nextInt(MEMBERS.size()));
      String other = MEMBERS.get(random.nextInt(MEMBERS.size()));
      String stage = random.nextBoolean() ? "copy" : "manager";
      String id = "x-" + step;
      ReviewCommand command = switch (random.nextInt(9)) {
        case 0, 1, 2 -> Approve.builder().commandId(id).caseId(caseId).actor(actor).at(now).stageId(stage).build();
        case 3 -> Reject.builder().commandId(id).caseId(caseId).actor(actor).at(now).stageId(stage).reason("no")
            .build();
        case 4 -> RequestChanges.builder().commandId(id).caseId(caseId).actor(actor).at(now).stageId(stage)
            .reason("shorter").build();
        case 5 -> Resubmit.builder().commandId(id).caseId(caseId).actor(actor).at(now)
            .subject(Artifact.builder("listing").put("title", "Tea, revised " + step).build()).build();
        case 6 -> {
          Instant validFrom = now.plus(Duration.ofMinutes(random.nextInt(120)));
          yield Delegate.builder().commandId(id).caseId(caseId).actor(actor).at(now).from(actor).to(other)
              .validFrom(validFrom).validUntil(validFrom.plus(Duration.ofHours(1 + random.nextInt(60)))).build();
        }
        case 7 -> Comment.builder().commandId(id).caseId(caseId).actor(actor).at(now).text("note " + step).build();
        default -> Tick.builder().commandId(id).caseId(caseId).actor(ReviewEvent.SYSTEM).at(now).build();
      };
      indexed.handle(command);
      if (step % 8 == 7) {
        for (Instant at : List.of(T0, now, now.plus(Duration.ofHours(30)), now.plus(Duration.ofHours(60)),
            now.plus(Duration.ofDays(30)))) {
          sameAnswers(indexed, scanning, at, 1 + random.nextInt(3));
        }
      }
    }
  }

  private static void sameAnswers(ReviewEngine indexed, ReviewEngine scanning, Instant at, int pageSize) {
    for (String member : MEMBERS) {
      List<InboxItem> expected = scanning.inbox(member, at);
      assertEquals(expected, indexed.inbox(member, at), () -> member + "'s inbox at " + at);
      List<InboxItem> paged = new ArrayList<>();
      List<InboxItem> page = indexed.inbox(member, at, pageSize);
      while (!page.isEmpty()) {
        paged.addAll(page);
        page = indexed.inboxAfter(member, at, page.get(page.size() - 1), pageSize);
      }
      assertEquals(expected, paged, () -> member + "'s inbox at " + at + " in pages of " + pageSize);
    }
    assertEquals(scanning.dueBy(at, 100), indexed.dueBy(at, 100), () -> "cases due by " + at);
    assertEquals(scanning.openStages(), indexed.openStages(), "open stages");
  }

  @Test
  void aLongCaseIsLoadedFromItsSnapshotAndTheEventsAfterIt() throws SQLException {
    PostgresEventStore store = PostgresEventStore.of(pooled);
    ReviewEngine first = engine(store);
    first.handle(Submit.builder().commandId("s").caseId("long").actor("chen").at(T0)
        .subject(Artifact.builder("listing").put("title", "Tea").build()).build());
    for (int i = 1; i <= 250; i++) {
      first.handle(Comment.builder().commandId("n-" + i).caseId("long").actor("lin").at(T0.plusSeconds(i))
          .text("note " + i).build());
    }
    assertEquals(List.of(200L), column("SELECT version FROM finegrain_snapshots WHERE case_id = 'long'"),
        "a snapshot every 100 events, written with them");

    ReviewEngine restarted = engine(store);
    assertEquals(first.state("long"), restarted.state("long"), "loaded from the snapshot and 51 events after it");
    assertEquals(first.headHash("long"), restarted.headHash("long"));
    assertTrue(restarted.handle(Approve.builder().commandId("a").caseId("long").actor("lin").at(T0.plusSeconds(999))
        .stageId("copy").build()).isAccepted());

    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("UPDATE finegrain_snapshots SET state = jsonb_set(state, '{format}', '999')");
    }
    ReviewEngine afterFormatChange = engine(store);
    assertEquals(restarted.state("long"), afterFormatChange.state("long"),
        "a snapshot of a form the engine does not read is ignored: the case is replayed from its events");
    assertTrue(afterFormatChange.verify("long", restarted.headHash("long")).intact());
  }

  private static List<Long> column(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      List<Long> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getLong(1));
      }
      return out;
    }
  }

  @Test
  void aClosedCaseLeavesNoRowsBehind() throws SQLException {
    PostgresEventStore store = PostgresEventStore.of(dataSource);
    ReviewEngine engine = engine(store);
    engine.handle(Submit.builder().commandId("s").caseId("listing-1").actor("chen").at(T0)
        .subject(Artifact.builder("listing").put("title", "Tea").build()).build());
    assertEquals(List.of(new OpenStageCount("listing-review", "copy", List.of("copywriter"), 1)),
        engine.openStages());
    assertEquals(List.of("listing-1"), engine.inbox("lin", T0).stream().map(InboxItem::caseId).toList());

    engine.handle(Reject.builder().commandId("r").caseId("listing-1").actor("lin").at(T0.plusSeconds(60))
        .stageId("copy").reason("no").build());

    assertEquals(List.of(), engine.openStages());
    assertEquals(List.of(), engine.inbox("lin", T0.plusSeconds(60)));
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : List.of("finegrain_inbox", "finegrain_open_cases", "finegrain_open_stages")) {
        var rows = statement.executeQuery("SELECT count(*) FROM " + table);
        rows.next();
        assertEquals(0, rows.getLong(1), table);
      }
    }
    assertTrue(engine.dueBy(T0.plus(Duration.ofDays(365)), 10).isEmpty());
  }
}
