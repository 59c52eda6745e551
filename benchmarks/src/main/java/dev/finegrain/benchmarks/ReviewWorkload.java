package dev.finegrain.benchmarks;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.CaseStatus;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.Quorum;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.store.ChainCheck;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review-engine benchmarks' workload: the listing review on the {@link ReviewEngine} facade with
 * its default in-memory event store and its SHA-256 hash chain. Three stages in order: "copy" (any 1
 * holder of role copywriter), "image" (any 1 designer), "manager" (at least 2 of the 3 managers);
 * the submitter, an operations member, reviews nothing (self-review is forbidden, the default).
 *
 * <p>A review is five commands: the submit, then approvals by {@code lin} (copy), {@code wang}
 * (image), {@code ma} and {@code guo} (manager); it records {@link #EVENTS_PER_REVIEW} events. Every
 * case has its own subject (a listing with its own sku and title) and command ids
 * {@code <caseId>/<step>}; every command carries the same fixed instant.
 */
public final class ReviewWorkload {
  /** The instant every command carries. */
  public static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
  /** The submitter. */
  public static final String SUBMITTER = "chen";
  /** Who approves, in order: copy, image, then two managers. */
  public static final List<String> APPROVERS = List.of("lin", "wang", "ma", "guo");
  /** The stage each approval is for. */
  public static final List<String> STAGES = List.of("copy", "image", "manager", "manager");
  /** Events one full review records: submitted + opened, then per approval vote (+ approved + opened / closed). */
  public static final int EVENTS_PER_REVIEW = 12;
  /** Events a case waiting at stage 1 has: case-submitted, stage-opened. */
  public static final int EVENTS_WHEN_OPEN = 2;

  private static final ReviewContext CONTEXT = ReviewContext.of(team());
  private static final ReviewWorkflow WORKFLOW = workflow();

  private ReviewWorkload() {}

  /** chen submits; lin and zhou write copy; wang and li design; ma, guo and tang are managers. */
  public static Team team() {
    return Team.builder().id("shop").name("West Lake Tea")
        .addRoles(Role.of("operations", "Operations"), Role.of("copywriter", "Copywriter"),
            Role.of("designer", "Designer"), Role.of("manager", "Manager"))
        .addMembers(member("chen", "operations"), member("lin", "copywriter"), member("zhou", "copywriter"),
            member("wang", "designer"), member("li", "designer"), member("ma", "manager"),
            member("guo", "manager"), member("tang", "manager"))
        .build();
  }

  private static Member member(String id, String role) {
    return Member.builder().id(id).name(id.substring(0, 1).toUpperCase() + id.substring(1)).addRoles(role).build();
  }

  /** The listing review: copy, then image, then 2 of 3 managers. */
  public static ReviewWorkflow workflow() {
    return ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhases(Phase.of(Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter").build()),
            Phase.of(Stage.builder().id("image").name("Image review").addReviewerRole("designer").build()),
            Phase.of(Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
                .quorum(Quorum.atLeast(2)).build()))
        .build();
  }

  /** The team the decisions use. */
  public static ReviewContext context() {
    return CONTEXT;
  }

  /** A new engine over a new in-memory store (the default), hash chain on, the listing review registered. */
  public static ReviewEngine engine() {
    return ReviewEngine.builder(CONTEXT).register(WORKFLOW).build();
  }

  /** The id of case number {@code n}. */
  public static String caseId(long n) {
    return "listing-" + n;
  }

  /** Case {@code n}'s own subject. */
  public static Artifact listing(long n) {
    return Artifact.builder("listing").put("sku", "TEA-" + n).put("title", "West Lake Longjing 250 g #" + n)
        .put("category", "tea").put("price", 20 + (n % 80)).build();
  }

  /** The submit of case {@code caseId} with subject {@code subject}. */
  public static Submit submit(String caseId, Artifact subject) {
    return Submit.builder().commandId(caseId + "/submit").caseId(caseId).actor(SUBMITTER).at(AT).subject(subject)
        .build();
  }

  /** Approval number {@code step} (0 to 3) of case {@code caseId}. */
  public static Approve approve(String caseId, int step) {
    return Approve.builder().commandId(caseId + "/" + step).caseId(caseId).actor(APPROVERS.get(step)).at(AT)
        .stageId(STAGES.get(step)).build();
  }

  /** Submits case {@code n}: it then waits at stage 1 (copy). */
  public static ReviewOutcome open(ReviewEngine engine, long n) {
    String caseId = caseId(n);
    return engine.handle(submit(caseId, listing(n)));
  }

  /**
   * One full review of case {@code n}: submit and four approvals. Returns the last outcome (the case
   * closed as approved).
   */
  public static ReviewOutcome fullReview(ReviewEngine engine, long n) {
    String caseId = caseId(n);
    ReviewOutcome outcome = engine.handle(submit(caseId, listing(n)));
    for (int step = 0; step < 4; step++) {
      outcome = engine.handle(approve(caseId, step));
    }
    return outcome;
  }

  // --- the agreement checks the benchmarks run in @Setup and the unit test runs in CI ------------

  /** Throws unless the outcome was accepted. */
  public static ReviewOutcome accepted(ReviewOutcome outcome) {
    if (!outcome.isAccepted()) {
      throw new IllegalStateException("refused: " + outcome);
    }
    return outcome;
  }

  /**
   * Checks that case {@code caseId} closed as approved after {@link #EVENTS_PER_REVIEW} events, that
   * its hash chain verifies up to the engine's head hash, and that replaying its stored events gives
   * the engine's live state.
   */
  public static void checkApproved(ReviewEngine engine, String caseId) {
    ReviewCase state = engine.state(caseId);
    check(state.status() == CaseStatus.CLOSED && state.outcome().equals(Optional.of(Outcome.APPROVED)),
        "case %s should be closed as approved: %s", caseId, state);
    check(state.version() == EVENTS_PER_REVIEW, "case %s should have %s events, has %s", caseId,
        EVENTS_PER_REVIEW, state.version());
    checkStored(engine, caseId, state);
  }

  /** Checks that case {@code caseId} waits at stage 1 with {@link #EVENTS_WHEN_OPEN} events, chain intact, replay equal. */
  public static void checkOpen(ReviewEngine engine, String caseId) {
    ReviewCase state = engine.state(caseId);
    check(state.status() == CaseStatus.IN_REVIEW && state.stage("copy").status().name().equals("OPEN")
        && state.version() == EVENTS_WHEN_OPEN, "case %s should wait at copy review: %s", caseId, state);
    checkStored(engine, caseId, state);
  }

  /** The stored log verifies against the head hash, and its replay equals {@code live}. */
  public static void checkStored(ReviewEngine engine, String caseId, ReviewCase live) {
    List<RecordedEvent> log = engine.events(caseId);
    check(log.size() == live.version(), "case %s: %s stored events, state at version %s", caseId, log.size(),
        live.version());
    ChainCheck chain = engine.verify(caseId, engine.headHash(caseId));
    check(chain.intact(), "case %s: chain %s", caseId, chain);
    ReviewCase replayed = ReviewCase.replay(log.stream().map(RecordedEvent::event).toList());
    check(replayed.equals(live), "case %s: replay %s differs from the live state %s", caseId, replayed, live);
  }

  static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(format, args));
    }
  }
}
