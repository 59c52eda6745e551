package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;

/** Member {@code from}'s votes in a case go to {@code to} from {@code validFrom} (inclusive) until {@code validUntil}. */
public record Delegation(String from, String to, Instant validFrom, Instant validUntil) {
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
