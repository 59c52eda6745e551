package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.fail;

import dev.finegrain.core.standard.Artifact;
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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds commands for any case with fresh command ids and a clock that moves only when told; sends them to an engine. */
final class EngineDriver {
  final ReviewEngine engine;
  Instant now = Fixtures.T0;
  private final AtomicInteger commands = new AtomicInteger();

  EngineDriver(ReviewEngine engine) {
    this.engine = engine;
  }

  /** An engine over a new in-memory store with the listing review v1. */
  static EngineDriver listing() {
    return new EngineDriver(ReviewEngine.builder(Fixtures.context()).register(Fixtures.listingReview()).build());
  }

  EngineDriver after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  String id() {
    return "c" + commands.incrementAndGet();
  }

  ReviewOutcome send(ReviewCommand command) {
    return engine.handle(command);
  }

  ReviewOutcome accept(ReviewCommand command) {
    ReviewOutcome outcome = engine.handle(command);
    if (!outcome.isAccepted()) {
      fail("expected " + command + " to be accepted, but: " + outcome.refusal().get());
    }
    return outcome;
  }

  Submit submit(String caseId, String actor, Artifact subject) {
    return Submit.builder().commandId(id()).caseId(caseId).actor(actor).at(now).subject(subject).build();
  }

  Approve approve(String caseId, String actor, String stage) {
    return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).build();
  }

  Approve approveFor(String caseId, String actor, String principal, String stage) {
    return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).onBehalfOf(principal)
        .build();
  }

  Approve approveAt(String caseId, String actor, String stage, long expectedVersion) {
    return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage)
        .expectedVersion(expectedVersion).build();
  }

  Reject reject(String caseId, String actor, String stage, String reason) {
    return Reject.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).reason(reason).build();
  }

  RequestChanges requestChanges(String caseId, String actor, String stage, String reason) {
    return RequestChanges.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).reason(reason)
        .build();
  }

  Resubmit resubmit(String caseId, String actor, Artifact subject) {
    return Resubmit.builder().commandId(id()).caseId(caseId).actor(actor).at(now).subject(subject).build();
  }

  Comment comment(String caseId, String actor, String text) {
    return Comment.builder().commandId(id()).caseId(caseId).actor(actor).at(now).text(text).build();
  }

  Delegate delegate(String caseId, String actor, String from, String to, Duration length) {
    return Delegate.builder().commandId(id()).caseId(caseId).actor(actor).at(now).from(from).to(to).validFrom(now)
        .validUntil(now.plus(length)).build();
  }

  Tick tick(String caseId) {
    return Tick.builder().commandId(id()).caseId(caseId).actor(ReviewEvent.SYSTEM).at(now).build();
  }

  /** Submits an apparel listing (no compliance stage) by chen and approves copy and image: manager approval is open. */
  void atManagerApproval(String caseId) {
    accept(submit(caseId, "chen", Fixtures.listing("apparel", 20)));
    accept(approve(caseId, "lin", "copy"));
    accept(approve(caseId, "wang", "image"));
  }
}
