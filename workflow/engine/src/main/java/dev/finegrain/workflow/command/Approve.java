package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Approves stage {@link #stageId()}, as the actor or, with {@link #onBehalfOf()}, for the member
 * who delegated their votes to the actor. In JSON {@code {"type": "approve", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableApprove.class)
@JsonDeserialize(as = ImmutableApprove.class)
public abstract non-sealed class Approve implements ReviewCommand {
  Approve() {}

  /** {@return the stage voted on} */
  public abstract String stageId();

  /** {@return an optional remark kept with the vote} */
  public abstract Optional<String> comment();

  /**
   * {@return the member the actor votes for, by delegation} Without it the actor votes for
   * themselves (or, if they are not eligible, for the eligible member whose votes they hold).
   */
  public abstract Optional<String> onBehalfOf();

  /** {@return a builder of a new Approve; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("stageId", stageId());
    problems.throwIfAny("Approve command");
  }

  /**
   * Builds a {@link Approve}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Approve#stageId()
   * stageId}. Optional, absent unless set: {@link ReviewCommand#expectedVersion() expectedVersion},
   * {@link Approve#comment() comment}, {@link Approve#onBehalfOf() onBehalfOf}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableApprove.Builder {
    Builder() {}

    /**
     * Builds the Approve.
     *
     * @return the new Approve
     * @throws dev.finegrain.core.DefinitionException if the Approve command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Approve build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
