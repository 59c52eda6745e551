package dev.finegrain.core.process;

/**
 * What kind of thing a {@link Subject} names.
 *
 * @since 0.1
 */
public enum SubjectKind {
  /** A process, by its id. */
  PROCESS,
  /** A step, by its id. */
  STEP,
  /** A role, by its id. */
  ROLE;
}
