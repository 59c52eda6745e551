package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The case closed with {@link #outcome()}; it accepts no further commands. In JSON
 * {@code {"type": "case-closed", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCaseClosed.class)
@JsonDeserialize(as = ImmutableCaseClosed.class)
public abstract non-sealed class CaseClosed implements ReviewEvent {
  CaseClosed() {}

  /** {@return how it ended} */
  public abstract Outcome outcome();

  /**
   * Why, readable: which stage rejected, who withdrew, which deadline passed.
   *
   * @return the reason
   */
  public abstract String reason();

  /** {@return a builder of a new CaseClosed; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link CaseClosed}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link CaseClosed#outcome() outcome},
   * {@link CaseClosed#reason() reason}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableCaseClosed.Builder {
    Builder() {}

    /**
     * Builds the CaseClosed.
     *
     * @return the new CaseClosed
     * @throws dev.finegrain.core.DefinitionException if the CaseClosed event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public CaseClosed build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
