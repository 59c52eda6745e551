package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.workflow.event.ReviewEvent;
import org.immutables.value.Value;

/**
 * The platform's "now" for a case: deadlines due at or before {@link #at()} fire (escalation,
 * expiry). The engine runs no threads and reads no clock, so the platform sends ticks, say every
 * minute for cases with deadlines; any other accepted command fires due deadlines too. A tick (as
 * any accepted command) also approves an open stage whose approvals already meet its quorum because
 * the team changed: after members leave or change roles, send each of their open cases a tick. The actor is usually
 * {@link ReviewEvent#SYSTEM} (the platform's scheduler); a member of the team or the case's submitter
 * may tick too (say, on opening the case), anyone else is refused with
 * {@link dev.finegrain.workflow.RefusalReason#UNKNOWN_MEMBER} before any deadline fires. The events
 * a tick records are the system's whoever sent it. In JSON {@code {"type": "tick", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTick.class)
@JsonDeserialize(as = ImmutableTick.class)
public abstract non-sealed class Tick implements ReviewCommand {
  Tick() {}


  /** {@return a builder of a new Tick; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.throwIfAny("Tick command");
  }

  /**
   * Builds a {@link Tick}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}. Optional, absent unless set:
   * {@link ReviewCommand#expectedVersion() expectedVersion}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTick.Builder {
    Builder() {}

    /**
     * Builds the Tick.
     *
     * @return the new Tick
     * @throws dev.finegrain.core.DefinitionException if the Tick command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Tick build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
