package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One review step: who reviews ({@link #reviewerRoles()} and/or {@link #reviewerMembers()}), how
 * many approvals it needs ({@link #quorum()}), what a rejection does ({@link #vetoPolicy()}), and
 * optionally when it applies ({@link #condition()}), which standard the subject must meet before
 * it opens ({@link #gate()}), its {@link #deadline()}, and what a resubmission does to its
 * approvals ({@link #reReview()}).
 *
 * <pre>{@code
 * Stage manager = Stage.builder().id("manager").name("Manager approval")
 *     .addReviewerRole("manager")
 *     .quorum(Quorum.atLeast(2))
 *     .reReview(ReReview.resetIfChanged("price"))
 *     .build();
 * }</pre>
 *
 * In JSON: {@code {"id": "manager", "name": "Manager approval", "reviewerRoles": ["manager"],
 * "quorum": {"kind": "at-least", "count": 2}, "reReview": {"kind": "reset-if-changed", "fields": ["price"]}}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStage.class)
@JsonDeserialize(as = ImmutableStage.class)
public abstract class Stage {
  Stage() {}

  /**
   * Unique within the workflow, at most {@link dev.finegrain.core.Ids#MAX_LENGTH} chars; commands and
   * events name stages by it.
   *
   * @return the id
   */
  public abstract String id();

  /** {@return the readable name} */
  public abstract String name();

  /** {@return the ids of team roles whose holders review this stage} */
  public abstract List<String> reviewerRoles();

  /** {@return the ids of team members who review this stage, whatever their roles} */
  public abstract List<String> reviewerMembers();

  /** {@return the approvals needed; {@link Quorum#any()} by default} */
  @Value.Default
  public Quorum quorum() {
    return Quorum.any();
  }

  /** {@return what a rejection does; {@link VetoPolicy#ANY_REJECTION} by default} */
  @Value.Default
  public VetoPolicy vetoPolicy() {
    return VetoPolicy.ANY_REJECTION;
  }

  /**
   * When the stage applies, on the subject's fields; evaluated when its phase opens (and again
   * after a resubmission). A stage whose condition does not hold is skipped.
   *
   * @return the condition
   */
  public abstract Optional<Condition> condition();

  /** {@return the id of a standard the subject must conform to before the stage opens} */
  public abstract Optional<String> gate();

  /**
   * Escalation and expiry, counted from the stage opening.
   *
   * @return the deadline
   */
  public abstract Optional<Deadline> deadline();

  /** {@return what a resubmission does to this stage's approvals; {@link ReReview#reset()} by default} */
  @Value.Default
  public ReReview reReview() {
    return ReReview.reset();
  }

  /** {@return a builder of a new Stage; {@link Builder} lists its attributes} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkId("id", id());
    problems.checkName("name", name());
    problems.check(!reviewerRoles().isEmpty() || !reviewerMembers().isEmpty(), "reviewerRoles",
        "a stage needs reviewers: list reviewerRoles, reviewerMembers or both");
    checkIds(problems, "reviewerRoles", reviewerRoles(), "role");
    checkIds(problems, "reviewerMembers", reviewerMembers(), "member");
    gate().ifPresent(g -> problems.checkId("gate", g));
    problems.throwIfAny("stage '" + id() + "'");
  }

  private static void checkIds(Problems problems, String path, List<String> ids, String what) {
    for (int i = 0; i < ids.size(); i++) {
      problems.checkId(path + "[" + i + "]", ids.get(i));
      for (int j = 0; j < i; j++) {
        problems.check(!ids.get(i).equals(ids.get(j)), path + "[" + i + "]", "%s '%s' is listed twice", what,
            ids.get(i));
      }
    }
  }

  /**
   * Builds a {@link Stage}; each attribute is documented on its accessor.
   * Required: {@link Stage#id() id}, {@link Stage#name() name}. With a default, so optional: {@link
   * Stage#quorum() quorum}, {@link Stage#vetoPolicy() vetoPolicy}, {@link Stage#reReview() reReview}.
   * Optional, absent unless set: {@link Stage#condition() condition}, {@link Stage#gate() gate},
   * {@link Stage#deadline() deadline}. Lists, empty unless added to (one at a time, or all at once):
   * {@link Stage#reviewerRoles() reviewerRoles}, {@link Stage#reviewerMembers() reviewerMembers}.
   * {@link #build()} reports every required attribute not set, and every invalid value, in one
   * {@link dev.finegrain.core.DefinitionException}.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableStage.Builder {
    Builder() {}

    /**
     * Builds the Stage.
     *
     * @return the new Stage
     * @throws dev.finegrain.core.DefinitionException if the stage is invalid, with every
     *     problem and its path; a required attribute that is not set is the problem
     *     {@code <attribute>: required, not set}
     */
    @Override
    public Stage build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
