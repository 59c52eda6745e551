package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} rejected the subject under its veto policy; a {@link CaseClosed} with
 * {@link Outcome#REJECTED} follows. In JSON {@code {"type": "stage-rejected", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageRejected.class)
@JsonDeserialize(as = ImmutableStageRejected.class)
public abstract non-sealed class StageRejected implements ReviewEvent {
  StageRejected() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return a builder of a new StageRejected; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link StageRejected}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link StageRejected#stageId() stageId}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStageRejected.Builder {
    Builder() {}

    /**
     * Builds the StageRejected.
     *
     * @return the new StageRejected
     * @throws dev.finegrain.core.DefinitionException if the StageRejected event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public StageRejected build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
