package dev.finegrain.workflow.postgres;

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
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Submit;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two engines over one database in a rolling upgrade: the old one registers workflow w v1, the new
 * one v1 and v2, and the new one submits a v2 case. The projection the new engine writes with its
 * append holds the case; the old engine's queries never throw for it, and leave it out of the
 * inbox once its deadline is due (the old engine cannot check it).
 */
class PostgresWorkflowVersionsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofHours(3));
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

  private static ReviewWorkflow version(int version) {
    return ReviewWorkflow.builder().id("w").version(version).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy v" + version).addReviewerRole("copywriter")
            .deadline(Deadline.builder().escalateAfter(Duration.ofHours(2)).escalationRole("manager").build())
            .build()))
        .build();
  }

  private static ReviewEngine.Builder engine() {
    Team team = Team.builder().id("shop").name("Shop").addRoles(Role.of("copywriter", "C"), Role.of("manager", "M"))
        .addMember(Member.builder().id("seller").name("S").addRole("copywriter").build())
        .addMember(Member.builder().id("lin").name("L").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build()).build();
    return ReviewEngine.builder(ReviewContext.of(team)).store(PostgresEventStore.of(postgres.getPostgresDatabase()));
  }

  private static void submit(ReviewEngine engine, String caseId) {
    ReviewOutcome outcome = engine.handle(Submit.builder().commandId("s-" + caseId).caseId(caseId).actor("seller")
        .at(NOW).subject(Artifact.builder("listing").put("title", "Tea").build()).build());
    assertTrue(outcome.isAccepted(), outcome::toString);
  }

  private static List<String> cases(List<InboxItem> items) {
    return items.stream().map(InboxItem::caseId).toList();
  }

  @Test
  void theOldEngineNeverThrowsForACaseOfAVersionItHasNotRegistered() {
    ReviewEngine old = engine().register(version(1)).build();
    ReviewEngine upgraded = engine().register(version(1), version(2)).build();
    submit(old, "k1");
    submit(upgraded, "k2");

    assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", LATER, 10)));
    assertEquals(List.of("k1", "k2"), cases(old.inbox("lin", NOW, 10)), "as the new engine projected k2");
    assertEquals(List.of("k1"), cases(old.inbox("lin", LATER, 10)), "k2 is due: the old engine cannot check it");
    assertEquals(List.of("k1"), cases(old.inbox("lin", LATER)));
    assertEquals(List.of("k1", "k2"), old.dueBy(LATER, 10));
    assertEquals(List.of(2L), old.openStages().stream().map(OpenStageCount::openStages).toList());
  }
}
