package dev.finegrain.core.process;

/** What kind of thing a {@link Subject} names. */
public enum SubjectKind {
  PROCESS,
  STEP,
  ROLE;
}
