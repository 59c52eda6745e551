package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The actor remarked on the case. In JSON {@code {"type": "commented", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCommented.class)
@JsonDeserialize(as = ImmutableCommented.class)
public abstract non-sealed class Commented implements ReviewEvent {
  Commented() {}

  /** {@return the remark} */
  public abstract String text();

  /** {@return a builder of a new Commented; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Commented}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link Commented#text() text}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableCommented.Builder {
    Builder() {}

    /**
     * Builds the Commented.
     *
     * @return the new Commented
     * @throws dev.finegrain.core.DefinitionException if the Commented event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Commented build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
