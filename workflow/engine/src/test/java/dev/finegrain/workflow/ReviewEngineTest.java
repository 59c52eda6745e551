package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The engine facade: registry and pinning, optimistic concurrency, idempotency, submit routing. */
class ReviewEngineTest {
  private final EngineDriver d = EngineDriver.listing();

  /** Version 2 of the listing review: no compliance stage, and one manager's approval is enough. */
  static ReviewWorkflow listingReviewV2() {
    return ReviewWorkflow.builder().from(Fixtures.listingReview()).version(2)
        .phases(List.of(Phase.of(Fixtures.copy(), Fixtures.image()),
            Phase.of(Stage.builder().from(Fixtures.manager()).quorum(Quorum.any()).build())))
        .distinctApproverStages(List.of()).build();
  }

  // --- registry -------------------------------------------------------------------------------

  @Test
  void aCaseStaysPinnedToTheVersionItStartedWithAfterANewVersionRegisters() {
    d.atManagerApproval("old");
    d.engine.register(listingReviewV2());
    d.atManagerApproval("new");

    assertEquals(1, d.engine.state("old").workflowVersion());
    assertEquals(2, d.engine.state("new").workflowVersion());
    assertEquals(Optional.of(listingReviewV2()), d.engine.latest("listing-review"));

    d.accept(d.approve("old", "ma", "manager"));
    d.accept(d.approve("new", "ma", "manager"));
    assertFalse(d.engine.state("old").isClosed(), "v1 still needs 2 of 3 managers");
    assertEquals(Optional.of(Outcome.APPROVED), d.engine.state("new").outcome(), "v2 needs one");
    d.accept(d.approve("old", "guo", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), d.engine.state("old").outcome());
  }

  /**
   * Two engines over one store register different bodies under the same workflow id and version:
   * each case records the hash of the definition it was submitted under, and the engine whose
   * definition differs refuses its commands instead of following its own body.
   */
  @Test
  void anEngineWhoseDefinitionDiffersFromTheCasesRefusesItsCommands() {
    EventStore store = new InMemoryEventStore();
    EngineDriver a = new EngineDriver(ReviewEngine.builder(Fixtures.context()).store(store)
        .register(Fixtures.listingReview()).build());
    ReviewWorkflow sameIdOtherBody = ReviewWorkflow.builder().from(listingReviewV2()).version(1).build();
    ReviewEngine b = ReviewEngine.builder(Fixtures.context()).store(store).register(sameIdOtherBody).build();
    a.atManagerApproval("l-1");
    assertEquals(Optional.of(Fixtures.listingReview().definitionHash()), a.engine.state("l-1").definitionHash());

    ReviewOutcome refused = b.handle(a.approve("l-1", "ma", "manager"));

    assertEquals(Optional.of(RefusalReason.DEFINITION_CHANGED), refused.refusalReason());
    assertTrue(refused.refusal().orElseThrow().message().startsWith("case l-1 was submitted under a definition of"
        + " workflow 'listing-review' v1 with hash " + Fixtures.listingReview().definitionHash().abbreviated()),
        refused.toString());
    assertEquals(Optional.of(RefusalReason.DEFINITION_CHANGED), b.handle(a.tick("l-1")).refusalReason());
    assertTrue(b.whyBlocked("l-1", Fixtures.T0.plusSeconds(3_600)).notes().stream().anyMatch(n -> n.startsWith(
        "submitted under a definition of workflow 'listing-review' v1 with hash "
            + Fixtures.listingReview().definitionHash().abbreviated())), "b's why-blocked says so");
    assertTrue(a.engine.whyBlocked("l-1", Fixtures.T0.plusSeconds(3_600)).notes().stream()
        .noneMatch(n -> n.contains("DEFINITION_CHANGED")), "a's does not");
    assertFalse(b.state("l-1").isClosed(), "under b's body one manager would have approved it");
    a.accept(a.approve("l-1", "ma", "manager"));
    a.accept(a.approve("l-1", "guo", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), a.engine.state("l-1").outcome());

    EngineDriver viaB = new EngineDriver(b);
    viaB.atManagerApproval("l-2");
    assertEquals(Optional.of(RefusalReason.DEFINITION_CHANGED),
        a.send(a.approve("l-2", "ma", "manager")).refusalReason(), "and the other way round");
  }

  /** A case whose case-submitted event recorded no definition hash (recorded before the field) is decided as before. */
  @Test
  void aCaseWithoutARecordedDefinitionHashIsDecidedAsBefore() {
    EventStore store = new InMemoryEventStore();
    EngineDriver a = new EngineDriver(ReviewEngine.builder(Fixtures.context()).store(store)
        .register(Fixtures.listingReview()).build());
    a.accept(a.submit("l-1", "chen", listing("apparel", 20)));
    List<RecordedEvent> recorded = store.load("l-1");
    EventStore legacy = new InMemoryEventStore();
    dev.finegrain.workflow.store.Hash previous = dev.finegrain.workflow.store.HashChain.GENESIS;
    List<RecordedEvent> rewritten = new java.util.ArrayList<>();
    for (RecordedEvent e : recorded) {
      dev.finegrain.workflow.event.ReviewEvent event = e.event() instanceof dev.finegrain.workflow.event.CaseSubmitted s
          ? dev.finegrain.workflow.event.CaseSubmitted.builder().from(s).definitionHash(Optional.empty()).build()
          : e.event();
      RecordedEvent link = RecordedEvent.chain(event, e.commandId(), previous);
      rewritten.add(link);
      previous = link.hash();
    }
    assertTrue(legacy.append("l-1", 0, rewritten));
    ReviewWorkflow sameIdOtherBody = ReviewWorkflow.builder().from(listingReviewV2()).version(1).build();
    ReviewEngine b = ReviewEngine.builder(Fixtures.context()).store(legacy).register(sameIdOtherBody).build();

    assertEquals(Optional.empty(), b.state("l-1").definitionHash());
    assertTrue(b.handle(a.approve("l-1", "lin", "copy")).isAccepted());
    assertTrue(b.handle(a.approve("l-1", "wang", "image")).isAccepted());
    assertTrue(b.handle(a.approve("l-1", "ma", "manager")).isAccepted());
    assertEquals(Optional.of(Outcome.APPROVED), b.state("l-1").outcome(), "under the body registered now");
    assertTrue(b.verify("l-1").intact());
  }

  @Test
  void aClosedCaseIsFoldedFromItsLogWhenNextReadAndAnswersAsBefore() {
    d.atManagerApproval("listing-1");
    d.accept(d.approve("listing-1", "ma", "manager"));
    Approve closing = d.approve("listing-1", "guo", "manager");
    ReviewOutcome closed = d.accept(closing);

    ReviewCase state = d.engine.state("listing-1");  // not cached when it closed: folded from the log
    assertEquals(Optional.of(Outcome.APPROVED), state.outcome());
    assertEquals(ReviewCase.replay(d.engine.events("listing-1").stream().map(RecordedEvent::event).toList()), state);
    assertEquals(state, d.engine.state("listing-1"));
    assertEquals(closed, d.send(closing), "a retry of the closing command answers its outcome");
    ReviewOutcome late = d.send(d.approve("listing-1", "tang", "manager"));
    assertEquals(Optional.of(RefusalReason.CASE_CLOSED), late.refusalReason());
    assertEquals(state.version(), late.version());
    assertTrue(d.engine.verify("listing-1").intact());
  }

  @Test
  void registrationValidatesAgainstTheContextAndRefusesToRedefineAVersion() {
    ReviewWorkflow unknownRole = ReviewWorkflow.builder().from(Fixtures.listingReview()).version(3)
        .leadRole("chief").build();
    assertThrows(DefinitionException.class, () -> d.engine.register(unknownRole));

    d.engine.register(Fixtures.listingReview());  // the same definition again: nothing happens
    ReviewWorkflow changed = ReviewWorkflow.builder().from(Fixtures.listingReview()).forbidSelfReview(false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.engine.register(changed));
    assertTrue(e.getMessage().contains("workflow 'listing-review' v1 is already registered"), e.getMessage());
    assertEquals(List.of(Fixtures.listingReview()), d.engine.workflows());
  }

  @Test
  void aSubmitGoesToTheOneWorkflowForItsSubjectKindOrToANamedOne() {
    ReviewOutcome order = d.send(d.submit("order-1", "chen", Fixtures.order(2000)));
    assertEquals(Optional.of(RefusalReason.SUBJECT_KIND_MISMATCH), order.refusalReason());
    assertTrue(order.refusal().get().message().startsWith("no registered workflow reviews 'order' subjects"),
        order.toString());

    d.engine.register(Fixtures.orderReview());
    d.accept(d.submit("order-2", "chen", Fixtures.order(2000)));
    assertEquals("order-review", d.engine.state("order-2").workflowId());

    d.engine.register(ReviewWorkflow.builder().from(Fixtures.orderReview()).id("order-audit").build());
    assertThrows(IllegalArgumentException.class, () -> d.send(d.submit("order-3", "chen", Fixtures.order(2000))));
    assertTrue(d.engine.submit("order-audit", d.submit("order-3", "chen", Fixtures.order(2000))).isAccepted());
    assertEquals("order-audit", d.engine.state("order-3").workflowId());
    assertThrows(IllegalArgumentException.class,
        () -> d.engine.submit("nope", d.submit("order-4", "chen", Fixtures.order(2000))));
  }

  @Test
  void aCommandForACaseNeverSubmittedIsRefused() {
    ReviewOutcome outcome = d.send(d.approve("ghost", "lin", "copy"));

    assertEquals(Optional.of(RefusalReason.CASE_NOT_FOUND), outcome.refusalReason());
    assertEquals(List.of(), d.engine.caseIds());
  }

  // --- optimistic concurrency -----------------------------------------------------------------

  @Test
  void aStaleExpectedVersionIsAConflictAndWritesNothing() {
    d.atManagerApproval("l-1");
    long version = d.engine.version("l-1");
    d.accept(d.approveAt("l-1", "ma", "manager", version));
    List<RecordedEvent> before = d.engine.events("l-1");

    ReviewOutcome stale = d.send(d.approveAt("l-1", "guo", "manager", version));

    assertEquals(Optional.of(RefusalReason.VERSION_CONFLICT), stale.refusalReason());
    assertEquals(version + 1, stale.version());
    assertEquals(before, d.engine.events("l-1"));
    assertTrue(d.send(d.approveAt("l-1", "guo", "manager", version + 1)).isAccepted());
  }

  /** A store whose next append first lets another engine instance append to the same case. */
  static final class RacingStore implements EventStore {
    final InMemoryEventStore delegate = new InMemoryEventStore();
    Runnable beforeNextAppend;
    int conflicts;

    @Override
    public List<RecordedEvent> load(String caseId) {
      return delegate.load(caseId);
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      Runnable race = beforeNextAppend;
      beforeNextAppend = null;
      if (race != null) {
        race.run();
      }
      boolean appended = delegate.append(caseId, expectedVersion, events);
      conflicts += appended ? 0 : 1;
      return appended;
    }

    @Override
    public List<String> caseIds() {
      return delegate.caseIds();
    }
  }

  @Test
  void anAppendBetweenLoadAndAppendIsDetectedAndTheCommandIsDecidedOnceMore() {
    RacingStore store = new RacingStore();
    EngineDriver a = new EngineDriver(ReviewEngine.builder(Fixtures.context()).store(store)
        .register(Fixtures.listingReview()).build());
    ReviewEngine b = ReviewEngine.builder(Fixtures.context()).store(store).register(Fixtures.listingReview()).build();
    a.atManagerApproval("l-1");
    long version = a.engine.version("l-1");

    store.beforeNextAppend = () -> assertTrue(b.handle(a.approve("l-1", "ma", "manager")).isAccepted());
    ReviewOutcome second = a.send(a.approve("l-1", "guo", "manager"));

    assertEquals(1, store.conflicts);
    assertTrue(second.isAccepted(), second.toString());
    assertEquals(version + 4, second.version(), "ma's vote, then guo's vote, stage approved, case closed");
    assertEquals(Optional.of(Outcome.APPROVED), a.engine.state("l-1").outcome());
    assertTrue(a.engine.verify("l-1").intact());

    // with an expected version, the second decision is a version conflict and writes nothing
    a.atManagerApproval("l-2");
    long v2 = a.engine.version("l-2");
    store.beforeNextAppend = () -> b.handle(a.comment("l-2", "tang", "looking"));
    ReviewOutcome conflict = a.send(a.approveAt("l-2", "guo", "manager", v2));
    assertEquals(Optional.of(RefusalReason.VERSION_CONFLICT), conflict.refusalReason());
    assertEquals(v2 + 1, a.engine.version("l-2"), "only the comment");
  }

  @Test
  void twoConflictsInARowAreATransientConflictThatARetryOfTheSameIdDecidesAnew() {
    RacingStore store = new RacingStore();
    EngineDriver a = new EngineDriver(ReviewEngine.builder(Fixtures.context()).store(store)
        .register(Fixtures.listingReview()).build());
    ReviewEngine b = ReviewEngine.builder(Fixtures.context()).store(store).register(Fixtures.listingReview()).build();
    a.atManagerApproval("l-1");
    Comment comment = a.comment("l-1", "ma", "ok");
    AtomicBoolean again = new AtomicBoolean(true);
    store.beforeNextAppend = () -> {
      b.handle(a.comment("l-1", "tang", "first"));
      store.beforeNextAppend = () -> b.handle(a.comment("l-1", "tang", "second"));
      again.set(false);
    };

    ReviewOutcome outcome = a.send(comment);

    assertFalse(again.get());
    assertEquals(2, store.conflicts);
    assertEquals(Optional.of(RefusalReason.VERSION_CONFLICT), outcome.refusalReason());
    assertTrue(a.send(comment).isAccepted(), "a transient conflict is not remembered");
  }

  // --- idempotency ----------------------------------------------------------------------------

  @Test
  void anAcceptedCommandSentAgainAnswersTheFirstOutcomeAndWritesNothingEvenAfterARestart() {
    d.atManagerApproval("l-1");
    Approve vote = d.approve("l-1", "ma", "manager");
    ReviewOutcome first = d.accept(vote);
    List<RecordedEvent> log = d.engine.events("l-1");

    assertEquals(first, d.send(vote));
    Approve recreated = Approve.builder().from(vote).at(d.now.plus(Duration.ofMinutes(5))).build();
    assertEquals(first, d.send(recreated), "a retry re-created with a new instant is the same command");
    assertEquals(log, d.engine.events("l-1"));

    ReviewEngine restarted = ReviewEngine.builder(Fixtures.context()).store(d.engine.store())
        .register(Fixtures.listingReview()).build();
    assertEquals(first, restarted.handle(vote));
    assertEquals(log, restarted.events("l-1"));
  }

  @Test
  void aRefusedCommandSentAgainAnswersTheSameRefusalUntilARestart() {
    d.accept(d.submit("l-1", "chen", listing("apparel", 20)));
    Approve early = d.approve("l-1", "ma", "manager");
    ReviewOutcome first = d.send(early);
    assertEquals(Optional.of(RefusalReason.STAGE_NOT_OPEN), first.refusalReason());
    d.accept(d.approve("l-1", "lin", "copy"));
    d.accept(d.approve("l-1", "wang", "image"));
    long version = d.engine.version("l-1");

    assertEquals(first, d.send(early), "the first outcome, though manager approval is open now");
    assertEquals(version, d.engine.version("l-1"));

    ReviewEngine restarted = ReviewEngine.builder(Fixtures.context()).store(d.engine.store())
        .register(Fixtures.listingReview()).build();
    assertTrue(restarted.handle(early).isAccepted(), "refusals are remembered in memory only");
  }

  @Test
  void aKnownCommandIdWithADifferentCommandIsAProgrammingErrorAndWritesNothing() {
    d.atManagerApproval("l-1");
    Approve vote = d.approve("l-1", "ma", "manager");
    d.accept(vote);
    long version = d.engine.version("l-1");

    IllegalArgumentException byOther = assertThrows(IllegalArgumentException.class,
        () -> d.send(Approve.builder().from(vote).actor("guo").build()));
    assertTrue(byOther.getMessage().startsWith("command id " + vote.commandId() + " was already used for approve by ma on case l-1,"
        + " not for approve by guo on case l-1"), byOther.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.send(Comment.builder().commandId(vote.commandId())
        .caseId("l-1").actor("ma").at(d.now).text("hi").build()));
    assertEquals(version, d.engine.version("l-1"));

    ReviewEngine restarted = ReviewEngine.builder(Fixtures.context()).store(d.engine.store())
        .register(Fixtures.listingReview()).build();
    assertThrows(IllegalArgumentException.class, () -> restarted.handle(Approve.builder().from(vote).actor("guo")
        .build()));
    assertEquals(version, restarted.version("l-1"));
  }

  /** What the idempotency javadoc says of an id no longer remembered: the check covers its own case only. */
  @Test
  void withNoCommandsRememberedAnIdIsRecognisedOnlyInItsOwnCasesLog() {
    EngineDriver forgetful = new EngineDriver(ReviewEngine.builder(Fixtures.context())
        .register(Fixtures.listingReview()).rememberedCommands(0).build());
    forgetful.accept(forgetful.submit("l-1", "chen", listing("apparel", 20)));
    forgetful.accept(forgetful.submit("l-2", "chen", listing("apparel", 20)));
    Approve refused = forgetful.approve("l-1", "chen", "copy");
    assertEquals(Optional.of(RefusalReason.SELF_REVIEW), forgetful.send(refused).refusalReason());

    ReviewOutcome reused = forgetful.send(Comment.builder().commandId(refused.commandId()).caseId("l-1")
        .actor("chen").at(forgetful.now).text("a refused id, reused").build());
    assertTrue(reused.isAccepted(), "a refusal is not remembered: its id is free again, and recorded now");
    Approve vote = forgetful.approve("l-1", "lin", "copy");
    forgetful.accept(vote);

    assertThrows(IllegalArgumentException.class, () -> forgetful.send(Approve.builder().from(vote).actor("zhou")
        .build()), "on its own case the log still holds the id and its actor");
    assertTrue(forgetful.send(Approve.builder().from(vote).caseId("l-2").build()).isAccepted(),
        "on another case it is a new command");
    assertEquals(1, forgetful.engine.state("l-2").stage("copy").approvals());
  }

  @Test
  void aTickWithNothingDueIsAcceptedWithNoEvents() {
    d.atManagerApproval("l-1");
    ReviewOutcome tick = d.accept(d.tick("l-1"));

    assertEquals(List.of(), tick.events());
    assertEquals(d.engine.version("l-1"), tick.version());
  }
}
