package dev.finegrain.examples.snippets;

import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.workflow.CaseStatus;
import dev.finegrain.workflow.Decision;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReReview;
import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.StageStatus;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import dev.finegrain.workflow.testing.ReviewFixture;
import java.time.Instant;
import java.util.List;

/**
 * The usage examples in the javadoc of the API's entry points, as code that compiles: between
 * {@code // begin NAME} and {@code // end NAME}, each block is the example of the type NAME,
 * line for line ({@code JavadocExamplesTest} compares them). Parameters stand for what an example
 * takes as given.
 */
@SuppressWarnings("unused")
final class JavadocSnippets {
  private JavadocSnippets() {}

  static void show(String message) {}

  static void reviewEngine(Team team, StandardCatalog standards, ReviewWorkflow listingReviewV1, Instant now,
      Artifact listing) {
    // begin ReviewEngine
    ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team, standards))
        .register(listingReviewV1)             // validated against the team and the standards
        .store(EventStores.inMemory())          // the default; or the platform's own EventStore
        .build();

    ReviewOutcome submitted = engine.handle(Submit.builder().commandId("c-1").caseId("listing-42")
        .actor("chen").at(now).subject(listing).build());
    ReviewOutcome vote = engine.handle(Approve.builder().commandId("c-2").caseId("listing-42")
        .actor("lin").at(now).stageId("copy").expectedVersion(submitted.version()).build());
    if (!vote.isAccepted()) {
      show(vote.refusal().get().message());   // e.g. VERSION_CONFLICT: reload and ask again
    }
    engine.inbox("ma", now);                  // open stages awaiting ma's vote, across cases
    engine.inbox("ma", now, 50);              // the oldest 50 of them, read from an index
    engine.dueBy(now, 500);                   // cases with a deadline due: send each a Tick
    engine.whyBlocked("listing-42", now).text();
    engine.auditTrail("listing-42");          // who did what when, one line per event
    Hash head = engine.headHash("listing-42"); // keep it outside the store, then later:
    engine.verify("listing-42", head).intact(); // the hash chain is unbroken and ends where it did
    // end ReviewEngine
  }

  static void reviewWorkflow(Stage copy, Stage image, Stage compliance, Stage manager, Team team) {
    // begin ReviewWorkflow
    ReviewWorkflow listing = ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhase(Phase.of(copy, image))          // copy and image review in parallel
        .addPhase(Phase.of(compliance))           // only for cosmetics and food: a stage condition
        .addPhase(Phase.of(manager))              // 2 of 3 managers
        .leadRole("manager")
        .build();
    listing.validateAgainst(team);               // unknown roles, members, unreachable quorums and approvers
    // end ReviewWorkflow
  }

  static void stage() {
    // begin Stage
    Stage manager = Stage.builder().id("manager").name("Manager approval")
        .addReviewerRole("manager")
        .quorum(Quorum.atLeast(2))
        .reReview(ReReview.resetIfChanged("price"))
        .build();
    // end Stage
  }

  static void phase(Stage copy, Stage image, Stage manager) {
    // begin Phase
    Phase parallel = Phase.of(copy, image);             // both must approve before the next phase opens
    Phase single = Phase.builder().addStage(manager).build();
    // end Phase
  }

  static void quorum() {
    // begin Quorum
    Stage copy = Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter")
        .quorum(Quorum.any())           // the default: one approval
        .build();
    Stage manager = Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
        .quorum(Quorum.atLeast(2))      // or Quorum.majority(), Quorum.all()
        .build();
    // end Quorum
  }

  static void reviewContext(Team team, StandardCatalog catalog, ReviewWorkflow workflow) {
    // begin ReviewContext
    ReviewContext context = ReviewContext.of(team, catalog);
    workflow.validateAgainst(context);   // roles, members, quorums, gate standards
    // end ReviewContext
  }

  static void reviewCase(ReviewEngine engine) {
    // begin ReviewCase
    ReviewCase state = engine.state("listing-42");       // or ReviewCase.replay(events)
    if (state.status() == CaseStatus.AWAITING_RESUBMISSION) {
      state.sentBack().forEach(back -> show(back.stageId() + ": " + back.reasons()));
    }
    StageStatus manager = state.stageStatus("manager"); // PENDING, OPEN, APPROVED, ...
    state.closeReason().ifPresent(reason -> show(reason)); // present once the case is closed
    // end ReviewCase
  }

  static void reviews(List<ReviewEvent> events, ReviewWorkflow workflow, ReviewContext context,
      ReviewCommand command) {
    // begin Reviews
    ReviewCase state = ReviewCase.replay(events);   // the case's events so far, in order
    Decision decision = Reviews.decide(workflow, context, state, command);
    if (decision.isAccepted()) {
      events.addAll(decision.events());            // the case is now decision.applyTo(state)
    } else {
      show(decision.refusal().get().message());
    }
    // end Reviews
  }

  static void eventStore(ReviewContext context, ReviewWorkflow listingReview, Object dataSource) {
    // begin EventStore
    ReviewEngine engine = ReviewEngine.builder(context)
        .store(new MyJdbcEventStore(dataSource))   // or EventStores.inMemory(), the default
        .register(listingReview)
        .build();
    // end EventStore
  }

  /** Stands for a platform's store in the example; only compiled, never run. */
  static final class MyJdbcEventStore implements EventStore {
    MyJdbcEventStore(Object dataSource) {}

    @Override
    public List<RecordedEvent> load(String caseId) {
      throw new UnsupportedOperationException("an example's stand-in");
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      throw new UnsupportedOperationException("an example's stand-in");
    }

    @Override
    public List<String> caseIds() {
      throw new UnsupportedOperationException("an example's stand-in");
    }
  }

  static void eventStores(ReviewContext context, ReviewWorkflow listingReview) {
    // begin EventStores
    EventStore store = EventStores.inMemory();
    ReviewEngine engine = ReviewEngine.builder(context).store(store).register(listingReview).build();
    // end EventStores
  }

  static void hash(ReviewEngine engine) {
    // begin Hash
    Hash head = engine.headHash("listing-42");          // keep it outside the store
    String text = head.hex();                            // "9f2c...e1"
    Hash again = Hash.of(text);                          // equal to head
    // end Hash
  }

  static Submit submit(String caseId, String actor) {
    return Submit.builder().commandId("submit-" + caseId).caseId(caseId).actor(actor)
        .at(Instant.parse("2026-03-02T09:00:00Z")).subject(Artifact.builder("listing").put("title", "Tea").build())
        .build();
  }

  static Approve approve(String caseId, String actor, String stageId) {
    return Approve.builder().commandId(actor + "-" + stageId).caseId(caseId).actor(actor)
        .at(Instant.parse("2026-03-02T09:05:00Z")).stageId(stageId).build();
  }

  static void reviewFixture(ReviewWorkflow listingReview, Team team) {
    // begin ReviewFixture
    ReviewFixture review = ReviewFixture.of(listingReview, ReviewContext.of(team));

    review.given(submit("listing-42", "lin"), approve("listing-42", "zhou", "copy"))
        .when(approve("listing-42", "lin", "manager"))
        .thenRefused(RefusalReason.NOT_ELIGIBLE);

    review.given(submit("listing-42", "lin"))
        .when(approve("listing-42", "zhou", "copy"))
        .thenEventTypes(VoteCast.class, StageApproved.class, StageOpened.class);
    // end ReviewFixture
  }
}
