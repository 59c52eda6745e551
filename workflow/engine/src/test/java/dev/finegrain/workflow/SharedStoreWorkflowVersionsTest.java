package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two engines over one store in a rolling upgrade: the old one registers workflow w v1, the new
 * one v1 and v2. The old engine submits k1 (v1), the new one k2 (v2). The old engine cannot work out
 * k2's open work: its queries must not throw, nor hide k2 from the new engine.
 */
class SharedStoreWorkflowVersionsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  /** Past both cases' escalation (2 h). */
  private static final Instant LATER = NOW.plus(Duration.ofHours(3));
  private static final Artifact SUBJECT = Artifact.builder("listing").put("title", "Tea").build();

  private static final Team TEAM = Team.builder().id("shop").name("Shop")
      .addRoles(Role.of("copywriter", "C"), Role.of("manager", "M"))
      .addMember(Member.builder().id("seller").name("S").addRole("copywriter").build())
      .addMember(Member.builder().id("lin").name("L").addRole("copywriter").build())
      .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build()).build();

  private static ReviewWorkflow version(int version, String stageName) {
    return ReviewWorkflow.builder().id("w").version(version).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name(stageName).addReviewerRole("copywriter")
            .deadline(Deadline.builder().escalateAfter(Duration.ofHours(2)).escalationRole("manager").build())
            .build()))
        .build();
  }

  private static ReviewEngine oldEngine(EventStore store) {
    return ReviewEngine.builder(ReviewContext.of(TEAM)).register(version(1, "Copy")).store(store).build();
  }

  private static ReviewEngine newEngine(EventStore store) {
    return ReviewEngine.builder(ReviewContext.of(TEAM)).register(version(1, "Copy"), version(2, "Copy v2"))
        .store(store).build();
  }

  private static void submit(ReviewEngine engine, String caseId) {
    ReviewOutcome outcome = engine.handle(Submit.builder().commandId("s-" + caseId).caseId(caseId).actor("seller")
        .at(NOW).subject(SUBJECT).build());
    assertTrue(outcome.isAccepted(), outcome::toString);
  }

  private static List<String> cases(List<InboxItem> items) {
    return items.stream().map(InboxItem::caseId).toList();
  }

  private static List<String> workflows(List<OpenStageCount> counts) {
    return counts.stream().map(c -> c.workflowId() + "/" + c.stageId() + "=" + c.openStages()).toList();
  }

  @Test
  void anOldEngineReadingFirstLeavesTheNewVersionsCaseForTheNewEngine() {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine old = oldEngine(store);
    ReviewEngine upgraded = newEngine(store);
    submit(old, "k1");
    submit(upgraded, "k2");

    assertEquals(List.of("k1"), cases(old.inbox("lin", NOW, 10)), "the old engine cannot project k2 yet");
    assertEquals(List.of("k1"), old.dueBy(LATER, 10));

    assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", NOW, 10)), "the new engine projects k2");
    assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", LATER, 10)));
    assertEquals(List.of("k1", "k2"), upgraded.dueBy(LATER, 10), "a dueBy-driven scheduler ticks k2");
    assertEquals(List.of("w/copy=2"), workflows(upgraded.openStages()));
    ReviewOutcome tick = upgraded.handle(Tick.builder().commandId("t-k2").caseId("k2").actor(ReviewEvent.SYSTEM)
        .at(LATER).build());
    assertTrue(tick.isAccepted() && tick.events().size() > 0, tick::toString);
  }

  @Test
  void anOldEngineAfterTheNewOneListsTheProjectionsEntriesUntilTheirDeadlineAndNeverThrows() {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine old = oldEngine(store);
    ReviewEngine upgraded = newEngine(store);
    submit(old, "k1");
    submit(upgraded, "k2");
    assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", LATER, 10)));

    assertEquals(List.of("k1", "k2"), cases(old.inbox("lin", NOW, 10)), "as the new engine projected k2");
    assertEquals(List.of("k1"), cases(old.inbox("lin", LATER, 10)), "k2 is due: the old engine cannot check it");
    assertEquals(List.of("k1"), cases(old.inbox("lin", LATER)));
    assertEquals(List.of("k1", "k2"), old.dueBy(LATER, 10));
    assertEquals(List.of("w/copy=2"), workflows(old.openStages()));
    assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", LATER, 10)), "the old engine's reads changed nothing");
  }

  @Test
  void anOldEngineExplainsANewVersionsCaseByItsLogAndNamesTheVersionItLacks() {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine old = oldEngine(store);
    submit(newEngine(store), "k2");

    WhyBlocked why = old.whyBlocked("k2", LATER);

    assertEquals(CaseStatus.IN_REVIEW, why.status());
    assertEquals("case k2 (workflow 'w' v2, revision 1, submitted by seller): in review, version " + old.version("k2"),
        why.headline());
    assertEquals(List.of(), why.stages());
    assertEquals(List.of("pinned to workflow 'w' v2, which this engine has not registered: its stages, deadlines and"
        + " who may vote are known only to an engine that has; this engine's commands on the case throw"), why.notes());
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> old.workflowOf("k2"));
    assertEquals("case k2 is pinned to workflow 'w' v2, which this engine has not registered", thrown.getMessage());
  }

  @Test
  void overAStoreWithoutProjectionTheOldEngineLeavesTheNewVersionsCaseOutOfEveryQuery() {
    InMemoryEventStore store = new InMemoryEventStore();
    submit(oldEngine(store), "k1");
    submit(newEngine(store), "k2");
    ReviewEngine old = oldEngine(new OpenWorkProperties.SpiOnly(store));
    ReviewEngine upgraded = newEngine(new OpenWorkProperties.SpiOnly(store));

    for (Instant at : List.of(NOW, LATER)) {
      assertEquals(List.of("k1"), cases(old.inbox("lin", at)), "at " + at);
      assertEquals(List.of("k1"), cases(old.inbox("lin", at, 10)), "at " + at);
      assertEquals(List.of("k1", "k2"), cases(upgraded.inbox("lin", at)), "at " + at);
    }
    assertEquals(List.of("k1"), old.dueBy(LATER, 10));
    assertEquals(List.of("w/copy=1"), workflows(old.openStages()));
    assertEquals(List.of("k1", "k2"), upgraded.dueBy(LATER, 10));
    assertEquals(List.of("w/copy=2"), workflows(upgraded.openStages()));
  }
}
