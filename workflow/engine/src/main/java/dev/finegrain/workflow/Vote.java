package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.workflow.event.VoteKind;
import java.time.Instant;

/**
 * A vote in a stage of a case: cast by {@code voter}, counting as {@code principal}'s (the same
 * member unless the voter is a delegate), on revision {@code revision} of the subject.
 */
public record Vote(String voter, String principal, VoteKind kind, Instant at, int revision) {
  public Vote {
    checkNotNull(voter, "voter");
    checkNotNull(principal, "principal");
    checkNotNull(kind, "kind");
    checkNotNull(at, "at");
  }

  /** {@return whether the voter voted as someone's delegate} */
  public boolean byDelegate() {
    return !voter.equals(principal);
  }
}
