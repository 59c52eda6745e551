package dev.finegrain.workflow.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The open-work projection as a store keeps it, updated with each append: queries whose cost grows
 * with their answer, not with the store's history.
 */
public interface WorkIndex {
  /**
   * Up to {@code limit} of {@code memberId}'s entries valid at {@code at} ({@link WorkEntry#validAt}),
   * in {@link WorkEntry#ORDER} after {@code after} (null: from the first).
   */
  List<WorkEntry> inbox(String memberId, Instant at, WorkEntry after, int limit);

  /** Up to {@code limit} cases with a deadline due by {@code at}: case id to due instant, earliest first. */
  Map<String, Instant> dueBy(Instant at, int limit);

  /** The number of open stages per workflow id and stage id, with the stages' reviewer roles. */
  List<StageCount> openStages();

  /**
   * How many cases have stage {@code stageId} of workflow {@code workflowId} open.
   *
   * @param workflowId the workflow
   * @param stageId the stage
   * @param roles the roles whose holders review it
   * @param open the number of cases with the stage open
   */
  record StageCount(String workflowId, String stageId, List<String> roles, long open) {}
}
