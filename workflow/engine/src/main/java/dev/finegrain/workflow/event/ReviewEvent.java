package dev.finegrain.workflow.event;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import dev.finegrain.workflow.internal.codec.EventTypeIds;
import dev.finegrain.workflow.ReviewCase;
import java.time.Instant;

/**
 * Something that happened to a review case; a case's state is the fold of its events
 * ({@link ReviewCase#replay}). Events are immutable values with stable JSON type names, so a
 * platform can store them anywhere and read them back:
 *
 * <pre>{@code
 * {"type": "vote-cast", "caseId": "listing-42", "sequence": 7, "at": "2026-03-02T09:15:00Z",
 *  "actor": "guo", "stageId": "manager", "vote": "APPROVE", "onBehalfOf": "tang"}
 * }</pre>
 *
 * <p>Events hold content only: {@link #sequence()} orders them within the case, and a store keeps
 * each wrapped in a {@code RecordedEvent} with its command id, {@code hash} and {@code previousHash}
 * (a tamper-evident chain over a binary encoding of the events' fields, format {@code fg-chain/3}),
 * so that hashing never changes what an event is. The JSON type names are those of the event
 * types' codecs, one per type.
 * Events decided by the system (gates, deadlines, phase changes) carry {@link #SYSTEM} or the
 * actor whose command caused them.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(EventTypeIds.class)
public sealed interface ReviewEvent
    permits CaseClosed, CaseSubmitted, ChangesRequested, Commented, Delegated, Escalated, GateFailed,
        Reassigned, Resubmitted, StageApproved, StageOpened, StageRejected, StageSkipped, VoteCast {
  /** The actor of events the system decides on its own, such as escalations and expiry. */
  String SYSTEM = "finegrain:system";

  /** {@return the case the event belongs to} */
  String caseId();

  /**
   * 1 for the case's first event, then one more for each; the case version after this event.
   *
   * @return the sequence number
   */
  long sequence();

  /** {@return when it happened: the command's instant, or the deadline's for escalations and expiry} */
  Instant at();

  /** {@return who caused it: a member id, or {@link #SYSTEM}} */
  String actor();
}
