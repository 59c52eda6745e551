package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.workflow.event.Outcome;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The submitter withdraws the case; it closes as {@link Outcome#WITHDRAWN}. In JSON
 * {@code {"type": "withdraw", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableWithdraw.class)
@JsonDeserialize(as = ImmutableWithdraw.class)
public abstract non-sealed class Withdraw implements ReviewCommand {
  Withdraw() {}

  /**
   * Why, if given.
   *
   * @return the reason
   */
  public abstract Optional<String> reason();

  /** {@return a builder of a new Withdraw; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.throwIfAny("Withdraw command");
  }

  /**
   * Builds a {@link Withdraw}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}. Optional, absent unless set:
   * {@link ReviewCommand#expectedVersion() expectedVersion}, {@link Withdraw#reason() reason}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableWithdraw.Builder {
    Builder() {}

    /**
     * Builds the Withdraw.
     *
     * @return the new Withdraw
     * @throws dev.finegrain.core.DefinitionException if the Withdraw command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Withdraw build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
