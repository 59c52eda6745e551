package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * Why one open stage of a case is not decided yet, from {@link ReviewEngine#whyBlocked}: its
 * {@link StageProgress} (votes with who, approvals had and needed, who can still vote, deadlines),
 * its name and escalation role, and the same in words.
 *
 * @param stageName the stage's readable name
 * @param progress votes, approvals, who can still vote and deadlines
 * @param escalationRole the role the stage escalates to, if it has a deadline
 * @param lines the explanation in words, one line per aspect (first the headline)
 *
 * @since 0.1
 */
public record BlockedStage(String stageName, StageProgress progress, Optional<String> escalationRole,
    List<String> lines) {
  /**
   * Checks the components: copies the lists, none may be null.
   *
   * @param stageName the stage's readable name
   * @param progress votes, approvals, who can still vote and deadlines
   * @param escalationRole the role the stage escalates to, if it has a deadline
   * @param lines the explanation in words, one line per aspect (first the headline)
   */
  public BlockedStage {
    checkNotNull(stageName, "stageName");
    checkNotNull(progress, "progress");
    checkNotNull(escalationRole, "escalationRole");
    lines = ImmutableList.copyOf(checkNotNull(lines, "lines"));  // no copy of an immutable list
  }

  /** {@return the stage's id} */
  public String stageId() {
    return progress.stageId();
  }

  /** {@return the approvals still missing} */
  public int stillNeeded() {
    return progress.stillNeeded();
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
