package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import org.immutables.value.Value;

/**
 * A remark on the case by a team member or the submitter; changes nothing but the log. In JSON
 * {@code {"type": "comment", ...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableComment.class)
@JsonDeserialize(as = ImmutableComment.class)
public abstract non-sealed class Comment implements ReviewCommand {
  Comment() {}

  /** {@return the remark; required} */
  public abstract String text();

  /** {@return a builder of a new Comment; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("text", text());
    problems.throwIfAny("Comment command");
  }

  /**
   * Builds a {@link Comment}; each attribute is documented on its accessor.
   * Required: {@link ReviewCommand#commandId() commandId}, {@link ReviewCommand#caseId() caseId},
   * {@link ReviewCommand#actor() actor}, {@link ReviewCommand#at() at}, {@link Comment#text() text}.
   * Optional, absent unless set: {@link ReviewCommand#expectedVersion() expectedVersion}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableComment.Builder {
    Builder() {}

    /**
     * Builds the Comment.
     *
     * @return the new Comment
     * @throws dev.finegrain.core.DefinitionException if the Comment command is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Comment build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
