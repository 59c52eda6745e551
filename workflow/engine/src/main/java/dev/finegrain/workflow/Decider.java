package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;

import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
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
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.store.Hash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One decision: the command checked against the case, then its events emitted one by one, each
 * applied at once to a scratch copy of the case so that later checks see it; the case after the
 * decision is built once, at the end. Used once and thrown away.
 */
final class Decider {
  private final ReviewWorkflow workflow;
  private final Team team;
  private final ReviewContext context;
  private final ReviewCommand command;
  private final Instant at;
  private final String caseId;
  private final ReviewCase.Scratch state;
  private final List<ReviewEvent> events = new ArrayList<>(4);

  Decider(ReviewWorkflow workflow, ReviewContext context, ReviewCase state, ReviewCommand command) {
    this.workflow = workflow;
    this.context = context;
    this.team = context.team();
    this.state = new ReviewCase.Scratch(state);
    this.command = command;
    Instant given = command.at();
    Instant last = state.updatedAt().orElse(null);
    // a command stamped a moment before the last event is concurrent with it: decided at its instant
    this.at = last != null && given.isBefore(last) && !given.isBefore(last.minus(Reviews.CONCURRENT)) ? last : given;
    this.caseId = command.caseId();
  }

  Decision decide() {
    if (state.isSubmitted()) {
      checkArgument(state.caseId().equals(caseId), "command %s is for case %s but the state given is case %s",
          command.commandId(), caseId, state.caseId());
      if (!state.workflowId().equals(workflow.id()) || state.workflowVersion() != workflow.version()) {
        throw new IllegalArgumentException(String.format("case %s is pinned to workflow '%s' v%s, not %s", caseId,
            state.workflowId(), state.workflowVersion(), workflow.describe()));
      }
      Hash recorded = state.definitionHash();
      if (recorded != null && !recorded.equals(workflow.definitionHash())) {
        return refuse(RefusalReason.DEFINITION_CHANGED, "case %s was submitted under a definition of %s with hash"
            + " %s..., but the definition registered under that id and version now has hash %s...; register a"
            + " changed definition as a new version", caseId, workflow.describe(), recorded.abbreviated(),
            workflow.definitionHash().abbreviated());
      }
    }
    if (state.isClosed() && !(command instanceof Submit)) {
      return refuse(RefusalReason.CASE_CLOSED, "case %s is closed (%s: %s)", caseId,
          state.outcome().orElseThrow().toString().toLowerCase(Locale.ROOT), state.closeReason());
    }
    Optional<Long> expected = command.expectedVersion();
    if (expected.isPresent() && expected.get() != state.version()) {
      return refuse(RefusalReason.VERSION_CONFLICT, "case %s is at version %s, not %s as %s expected; reload it",
          caseId, state.version(), expected.get(), command.actor());
    }
    if (command instanceof Submit submit) {
      return submit(submit);
    }
    if (!state.isSubmitted()) {
      return refuse(RefusalReason.CASE_NOT_FOUND, "case %s was never submitted", caseId);
    }
    if (command instanceof Tick && !mayTick(command.actor())) {
      // before any deadline fires: a stranger's tick records nothing, as their comment would not
      return refuse(RefusalReason.UNKNOWN_MEMBER, "%s may not tick case %s: neither %s (ReviewEvent.SYSTEM) nor on"
          + " team '%s' nor its submitter", command.actor(), caseId, ReviewEvent.SYSTEM, team.id());
    }
    Instant last = state.updatedAt();
    if (at.isBefore(last)) {
      if (command instanceof Tick) {
        return accept();  // every deadline due by then fired with the last event's command: nothing to do
      }
      return refuse(RefusalReason.BEFORE_LAST_EVENT, "%s's command %s is dated %s, more than %s before the last event"
          + " of case %s (%s); a command cannot predate what already happened to the case", command.actor(),
          command.commandId(), at, Reviews.CONCURRENT, caseId, last);
    }
    fireDeadlines();
    approveStagesAtQuorum();
    if (state.isClosed()) {
      if (command instanceof Tick) {
        return accept();
      }
      Outcome outcome = state.outcome().orElseThrow();
      return refuse(RefusalReason.CASE_CLOSED, "case %s %s before %s (%s)", caseId,
          outcome == Outcome.EXPIRED ? "expired" : "was " + outcome.toString().toLowerCase(Locale.ROOT), at,
          state.closeReason());
    }
    Refusal refusal = dispatch();
    return refusal == null ? accept() : Decision.refused(refusal);
  }

  private Refusal dispatch() {
    if (command instanceof Approve approve) {
      return vote(approve.stageId(), approve.onBehalfOf(), VoteKind.APPROVE, approve.comment());
    } else if (command instanceof Reject reject) {
      return vote(reject.stageId(), reject.onBehalfOf(), VoteKind.REJECT, Optional.of(reject.reason()));
    } else if (command instanceof RequestChanges changes) {
      return vote(changes.stageId(), changes.onBehalfOf(), VoteKind.REQUEST_CHANGES, Optional.of(changes.reason()));
    } else if (command instanceof Resubmit resubmit) {
      return resubmit(resubmit);
    } else if (command instanceof Withdraw withdraw) {
      return withdraw(withdraw);
    } else if (command instanceof Comment comment) {
      return comment(comment);
    } else if (command instanceof Delegate delegate) {
      return delegate(delegate);
    } else if (command instanceof Reassign reassign) {
      return reassign(reassign);
    } else if (command instanceof Tick) {
      return null;
    }
    throw new IllegalArgumentException("unknown command type " + command.getClass().getName());
  }

  // --- commands -------------------------------------------------------------------------------

  private Decision submit(Submit submit) {
    if (state.isSubmitted()) {
      return refuse(RefusalReason.CASE_ALREADY_SUBMITTED, "case %s was already submitted by %s", caseId,
          state.submitter());
    }
    Refusal kind = checkKind(submit.subject());
    if (kind != null) {
      return Decision.refused(kind);
    }
    emit(CaseSubmitted.builder().caseId(caseId).sequence(next()).at(at).actor(command.actor())
        .workflowId(workflow.id()).workflowVersion(workflow.version()).subject(submit.subject())
        .editor(submit.editedBy().orElse(command.actor())).definitionHash(workflow.definitionHash()).build());
    openFrom(0);
    return accept();
  }

  private Refusal vote(String stageId, Optional<String> onBehalfOf, VoteKind kind, Optional<String> note) {
    String actor = command.actor();
    if (state.status() == CaseStatus.AWAITING_RESUBMISSION) {
      return Refusal.of(RefusalReason.AWAITING_RESUBMISSION,
          "case %s went back to %s for changes; votes resume after the resubmission", caseId, state.submitter());
    }
    Optional<Stage> found = workflow.stage(stageId);
    if (found.isEmpty()) {
      return unknownStage(stageId);
    }
    Stage stage = found.get();
    StageState stageState = state.stageOrNull(stageId);
    if (stageState == null || stageState.status() != StageStatus.OPEN) {
      return Refusal.of(RefusalReason.STAGE_NOT_OPEN, "stage '%s' of case %s is %s, not open for votes", stageId,
          caseId, state.stageStatus(stageId).toString().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    String stranger = team.member(actor).isEmpty() ? actor
        : onBehalfOf.isPresent() && team.member(onBehalfOf.get()).isEmpty() ? onBehalfOf.get() : null;
    if (stranger != null) {
      return Refusal.of(RefusalReason.UNKNOWN_MEMBER, "%s is not a member of team '%s' and may not vote in stage '%s'",
          stranger, team.id(), stageId);
    }
    String principal = actor;
    if (onBehalfOf.isPresent() && !onBehalfOf.get().equals(actor)) {
      principal = onBehalfOf.get();
      if (!hasDelegation(principal, actor)) {
        return Refusal.of(RefusalReason.NOT_DELEGATE, "%s may not vote for %s: no delegation from %s to %s holds at %s",
            actor, principal, principal, actor, at);
      }
    } else if (onBehalfOf.isEmpty() && !isReviewer(stage, stageState, actor)) {
      String delegator = delegatorFor(stage, stageState, actor);
      if (delegator != null) {
        principal = delegator;
      }
    }
    Refusal refused = mayVote(stage, stageState, actor, principal);
    if (refused == null && kind == VoteKind.APPROVE) {
      refused = mayApprove(stageId, actor, principal);
    }
    if (refused != null) {
      return refused;
    }
    emit(VoteCast.builder().caseId(caseId).sequence(next()).at(at).actor(actor).stageId(stageId).vote(kind)
        .onBehalfOf(principal.equals(actor) ? Optional.empty() : Optional.of(principal)).note(note).build());
    count(stage, kind, actor, principal, note);
    return null;
  }

  /** Why {@code actor} may not vote in the stage as (or for) {@code principal}; null if they may. */
  private Refusal mayVote(Stage stage, StageState stageState, String actor, String principal) {
    String stageId = stage.id();
    String submitter = state.submitter();
    if (workflow.forbidSelfReview() && (principal.equals(submitter) || actor.equals(submitter))) {
      return principal.equals(actor) || actor.equals(submitter)
          ? Refusal.of(RefusalReason.SELF_REVIEW, "%s submitted case %s and may not review it", submitter, caseId)
          : Refusal.of(RefusalReason.SELF_REVIEW, "%s submitted case %s; %s may not vote for them", submitter, caseId,
              actor);
    }
    if (!isReviewer(stage, stageState, principal)) {
      return Refusal.of(RefusalReason.NOT_ELIGIBLE, "%s may not vote in stage '%s': %s", principal, stageId,
          whoReviews(stage, stageState, principal));
    }
    if (stageState.hasVoteOf(principal)) {
      return Refusal.of(RefusalReason.ALREADY_VOTED, "%s already voted in stage '%s' of case %s", principal, stageId,
          caseId);
    }
    return null;
  }

  /** Why the separation of duties bars {@code actor} approving as (or for) {@code principal}; null if nothing does. */
  private Refusal mayApprove(String stageId, String actor, String principal) {
    String editor = state.lastEditor();
    if (workflow.lastEditorMayNotApprove() && (principal.equals(editor) || actor.equals(editor))) {
      return Refusal.of(RefusalReason.LAST_EDITOR, "%s edited revision %s of case %s and may not approve it", editor,
          state.revision(), caseId);
    }
    if (workflow.distinctApproverStages().contains(stageId)) {
      for (String other : workflow.distinctApproverStages()) {
        StageState otherState = state.stageOrNull(other);
        if (!other.equals(stageId) && otherState != null) {
          String who = otherState.approvedBy(principal) ? principal : otherState.approvedBy(actor) ? actor : null;
          if (who != null) {
            return Refusal.of(RefusalReason.SAME_APPROVER,
                "%s already approved stage '%s' of case %s; stages %s need different approvers", who, other, caseId,
                workflow.distinctApproverStages());
          }
        }
      }
    }
    return null;
  }

  /** What a vote just cast does to its stage: approve it, reject it (closing the case), or send the case back. */
  private void count(Stage stage, VoteKind kind, String actor, String principal, Optional<String> note) {
    String stageId = stage.id();
    StageState stageState = state.stageOrNull(stageId);
    switch (kind) {
      case APPROVE:
        if (atQuorum(stage, stageState)) {
          approveStage(stage);
        }
        break;
      case REJECT:
        if (stage.vetoPolicy() == VetoPolicy.ANY_REJECTION
            || counted(stage, stageState) + stillToVote(stage, stageState) < required(stage, stageState)) {
          emit(StageRejected.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
              .stageId(stageId).build());
          close(Outcome.REJECTED, ReviewEvent.SYSTEM, String.format("stage '%s' rejected by %s: %s", stageId,
              principal.equals(actor) ? actor : actor + " for " + principal, note.orElse("")));
        }
        break;
      default:
        emit(ChangesRequested.builder().caseId(caseId).sequence(next()).at(at).actor(actor).stageId(stageId)
            .reason(note.orElse("")).build());
    }
  }

  private Refusal resubmit(Resubmit resubmit) {
    if (!command.actor().equals(state.submitter())) {
      return notSubmitter("resubmit");
    }
    Refusal kind = checkKind(resubmit.subject());
    if (kind != null) {
      return kind;
    }
    Artifact before = state.subject();
    List<String> reset = new ArrayList<>();
    for (Stage stage : workflow.allStages()) {
      StageState stageState = state.stageOrNull(stage.id());
      if (stageState != null && stageState.approvals() > 0 && stage.reReview().resets(before, resubmit.subject())) {
        reset.add(stage.id());
      }
    }
    emit(Resubmitted.builder().caseId(caseId).sequence(next()).at(at).actor(command.actor())
        .revision(state.revision() + 1).subject(resubmit.subject())
        .editor(resubmit.editedBy().orElse(command.actor())).resetStages(reset).build());
    openFrom(0);
    return null;
  }

  private Refusal withdraw(Withdraw withdraw) {
    if (!command.actor().equals(state.submitter())) {
      return notSubmitter("withdraw");
    }
    close(Outcome.WITHDRAWN, command.actor(), "withdrawn by " + command.actor()
        + withdraw.reason().map(reason -> ": " + reason).orElse(""));
    return null;
  }

  /** Who may send a tick: the system (the platform's scheduler), a member of the team, or the submitter. */
  private boolean mayTick(String actor) {
    return actor.equals(ReviewEvent.SYSTEM) || actor.equals(state.submitter()) || team.member(actor).isPresent();
  }

  private Refusal comment(Comment comment) {
    String actor = command.actor();
    if (!actor.equals(state.submitter()) && team.member(actor).isEmpty()) {
      return Refusal.of(RefusalReason.UNKNOWN_MEMBER, "%s is neither on team '%s' nor the submitter of case %s",
          actor, team.id(), caseId);
    }
    emit(Commented.builder().caseId(caseId).sequence(next()).at(at).actor(actor).text(comment.text()).build());
    return null;
  }

  private Refusal delegate(Delegate delegate) {
    String actor = command.actor();
    if (!actor.equals(delegate.from()) && !isLead(actor)) {
      return Refusal.of(RefusalReason.NOT_LEAD, "only %s%s may delegate %s's votes, not %s", delegate.from(),
          workflow.leadRole().map(lead -> " or a holder of the lead role '" + lead + "'").orElse(""),
          delegate.from(), actor);
    }
    for (String member : List.of(delegate.from(), delegate.to())) {
      if (team.member(member).isEmpty()) {
        return Refusal.of(RefusalReason.UNKNOWN_MEMBER, "%s is not a member of team '%s'", member, team.id());
      }
    }
    if (delegate.from().equals(delegate.to())) {
      return Refusal.of(RefusalReason.INVALID_DELEGATION, "%s cannot delegate to themselves", delegate.from());
    }
    if (workflow.forbidSelfReview() && delegate.to().equals(state.submitter())) {
      // every vote of theirs, for themselves or for the delegator, would be refused as self-review
      return Refusal.of(RefusalReason.INVALID_DELEGATION, "%s submitted case %s and may not review it; delegate"
          + " %s's votes to someone else", delegate.to(), caseId, delegate.from());
    }
    if (workflow.forbidSelfReview() && delegate.from().equals(state.submitter())) {
      // no vote of theirs counts in their own case, so no vote for them could
      return Refusal.of(RefusalReason.INVALID_DELEGATION, "%s submitted case %s and may not review it; a delegate"
          + " could not vote for them either", delegate.from(), caseId);
    }
    emit(Delegated.builder().caseId(caseId).sequence(next()).at(at).actor(actor).from(delegate.from())
        .to(delegate.to()).validFrom(delegate.validFrom()).validUntil(delegate.validUntil()).build());
    return null;
  }

  private Refusal reassign(Reassign reassign) {
    String actor = command.actor();
    if (!isLead(actor)) {
      return workflow.leadRole().isEmpty()
          ? Refusal.of(RefusalReason.NOT_LEAD, "%s has no lead role, so nobody may reassign reviewers",
              workflow.describe())
          : Refusal.of(RefusalReason.NOT_LEAD, "only holders of the lead role '%s' may reassign reviewers; %s does not"
              + " hold it", workflow.leadRole().get(), actor);
    }
    Optional<Stage> found = workflow.stage(reassign.stageId());
    if (found.isEmpty()) {
      return unknownStage(reassign.stageId());
    }
    Stage stage = found.get();
    StageStatus status = state.stageStatus(stage.id());
    if (status == StageStatus.APPROVED || status == StageStatus.REJECTED || status == StageStatus.SKIPPED) {
      return Refusal.of(RefusalReason.STAGE_NOT_OPEN, "stage '%s' of case %s is already %s; its reviewers are final",
          stage.id(), caseId, status.toString().toLowerCase(Locale.ROOT));
    }
    if (team.member(reassign.to()).isEmpty()) {
      return Refusal.of(RefusalReason.UNKNOWN_MEMBER, "%s is not a member of team '%s'", reassign.to(), team.id());
    }
    StageState stageState = state.stageOrNull(stage.id());
    if (!isReviewer(stage, stageState, reassign.from())) {
      return Refusal.of(RefusalReason.INVALID_REASSIGNMENT, "%s is not a reviewer of stage '%s' in case %s",
          reassign.from(), stage.id(), caseId);
    }
    if (isReviewer(stage, stageState, reassign.to())) {
      return Refusal.of(RefusalReason.INVALID_REASSIGNMENT, "%s already reviews stage '%s' in case %s",
          reassign.to(), stage.id(), caseId);
    }
    if (workflow.forbidSelfReview() && reassign.to().equals(state.submitter())) {
      // their every vote would be refused: the stage would wait for a reviewer who may never vote
      return Refusal.of(RefusalReason.INVALID_REASSIGNMENT, "%s submitted case %s and may not review it; reassign"
          + " stage '%s' to someone else", reassign.to(), caseId, stage.id());
    }
    if (stageState != null && stageState.hasVoteOf(reassign.from())) {
      return Refusal.of(RefusalReason.INVALID_REASSIGNMENT, "%s already voted in stage '%s' of case %s; the vote stands",
          reassign.from(), stage.id(), caseId);
    }
    emit(Reassigned.builder().caseId(caseId).sequence(next()).at(at).actor(actor).stageId(stage.id())
        .from(reassign.from()).to(reassign.to()).build());
    stageState = state.stageOrNull(stage.id());
    if (status == StageStatus.OPEN && state.status() == CaseStatus.IN_REVIEW && atQuorum(stage, stageState)) {
      approveStage(stage);
    }
    return null;
  }

  // --- the engine's own steps -----------------------------------------------------------------

  /**
   * Approves every open stage whose counted approvals already reach what it needs under the current
   * team, as the vote that reached it would have: a stage's quorum can be met without a vote when
   * the team changes (the engine is built with a new {@link ReviewContext}): members who had not
   * voted leave an all-quorum or a majority, or a member whose approval stopped counting may vote
   * again (and under any quorum it counts again); and when an escalation makes members whose
   * approvals were kept through a resubmission eligible again. The team is not part of the log, so
   * this is decided here and recorded as {@link StageApproved} events (and what follows them: the
   * next phase, or the case closing), never recomputed when the log is replayed. Runs before every
   * command's own events, after the due deadlines; those events check the quorum of every stage
   * they change (a vote, a reassignment, a stage opening), so no stage is left at its quorum after
   * them. Likewise a stage under {@link VetoPolicy#UNLESS_QUORUM_REACHABLE} that holds a rejection
   * is rejected (and the case closed) once a team change leaves its quorum out of reach, as the
   * rejection would have rejected it had the team been so when it was cast.
   */
  private void approveStagesAtQuorum() {
    List<Stage> all = workflow.allStages();
    int i = 0;
    while (i < all.size() && state.status() == CaseStatus.IN_REVIEW) {  // indexed, as in fireDeadlines
      Stage stage = all.get(i++);
      StageState stageState = state.stageOrNull(stage.id());
      if (stageState == null || stageState.status() != StageStatus.OPEN) {
        continue;
      }
      if (atQuorum(stage, stageState)) {
        approveStage(stage);
        i = 0;  // approving may have opened (and approved) stages of the next phase, or closed the case
      } else if (stage.vetoPolicy() == VetoPolicy.UNLESS_QUORUM_REACHABLE) {
        Vote rejection = firstRejection(stageState, state.revision());
        if (rejection != null
            && counted(stage, stageState) + stillToVote(stage, stageState) < required(stage, stageState)) {
          // a rejection stands once the quorum cannot be reached: a team change can make it so
          // with no vote, as a rejection would have (the case closes)
          emit(StageRejected.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
              .stageId(stage.id()).build());
          close(Outcome.REJECTED, ReviewEvent.SYSTEM, String.format("stage '%s' rejected by %s: its quorum can no"
              + " longer be reached with the current team", stage.id(), rejection.principal().equals(rejection.voter())
              ? rejection.voter() : rejection.voter() + " for " + rejection.principal()));
        }
      }
    }
  }

  /** The stage's first rejection of revision {@code revision}; null if it has none. */
  private static Vote firstRejection(StageState stageState, int revision) {
    List<Vote> votes = stageState.votes();
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per command
      if (votes.get(i).kind() == VoteKind.REJECT && votes.get(i).revision() == revision) {
        return votes.get(i);
      }
    }
    return null;
  }

  /** Fires the escalations and the expiry due at or before the command's instant, earliest first. */
  private void fireDeadlines() {
    while (state.status() == CaseStatus.IN_REVIEW) {
      Stage dueStage = null;
      Instant dueAt = null;
      boolean expire = false;
      List<Stage> all = workflow.allStages();
      for (int i = 0; i < all.size(); i++) {  // indexed: this runs for every command, and the iterator was not elided
        Stage stage = all.get(i);
        if (stage.deadline().isEmpty()) {
          continue;
        }
        StageState stageState = state.stageOrNull(stage.id());
        if (stageState == null || stageState.status() != StageStatus.OPEN) {
          continue;
        }
        Deadline deadline = stage.deadline().get();
        Instant opened = stageState.openedAt().orElseThrow();
        if (!stageState.escalated()) {
          Instant escalateAt = Deadline.due(opened, deadline.escalateAfter());
          if (!escalateAt.isAfter(at) && (dueAt == null || escalateAt.isBefore(dueAt))) {
            dueStage = stage;
            dueAt = escalateAt;
            expire = false;
          }
        }
        if (deadline.expireAfter().isPresent()) {
          Instant expireAt = Deadline.due(opened, deadline.expireAfter().get());
          if (!expireAt.isAfter(at) && (dueAt == null || expireAt.isBefore(dueAt))) {
            dueStage = stage;
            dueAt = expireAt;
            expire = true;
          }
        }
      }
      if (dueStage == null) {
        return;
      }
      Deadline deadline = dueStage.deadline().get();
      if (expire) {
        emit(CaseClosed.builder().caseId(caseId).sequence(next()).at(dueAt)
            .actor(ReviewEvent.SYSTEM).outcome(Outcome.EXPIRED).reason(String.format(
                "stage '%s' had no decision within %s of opening", dueStage.id(), deadline.expireAfter().get()))
            .build());
        return;
      }
      emit(Escalated.builder().caseId(caseId).sequence(next()).at(dueAt).actor(ReviewEvent.SYSTEM)
          .stageId(dueStage.id()).role(deadline.escalationRole()).build());
    }
  }

  /**
   * Opens the first phase from {@code start} on that still has work: skips the stages whose
   * condition does not hold, sends the case back if a gate fails, opens the others (approved ones
   * too, where an approval by this revision's editor no longer counts: see
   * {@link #approvedForAnotherRevision}); closes the case as approved when no phase has work left.
   */
  private void openFrom(int start) {
    List<Phase> phases = workflow.phases();
    Artifact subject = state.subject();
    for (int p = start; p < phases.size(); p++) {
      List<Stage> stages = phases.get(p).stages();
      List<Stage> toOpen = null;
      for (Stage stage : stages) {
        StageStatus status = state.stageStatus(stage.id());
        if (status == StageStatus.OPEN || status.isDone() && !approvedForAnotherRevision(stage)) {
          continue;
        }
        if (stage.condition().isPresent() && !stage.condition().get().test(subject)) {
          emit(StageSkipped.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
              .stageId(stage.id()).phase(p).reason("condition " + stage.condition().get() + " does not hold").build());
          continue;
        }
        if (toOpen == null) {
          toOpen = new ArrayList<>(stages.size());
        }
        toOpen.add(stage);
      }
      if (toOpen != null) {
        boolean gateFailed = false;
        for (Stage stage : toOpen) {
          if (stage.gate().isPresent()) {
            List<Violation> violations = context.gateViolations(stage.gate().get(), subject);
            if (!violations.isEmpty()) {
              emit(GateFailed.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
                  .stageId(stage.id()).standardId(stage.gate().get()).violations(violations).build());
              gateFailed = true;
            }
          }
        }
        if (gateFailed) {
          return;
        }
        for (Stage stage : toOpen) {
          emit(StageOpened.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
              .stageId(stage.id()).phase(p).build());
        }
        for (Stage stage : toOpen) {
          StageState stageState = state.stageOrNull(stage.id());
          // approvals kept through a resubmission, of members who may vote now and did not edit this revision
          if (atQuorum(stage, stageState)) {
            emit(StageApproved.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM)
                .stageId(stage.id()).build());
          }
        }
      }
      if (!phaseDone(p)) {
        return;
      }
    }
    close(Outcome.APPROVED, ReviewEvent.SYSTEM, phases.size() == 1 ? "the phase passed"
        : "all " + phases.size() + " phases passed");
  }

  /**
   * Whether an approved stage holds an approval kept from an earlier revision by or for the member
   * who edited this one, where the last editor may not approve: it was approved for a revision that
   * member did not edit, and that approval does not count toward this one, so the stage opens again
   * when its phase comes, with its approvals, as a stage that kept approvals but was not approved
   * does (and is approved at once if the approvals that count reach its quorum). This depends on
   * the log alone, not the team. A phase opens once per revision (the first at the resubmission,
   * each later one when the one before it is done, and a done phase stays done until the next
   * resubmission), so a stage approved again after opening is not opened a second time.
   */
  private boolean approvedForAnotherRevision(Stage stage) {
    if (!workflow.lastEditorMayNotApprove()) {
      return false;  // no lookup on the common path
    }
    StageState stageState = state.stageOrNull(stage.id());
    return stageState != null && Eligibility.approvedWithEditor(workflow, state.lastEditor(), stageState);
  }

  private void approveStage(Stage stage) {
    emit(StageApproved.builder().caseId(caseId).sequence(next()).at(at).actor(ReviewEvent.SYSTEM).stageId(stage.id())
        .build());
    int phase = workflow.phaseOf(stage.id());
    if (phaseDone(phase)) {
      openFrom(phase + 1);
    }
  }

  private boolean phaseDone(int phase) {
    for (Stage stage : workflow.phases().get(phase).stages()) {
      if (!state.stageStatus(stage.id()).isDone()) {
        return false;
      }
    }
    return true;
  }

  private void close(Outcome outcome, String actor, String reason) {
    emit(CaseClosed.builder().caseId(caseId).sequence(next()).at(at).actor(actor).outcome(outcome).reason(reason)
        .build());
  }

  // --- eligibility ----------------------------------------------------------------------------

  private boolean isReviewer(Stage stage, StageState stageState, String memberId) {
    return Eligibility.isReviewer(state.reassignments(), team, stage, stageState, memberId);
  }

  private boolean atQuorum(Stage stage, StageState stageState) {
    return Eligibility.atQuorum(workflow, team, state.reassignments(), state.submitter(), state.lastEditor(), stage,
        stageState);
  }

  private int counted(Stage stage, StageState stageState) {
    return Eligibility.counted(workflow, team, state.reassignments(), state.submitter(), state.lastEditor(), stage,
        stageState);
  }

  private int required(Stage stage, StageState stageState) {
    return Eligibility.required(workflow, team, state.reassignments(), state.submitter(), stage, stageState);
  }

  private int stillToVote(Stage stage, StageState stageState) {
    return Eligibility.stillToVote(workflow, team, state.reassignments(), state.submitter(), stage, stageState);
  }

  private boolean hasDelegation(String from, String to) {
    for (Delegation delegation : state.delegations()) {
      if (delegation.from().equals(from) && delegation.to().equals(to) && delegation.activeAt(at)) {
        return true;
      }
    }
    return false;
  }

  /** The first member who delegated to {@code actor}, valid now, who may vote in the stage and has not. */
  private String delegatorFor(Stage stage, StageState stageState, String actor) {
    for (Delegation delegation : state.delegations()) {
      if (delegation.to().equals(actor) && delegation.activeAt(at) && !stageState.hasVoteOf(delegation.from())
          && isReviewer(stage, stageState, delegation.from())
          && !(workflow.forbidSelfReview() && delegation.from().equals(state.submitter()))) {
        return delegation.from();
      }
    }
    return null;
  }

  private boolean isLead(String actor) {
    if (workflow.leadRole().isEmpty()) {
      return false;
    }
    Optional<Member> member = team.member(actor);
    return member.isPresent() && member.get().holds(workflow.leadRole().get());
  }

  private String whoReviews(Stage stage, StageState stageState, String member) {
    for (Reassignment reassignment : state.reassignments()) {
      if (reassignment.stageId().equals(stage.id()) && reassignment.from().equals(member)) {
        return "they were reassigned off the stage";
      }
    }
    StringBuilder out = new StringBuilder("the stage is reviewed by");
    if (!stage.reviewerRoles().isEmpty()) {
      out.append(" holders of ").append(stage.reviewerRoles());
    }
    if (!stage.reviewerMembers().isEmpty()) {
      out.append(stage.reviewerRoles().isEmpty() ? " " : " and by ").append(stage.reviewerMembers());
    }
    if (stage.deadline().isPresent()) {
      Deadline deadline = stage.deadline().get();
      out.append(stageState.escalated() ? ", and since its escalation by holders of '"
          : ", and by holders of '").append(deadline.escalationRole())
          .append(stageState.escalated() ? "'" : "' only after it escalates");
    }
    return out.toString();
  }

  // --- helpers --------------------------------------------------------------------------------

  private Refusal checkKind(Artifact subject) {
    if (!subject.kind().equals(workflow.subjectKind())) {
      return Refusal.of(RefusalReason.SUBJECT_KIND_MISMATCH, "%s reviews '%s' subjects, not '%s'",
          workflow.describe(), workflow.subjectKind(), subject.kind());
    }
    return null;
  }

  private Refusal unknownStage(String stageId) {
    return Refusal.of(RefusalReason.UNKNOWN_STAGE, "%s has no stage '%s'; its stages are %s", workflow.describe(),
        stageId, workflow.allStages().stream().map(Stage::id).toList());
  }

  private Refusal notSubmitter(String what) {
    return Refusal.of(RefusalReason.NOT_SUBMITTER, "only %s, who submitted case %s, may %s it; %s did not submit it",
        state.submitter(), caseId, what, command.actor());
  }

  private long next() {
    return state.version() + 1;
  }

  private void emit(ReviewEvent event) {
    events.add(event);
    state.apply(event);
  }

  private Decision accept() {
    return Decision.accepted(events, state.toCase());
  }

  private static Decision refuse(RefusalReason reason, String format, Object... args) {
    return Decision.refused(Refusal.of(reason, format, args));
  }
}
