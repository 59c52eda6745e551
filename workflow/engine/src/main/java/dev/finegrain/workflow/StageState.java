package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.event.VoteKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where one stage of a case stands: its status, the votes cast in it (approvals survive
 * resubmissions per the stage's {@link ReReview} policy), when it last opened, and whether its
 * deadline escalated it.
 *
 * @param stageId the stage
 * @param phase the index of its phase
 * @param status pending, open, approved, rejected or skipped
 * @param votes the votes cast in it since it last opened, in order, kept approvals included
 * @param openedAt when it last opened; empty while pending
 * @param escalated whether its deadline escalated it
 * @since 0.1
 */
public record StageState(String stageId, int phase, StageStatus status, List<Vote> votes,
    Optional<Instant> openedAt, boolean escalated) {
  /**
   * Checks the components: copies the lists, none may be null.
   *
   * @param stageId the stage
   * @param phase the index of its phase
   * @param status pending, open, approved, rejected or skipped
   * @param votes the votes cast in it since it last opened, in order, kept approvals included
   * @param openedAt when it last opened; empty while pending
   * @param escalated whether its deadline escalated it
   */
  public StageState {
    checkNotNull(stageId, "stageId");
    checkNotNull(status, "status");
    votes = ImmutableList.copyOf(checkNotNull(votes, "votes"));  // no copy of an immutable list
    checkNotNull(openedAt, "openedAt");
  }

  /**
   * A stage whose phase has not opened.
   *
   * @param stageId the stage id
   * @param phase the index of its phase
   * @return a stage whose phase has not opened
   */
  public static StageState pending(String stageId, int phase) {
    return new StageState(stageId, phase, StageStatus.PENDING, ImmutableList.of(), Optional.empty(), false);
  }

  /**
   * {@return the number of approvals cast, kept ones included; those of members who may no longer
   * vote in the stage, and where the last editor may not approve those by or for the current
   * revision's editor, do not count toward its quorum (see {@link StageProgress#approvals()})}
   */
  public int approvals() {
    int n = 0;
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per check
      Vote vote = votes.get(i);
      if (vote.kind() == VoteKind.APPROVE) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether {@code member} has a vote in this stage, cast by them or by their delegate.
   *
   * @param member the member id
   * @return whether {@code member} has a vote in this stage, cast by them or by their delegate
   */
  public boolean hasVoteOf(String member) {
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per check
      Vote vote = votes.get(i);
      if (vote.principal().equals(member)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code member} approved this stage, themselves or as a delegate.
   *
   * @param member the member id
   * @return whether {@code member} approved this stage, themselves or as a delegate
   */
  public boolean approvedBy(String member) {
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per check
      Vote vote = votes.get(i);
      if (vote.kind() == VoteKind.APPROVE && (vote.principal().equals(member) || vote.voter().equals(member))) {
        return true;
      }
    }
    return false;
  }

  StageState withStatus(StageStatus newStatus) {
    return new StageState(stageId, phase, newStatus, votes, openedAt, escalated);
  }

  StageState opened(int newPhase, Instant at) {
    return new StageState(stageId, newPhase, StageStatus.OPEN, votes, Optional.of(at), false);
  }

  StageState skipped(int newPhase) {
    return new StageState(stageId, newPhase, StageStatus.SKIPPED, ImmutableList.of(), Optional.empty(), false);
  }

  StageState withVote(Vote vote) {
    return new StageState(stageId, phase, status,
        ImmutableList.<Vote>builderWithExpectedSize(votes.size() + 1).addAll(votes).add(vote).build(),
        openedAt, escalated);
  }

  StageState escalatedNow() {
    return new StageState(stageId, phase, status, votes, openedAt, true);
  }

  /**
   * After a resubmission: reset clears every vote; otherwise only approvals stay, as {@link ReReview}
   * says. Approved stages that keep stay approved, with their approvals alone (the engine opens one
   * again, with a {@code StageOpened}, where an approval by the new revision's editor does not
   * count: see {@link ReReview}; a rejection outvoted in the revision before must not come back
   * with it).
   */
  StageState resubmitted(boolean reset) {
    ImmutableList.Builder<Vote> approvals = ImmutableList.builder();
    if (!reset) {
      for (Vote vote : votes) {
        if (vote.kind() == VoteKind.APPROVE) {
          approvals.add(vote);
        }
      }
    }
    ImmutableList<Vote> kept = approvals.build();
    if (!reset && status == StageStatus.APPROVED) {
      return kept.size() == votes.size() ? this : new StageState(stageId, phase, status, kept, openedAt, escalated);
    }
    return new StageState(stageId, phase, StageStatus.PENDING, kept, Optional.empty(), false);
  }

}
