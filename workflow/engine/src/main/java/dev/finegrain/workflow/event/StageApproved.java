package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} reached its quorum. In JSON {@code {"type": "stage-approved", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageApproved.class)
@JsonDeserialize(as = ImmutableStageApproved.class)
public abstract non-sealed class StageApproved implements ReviewEvent {
  StageApproved() {}

  /** The stage. */
  public abstract String stageId();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StageApproved}. */
  public static final class Builder extends ImmutableStageApproved.Builder {
    Builder() {}
  }
}
