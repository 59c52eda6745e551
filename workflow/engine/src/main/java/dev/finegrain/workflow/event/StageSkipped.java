package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} does not apply to this revision: its condition does not hold. In JSON
 * {@code {"type": "stage-skipped", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageSkipped.class)
@JsonDeserialize(as = ImmutableStageSkipped.class)
public abstract non-sealed class StageSkipped implements ReviewEvent {
  StageSkipped() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return the index of its phase} */
  public abstract int phase();

  /**
   * Why, such as {@code condition category in ["food", "cosmetics"] does not hold}.
   *
   * @return the reason
   */
  public abstract String reason();

  /** {@return a builder of a new StageSkipped; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link StageSkipped}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link StageSkipped#stageId() stageId},
   * {@link StageSkipped#phase() phase}, {@link StageSkipped#reason() reason}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStageSkipped.Builder {
    Builder() {}

    /**
     * Builds the StageSkipped.
     *
     * @return the new StageSkipped
     * @throws dev.finegrain.core.DefinitionException if the StageSkipped event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public StageSkipped build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
