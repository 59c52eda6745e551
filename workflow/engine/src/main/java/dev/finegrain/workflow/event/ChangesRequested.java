package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The actor sent the case back to the submitter from stage {@link #stageId()}; it waits for a
 * resubmission. In JSON {@code {"type": "changes-requested", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableChangesRequested.class)
@JsonDeserialize(as = ImmutableChangesRequested.class)
public abstract non-sealed class ChangesRequested implements ReviewEvent {
  ChangesRequested() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return what should change} */
  public abstract String reason();

  /** {@return a builder of a new ChangesRequested; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link ChangesRequested}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link ChangesRequested#stageId()
   * stageId}, {@link ChangesRequested#reason() reason}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableChangesRequested.Builder {
    Builder() {}

    /**
     * Builds the ChangesRequested.
     *
     * @return the new ChangesRequested
     * @throws dev.finegrain.core.DefinitionException if the ChangesRequested event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public ChangesRequested build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
