package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines over one database, each deciding a command first on the state it last saw: whatever
 * the other engine did meanwhile, a command is recorded at most once, on the current state, and a
 * refusal is never the answer of a stale state. And the point of it: a command on a case this
 * engine saw last takes one statement.
 */
class PostgresSeveralEnginesTest {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    PostgresEventStore.migrate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void empty() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE finegrain_events, finegrain_cases, finegrain_inbox, finegrain_open_cases,"
          + " finegrain_open_stages, finegrain_snapshots");
    }
  }

  /** The database's connections, counting how many are taken: one per statement the store runs. */
  private static final class Counted {
    final AtomicInteger taken = new AtomicInteger();
    final DataSource dataSource;

    Counted() {
      DataSource real = postgres.getPostgresDatabase();
      dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
          new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
              taken.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  private static ReviewEngine engine() {
    return EngineProcess.engine(postgres.getPostgresDatabase());
  }

  private static Comment note(String id, String actor) {
    return Comment.builder().commandId(id).caseId("listing-0").actor(actor).at(EngineProcess.T0.plusSeconds(60))
        .text("note " + id).build();
  }

  private static Approve approve(String id, String actor, String stage) {
    return Approve.builder().commandId(id).caseId("listing-0").actor(actor).at(EngineProcess.T0.plusSeconds(120))
        .stageId(stage).build();
  }

  private static long recorded(ReviewEngine engine, String commandId) {
    List<RecordedEvent> log = engine.events("listing-0");
    assertTrue(HashChain.verify(log).intact(), HashChain.verify(log).message());
    return log.stream().filter(e -> e.commandId().equals(commandId)).count();
  }

  @Test
  void aCommandRetriedOnAnEngineThatHasSeenItsEventsAnswersItsFirstOutcome() {
    ReviewEngine a = engine();
    ReviewEngine b = engine();
    assertTrue(a.handle(EngineProcess.submit("listing-0")).isAccepted());
    ReviewOutcome first = a.handle(note("n-1", "ma"));
    assertTrue(first.isAccepted(), first.toString());
    b.state("listing-0");  // b's cached case now ends with n-1's event

    ReviewOutcome retried = b.handle(note("n-1", "ma"));  // a comment is always accepted on any state

    assertEquals(first, retried);
    assertEquals(1, recorded(b, "n-1"));
  }

  @Test
  void anEngineWhoseCaseIsStaleDecidesAgainOnTheCurrentOne() {
    ReviewEngine a = engine();
    ReviewEngine b = engine();
    assertTrue(a.handle(EngineProcess.submit("listing-0")).isAccepted());
    b.state("listing-0");
    ReviewOutcome copy = a.handle(approve("copy-ok", "zhou", "copy"));  // the manager stage opens
    assertTrue(copy.isAccepted(), copy.toString());

    ReviewOutcome approved = b.handle(approve("manager-1", "ma", "manager"));  // refused on b's stale state

    assertTrue(approved.isAccepted(), approved.toString());
    assertEquals(a.version("listing-0"), approved.version());
    assertEquals(approved.events().size(), recorded(a, "manager-1"));
    assertEquals(copy.events().size(), recorded(a, "copy-ok"));
  }

  @Test
  void anEngineThatNeverSawACaseDecidesOnTheStoredOne() {
    ReviewEngine a = engine();
    ReviewOutcome submitted = a.handle(EngineProcess.submit("listing-0"));
    ReviewEngine restarted = engine();

    ReviewOutcome approved = restarted.handle(approve("copy-ok", "zhou", "copy"));
    ReviewOutcome again = restarted.handle(EngineProcess.submit("listing-0"));
    Submit other = Submit.builder().commandId("submit-again").caseId("listing-0").actor("lin")
        .at(EngineProcess.T0.plusSeconds(180)).subject(Artifact.builder("listing").put("title", "Tea").build())
        .build();
    ReviewOutcome taken = engine().handle(other);

    assertTrue(approved.isAccepted(), approved.toString());
    assertEquals(submitted, again, "the first submit's outcome");
    assertFalse(taken.isAccepted(), "a second submit of a submitted case: " + taken);
    assertEquals(0, recorded(a, "submit-again"));
  }

  @Test
  void aCommandOnACaseThisEngineSawLastTakesOneStatement() {
    Counted counted = new Counted();
    ReviewEngine engine = EngineProcess.engine(counted.dataSource);
    assertTrue(engine.handle(EngineProcess.submit("listing-0")).isAccepted());

    int before = counted.taken.get();
    assertTrue(engine.handle(note("n-1", "ma")).isAccepted());
    int comment = counted.taken.get() - before;
    before = counted.taken.get();
    assertTrue(engine.handle(approve("copy-ok", "zhou", "copy")).isAccepted());
    int approval = counted.taken.get() - before;

    assertEquals(1, comment);
    assertEquals(1, approval);
  }
}
