package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Decided by the system at the stage's escalation deadline: the holders of {@link #role()} may now
 * vote in stage {@link #stageId()}. In JSON {@code {"type": "escalated", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEscalated.class)
@JsonDeserialize(as = ImmutableEscalated.class)
public abstract non-sealed class Escalated implements ReviewEvent {
  Escalated() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return the escalation role} */
  public abstract String role();

  /** {@return a builder of a new Escalated; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Escalated}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link Escalated#stageId() stageId},
   * {@link Escalated#role() role}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableEscalated.Builder {
    Builder() {}

    /**
     * Builds the Escalated.
     *
     * @return the new Escalated
     * @throws dev.finegrain.core.DefinitionException if the Escalated event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Escalated build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
