package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * Member {@link #from()}'s votes in this case go to {@link #to()} from {@link #validFrom()}
 * (inclusive) until {@link #validUntil()} (exclusive). In JSON {@code {"type": "delegated", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDelegated.class)
@JsonDeserialize(as = ImmutableDelegated.class)
public abstract non-sealed class Delegated implements ReviewEvent {
  Delegated() {}

  /** {@return the delegating member} */
  public abstract String from();

  /** {@return the delegate} */
  public abstract String to();

  /** {@return the first instant the delegation holds} */
  public abstract Instant validFrom();

  /** {@return the first instant it no longer holds} */
  public abstract Instant validUntil();

  /** {@return a builder of a new Delegated; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Delegated}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link Delegated#from() from}, {@link
   * Delegated#to() to}, {@link Delegated#validFrom() validFrom}, {@link Delegated#validUntil()
   * validUntil}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableDelegated.Builder {
    Builder() {}

    /**
     * Builds the Delegated.
     *
     * @return the new Delegated
     * @throws dev.finegrain.core.DefinitionException if the Delegated event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Delegated build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
