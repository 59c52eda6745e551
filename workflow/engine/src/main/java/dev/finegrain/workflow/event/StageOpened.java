package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} opened for votes (kept approvals, if any, still count). In JSON
 * {@code {"type": "stage-opened", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageOpened.class)
@JsonDeserialize(as = ImmutableStageOpened.class)
public abstract non-sealed class StageOpened implements ReviewEvent {
  StageOpened() {}

  /** The stage. */
  public abstract String stageId();

  /** The index of its phase. */
  public abstract int phase();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StageOpened}. */
  public static final class Builder extends ImmutableStageOpened.Builder {
    Builder() {}
  }
}
