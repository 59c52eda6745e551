package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A stage's deadline, counted from the moment the stage opens: after {@link #escalateAfter()} the
 * holders of {@link #escalationRole()} may vote too (an {@link Escalated} event), and after
 * {@link #expireAfter()}, if given, the case closes as {@link Outcome#EXPIRED}. Deadlines fire when
 * a command (usually a {@link Tick}) carries an instant at or past them; the engine reads no clock.
 * A deadline runs only while its stage is open: a case sent back for changes waits for its
 * resubmission with no deadline running (it never expires while it waits), and a stage opened again
 * by the resubmission counts its deadline from then.
 *
 * <pre>{@code
 * {"escalateAfter": "PT48H", "escalationRole": "manager", "expireAfter": "PT96H"}
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDeadline.class)
@JsonDeserialize(as = ImmutableDeadline.class)
public abstract class Deadline {
  Deadline() {}

  /**
   * The longest {@link #escalateAfter()} or {@link #expireAfter()}: 100 years (36,525 days). A
   * longer one is surely a mistake, and one of about 292 billion years
   * ({@code PT2562047788015215H}) would reach past the last instant Java represents.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(36_525);

  /** {@return the time from the stage opening until it escalates; positive, at most {@link #MAX_DURATION}} */
  public abstract Duration escalateAfter();

  /** {@return the role whose holders become eligible on escalation} */
  public abstract String escalationRole();

  /**
   * The time from the stage opening until the case expires, if it does.
   *
   * @return the time; longer than {@link #escalateAfter()}, at most {@link #MAX_DURATION}
   */
  public abstract Optional<Duration> expireAfter();

  /**
   * {@code after} past {@code opened}, or the last instant Java represents if that is earlier.
   * Commands are dated within years 1 to 9999, so a due date is at most 100 years past that; but a
   * log an earlier release wrote may hold instants near {@link Instant#MAX}, which must not make a
   * due date overflow.
   */
  static Instant due(Instant opened, Duration after) {
    return opened.isAfter(Instant.MAX.minus(after)) ? Instant.MAX : opened.plus(after);
  }

  /** {@return a builder of a new Deadline; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.check(!escalateAfter().isNegative() && !escalateAfter().isZero(), "escalateAfter",
        "must be positive, got %s", escalateAfter());
    problems.check(escalateAfter().compareTo(MAX_DURATION) <= 0, "escalateAfter",
        "must be at most %s (Deadline.MAX_DURATION, 100 years), got %s", MAX_DURATION, escalateAfter());
    problems.checkId("escalationRole", escalationRole());
    expireAfter().ifPresent(expire -> {
      if (expire.isNegative() || expire.isZero()) {
        problems.add("expireAfter", "must be positive, got %s", expire);
      } else if (expire.compareTo(MAX_DURATION) > 0) {
        problems.add("expireAfter", "must be at most %s (Deadline.MAX_DURATION, 100 years), got %s", MAX_DURATION,
            expire);
      } else if (expire.compareTo(escalateAfter()) <= 0) {
        problems.add("expireAfter", "must be longer than escalateAfter (%s), got %s", escalateAfter(), expire);
      }
    });
    problems.throwIfAny("deadline");
  }

  /**
   * Builds a {@link Deadline}; each attribute is documented on its accessor.
   * Required: {@link Deadline#escalateAfter() escalateAfter}, {@link Deadline#escalationRole()
   * escalationRole}. Optional, absent unless set: {@link Deadline#expireAfter() expireAfter}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableDeadline.Builder {
    Builder() {}

    /**
     * Builds the Deadline.
     *
     * @return the new Deadline
     * @throws dev.finegrain.core.DefinitionException if the deadline is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Deadline build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
