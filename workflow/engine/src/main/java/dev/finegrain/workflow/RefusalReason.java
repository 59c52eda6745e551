package dev.finegrain.workflow;

import dev.finegrain.workflow.command.Submit;

/**
 * Why {@link Reviews#decide} refused a command. Each {@link Refusal} also says it in words.
 *
 * @since 0.1
 */
public enum RefusalReason {
  /** The command is for a case that was never submitted. */
  CASE_NOT_FOUND,
  /** A {@link Submit} for a case that already exists. */
  CASE_ALREADY_SUBMITTED,
  /** The case is closed (approved, rejected, withdrawn or expired) and accepts no further commands. */
  CASE_CLOSED,
  /** The command's expected version is not the case's current version. */
  VERSION_CONFLICT,
  /** A vote while the case waits for the submitter's resubmission. */
  AWAITING_RESUBMISSION,
  /** The workflow has no stage with this id. */
  UNKNOWN_STAGE,
  /** The stage is not open for votes (pending, skipped, or already decided). */
  STAGE_NOT_OPEN,
  /**
   * The member may not vote in this stage: lacks its roles, is not named, was reassigned away,
   * or is an escalation holder before the escalation.
   */
  NOT_ELIGIBLE,
  /** A vote on behalf of a member who gave the actor no delegation valid at the command's instant. */
  NOT_DELEGATE,
  /** The submitter may not review their own case (and may not vote as someone's delegate either). */
  SELF_REVIEW,
  /** The member already voted in this stage (themselves or through a delegate). */
  ALREADY_VOTED,
  /** The member already approved another of the workflow's distinct-approver stages. */
  SAME_APPROVER,
  /** The member last edited the subject and the workflow forbids them to approve it. */
  LAST_EDITOR,
  /** Only the submitter may resubmit or withdraw. */
  NOT_SUBMITTER,
  /** Only holders of the workflow's lead role may reassign, or delegate for someone else. */
  NOT_LEAD,
  /** The subject is not of the workflow's subject kind. */
  SUBJECT_KIND_MISMATCH,
  /**
   * The actor or a member named by the command is not on the team. Who must be: a voter and the
   * member voted for, both members of a delegation, the member a stage is reassigned to. The
   * submitter need not be (a seller submitting a listing): they may comment on, resubmit and
   * withdraw their own case. A {@link dev.finegrain.workflow.command.Tick} may come from
   * {@link dev.finegrain.workflow.event.ReviewEvent#SYSTEM}, a member or the submitter; a comment
   * from a member or the submitter. Ids are compared exactly, case and all: {@code "Lin"} is not
   * member {@code "lin"}, so a platform must pass one id per person.
   */
  UNKNOWN_MEMBER,
  /**
   * A delegation to oneself, or one to or from the case's submitter where the workflow forbids
   * self-review (every vote under it would be refused). One whose end is not after its start is
   * refused when the {@link dev.finegrain.workflow.command.Delegate} is built.
   */
  INVALID_DELEGATION,
  /**
   * A reassignment from someone who is not a reviewer of the stage, who already voted, or to a current
   * reviewer, or to the submitter where the workflow forbids self-review.
   */
  INVALID_REASSIGNMENT,
  /**
   * The command is dated more than {@link Reviews#CONCURRENT} (a minute) before the case's last
   * event. The platform stamps each command with the time it received it, so a case's events are in
   * time order and a command cannot reach back into its past: a vote dated before the submission is
   * refused. A command dated less far back is concurrent with the last event and decided at its
   * instant, so a delegate's vote dated inside a delegation window that later commands have left is
   * judged after the window (and refused as {@link #NOT_DELEGATE}, or counted for the delegate
   * alone). A {@link dev.finegrain.workflow.command.Tick} dated before the last event is accepted and
   * does nothing (every deadline due by then already fired).
   */
  BEFORE_LAST_EVENT,
  /**
   * The case was submitted under a workflow definition whose content hash (recorded in its
   * {@link dev.finegrain.workflow.event.CaseSubmitted#definitionHash() case-submitted} event)
   * differs from the definition registered now under the same id and version: the engine does not
   * follow a definition the case was not submitted under. Register a changed definition as a new
   * version.
   */
  DEFINITION_CHANGED;
}
