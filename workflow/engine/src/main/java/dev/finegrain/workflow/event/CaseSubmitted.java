package dev.finegrain.workflow.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.store.Hash;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The case opened: the actor submitted revision 1 of the subject under a pinned workflow id and
 * version. In JSON {@code {"type": "case-submitted", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCaseSubmitted.class)
@JsonDeserialize(as = ImmutableCaseSubmitted.class)
public abstract non-sealed class CaseSubmitted implements ReviewEvent {
  CaseSubmitted() {}

  /** {@return the workflow the case is pinned to} */
  public abstract String workflowId();

  /** {@return its version} */
  public abstract int workflowVersion();

  /** {@return the revision 1 of the subject} */
  public abstract Artifact subject();

  /** {@return who edited revision 1 (the submitter unless the command said otherwise)} */
  public abstract String editor();

  /**
   * The content hash of the workflow definition the case was submitted under ({@link
   * dev.finegrain.workflow.ReviewWorkflow#definitionHash()}): an engine whose definition registered
   * under the same id and version has another hash refuses the case's commands ({@link
   * dev.finegrain.workflow.RefusalReason#DEFINITION_CHANGED}) instead of following it. Absent in
   * cases submitted before the hash was recorded, which are decided as before.
   *
   * @return the definition's content hash, if recorded
   */
  public abstract Optional<Hash> definitionHash();

  /** {@return a builder of a new CaseSubmitted; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link CaseSubmitted}; each attribute is documented on its accessor.
   * Required: {@link ReviewEvent#caseId() caseId}, {@link ReviewEvent#sequence() sequence}, {@link
   * ReviewEvent#at() at}, {@link ReviewEvent#actor() actor}, {@link CaseSubmitted#workflowId()
   * workflowId}, {@link CaseSubmitted#workflowVersion() workflowVersion}, {@link
   * CaseSubmitted#subject() subject}, {@link CaseSubmitted#editor() editor}. Optional, absent unless
   * set: {@link CaseSubmitted#definitionHash() definitionHash}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableCaseSubmitted.Builder {
    Builder() {}

    /**
     * Builds the CaseSubmitted.
     *
     * @return the new CaseSubmitted
     * @throws dev.finegrain.core.DefinitionException if the CaseSubmitted event is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public CaseSubmitted build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
