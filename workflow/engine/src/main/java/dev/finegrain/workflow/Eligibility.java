package dev.finegrain.workflow;

import dev.finegrain.core.Member;
import dev.finegrain.core.Team;
import java.util.List;
import java.util.Optional;

/**
 * Who may vote in a stage of a case, and how many approvals it needs: the rules shared by
 * {@link Reviews#decide} and the read-only views ({@link Reviews#progress}). Allocation-free.
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
