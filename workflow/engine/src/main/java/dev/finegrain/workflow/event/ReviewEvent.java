package dev.finegrain.workflow.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
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
 * <p>Events hold content only: {@link #sequence()} orders them within the case, and the engine
 * facade that stores them wraps each in a record with {@code hash} and {@code previousHash} (a
 * tamper-evident chain over the events' JSON), so that hashing never changes what an event is.
 * Events decided by the system (gates, deadlines, phase changes) carry {@link #SYSTEM} or the
 * actor whose command caused them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImmutableCaseSubmitted.class, name = "case-submitted"),
    @JsonSubTypes.Type(value = ImmutableGateFailed.class, name = "gate-failed"),
    @JsonSubTypes.Type(value = ImmutableStageOpened.class, name = "stage-opened"),
    @JsonSubTypes.Type(value = ImmutableStageSkipped.class, name = "stage-skipped"),
    @JsonSubTypes.Type(value = ImmutableVoteCast.class, name = "vote-cast"),
    @JsonSubTypes.Type(value = ImmutableStageApproved.class, name = "stage-approved"),
    @JsonSubTypes.Type(value = ImmutableStageRejected.class, name = "stage-rejected"),
    @JsonSubTypes.Type(value = ImmutableChangesRequested.class, name = "changes-requested"),
    @JsonSubTypes.Type(value = ImmutableResubmitted.class, name = "resubmitted"),
    @JsonSubTypes.Type(value = ImmutableCommented.class, name = "commented"),
    @JsonSubTypes.Type(value = ImmutableDelegated.class, name = "delegated"),
    @JsonSubTypes.Type(value = ImmutableReassigned.class, name = "reassigned"),
    @JsonSubTypes.Type(value = ImmutableEscalated.class, name = "escalated"),
    @JsonSubTypes.Type(value = ImmutableCaseClosed.class, name = "case-closed"),
})
public sealed interface ReviewEvent
    permits CaseClosed, CaseSubmitted, ChangesRequested, Commented, Delegated, Escalated, GateFailed,
        Reassigned, Resubmitted, StageApproved, StageOpened, StageRejected, StageSkipped, VoteCast {
  /** The actor of events the system decides on its own, such as escalations and expiry. */
  String SYSTEM = "finegrain:system";

  /** The case the event belongs to. */
  String caseId();

  /** 1 for the case's first event, then one more for each; the case version after this event. */
  long sequence();

  /** When it happened: the command's instant, or the deadline's for escalations and expiry. */
  Instant at();

  /** Who caused it: a member id, or {@link #SYSTEM}. */
  String actor();
}
