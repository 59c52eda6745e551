package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why an open stage of a case is not decided yet: the votes so far, the approvals that count and
 * the approvals it needs, who can still vote (members eligible now who have not voted, in team
 * order; a delegate votes for them), and its deadlines. From {@link Reviews#progress}.
 *
 * <p>An approval counts while the member it was cast for may vote in the stage: {@link #votes()}
 * can hold approvals that do not count, kept from a member who has since left the team, lost the
 * role, or was eligible only through an escalation the stage lost when it reopened after a
 * resubmission (see {@link Quorum}). Under {@link Quorum#all()}, {@link #required()} is the number
 * of members who may vote, so the stage is approved when each of them has approved.
 *
 * @param stageId the stage
 * @param votes the votes cast in it, in order, kept approvals included, whether they count or not
 * @param approvals the approvals that count: cast by or for members who may vote in it now
 * @param required the approvals it needs
 * @param canStillVote the members eligible now who have not voted, in team order
 * @param escalated whether its deadline escalated it
 * @param escalatesAt when it escalates, if it has a deadline
 * @param expiresAt when the case expires, if the stage's deadline has an expiry
 * @since 0.1
 */
public record StageProgress(String stageId, List<Vote> votes, int approvals, int required,
    List<String> canStillVote, boolean escalated, Optional<Instant> escalatesAt,
    Optional<Instant> expiresAt) {
  /**
   * Checks the components: copies the lists, none may be null.
   *
   * @param stageId the stage
   * @param votes the votes cast in it, in order, kept approvals included, whether they count or not
   * @param approvals the approvals that count: cast by or for members who may vote in it now
   * @param required the approvals it needs
   * @param canStillVote the members eligible now who have not voted, in team order
   * @param escalated whether its deadline escalated it
   * @param escalatesAt when it escalates, if it has a deadline
   * @param expiresAt when the case expires, if the stage's deadline has an expiry
   */
  public StageProgress {
    checkNotNull(stageId, "stageId");
    votes = ImmutableList.copyOf(checkNotNull(votes, "votes"));  // no copy of an immutable list
    canStillVote = ImmutableList.copyOf(checkNotNull(canStillVote, "canStillVote"));  // no copy of an immutable list
    checkNotNull(escalatesAt, "escalatesAt");
    checkNotNull(expiresAt, "expiresAt");
  }

  /** {@return the approvals still missing; 0 only for a stage about to close} */
  public int stillNeeded() {
    return Math.max(0, required - approvals);
  }

  /** {@code manager: 1 of 2 approvals; can still vote [guo, tang]; escalates at ...}. */
  @Override
  public String toString() {
    return stageId + ": " + approvals + " of " + required + " approvals; can still vote " + canStillVote
        + (escalated ? "; escalated" : escalatesAt.map(t -> "; escalates at " + t).orElse(""))
        + expiresAt.map(t -> "; expires at " + t).orElse("");
  }
}
