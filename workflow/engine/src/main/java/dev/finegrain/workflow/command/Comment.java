package dev.finegrain.workflow.command;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import org.immutables.value.Value;

/**
 * A remark on the case by a team member or the submitter; changes nothing but the log. In JSON
 * {@code {"type": "comment", ...}}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableComment.class)
@JsonDeserialize(as = ImmutableComment.class)
public abstract non-sealed class Comment implements ReviewCommand {
  Comment() {}

  /** The remark; required. */
  public abstract String text();

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    Problems problems = new Problems();
    Checks.command(problems, this);
    problems.checkNotBlank("text", text());
    problems.throwIfAny("Comment command");
  }

  /** Builds a {@link Comment}. */
  public static final class Builder extends ImmutableComment.Builder {
    Builder() {}
  }
}
