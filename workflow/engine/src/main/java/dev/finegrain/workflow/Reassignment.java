package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * In stage {@code stageId} of a case, reviewer {@code from} was replaced by {@code to}.
 *
 * @param stageId the stage
 * @param from the reviewer taken off the stage
 * @param to the member put on it
 * @since 0.1
 */
public record Reassignment(String stageId, String from, String to) {
  /**
   * Checks the components: none may be null.
   *
   * @param stageId the stage
   * @param from the reviewer taken off the stage
   * @param to the member put on it
   */
  public Reassignment {
    checkNotNull(stageId, "stageId");
    checkNotNull(from, "from");
    checkNotNull(to, "to");
  }
}
