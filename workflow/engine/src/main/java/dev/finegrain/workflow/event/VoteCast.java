package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.workflow.command.Approve;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The actor voted in stage {@link #stageId()}, for themselves or {@link #onBehalfOf()} a member who
 * delegated to them. In JSON {@code {"type": "vote-cast", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableVoteCast.class)
@JsonDeserialize(as = ImmutableVoteCast.class)
public abstract non-sealed class VoteCast implements ReviewEvent {
  VoteCast() {}

  /** {@return the stage} */
  public abstract String stageId();

  /**
   * Approve, reject or request changes.
   *
   * @return the vote
   */
  public abstract VoteKind vote();

  /** {@return the member whose vote this is, when the actor votes as their delegate} */
  public abstract Optional<String> onBehalfOf();

  /** {@return the comment or reason given with the vote} */
  public abstract Optional<String> note();

  /** {@return the member whose vote this counts as: {@link #onBehalfOf()} or else the actor} */
  public String principal() {
    return onBehalfOf().orElse(actor());
  }

  /** {@return a builder of a new VoteCast; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link VoteCast}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link VoteCast#stageId() stageId},
   * {@link VoteCast#vote() vote}. Optional, absent unless set: {@link VoteCast#onBehalfOf()
   * onBehalfOf}, {@link VoteCast#note() note}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableVoteCast.Builder {
    Builder() {}

    /**
     * Builds the VoteCast.
     *
     * @return the new VoteCast
     * @throws dev.finegrain.core.DefinitionException if the VoteCast event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public VoteCast build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
