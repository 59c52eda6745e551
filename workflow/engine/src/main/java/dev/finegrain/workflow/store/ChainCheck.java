package dev.finegrain.workflow.store;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of checking a case's hash chain ({@link HashChain#verify}): intact, or broken at a
 * sequence number with the reason.
 *
 * @param events the number of events checked
 * @param brokenAt the first sequence number at which the chain breaks; empty if intact
 * @param headHash the hash of the last event (or {@link HashChain#GENESIS}) when intact; empty when broken
 * @param message {@code intact: 12 events chained from genesis} or why the chain breaks
 * @since 0.1
 */
public record ChainCheck(int events, OptionalLong brokenAt, Optional<Hash> headHash, String message) {
  /**
   * Checks the components: none may be null.
   *
   * @param events the number of events checked
   * @param brokenAt the first sequence number at which the chain breaks; empty if intact
   * @param headHash the hash of the last event (or {@link HashChain#GENESIS}) when intact; empty when broken
   * @param message {@code intact: 12 events chained from genesis} or why the chain breaks
   */
  public ChainCheck {
    checkNotNull(brokenAt, "brokenAt");
    checkNotNull(headHash, "headHash");
    checkNotNull(message, "message");
  }

  static ChainCheck intact(int events, Hash head) {
    return new ChainCheck(events, OptionalLong.empty(), Optional.of(head), "intact: " + events + " event"
        + (events == 1 ? "" : "s") + " chained from genesis");
  }

  static ChainCheck broken(int events, long at, String why) {
    return new ChainCheck(events, OptionalLong.of(at), Optional.empty(), "broken at event " + at + ": " + why);
  }

  /** {@return whether every event links to the one before and matches its own hash} */
  public boolean intact() {
    return brokenAt.isEmpty();
  }

  @Override
  public String toString() {
    return message;
  }
}
