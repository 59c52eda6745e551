package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.codec.EventCodecs;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Instant;

/**
 * One line of a case's audit trail ({@link ReviewEngine#auditTrail}): a recorded event described
 * in words, such as {@code guo for tang approved stage 'manager'}.
 *
 * @param sequence the event's sequence number
 * @param at when it happened
 * @param actor who caused it, or {@link ReviewEvent#SYSTEM}
 * @param commandId the command that caused it
 * @param description what happened, in words, starting with who did it
 * @param hash the recorded event's hash
 *
 * @since 0.1
 */
public record AuditLine(long sequence, Instant at, String actor, String commandId, String description, Hash hash) {
  /**
   * Checks the components: none may be null.
   *
   * @param sequence the event's sequence number
   * @param at when it happened
   * @param actor who caused it, or {@link ReviewEvent#SYSTEM}
   * @param commandId the command that caused it
   * @param description what happened, in words, starting with who did it
   * @param hash the recorded event's hash
   */
  public AuditLine {
    checkNotNull(at, "at");
    checkNotNull(actor, "actor");
    checkNotNull(commandId, "commandId");
    checkNotNull(description, "description");
    checkNotNull(hash, "hash");
  }

  /** The line for {@code recorded}. */
  static AuditLine of(RecordedEvent recorded) {
    ReviewEvent event = recorded.event();
    return new AuditLine(event.sequence(), event.at(), event.actor(), recorded.commandId(),
        EventCodecs.describe(event), recorded.hash());
  }

  /** {@code #7 2026-03-02T10:00:00Z guo for tang approved stage 'manager'}. */
  @Override
  public String toString() {
    return "#" + sequence + " " + at + " " + description;
  }
}
