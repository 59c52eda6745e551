package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * Gives member {@link #from()}'s votes in this case to member {@link #to()} between two instants
 * (from inclusive, until exclusive); by {@code from} or a holder of the workflow's lead role. The
 * delegate's vote is recorded as "to for from" and counts as from's. In JSON
 * {@code {"type": "delegate", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDelegate.class)
@JsonDeserialize(as = ImmutableDelegate.class)
public abstract non-sealed class Delegate implements ReviewCommand {
  Delegate() {}

  /** {@return the member whose votes are delegated} */
  public abstract String from();

  /** {@return the delegate} */
  public abstract String to();

  /** {@return the first instant the delegation holds; within years 1 to 9999, as every instant of a command} */
  public abstract Instant validFrom();

  /**
   * The first instant the delegation no longer holds: after {@link #validFrom()}, at most
   * {@link ReviewCommand#MAX_INSTANT} (for a delegation without end), or the Delegate is refused
   * when built.
   *
   * @return the instant
   */
  public abstract Instant validUntil();

  /** {@return a builder of a new Delegate; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("from", from());
    problems.checkNotBlank("to", to());
    problems.check(validUntil().isAfter(validFrom()), "validUntil", "must be after validFrom (%s), got %s",
        validFrom(), validUntil());
    problems.throwIfAny("Delegate command");
  }

  /**
   * Builds a {@link Delegate}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Delegate#from() from},
   * {@link Delegate#to() to}, {@link Delegate#validFrom() validFrom}, {@link Delegate#validUntil()
   * validUntil}. Optional, absent unless set: {@link ReviewCommand#expectedVersion()
   * expectedVersion}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableDelegate.Builder {
    Builder() {}

    /**
     * Builds the Delegate.
     *
     * @return the new Delegate
     * @throws dev.finegrain.core.DefinitionException if the Delegate command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Delegate build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
