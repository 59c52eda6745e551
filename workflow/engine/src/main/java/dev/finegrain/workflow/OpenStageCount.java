package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * How many cases have a stage open, from {@link ReviewEngine#openStages()}: the work waiting in one
 * stage of one workflow, and the roles whose holders review it (a platform sums per role for its
 * staffing view).
 *
 * @param workflowId the workflow's id (all its versions together)
 * @param stageId the stage's id
 * @param reviewerRoles the roles whose holders review the stage (empty if only named members do)
 * @param openStages the number of cases in review with the stage open
 *
 * @since 0.2
 */
public record OpenStageCount(String workflowId, String stageId, List<String> reviewerRoles, long openStages) {
  /**
   * Checks the components.
   *
   * @param workflowId the workflow's id (all its versions together)
   * @param stageId the stage's id
   * @param reviewerRoles the roles whose holders review the stage (empty if only named members do)
   * @param openStages the number of cases in review with the stage open
   */
  public OpenStageCount {
    checkNotNull(workflowId, "workflowId");
    checkNotNull(stageId, "stageId");
    reviewerRoles = ImmutableList.copyOf(checkNotNull(reviewerRoles, "reviewerRoles"));
    checkArgument(openStages >= 0, "openStages must be 0 or more, got %s", openStages);
  }
}
