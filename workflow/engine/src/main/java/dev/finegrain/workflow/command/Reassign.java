package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import org.immutables.value.Value;

/**
 * Replaces reviewer {@link #from()} of stage {@link #stageId()} by member {@link #to()} for this
 * case; only holders of the workflow's lead role may. In JSON {@code {"type": "reassign", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReassign.class)
@JsonDeserialize(as = ImmutableReassign.class)
public abstract non-sealed class Reassign implements ReviewCommand {
  Reassign() {}

  /** {@return the stage} */
  public abstract String stageId();

  /** {@return the reviewer taken off the stage} */
  public abstract String from();

  /** {@return the member put on it} */
  public abstract String to();

  /** {@return a builder of a new Reassign; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("stageId", stageId());
    problems.checkNotBlank("from", from());
    problems.checkNotBlank("to", to());
    problems.throwIfAny("Reassign command");
  }

  /**
   * Builds a {@link Reassign}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Reassign#stageId()
   * stageId}, {@link Reassign#from() from}, {@link Reassign#to() to}. Optional, absent unless set:
   * {@link ReviewCommand#expectedVersion() expectedVersion}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableReassign.Builder {
    Builder() {}

    /**
     * Builds the Reassign.
     *
     * @return the new Reassign
     * @throws dev.finegrain.core.DefinitionException if the Reassign command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Reassign build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
