package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sends the case back to the submitter from stage {@link #stageId()}, with a reason; the case
 * waits for a {@link Resubmit}. In JSON {@code {"type": "request-changes", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRequestChanges.class)
@JsonDeserialize(as = ImmutableRequestChanges.class)
public abstract non-sealed class RequestChanges implements ReviewCommand {
  RequestChanges() {}

  /** {@return the stage voted on} */
  public abstract String stageId();

  /** {@return what should change; required} */
  public abstract String reason();

  /** {@return the member the actor votes for, by delegation} */
  public abstract Optional<String> onBehalfOf();

  /** {@return a builder of a new RequestChanges; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("stageId", stageId());
    problems.checkNotBlank("reason", reason());
    problems.throwIfAny("RequestChanges command");
  }

  /**
   * Builds a {@link RequestChanges}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link
   * RequestChanges#stageId() stageId}, {@link RequestChanges#reason() reason}. Optional, absent
   * unless set: {@link ReviewCommand#expectedVersion() expectedVersion}, {@link
   * RequestChanges#onBehalfOf() onBehalfOf}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableRequestChanges.Builder {
    Builder() {}

    /**
     * Builds the RequestChanges.
     *
     * @return the new RequestChanges
     * @throws dev.finegrain.core.DefinitionException if the RequestChanges command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public RequestChanges build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
