package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The actor remarked on the case. In JSON {@code {"type": "commented", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCommented.class)
@JsonDeserialize(as = ImmutableCommented.class)
public abstract non-sealed class Commented implements ReviewEvent {
  Commented() {}

  /** The remark. */
  public abstract String text();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Commented}. */
  public static final class Builder extends ImmutableCommented.Builder {
    Builder() {}
  }
}
