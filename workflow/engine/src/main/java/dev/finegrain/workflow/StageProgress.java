package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why an open stage of a case is not decided yet: the votes so far, the approvals that count and
 * the approvals it needs, who can still vote (members eligible now who have not voted, in team
 * order; a delegate votes for them), which of them may also approve, and its deadlines. From
 * {@link Reviews#progress}.
 *
 * <p>An approval counts while the member it was cast for may vote in the stage: {@link #votes()}
 * can hold approvals that do not count, kept from a member who has since left the team, lost the
 * role, or was eligible only through an escalation the stage lost when it reopened after a
 * resubmission (see {@link Quorum}), and, where the last editor may not approve, one kept from an
 * earlier revision that was cast by or for the member who edited this one (see {@link ReReview}).
 * Under {@link Quorum#all()}, {@link #required()} is the number of members who may vote, so the
 * stage is approved when each of them has approved.
 *
 * <p>For an inbox: {@link #canStillVote()} is whose inbox holds the stage, since each of them may
 * still vote (and a delegate of theirs, for them); {@link #canStillApprove()} is whose approval the
 * engine would accept: not the last editor where the workflow bars them, not a member who approved
 * another of the distinct-approver stages. The others may reject or request changes only. Fewer
 * members in {@code canStillApprove} than {@link #stillNeeded()} means the members who may vote now
 * cannot approve the stage: unless someone rejects it or requests changes, it waits for an
 * escalation, a reassignment, a resubmission (which may name another last editor) or a change of
 * the team.
 *
 * @param stageId the stage
 * @param votes the votes cast in it, in order, kept approvals included, whether they count or not
 * @param approvals the approvals that count: cast by or for members who may vote in it now (not
 *     by or for the current revision's editor where the last editor may not approve)
 * @param required the approvals it needs
 * @param canStillVote the members eligible now who have not voted, in team order
 * @param canStillApprove those of {@code canStillVote} whose approval the engine would accept, in
 *     team order; a delegate is checked too when they vote (a delegate who is the last editor may
 *     not approve for anyone)
 * @param escalated whether its deadline escalated it
 * @param escalatesAt when it escalates, if it has a deadline
 * @param expiresAt when the case expires, if the stage's deadline has an expiry
 * @since 0.1
 */
public record StageProgress(String stageId, List<Vote> votes, int approvals, int required,
    List<String> canStillVote, List<String> canStillApprove, boolean escalated, Optional<Instant> escalatesAt,
    Optional<Instant> expiresAt) {
  /**
   * Checks the components: copies the lists, none may be null; {@code canStillApprove} must be
   * {@code canStillVote} with some members left out, in the same order.
   *
   * @param stageId the stage
   * @param votes the votes cast in it, in order, kept approvals included, whether they count or not
   * @param approvals the approvals that count: cast by or for members who may vote in it now (not
   *     by or for the current revision's editor where the last editor may not approve)
   * @param required the approvals it needs
   * @param canStillVote the members eligible now who have not voted, in team order
   * @param canStillApprove those of {@code canStillVote} whose approval the engine would accept, in
   *     team order
   * @param escalated whether its deadline escalated it
   * @param escalatesAt when it escalates, if it has a deadline
   * @param expiresAt when the case expires, if the stage's deadline has an expiry
   * @throws IllegalArgumentException if {@code canStillApprove} is not a part of {@code canStillVote}
   *     in the same order
   */
  public StageProgress {
    checkNotNull(stageId, "stageId");
    votes = ImmutableList.copyOf(checkNotNull(votes, "votes"));  // no copy of an immutable list
    canStillVote = ImmutableList.copyOf(checkNotNull(canStillVote, "canStillVote"));  // no copy of an immutable list
    canStillApprove = ImmutableList.copyOf(checkNotNull(canStillApprove, "canStillApprove"));
    checkArgument(inOrderAmong(canStillApprove, canStillVote), "canStillApprove %s is not among canStillVote %s, in"
        + " its order", canStillApprove, canStillVote);
    checkNotNull(escalatesAt, "escalatesAt");
    checkNotNull(expiresAt, "expiresAt");
  }

  /** Whether {@code part} is {@code whole} with some members left out: linear, as teams can be large. */
  private static boolean inOrderAmong(List<String> part, List<String> whole) {
    int j = 0;
    for (int i = 0; i < part.size(); i++) {
      while (j < whole.size() && !whole.get(j).equals(part.get(i))) {
        j++;
      }
      if (j++ == whole.size()) {
        return false;
      }
    }
    return true;
  }

  /** {@return the approvals still missing; 0 only for a stage about to close} */
  public int stillNeeded() {
    return Math.max(0, required - approvals);
  }

  /**
   * {@code manager: 1 of 2 approvals; can still vote [guo, tang]; escalates at ...}, with
   * {@code , of whom may approve [tang]} after the members when some of them may not approve.
   */
  @Override
  public String toString() {
    return stageId + ": " + approvals + " of " + required + " approvals; can still vote " + canStillVote
        + (canStillApprove.size() == canStillVote.size() ? "" : ", of whom may approve " + canStillApprove)
        + (escalated ? "; escalated" : escalatesAt.map(t -> "; escalates at " + t).orElse(""))
        + expiresAt.map(t -> "; expires at " + t).orElse("");
  }
}
