package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ReviewEngine#handle} answers: the command was accepted, with the events it recorded
 * and the case's new version, or refused, with the {@link Refusal} and the case's version as it
 * stayed. Handling the same command id again answers an equal outcome and records nothing.
 *
 * @since 0.1
 */
public final class ReviewOutcome {
  private final String commandId;
  private final String caseId;
  private final ImmutableList<RecordedEvent> events;
  private final long version;
  private final Refusal refusal;

  private ReviewOutcome(String commandId, String caseId, ImmutableList<RecordedEvent> events, long version,
      Refusal refusal) {
    this.commandId = checkNotNull(commandId, "commandId");
    this.caseId = checkNotNull(caseId, "caseId");
    this.events = events;
    this.version = version;
    this.refusal = refusal;
  }

  /**
   * Accepted: {@code events} were recorded and the case is now at {@code version}.
   *
   * @param commandId the id of the command that caused it
   * @param caseId the case id
   * @param events the events recorded, in order
   * @param version the case version after the command
   * @return a review outcome
   */
  public static ReviewOutcome accepted(String commandId, String caseId, List<RecordedEvent> events, long version) {
    return new ReviewOutcome(commandId, caseId, ImmutableList.copyOf(events), version, null);
  }

  /**
   * Refused for {@code refusal}; the case stays at {@code version}.
   *
   * @param commandId the id of the command that caused it
   * @param caseId the case id
   * @param refusal why the command was refused
   * @param version the case version after the command
   * @return a review outcome
   */
  public static ReviewOutcome refused(String commandId, String caseId, Refusal refusal, long version) {
    return new ReviewOutcome(commandId, caseId, ImmutableList.of(), version, checkNotNull(refusal, "refusal"));
  }

  /** {@return the command's id} */
  public String commandId() {
    return commandId;
  }

  /** {@return the command's case} */
  public String caseId() {
    return caseId;
  }

  /** {@return whether the command was accepted (possibly with no events, as a tick with nothing due)} */
  public boolean isAccepted() {
    return refusal == null;
  }

  /** {@return the events the command recorded, in order; empty when refused} */
  public List<RecordedEvent> events() {
    return events;
  }

  /** {@return the case's version after the command: the sequence number of its last event} */
  public long version() {
    return version;
  }

  /** {@return why the command was refused; empty when accepted} */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  /** {@return the reason of the refusal, if refused} */
  public Optional<RefusalReason> refusalReason() {
    return refusal().map(Refusal::reason);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReviewOutcome other)) {
      return false;
    }
    return commandId.equals(other.commandId) && caseId.equals(other.caseId) && events.equals(other.events)
        && version == other.version && Objects.equals(refusal, other.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commandId, caseId, events, version, refusal);
  }

  @Override
  public String toString() {
    return refusal != null
        ? "Refused{" + commandId + " on " + caseId + " v" + version + ": " + refusal + "}"
        : "Accepted{" + commandId + " on " + caseId + " -> v" + version + ", " + events.size() + " events}";
  }
}
