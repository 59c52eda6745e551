package dev.finegrain.workflow.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.finegrain.workflow.Refusal;
import dev.finegrain.workflow.Reviews;
import java.time.Instant;
import java.util.Optional;

/**
 * Something an actor asks of a review case. {@link Reviews#decide} answers it with events or a
 * {@link Refusal}. Every command carries its own instant: the engine reads no clock.
 *
 * <p>Trust boundary: the platform authenticates the {@link #actor()} and stamps the {@link #at()}
 * (when it received the command) before handing the command over; the engine takes both as given
 * and checks everything else: membership and eligibility, separation of duties, versions, that the
 * instant is not before the case's last event ({@link dev.finegrain.workflow.RefusalReason#BEFORE_LAST_EVENT}),
 * and that the case's workflow definition is the one it was submitted under. A case cannot go back
 * in time, so a command wrongly dated in the future leaves its case waiting until then (see
 * {@link #at()}). Texts must be valid Unicode, the ids it names (command, case, actor, stage,
 * members) at most {@link dev.finegrain.core.Ids#MAX_LENGTH} chars, its instants within years 1 to
 * 9999 ({@link #MIN_INSTANT} to {@link #MAX_INSTANT}), and a subject's numbers finite, or the
 * command is refused when built, naming the path.
 *
 * <p>In JSON each command has a {@code type}: {@code submit}, {@code approve}, {@code reject},
 * {@code request-changes}, {@code resubmit}, {@code withdraw}, {@code comment}, {@code delegate},
 * {@code reassign}, {@code tick}:
 *
 * <pre>{@code
 * {"type": "approve", "commandId": "c-17", "caseId": "listing-42", "actor": "ma",
 *  "at": "2026-03-02T09:15:00Z", "expectedVersion": 9, "stageId": "manager"}
 * }</pre>
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableSubmit.class, name = "submit"),
    @JsonSubTypes.Type(value = ImmutableApprove.class, name = "approve"),
    @JsonSubTypes.Type(value = ImmutableReject.class, name = "reject"),
    @JsonSubTypes.Type(value = ImmutableRequestChanges.class, name = "request-changes"),
    @JsonSubTypes.Type(value = ImmutableResubmit.class, name = "resubmit"),
    @JsonSubTypes.Type(value = ImmutableWithdraw.class, name = "withdraw"),
    @JsonSubTypes.Type(value = ImmutableComment.class, name = "comment"),
    @JsonSubTypes.Type(value = ImmutableDelegate.class, name = "delegate"),
    @JsonSubTypes.Type(value = ImmutableReassign.class, name = "reassign"),
    @JsonSubTypes.Type(value = ImmutableTick.class, name = "tick"),
})
public sealed interface ReviewCommand
    permits Approve, Comment, Delegate, Reassign, Reject, RequestChanges, Resubmit, Submit, Tick, Withdraw {
  /**
   * The earliest instant a command may carry: the start of year 1, {@code 0001-01-01T00:00:00Z}.
   * With {@link #MAX_INSTANT}, the years ISO 8601 writes with four digits, which databases'
   * timestamps hold.
   */
  Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * The last instant a command may carry: the end of year 9999,
   * {@code 9999-12-31T23:59:59.999999999Z}. A later one is a clock or unit bug (epoch milliseconds
   * read as seconds give a year near 58,000; {@link Instant#MAX} is in year 1,000,000,000), refused
   * when the command is built, naming the path.
   */
  Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** {@return the platform's id for this command, for idempotency and for the log} */
  String commandId();

  /** {@return the case the command is for} */
  String caseId();

  /**
   * Who asks: a member id, or the submitter's id (who need not be on the team), compared exactly;
   * usually {@link dev.finegrain.workflow.event.ReviewEvent#SYSTEM} for ticks.
   *
   * @return the actor's id
   */
  String actor();

  /**
   * When the command was given, as the platform stamped it; deadlines due at or before this instant
   * fire first. Within years 1 to 9999 ({@link #MIN_INSTANT} to {@link #MAX_INSTANT}), or the command
   * is refused when built; not more than {@link dev.finegrain.workflow.Reviews#CONCURRENT} before the
   * case's last event, or it is refused with
   * {@link dev.finegrain.workflow.RefusalReason#BEFORE_LAST_EVENT}.
   *
   * <p>A case cannot go back in time: once a command dated in the future is accepted, every later
   * command dated more than a minute before it is refused, and ticks before it do nothing, so the
   * case waits until that instant. The engine cannot tell a wrong date from a right one, and the log
   * is append-only, so there is no undoing it: the only way on is a command dated at or after that
   * instant (a {@link Tick} then fires every deadline due by then, an expiry closing the case; the
   * submitter's {@link Withdraw} then closes it), after which the subject can be submitted again as
   * a new case; the log keeps the wrong date. Stamp commands with the platform's clock when it
   * receives them, never with a date a client sends.
   *
   * @return the instant
   */
  Instant at();

  /**
   * The case version the actor saw; a different current version is a
   * {@link dev.finegrain.workflow.RefusalReason#VERSION_CONFLICT}.
   *
   * @return the expected version
   */
  Optional<Long> expectedVersion();
}
