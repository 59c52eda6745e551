package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Reviews#decide} answers: the events to append to the case's log, or a
 * {@link Refusal}. A refused command yields no events and leaves the case as it was. An accepted
 * command may yield no events (a {@link Tick} with no deadline due).
 *
 * @since 0.1
 */
public final class Decision {
  private final ImmutableList<ReviewEvent> events;
  private final Refusal refusal;
  /** The state after the events when the decider had it at hand (not part of the value); else null. */
  private final ReviewCase stateAfter;

  private Decision(ImmutableList<ReviewEvent> events, Refusal refusal, ReviewCase stateAfter) {
    this.events = events;
    this.refusal = refusal;
    this.stateAfter = stateAfter;
  }

  /**
   * Accepted, with these events in order.
   *
   * @param events the events to append, in order
   * @return a decision
   */
  public static Decision accepted(List<? extends ReviewEvent> events) {
    return new Decision(ImmutableList.copyOf(events), null, null);
  }

  /** Accepted, with these events, which lead to {@code stateAfter}. */
  static Decision accepted(List<? extends ReviewEvent> events, ReviewCase stateAfter) {
    return new Decision(ImmutableList.copyOf(events), null, stateAfter);
  }

  /** The state after the events, if the decider kept it; else null. */
  ReviewCase stateAfter() {
    return stateAfter;
  }

  /**
   * Refused, for this reason.
   *
   * @param refusal why the command was refused
   * @return a decision
   */
  public static Decision refused(Refusal refusal) {
    return new Decision(ImmutableList.of(), checkNotNull(refusal, "refusal"), null);
  }

  /** {@return whether the command was accepted (possibly with no events)} */
  public boolean isAccepted() {
    return refusal == null;
  }

  /** {@return the events to append, in order; empty when refused} */
  public List<ReviewEvent> events() {
    return events;
  }

  /** {@return why the command was refused; empty when accepted} */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * The state after this decision's events: {@code state} itself when refused.
   *
   * @param state the state the decision was made on
   * @return the state after this decision's events: {@code state} itself when refused
   */
  public ReviewCase applyTo(ReviewCase state) {
    ReviewCase next = state;
    for (ReviewEvent event : events) {
      next = next.apply(event);
    }
    return next;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision other && other.events.equals(events) && Objects.equals(other.refusal, refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events, refusal);
  }

  @Override
  public String toString() {
    return refusal != null ? "Refused{" + refusal + "}" : "Accepted" + events;
  }
}
