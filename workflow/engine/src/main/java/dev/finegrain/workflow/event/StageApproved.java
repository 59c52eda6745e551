package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} reached its quorum. In JSON {@code {"type": "stage-approved", ...}}.
 * Recorded by the system with the vote or the reassignment that reached the quorum, or when a stage
 * opens with the approvals it kept (a stage approved before and opened again, because an approval
 * by or for the new revision's editor no longer counts, is approved again at once if the others
 * reach its quorum); and, when the approvals already cast meet a quorum without a vote (the team
 * changed: members who had not approved left, so fewer approvals are needed, or a member whose
 * approval had stopped counting may vote again; or an escalation made members whose approvals were
 * kept eligible again), with the next command accepted for the case, a tick included, before that
 * command's own events and at its instant. Replaying a log reads this event
 * as it is: the team is never consulted again.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageApproved.class)
@JsonDeserialize(as = ImmutableStageApproved.class)
public abstract non-sealed class StageApproved implements ReviewEvent {
  StageApproved() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return a builder of a new StageApproved; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link StageApproved}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link StageApproved#stageId() stageId}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStageApproved.Builder {
    Builder() {}

    /**
     * Builds the StageApproved.
     *
     * @return the new StageApproved
     * @throws dev.finegrain.core.DefinitionException if the StageApproved event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public StageApproved build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
