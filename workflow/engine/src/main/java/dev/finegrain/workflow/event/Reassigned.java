package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.internal.MissingAttributes;
import org.immutables.value.Value;

/**
 * A lead replaced reviewer {@link #from()} of stage {@link #stageId()} by {@link #to()} for this
 * case. In JSON {@code {"type": "reassigned", ...}}.
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

  /** Builds a {@link Reassigned}. */
  public static final class Builder extends ImmutableReassigned.Builder {
    Builder() {}

    /**
     * Builds the Reassigned.
     *
     * @return the new Reassigned
     * @throws dev.finegrain.core.DefinitionException if the Reassigned event is invalid, with every problem and its
     *     path; a required attribute that is not set is the problem {@code <attribute>: required, not set}
     */
    @Override
    public Reassigned build() {
      return MissingAttributes.build("Reassigned", super::build);
    }
  }
}
