package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The case closed with {@link #outcome()}; it accepts no further commands. In JSON
 * {@code {"type": "case-closed", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCaseClosed.class)
@JsonDeserialize(as = ImmutableCaseClosed.class)
public abstract non-sealed class CaseClosed implements ReviewEvent {
  CaseClosed() {}

  /** How it ended. */
  public abstract Outcome outcome();

  /** Why, readable: which stage rejected, who withdrew, which deadline passed. */
  public abstract String reason();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CaseClosed}. */
  public static final class Builder extends ImmutableCaseClosed.Builder {
    Builder() {}
  }
}
