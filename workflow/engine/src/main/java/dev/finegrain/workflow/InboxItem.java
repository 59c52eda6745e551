package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One open stage awaiting a member's vote, from {@link ReviewEngine#inbox}: the case, the stage,
 * since when it is open, its deadlines, and for whom the member votes if only as a delegate.
 *
 * @param caseId the case
 * @param stageId the stage's id
 * @param stageName the stage's readable name
 * @param since when the stage (last) opened
 * @param escalatesAt when the stage escalates, unless it already has
 * @param expiresAt when the case expires if the stage is still undecided
 * @param onBehalfOf the member the inbox owner votes for, when they may vote only as that member's delegate
 *
 * @since 0.1
 */
public record InboxItem(String caseId, String stageId, String stageName, Instant since,
    Optional<Instant> escalatesAt, Optional<Instant> expiresAt, Optional<String> onBehalfOf) {
  /**
   * Checks the components: none may be null.
   *
   * @param caseId the case
   * @param stageId the stage's id
   * @param stageName the stage's readable name
   * @param since when the stage (last) opened
   * @param escalatesAt when the stage escalates, unless it already has
   * @param expiresAt when the case expires if the stage is still undecided
   * @param onBehalfOf the member the inbox owner votes for, when they may vote only as that member's delegate
   */
  public InboxItem {
    checkNotNull(caseId, "caseId");
    checkNotNull(stageId, "stageId");
    checkNotNull(stageName, "stageName");
    checkNotNull(since, "since");
    checkNotNull(escalatesAt, "escalatesAt");
    checkNotNull(expiresAt, "expiresAt");
    checkNotNull(onBehalfOf, "onBehalfOf");
  }

  /** {@return the earliest deadline still ahead of the stage: its escalation, else its expiry} */
  public Optional<Instant> deadline() {
    return escalatesAt.isPresent() ? escalatesAt : expiresAt;
  }

  /** {@code listing-07 manager (Manager approval) open since ..., escalates at ...}. */
  @Override
  public String toString() {
    return caseId + " " + stageId + " (" + stageName + ") open since " + since
        + escalatesAt.map(t -> ", escalates at " + t).orElse("") + expiresAt.map(t -> ", expires at " + t).orElse("")
        + onBehalfOf.map(m -> ", voting for " + m).orElse("");
  }
}
