package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.finegrain.workflow.event.VoteKind;
import java.time.Instant;

/**
 * A vote in a stage of a case: cast by {@code voter}, counting as {@code principal}'s (the same
 * member unless the voter is a delegate), on revision {@code revision} of the subject.
 *
 * @param voter who cast the vote
 * @param principal whose vote it counts as: the voter, or the member the voter is a delegate of
 * @param kind approve, reject or request changes
 * @param at when it was cast
 * @param revision the revision of the subject voted on
 * @since 0.1
 */
public record Vote(String voter, String principal, VoteKind kind, Instant at, int revision) {
  /**
   * Checks the components: none may be null.
   *
   * @param voter who cast the vote
   * @param principal whose vote it counts as: the voter, or the member the voter is a delegate of
   * @param kind approve, reject or request changes
   * @param at when it was cast
   * @param revision the revision of the subject voted on
   */
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
