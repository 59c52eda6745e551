package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/**
 * Member {@code from}'s votes in a case go to {@code to} from {@code validFrom} (inclusive) until
 * {@code validUntil}.
 *
 * @param from the member whose votes are delegated
 * @param to the delegate
 * @param validFrom the first instant the delegation holds
 * @param validUntil the first instant it no longer holds
 * @since 0.1
 */
public record Delegation(String from, String to, Instant validFrom, Instant validUntil) {
  /**
   * Checks the components: none may be null.
   *
   * @param from the member whose votes are delegated
   * @param to the delegate
   * @param validFrom the first instant the delegation holds
   * @param validUntil the first instant it no longer holds
   */
  public Delegation {
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkNotNull(validFrom, "validFrom");
    checkNotNull(validUntil, "validUntil");
  }

  /**
   * Whether the delegation holds at {@code at}.
   *
   * @param at the instant
   * @return whether the delegation holds at {@code at}
   */
  public boolean activeAt(Instant at) {
    return !at.isBefore(validFrom) && at.isBefore(validUntil);
  }
}
