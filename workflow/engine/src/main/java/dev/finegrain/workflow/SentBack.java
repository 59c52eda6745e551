package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;

/**
 * Why a case waits for the submitter: changes requested by {@code by} in stage {@code stageId}, or
 * the stage's gate failed ({@code by} is {@link ReviewEvent#SYSTEM}); {@code reasons} are the
 * reviewer's reason or the gate's violations.
 *
 * @param kind what sent the case back
 * @param stageId the stage that sent it back
 * @param by the reviewer who asked for changes, or {@link ReviewEvent#SYSTEM} for a failed gate
 * @param reasons the reviewer's reason, or the gate's violations in words
 * @since 0.1
 */
public record SentBack(Kind kind, String stageId, String by, List<String> reasons) {
  /**
   * What sent the case back.
   *
   * @since 0.1
   */
  public enum Kind {
    /** A reviewer requested changes. */
    CHANGES_REQUESTED,
    /** The subject did not conform to the stage\'s gate standard. */
    GATE_FAILED;
  }

  /**
   * Checks the components: copies the lists, none may be null.
   *
   * @param kind what sent the case back
   * @param stageId the stage that sent it back
   * @param by the reviewer who asked for changes, or {@link ReviewEvent#SYSTEM} for a failed gate
   * @param reasons the reviewer's reason, or the gate's violations in words
   */
  public SentBack {
    checkNotNull(kind, "kind");
    checkNotNull(stageId, "stageId");
    checkNotNull(by, "by");
    reasons = ImmutableList.copyOf(checkNotNull(reasons, "reasons"));  // no copy of an immutable list
  }
}
