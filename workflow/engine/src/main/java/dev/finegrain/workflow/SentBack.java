package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;

/**
 * Why a case waits for the submitter: changes requested by {@code by} in stage {@code stageId}, or
 * the stage's gate failed ({@code by} is {@link ReviewEvent#SYSTEM}); {@code reasons} are the
 * reviewer's reason or the gate's violations.
 */
public record SentBack(Kind kind, String stageId, String by, List<String> reasons) {
  /** What sent the case back. */
  public enum Kind {
    CHANGES_REQUESTED,
    GATE_FAILED;
  }

  public SentBack {
    checkNotNull(kind, "kind");
    checkNotNull(stageId, "stageId");
    checkNotNull(by, "by");
    reasons = ImmutableList.copyOf(checkNotNull(reasons, "reasons"));  // no copy of an immutable list
  }
}
