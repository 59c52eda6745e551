package dev.finegrain.workflow;

import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import dev.finegrain.workflow.event.VoteKind;
import java.util.List;
import java.util.Optional;

/**
 * Who may vote in a stage of a case, which approvals count, and how many it needs: the rules
 * shared by {@link Reviews#decide} and the read-only views ({@link Reviews#progress}).
 * Allocation-free but for the reason {@link #approvalBar} gives and the {@code Optional} a team lookup may make.
 *
 * <p>An approval counts toward a stage's quorum while the member it was cast for (its
 * {@linkplain Vote#principal() principal}: the delegator of a delegated vote) may vote in the stage:
 * an approval kept from a member who left the team, lost the role, or was eligible only through an
 * escalation the stage has since lost by reopening, does not count, and counts again if they may
 * vote again. So a stage under {@link Quorum#all()} is approved only once every member who may vote
 * in it approved, and a majority or a number of approvals is of members who may vote.
 *
 * <p>Where {@link ReviewWorkflow#lastEditorMayNotApprove()}, an approval cast by or for the member
 * who edited the current revision does not count toward it either: the engine refuses such an
 * approval now ({@link RefusalReason#LAST_EDITOR} looks at the voter and the principal alike), so
 * only one kept through the resubmission from an earlier revision can be there. It counts again in a
 * revision someone else edited. The editor is in the log, so this depends on the case, not the team.
 */
final class Eligibility {
  private Eligibility() {}

  /**
   * Whether {@code member} reviews {@code stage} in a case with {@code reassignments}: holds one of
   * its roles, is named, or holds the escalation role after the escalation; with the case's
   * reassignments applied in order. Self-review is not considered here.
   */
  static boolean isReviewer(List<Reassignment> reassignments, Stage stage, StageState stageState, Member member) {
    boolean eligible = false;
    for (String role : stage.reviewerRoles()) {
      if (member.holds(role)) {
        eligible = true;
        break;
      }
    }
    if (!eligible) {
      eligible = stage.reviewerMembers().contains(member.id())
          || (stageState != null && stageState.escalated() && stage.deadline().isPresent()
              && member.holds(stage.deadline().get().escalationRole()));
    }
    for (Reassignment reassignment : reassignments) {
      if (reassignment.stageId().equals(stage.id())) {
        if (reassignment.from().equals(member.id())) {
          eligible = false;
        } else if (reassignment.to().equals(member.id())) {
          eligible = true;
        }
      }
    }
    return eligible;
  }

  static boolean isReviewer(List<Reassignment> reassignments, Team team, Stage stage, StageState stageState,
      String memberId) {
    Optional<Member> member = team.member(memberId);
    return member.isPresent() && isReviewer(reassignments, stage, stageState, member.get());
  }

  /** Whether {@code member} may vote in the stage: a reviewer, and not the submitter when self-review is forbidden. */
  static boolean mayVote(ReviewWorkflow workflow, List<Reassignment> reassignments, String submitter, Stage stage,
      StageState stageState, Member member) {
    return isReviewer(reassignments, stage, stageState, member)
        && !(workflow.forbidSelfReview() && member.id().equals(submitter));
  }

  /**
   * The approvals that count toward the stage's quorum: those cast by or for a member of {@code team}
   * who may vote in the stage now, and, where the last editor may not approve, by and for others
   * than {@code editor}, who edited the current revision. A member has one vote per stage, so each
   * counts once.
   */
  static int counted(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments, String submitter,
      String editor, Stage stage, StageState stageState) {
    List<Vote> votes = stageState.votes();
    int n = 0;
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per check
      if (counts(workflow, team, reassignments, submitter, editor, stage, stageState, votes.get(i))) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code vote} is an approval that counts toward the stage's quorum now; see {@link #counted}. */
  static boolean counts(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments, String submitter,
      String editor, Stage stage, StageState stageState, Vote vote) {
    return !byEditor(workflow, editor, vote)  // two string comparisons before the team lookup
        && isEligibleApproval(workflow, team, reassignments, submitter, stage, stageState, vote);
  }

  /** Whether {@code vote} is an approval cast by or for a member of {@code team} who may vote in the stage now. */
  static boolean isEligibleApproval(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments,
      String submitter, Stage stage, StageState stageState, Vote vote) {
    if (vote.kind() != VoteKind.APPROVE) {
      return false;
    }
    Optional<Member> member = team.member(vote.principal());
    return member.isPresent() && mayVote(workflow, reassignments, submitter, stage, stageState, member.get());
  }

  /**
   * Whether {@code vote} was cast by or for {@code editor}, who edited the current revision, where
   * the workflow bars the last editor from approving: an approval kept from an earlier revision
   * (the engine refuses one cast now), which does not count toward this one.
   */
  static boolean byEditor(ReviewWorkflow workflow, String editor, Vote vote) {
    return workflow.lastEditorMayNotApprove() && (vote.principal().equals(editor) || vote.voter().equals(editor));
  }

  /**
   * Whether the approvals that count reach what the stage needs now: for {@link Quorum#all()}, every
   * member who may vote in it approved.
   */
  static boolean atQuorum(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments, String submitter,
      String editor, Stage stage, StageState stageState) {
    int cast = stageState.approvals();
    if (cast < stage.quorum().minimumMembers()) {
      return false;  // fewer cast than the least any quorum of its kind needs: no team lookup
    }
    return counted(workflow, team, reassignments, submitter, editor, stage, stageState)
        >= required(workflow, team, reassignments, submitter, stage, stageState);
  }

  /**
   * Whether the approved stage holds an approval by or for {@code editor} (see {@link #byEditor}): one
   * kept through the resubmission {@code editor} edited, which approved it for an earlier revision and
   * does not count toward this one.
   */
  static boolean approvedWithEditor(ReviewWorkflow workflow, String editor, StageState stageState) {
    if (!workflow.lastEditorMayNotApprove() || stageState.status() != StageStatus.APPROVED) {
      return false;
    }
    List<Vote> votes = stageState.votes();
    for (int i = 0; i < votes.size(); i++) {  // indexed: no iterator per check
      Vote vote = votes.get(i);
      if (vote.kind() == VoteKind.APPROVE && byEditor(workflow, editor, vote)) {
        return true;
      }
    }
    return false;
  }

  /** Approvals the stage needs, given who may vote in it now. */
  static int required(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments, String submitter,
      Stage stage, StageState stageState) {
    Quorum quorum = stage.quorum();
    if (quorum.kind() == Quorum.Kind.ANY || quorum.kind() == Quorum.Kind.AT_LEAST) {
      return quorum.required(0);
    }
    int eligible = 0;
    for (Member member : team.members()) {
      if (mayVote(workflow, reassignments, submitter, stage, stageState, member)) {
        eligible++;
      }
    }
    return quorum.required(eligible);
  }

  /**
   * Why the separation of duties bars {@code member}, who may vote in stage {@code stageId}, from
   * approving it (the rules the engine checks when they approve: {@link RefusalReason#LAST_EDITOR},
   * {@link RefusalReason#SAME_APPROVER}); empty if nothing does. They may still reject or request
   * changes.
   */
  static Optional<String> approvalBar(ReviewWorkflow workflow, ReviewCase state, String stageId, String member) {
    if (workflow.lastEditorMayNotApprove() && member.equals(state.lastEditor())) {
      return Optional.of("edited revision " + state.revision());
    }
    if (workflow.distinctApproverStages().contains(stageId)) {
      for (String other : workflow.distinctApproverStages()) {
        StageState otherState = state.stageOrNull(other);
        if (!other.equals(stageId) && otherState != null && otherState.approvedBy(member)) {
          return Optional.of("approved stage '" + other + "', which needs a different approver");
        }
      }
    }
    return Optional.empty();
  }

  /** How many members may vote in the stage and have not. */
  static int stillToVote(ReviewWorkflow workflow, Team team, List<Reassignment> reassignments, String submitter,
      Stage stage, StageState stageState) {
    int n = 0;
    for (Member member : team.members()) {
      if (mayVote(workflow, reassignments, submitter, stage, stageState, member) && !stageState.hasVoteOf(member.id())) {
        n++;
      }
    }
    return n;
  }
}
