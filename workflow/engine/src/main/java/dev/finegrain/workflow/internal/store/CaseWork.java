package dev.finegrain.workflow.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A case's part of the open-work projection, computed by the engine from the case's state after an
 * append: who may vote in which open stage ({@link WorkEntry}), the open stages with the roles
 * that review them, and the case's first pending deadline. A case not in review has none.
 *
 * @param caseId the case
 * @param version the case's version the projection was computed at
 * @param entries who may vote where, in {@link WorkEntry#ORDER}
 * @param stages the case's open stages
 * @param dueAt the case's first pending deadline (an escalation or expiry a tick would record); null for none
 */
public record CaseWork(String caseId, long version, List<WorkEntry> entries, List<OpenStage> stages,
    Instant dueAt) {
  /** Checks the components. */
  public CaseWork {
    Objects.requireNonNull(caseId, "caseId");
    entries = List.copyOf(entries);
    stages = List.copyOf(stages);
  }

  /** The projection of a case with no open work at {@code version}. */
  public static CaseWork none(String caseId, long version) {
    return new CaseWork(caseId, version, List.of(), List.of(), null);
  }

  /**
   * One open stage of a case.
   *
   * @param workflowId the case's workflow
   * @param stageId the stage
   * @param roles the roles whose holders review it
   */
  public record OpenStage(String workflowId, String stageId, List<String> roles) {
    /** Checks the components. */
    public OpenStage {
      Objects.requireNonNull(workflowId, "workflowId");
      Objects.requireNonNull(stageId, "stageId");
      roles = List.copyOf(roles);
    }
  }
}
