package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

/** In stage {@code stageId} of a case, reviewer {@code from} was replaced by {@code to}. */
public record Reassignment(String stageId, String from, String to) {
  public Reassignment {
    checkNotNull(stageId, "stageId");
    checkNotNull(from, "from");
    checkNotNull(to, "to");
  }
}
