package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review engine's two pure functions. {@code decide} looks at a case and a command and says
 * what happens: events, or a refusal. {@code evolve} applies one event to a case. Neither reads the
 * clock, does I/O or keeps state; a case's state is the fold of its events, so replaying a stored
 * log gives the same state.
 *
 * <pre>{@code
 * ReviewCase state = ReviewCase.replay(events);   // the case's events so far, in order
 * Decision decision = Reviews.decide(workflow, context, state, command);
 * if (decision.isAccepted()) {
 *   events.addAll(decision.events());            // the case is now decision.applyTo(state)
 * } else {
 *   show(decision.refusal().get().message());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Reviews {
  /**
   * How far before a case's last event a command may be dated and still be decided: one minute.
   * Nodes of a platform stamp commands with clocks that differ a little, and two commands for one
   * case may be stamped in one order and decided in the other; such a command is decided, and its
   * events recorded, at the instant of the case's last event, so that a case's events stay in time
   * order and every rule that depends on time (a delegation's window, a deadline) is judged at that
   * later instant. A command dated further back is refused with {@link
   * RefusalReason#BEFORE_LAST_EVENT}.
   */
  public static final Duration CONCURRENT = Duration.ofMinutes(1);

  private Reviews() {}

  /**
   * Decides {@code command} against case {@code state} (use {@link ReviewCase#NEW} for a case not
   * yet submitted), at the command's instant, or at the case's last event's if the command is dated
   * at most {@link #CONCURRENT} before it (further back it is refused with {@link
   * RefusalReason#BEFORE_LAST_EVENT}). Deadlines due at or before that instant fire first, as system events
   * with the deadline's instant; if they close the case, any command but a {@link Tick} is refused.
   * Then every open stage whose approvals already reach what it needs under {@code context}'s team
   * is approved (the command's own events check the quorum of every stage they change), as the vote
   * that reached the quorum would have approved it: a team that lost members can need fewer
   * approvals than it did when they were cast, and a member whose approval had stopped counting may
   * vote again (if that closes the case, any command but a tick is refused). Only the approvals of
   * members who may vote in the stage under {@code context}'s team count (see {@link Quorum}). A
   * refused decision carries no events.
   *
   * <p>{@code workflow} should have been validated against the context's team
   * ({@link ReviewWorkflow#validateAgainst(ReviewContext)}); decide does not repeat that on its hot path.
   *
   * @param workflow the workflow the case is pinned to
   * @param context the team and standards decisions are made with
   * @param state the case's current state ({@link ReviewCase#NEW} before it is submitted)
   * @param command the command to decide
   * @return the events to record, or a refusal
   * @throws IllegalArgumentException for programming errors: a command for another case than
   *     {@code state}, or a workflow other than the one the case is pinned to
   */
  public static Decision decide(ReviewWorkflow workflow, ReviewContext context, ReviewCase state,
      ReviewCommand command) {
    checkNotNull(workflow, "workflow");
    checkNotNull(context, "context");
    checkNotNull(state, "state");
    checkNotNull(command, "command");
    return new Decider(workflow, context, state, command).decide();
  }

  /**
   * Why the case is not decided yet: for each open stage, in workflow order, its votes, the
   * approvals that count under {@code context}'s team and those it needs, who can still vote and
   * which of them may approve, and its deadlines. Empty unless the case is in review (a case
   * awaiting resubmission says why in {@link ReviewCase#sentBack()}).
   *
   * @param workflow the workflow the case is pinned to
   * @param context the team and standards decisions are made with
   * @param state the case's current state ({@link ReviewCase#NEW} before it is submitted)
   * @return the progress of each open stage; empty unless the case is in review
   */
  public static List<StageProgress> progress(ReviewWorkflow workflow, ReviewContext context,
      ReviewCase state) {
    if (state.status() != CaseStatus.IN_REVIEW) {
      return ImmutableList.of();
    }
    Team team = context.team();
    ImmutableList.Builder<StageProgress> out = ImmutableList.builder();
    for (Stage stage : workflow.allStages()) {
      StageState stageState = state.stageOrNull(stage.id());
      if (stageState == null || stageState.status() != StageStatus.OPEN) {
        continue;
      }
      ImmutableList.Builder<String> canStillVote = ImmutableList.builder();
      ImmutableList.Builder<String> canStillApprove = ImmutableList.builder();
      for (Member member : team.members()) {
        if (Eligibility.mayVote(workflow, state.reassignments(), state.submitter(), stage, stageState, member)
            && !stageState.hasVoteOf(member.id())) {
          canStillVote.add(member.id());
          if (Eligibility.approvalBar(workflow, state, stage.id(), member.id()).isEmpty()) {
            canStillApprove.add(member.id());
          }
        }
      }
      Instant opened = stageState.openedAt().orElseThrow();
      Optional<Deadline> deadline = stage.deadline();
      out.add(new StageProgress(stage.id(), stageState.votes(),
          Eligibility.counted(workflow, team, state.reassignments(), state.submitter(), state.lastEditor(), stage,
              stageState),
          Eligibility.required(workflow, team, state.reassignments(), state.submitter(), stage, stageState),
          canStillVote.build(), canStillApprove.build(),
          stageState.escalated(), deadline.map(d -> Deadline.due(opened, d.escalateAfter())),
          deadline.flatMap(Deadline::expireAfter).map(d -> Deadline.due(opened, d))));
    }
    return out.build();
  }

  /**
   * The open stages of the case in which {@code memberId} may vote at {@code at}, for themselves
   * or as a delegate: the case's part of that member's inbox. Separation-of-duty rules that only
   * bar approving (last editor, distinct approvers) are not applied here; the member may still
   * reject or request changes ({@link StageProgress#canStillApprove()} says who may approve). Where
   * the workflow forbids self-review the submitter awaits no stage, not even as a delegate (every
   * vote of theirs would be refused).
   *
   * @param workflow the workflow the case is pinned to
   * @param context the team and standards decisions are made with
   * @param state the case's current state ({@link ReviewCase#NEW} before it is submitted)
   * @param memberId the member id
   * @param at the platform's "now", for delegations in force
   * @return the ids of those stages, in workflow order
   */
  public static List<String> awaiting(ReviewWorkflow workflow, ReviewContext context, ReviewCase state,
      String memberId, Instant at) {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (StageProgress progress : progress(workflow, context, state)) {
      boolean self = progress.canStillVote().contains(memberId);
      boolean delegate = false;
      for (Delegation delegation : state.delegations()) {
        if (delegation.to().equals(memberId) && delegation.activeAt(at)
            && progress.canStillVote().contains(delegation.from())
            && OpenWork.mayVoteAsDelegate(workflow, state, memberId)) {
          delegate = true;
        }
      }
      if (self || delegate) {
        out.add(progress.stageId());
      }
    }
    return out.build();
  }

  /**
   * The state after {@code event}.
   *
   * @param state the case's current state ({@link ReviewCase#NEW} before it is submitted)
   * @param event the event
   * @return the next state
   * @throws IllegalArgumentException if the event does not follow {@code state}: another case, a
   *     sequence number other than {@code state.version() + 1}, or an event after the case closed
   */
  public static ReviewCase evolve(ReviewCase state, ReviewEvent event) {
    return checkNotNull(state, "state").apply(event);
  }
}
