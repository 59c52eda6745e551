package dev.finegrain.core.process;

/**
 * What a {@link Finding} of the RACI validation is about, with the severity it is reported at.
 *
 * @since 0.1
 */
public enum FindingKind {
  /** ERROR: the matrix names a different process than the one it is validated against; subject the process. */
  PROCESS_MISMATCH,
  /** ERROR: a step of the process has no Accountable role; subject the step. */
  NO_ACCOUNTABLE,
  /** ERROR: a step has more than one Accountable role; subject the step. */
  MULTIPLE_ACCOUNTABLE,
  /** ERROR: a step of the process has no Responsible role; subject the step. */
  NO_RESPONSIBLE,
  /** ERROR: the matrix names a step the process does not have; subject the step. */
  UNKNOWN_STEP,
  /** ERROR: the matrix names a role the team does not have; subject the role. */
  UNKNOWN_ROLE,
  /**
   * A role of the team that the matrix names but no member holds; subject the role. ERROR if the
   * role is Responsible or Accountable anywhere (work or sign-off would fall to nobody), WARNING if
   * it is only Consulted or Informed.
   */
  ROLE_WITHOUT_MEMBER,
  /**
   * WARNING: a role is Accountable for more steps of the process than
   * {@link RaciPolicy#maxAccountableStepsPerRole()}; subject the role.
   */
  ACCOUNTABLE_OVERLOAD;
}
