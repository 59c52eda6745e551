package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.ReReview;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The submitter's new revision of the subject, after changes were requested, a gate failed, or
 * of their own accord while the case is open. Each stage's {@link ReReview} policy decides which
 * approvals survive; stage conditions are evaluated again. In JSON {@code {"type": "resubmit", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableResubmit.class)
@JsonDeserialize(as = ImmutableResubmit.class)
public abstract non-sealed class Resubmit implements ReviewCommand {
  Resubmit() {}

  /** {@return the new revision; its kind must be the workflow's subject kind} */
  public abstract Artifact subject();

  /** {@return who edited this revision, if not the actor (for {@code lastEditorMayNotApprove})} */
  public abstract Optional<String> editedBy();

  /** {@return a builder of a new Resubmit; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.throwIfAny("Resubmit command");
  }

  /**
   * Builds a {@link Resubmit}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Resubmit#subject()
   * subject}. Optional, absent unless set: {@link ReviewCommand#expectedVersion() expectedVersion},
   * {@link Resubmit#editedBy() editedBy}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableResubmit.Builder {
    Builder() {}

    /**
     * Builds the Resubmit.
     *
     * @return the new Resubmit
     * @throws dev.finegrain.core.DefinitionException if the Resubmit command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Resubmit build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
