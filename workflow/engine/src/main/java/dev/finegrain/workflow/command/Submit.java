package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.core.standard.Artifact;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Submits a subject for review, opening case {@link #caseId()} under the workflow given to
 * {@code decide}; the actor becomes the submitter. The submitter need not be on the team (a seller
 * submitting a listing): only those who review, or are named as reviewers or delegates, must be
 * (see {@link dev.finegrain.workflow.RefusalReason#UNKNOWN_MEMBER}). Separation of duties
 * (self-review, the last editor) compares ids exactly, as every rule does: a submitter
 * {@code "Lin"} is not member {@code "lin"}, who may then approve "her own" listing, so a platform
 * must pass one id per person, the same in every command. In JSON {@code {"type": "submit", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSubmit.class)
@JsonDeserialize(as = ImmutableSubmit.class)
public abstract non-sealed class Submit implements ReviewCommand {
  Submit() {}

  /** {@return the subject's first revision; its kind must be the workflow's subject kind} */
  public abstract Artifact subject();

  /** {@return who edited this revision, if not the actor (for {@code lastEditorMayNotApprove})} */
  public abstract Optional<String> editedBy();

  /** {@return a builder of a new Submit; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.throwIfAny("Submit command");
  }

  /**
   * Builds a {@link Submit}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Submit#subject()
   * subject}. Optional, absent unless set: {@link ReviewCommand#expectedVersion() expectedVersion},
   * {@link Submit#editedBy() editedBy}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableSubmit.Builder {
    Builder() {}

    /**
     * Builds the Submit.
     *
     * @return the new Submit
     * @throws dev.finegrain.core.DefinitionException if the Submit command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Submit build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
