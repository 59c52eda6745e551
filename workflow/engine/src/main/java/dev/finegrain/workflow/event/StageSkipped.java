package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.Stage;
import org.immutables.value.Value;

/**
 * Stage {@link #stageId()} does not apply to this revision: its condition does not hold. In JSON
 * {@code {"type": "stage-skipped", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStageSkipped.class)
@JsonDeserialize(as = ImmutableStageSkipped.class)
public abstract non-sealed class StageSkipped implements ReviewEvent {
  StageSkipped() {}

  /** The stage. */
  public abstract String stageId();

  /** The index of its phase. */
  public abstract int phase();

  /** Why, such as {@code condition category in ["food", "cosmetics"] does not hold}. */
  public abstract String reason();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StageSkipped}. */
  public static final class Builder extends ImmutableStageSkipped.Builder {
    Builder() {}
  }
}
