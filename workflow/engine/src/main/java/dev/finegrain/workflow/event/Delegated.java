package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import dev.finegrain.workflow.internal.MissingAttributes;
import org.immutables.value.Value;

/**
 * Member {@link #from()}'s votes in this case go to {@link #to()} from {@link #validFrom()}
 * (inclusive) until {@link #validUntil()} (exclusive). In JSON {@code {"type": "delegated", ...}}.
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

  /** Builds a {@link Delegated}. */
  public static final class Builder extends ImmutableDelegated.Builder {
    Builder() {}

    /**
     * Builds the Delegated.
     *
     * @return the new Delegated
     * @throws dev.finegrain.core.DefinitionException if the Delegated event is invalid, with every problem and its
     *     path; a required attribute that is not set is the problem {@code <attribute>: required, not set}
     */
    @Override
    public Delegated build() {
      return MissingAttributes.build("Delegated", super::build);
    }
  }
}
