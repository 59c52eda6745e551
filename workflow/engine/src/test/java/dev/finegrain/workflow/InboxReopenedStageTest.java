package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stage reopens (its case is resubmitted) after the open-work projection was read and before the
 * engine checks the projection's entry against the case, as when another thread writes beside an
 * inbox read. Here the projection lags deterministically: the resubmission's events are appended
 * through the in-memory store's SPI, which the projection catches up with only once the case is
 * read. The query instant is past every escalation, so every entry is checked against its case.
 */
class InboxReopenedStageTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  /** Past every case's escalation (2 h after it opened), after the resubmission at T0 + 4 h. */
  private static final Instant AT = T0.plus(Duration.ofHours(5));
  private static final Artifact SUBJECT = Artifact.builder("listing").put("title", "Tea").build();

  private static ReviewEngine engine(EventStore store) {
    Team team = Team.builder().id("shop").name("Shop").addRoles(Role.of("copywriter", "C"), Role.of("manager", "M"))
        .addMember(Member.builder().id("seller").name("S").addRole("copywriter").build())
        .addMember(Member.builder().id("lin").name("L").addRole("copywriter").build())
        .addMember(Member.builder().id("ma").name("Ma").addRole("manager").build()).build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter")
            .deadline(Deadline.builder().escalateAfter(Duration.ofHours(2)).escalationRole("manager").build())
            .build()))
        .build();
    return ReviewEngine.builder(ReviewContext.of(team)).register(workflow).store(store).build();
  }

  /** Cases h0, h1 open at T0 and T0 + 1 s, c0, c1 at T0 + 1 h and a second later; h0 is then resubmitted at T0 + 4 h. */
  private static void submitAll(ReviewEngine engine) {
    for (int i = 0; i < 2; i++) {
      accept(engine, Submit.builder().commandId("h" + i).caseId("h" + i).actor("seller").at(T0.plusSeconds(i))
          .subject(SUBJECT).build());
    }
    for (int i = 0; i < 2; i++) {
      accept(engine, Submit.builder().commandId("c" + i).caseId("c" + i).actor("seller")
          .at(T0.plusSeconds(3600 + i)).subject(SUBJECT).build());
    }
  }

  private static Resubmit resubmitH0() {
    return Resubmit.builder().commandId("r0").caseId("h0").actor("seller").at(T0.plus(Duration.ofHours(4)))
        .subject(SUBJECT).build();
  }

  private static void accept(ReviewEngine engine, dev.finegrain.workflow.command.ReviewCommand command) {
    ReviewOutcome outcome = engine.handle(command);
    assertTrue(outcome.isAccepted(), () -> command + ": " + outcome);
  }

  /** An engine whose projection still holds h0 as opened at T0, though its log has it reopened at T0 + 4 h. */
  private static ReviewEngine withLaggingProjection(InMemoryEventStore store) {
    ReviewEngine engine = engine(store);
    submitAll(engine);
    assertEquals(4, engine.inbox("lin", AT, 10).size(), "the projection holds every case");
    InMemoryEventStore elsewhere = new InMemoryEventStore();  // the same commands give the same events
    ReviewEngine writer = engine(elsewhere);
    submitAll(writer);
    long before = writer.version("h0");
    accept(writer, resubmitH0());
    assertTrue(store.append("h0", before, elsewhere.loadAfter("h0", before)), "appended through the SPI");
    return engine;
  }

  private static List<InboxItem> walk(ReviewEngine engine, int pageSize) {
    List<InboxItem> all = new ArrayList<>();
    List<InboxItem> page = engine.inbox("lin", AT, pageSize);
    while (!page.isEmpty()) {
      all.addAll(page);
      page = engine.inboxAfter("lin", AT, page.get(page.size() - 1), pageSize);
    }
    return all;
  }

  private static List<String> keys(List<InboxItem> items) {
    return items.stream().map(i -> i.caseId() + "@" + i.since()).toList();
  }

  @Test
  void pagingPastAStageThatReopenedBesideTheReadShowsEveryUnchangedCaseOnce() {
    for (int pageSize = 1; pageSize <= 5; pageSize++) {
      InMemoryEventStore store = new InMemoryEventStore();
      ReviewEngine engine = withLaggingProjection(store);
      List<InboxItem> walked = walk(engine, pageSize);
      ReviewEngine scanning = engine(new OpenWorkProperties.SpiOnly(store));  // reads every case
      List<InboxItem> expected = scanning.inbox("lin", AT);
      assertEquals(List.of("h1@" + T0.plusSeconds(1), "c0@" + T0.plusSeconds(3600), "c1@" + T0.plusSeconds(3601),
          "h0@" + T0.plus(Duration.ofHours(4))), keys(expected), "the reopened h0 now sorts last");
      assertEquals(keys(expected), keys(walked), "pages of " + pageSize);
    }
  }

  @Test
  void oneInboxReadBesideAReopenedStageIsInInboxOrderAndListsIt() {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = withLaggingProjection(store);
    List<InboxItem> inbox = engine.inbox("lin", AT);
    List<InboxItem> sorted = new ArrayList<>(inbox);
    sorted.sort(EngineQueries.INBOX_ORDER);
    assertEquals(keys(sorted), keys(inbox), "in inbox order");
    assertEquals(List.of("h1", "c0", "c1", "h0"), inbox.stream().map(InboxItem::caseId).toList());
  }

  @Test
  void aFullPageBesideAReopenedStageEndsWhereTheNextPageContinues() {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = withLaggingProjection(store);
    List<InboxItem> first = engine.inbox("lin", AT, 2);
    assertEquals(List.of("h1", "c0"), first.stream().map(InboxItem::caseId).toList(),
        "the reopened h0 sorts after this page: left to the page where it belongs");
    List<InboxItem> rest = engine.inboxAfter("lin", AT, first.get(1), 2);
    assertEquals(List.of("c1", "h0"), rest.stream().map(InboxItem::caseId).toList());
    assertNotEquals(T0, rest.get(1).since());
  }
}
