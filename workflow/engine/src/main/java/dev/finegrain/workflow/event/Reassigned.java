package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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

  /** The stage. */
  public abstract String stageId();

  /** The reviewer taken off. */
  public abstract String from();

  /** The member put on. */
  public abstract String to();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Reassigned}. */
  public static final class Builder extends ImmutableReassigned.Builder {
    Builder() {}
  }
}
