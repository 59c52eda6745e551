package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.standard.Artifact;
import java.util.List;
import org.immutables.value.Value;

/**
 * The submitter gave revision {@link #revision()} of the subject; the approvals of
 * {@link #resetStages()} were reset, other approvals kept, and every stage not approved will be
 * evaluated again. In JSON {@code {"type": "resubmitted", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableResubmitted.class)
@JsonDeserialize(as = ImmutableResubmitted.class)
public abstract non-sealed class Resubmitted implements ReviewEvent {
  Resubmitted() {}

  /** {@return the new revision number, 2 or more} */
  public abstract int revision();

  /** {@return the new revision} */
  public abstract Artifact subject();

  /** {@return who edited it} */
  public abstract String editor();

  /**
   * Stages that had approvals and lost them under their re-review policy.
   *
   * @return the reset stages
   */
  public abstract List<String> resetStages();

  /** {@return a builder of a new Resubmitted; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link Resubmitted}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link Resubmitted#revision() revision},
   * {@link Resubmitted#subject() subject}, {@link Resubmitted#editor() editor}. Lists, empty unless
   * added to (one at a time, or all at once): {@link Resubmitted#resetStages() resetStages}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableResubmitted.Builder {
    Builder() {}

    /**
     * Builds the Resubmitted.
     *
     * @return the new Resubmitted
     * @throws dev.finegrain.core.DefinitionException if the Resubmitted event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Resubmitted build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
