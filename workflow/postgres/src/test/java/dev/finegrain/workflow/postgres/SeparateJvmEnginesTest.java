package dev.finegrain.workflow.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines in two JVMs over one PostgreSQL database comment on the same cases at the same time:
 * every accepted command is recorded exactly once, every refusal is a version conflict, the chains
 * verify, and a third engine started afterwards sees what both wrote.
 */
class SeparateJvmEnginesTest {
  private static final int CASES = 10;
  private static final int NOTES = 5;
  private static EmbeddedPostgres postgres;

  @TempDir
  static Path work;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    PostgresEventStore.migrate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoProcessesNeitherLoseNorDoubleACommand() throws Exception {
    ReviewEngine here = EngineProcess.engine(postgres.getPostgresDatabase());
    for (int c = 0; c < CASES; c++) {
      assertTrue(here.handle(EngineProcess.submit("listing-" + c)).isAccepted());
    }
    Path output = work.resolve("other.out");
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EngineProcess.class.getName(),
        postgres.getJdbcUrl("postgres", "postgres"), "zhou", String.valueOf(CASES), String.valueOf(NOTES))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();

    Set<String> accepted = new HashSet<>();
    List<String> refusals = new ArrayList<>();
    for (int note = 0; note < NOTES; note++) {
      for (int c = 0; c < CASES; c++) {
        ReviewOutcome outcome = here.handle(EngineProcess.comment("ma", c, note));
        if (outcome.isAccepted()) {
          accepted.add(outcome.commandId());
        } else {
          refusals.add(outcome.refusal().orElseThrow().reason().name());
        }
      }
    }
    assertTrue(other.waitFor(2, TimeUnit.MINUTES), "the other engine's process did not finish");
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(0, other.exitValue(), () -> "the other engine failed:\n" + String.join("\n", lines));
    for (String line : lines) {
      if (line.startsWith("refused ")) {
        refusals.add(line.substring("refused ".length()));
      } else {
        accepted.add(line);
      }
    }

    assertTrue(refusals.stream().allMatch(r -> r.equals(RefusalReason.VERSION_CONFLICT.name())), refusals::toString);
    assertEquals(2 * CASES * NOTES, accepted.size() + refusals.size(), "every command answered once");
    ReviewEngine later = EngineProcess.engine(postgres.getPostgresDatabase());
    Set<String> recorded = new HashSet<>();
    for (int c = 0; c < CASES; c++) {
      List<RecordedEvent> log = later.events("listing-" + c);
      assertTrue(HashChain.verify(log).intact(), HashChain.verify(log).message());
      for (RecordedEvent event : log) {
        if (!event.commandId().startsWith("submit-")) {
          assertTrue(recorded.add(event.commandId()), "recorded twice: " + event.commandId());
        }
      }
      assertEquals(here.state("listing-" + c), later.state("listing-" + c));
    }
    assertEquals(accepted, recorded, "exactly the accepted commands are recorded");
  }
}
