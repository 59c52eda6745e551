package dev.finegrain.workflow.command;

import dev.finegrain.core.internal.Problems;

/** Validation shared by the command types. */
final class Checks {
  private Checks() {}

  static void command(Problems problems, ReviewCommand command) {
    problems.checkNotBlank("commandId", command.commandId());
    problems.checkNotBlank("caseId", command.caseId());
    problems.checkNotBlank("actor", command.actor());
    command.expectedVersion().ifPresent(v -> problems.check(v >= 0, "expectedVersion", "must be 0 or more, got %s", v));
  }
}
