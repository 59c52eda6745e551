package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Delegate;
import dev.finegrain.workflow.command.Reassign;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.RequestChanges;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.command.Withdraw;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one case through {@link Reviews#decide} and {@link Reviews#evolve} in tests, keeping the
 * state, the event log and a clock that only moves when told to.
 */
final class CaseDriver {
  final ReviewWorkflow workflow;
  final ReviewContext context;
  final String caseId;
  ReviewCase state = ReviewCase.NEW;
  Instant now = Fixtures.T0;
  final List<ReviewEvent> log = new ArrayList<>();
  private int commands;
  /** Put before each command id, so that drivers of several cases in one engine do not share ids. */
  String idPrefix = "";

  CaseDriver(ReviewWorkflow workflow, ReviewContext context, String caseId) {
    this.workflow = workflow;
    this.context = context;
    this.caseId = caseId;
  }

  static CaseDriver listing() {
    return new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-42");
  }

  /**
   * The same case, log, clock and command ids, decided from now on with {@code context}: how a
   * platform goes on after its team changed (the log does not record the team).
   */
  CaseDriver with(ReviewContext context) {
    CaseDriver d = new CaseDriver(workflow, context, caseId);
    d.state = state;
    d.now = now;
    d.log.addAll(log);
    d.commands = commands;
    d.idPrefix = idPrefix;
    return d;
  }

  CaseDriver after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  /** Decides and, if accepted, applies; returns the decision. */
  Decision send(ReviewCommand command) {
    Decision decision = Reviews.decide(workflow, context, state, command);
    state = decision.applyTo(state);
    log.addAll(decision.events());
    return decision;
  }

  /** Sends and fails the test if refused. */
  List<ReviewEvent> accept(ReviewCommand command) {
    Decision decision = send(command);
    if (!decision.isAccepted()) {
      fail("expected " + command + " to be accepted, but: " + decision.refusal().get());
    }
    return decision.events();
  }

  /**
   * Appends a delegation as an engine of an earlier release accepted it, without deciding it: the
   * log a platform's store may hold from before a rule refused it.
   */
  void recordDelegation(String from, String to, Duration length) {
    ReviewEvent event = Delegated.builder().caseId(caseId).sequence(state.version() + 1).at(now).actor(from)
        .from(from).to(to).validFrom(now).validUntil(now.plus(length)).build();
    state = Reviews.evolve(state, event);
    log.add(event);
  }

  /** Sends and fails the test if accepted; returns the refusal. */
  Refusal refuse(ReviewCommand command) {
    ReviewCase before = state;
    Decision decision = send(command);
    if (decision.isAccepted()) {
      fail("expected " + command + " to be refused, but it gave " + decision.events());
    }
    assertTrue(before.equals(state), "a refusal must leave the case unchanged");
    return decision.refusal().get();
  }

  private String id() {
    return idPrefix + "c" + (++commands);
  }

  Submit submit(String actor, Artifact subject) {
    return Submit.builder().commandId(id()).caseId(caseId).actor(actor).at(now).subject(subject).build();
  }

  Approve approve(String actor, String stage) {
    return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).build();
  }

  Approve approveFor(String actor, String principal, String stage) {
    return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage)
        .onBehalfOf(principal).build();
  }

  Reject reject(String actor, String stage, String reason) {
    return Reject.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).reason(reason).build();
  }

  RequestChanges requestChanges(String actor, String stage, String reason) {
    return RequestChanges.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).reason(reason)
        .build();
  }

  Resubmit resubmit(String actor, Artifact subject) {
    return Resubmit.builder().commandId(id()).caseId(caseId).actor(actor).at(now).subject(subject).build();
  }

  Withdraw withdraw(String actor) {
    return Withdraw.builder().commandId(id()).caseId(caseId).actor(actor).at(now).build();
  }

  Comment comment(String actor, String text) {
    return Comment.builder().commandId(id()).caseId(caseId).actor(actor).at(now).text(text).build();
  }

  Delegate delegate(String actor, String from, String to, Duration length) {
    return Delegate.builder().commandId(id()).caseId(caseId).actor(actor).at(now).from(from).to(to).validFrom(now)
        .validUntil(now.plus(length)).build();
  }

  Reassign reassign(String actor, String stage, String from, String to) {
    return Reassign.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).from(from).to(to)
        .build();
  }

  Tick tick() {
    return Tick.builder().commandId(id()).caseId(caseId).actor(ReviewEvent.SYSTEM).at(now).build();
  }

  StageStatus status(String stage) {
    return state.stageStatus(stage);
  }
}
