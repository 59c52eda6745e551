package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A lead replaced reviewer {@link #from()} of stage {@link #stageId()} by {@link #to()} for this
 * case. In JSON {@code {"type": "reassigned", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReassigned.class)
@JsonDeserialize(as = ImmutableReassigned.class)
public abstract non-sealed class Reassigned implements ReviewEvent {
  Reassigned() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return the reviewer taken off} */
  public abstract String from();

  /** {@return the member put on} */
  public abstract String to();

  /** {@return a builder of a new Reassigned; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Reassigned}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link Reassigned#stageId() stageId},
   * {@link Reassigned#from() from}, {@link Reassigned#to() to}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableReassigned.Builder {
    Builder() {}

    /**
     * Builds the Reassigned.
     *
     * @return the new Reassigned
     * @throws dev.finegrain.core.DefinitionException if the Reassigned event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Reassigned build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
