package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} opened for votes, with the approvals it kept through a resubmission, if
 * any (which of them count: see {@link dev.finegrain.workflow.Quorum}). A stage approved before the
 * case was sent back opens again too when its phase comes, with its approvals, where the last editor
 * may not approve and one of them was cast by or for the member who edited the new revision (see
 * {@link dev.finegrain.workflow.ReReview}). In JSON {@code {"type": "stage-opened", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageOpened.class)
@JsonDeserialize(as = ImmutableStageOpened.class)
public abstract non-sealed class StageOpened implements ReviewEvent {
  StageOpened() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return the index of its phase} */
  public abstract int phase();

  /** {@return a builder of a new StageOpened; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link StageOpened}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link StageOpened#stageId() stageId},
   * {@link StageOpened#phase() phase}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStageOpened.Builder {
    Builder() {}

    /**
     * Builds the StageOpened.
     *
     * @return the new StageOpened
     * @throws dev.finegrain.core.DefinitionException if the StageOpened event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public StageOpened build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
