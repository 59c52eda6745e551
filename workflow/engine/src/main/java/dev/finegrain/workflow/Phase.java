package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import org.immutables.value.Value;

/**
 * One step of a workflow: a single stage, or several stages that run in parallel. The phase
 * completes when every stage of it that is not skipped has approved; then the next phase opens.
 * In JSON {@code {"stages": [...]}}.
 *
 * <pre>{@code
 * Phase parallel = Phase.of(copy, image);             // both must approve before the next phase opens
 * Phase single = Phase.builder().addStage(manager).build();
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePhase.class)
@JsonDeserialize(as = ImmutablePhase.class)
public abstract class Phase {
  Phase() {}

  /** {@return the stages of this phase, at least one, running in parallel} */
  public abstract List<Stage> stages();

  /** {@return a builder of a new Phase; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A phase of these stages.
   *
   * @param stages the stages, at least one
   * @return a phase of these stages
   */
  public static Phase of(Stage... stages) {
    return builder().addStages(stages).build();
  }

  @Value.Check
  void check() {
    new Problems().check(!stages().isEmpty(), "stages", "a phase needs at least one stage").throwIfAny("phase");
  }

  /**
   * Builds a {@link Phase}; each attribute is documented on its accessor.
   * Lists, empty unless added to (one at a time, or all at once): {@link Phase#stages() stages}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutablePhase.Builder {
    Builder() {}

    /**
     * Builds the Phase.
     *
     * @return the new Phase
     * @throws dev.finegrain.core.DefinitionException if the phase is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Phase build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
