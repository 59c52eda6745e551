package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Rejects the subject at stage {@link #stageId()}; under the stage's veto policy this may
 * reject the case. In JSON {@code {"type": "reject", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReject.class)
@JsonDeserialize(as = ImmutableReject.class)
public abstract non-sealed class Reject implements ReviewCommand {
  Reject() {}

  /** {@return the stage voted on} */
  public abstract String stageId();

  /**
   * Why; required.
   *
   * @return the reason
   */
  public abstract String reason();

  /** {@return the member the actor votes for, by delegation} */
  public abstract Optional<String> onBehalfOf();

  /** {@return a builder of a new Reject; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("stageId", stageId());
    problems.checkNotBlank("reason", reason());
    problems.throwIfAny("Reject command");
  }

  /**
   * Builds a {@link Reject}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Reject#stageId()
   * stageId}, {@link Reject#reason() reason}. Optional, absent unless set: {@link
   * ReviewCommand#expectedVersion() expectedVersion}, {@link Reject#onBehalfOf() onBehalfOf}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableReject.Builder {
    Builder() {}

    /**
     * Builds the Reject.
     *
     * @return the new Reject
     * @throws dev.finegrain.core.DefinitionException if the Reject command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Reject build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
