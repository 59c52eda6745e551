package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} rejected the subject under its veto policy; a {@link CaseClosed} with
 * {@link Outcome#REJECTED} follows. In JSON {@code {"type": "stage-rejected", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageRejected.class)
@JsonDeserialize(as = ImmutableStageRejected.class)
public abstract non-sealed class StageRejected implements ReviewEvent {
  StageRejected() {}

  /** The stage. */
  public abstract String stageId();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StageRejected}. */
  public static final class Builder extends ImmutableStageRejected.Builder {
    Builder() {}
  }
}
