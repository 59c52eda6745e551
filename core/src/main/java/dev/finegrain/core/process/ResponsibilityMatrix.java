package dev.finegrain.core.process;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.finegrain.core.Team;
import dev.finegrain.core.internal.Problems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Who takes part in each step of one process, as RACI letters per (step, role). A role may hold
 * several letters on a step (R and A together is common). Building a matrix checks only its own
 * shape; {@link #validate(ProcessDefinition, Team, RaciPolicy)} checks it against a process and a
 * team and returns {@link Finding}s rather than throwing.
 *
 * <pre>{@code
 * ResponsibilityMatrix raci = ResponsibilityMatrix.builder().processId("listing")
 *     .assign("write-copy", "copywriter", Responsibility.R)
 *     .assign("write-copy", "manager", Responsibility.A)
 *     .assign("approve", "manager", Responsibility.R, Responsibility.A)
 *     .assign("approve", "copywriter", Responsibility.I)
 *     .build();
 * List<Finding> findings = raci.validate(listing, team);   // empty when every step has one A and an R
 * }</pre>
 *
 * <p>In JSON: {@code {"processId": "listing", "assignments": [{"step": "write-copy", "role":
 * "copywriter", "letters": ["R"]}, {"step": "approve", "role": "manager", "letters": ["R", "A"]}]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableResponsibilityMatrix.class)
@JsonDeserialize(as = ImmutableResponsibilityMatrix.class)
public abstract class ResponsibilityMatrix {
  ResponsibilityMatrix() {}

  /**
   * Id of the process this matrix is for. Required.
   *
   * @return id of the process this matrix is for
   */
  public abstract String processId();

  /**
   * The cells, each (step, role) pair at most once, in the order given. Default: none.
   *
   * @return the cells, each (step, role) pair at most once, in the order given
   */
  public abstract List<Assignment> assignments();

  /**
   * The letters {@code role} holds on {@code step}; empty if it has no part in it.
   *
   * @param step the id of the step
   * @param role the id of the role
   * @return the letters {@code role} holds on {@code step}; empty if it has no part in it
   */
  public Set<Responsibility> letters(String step, String role) {
    for (Assignment a : assignments()) {
      if (a.step().equals(step) && a.role().equals(role)) {
        return a.letters();
      }
    }
    return ImmutableSet.of();
  }

  /**
   * The roles holding {@code letter} on {@code step}, in matrix order.
   *
   * @param step the id of the step
   * @param letter the responsibility letter
   * @return the roles holding {@code letter} on {@code step}, in matrix order
   */
  public List<String> roles(String step, Responsibility letter) {
    return assignments().stream().filter(a -> a.step().equals(step) && a.has(letter)).map(Assignment::role)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The ids of the steps the matrix names, in order of first mention.
   *
   * @return the ids of the steps the matrix names, in order of first mention
   */
  public Set<String> steps() {
    return assignments().stream().map(Assignment::step).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * The ids of the roles the matrix names, in order of first mention.
   *
   * @return the ids of the roles the matrix names, in order of first mention
   */
  public Set<String> roles() {
    return assignments().stream().map(Assignment::role).collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Checks this matrix against {@code process} and {@code team}. Returns every finding, in this
   * order: a process mismatch; then for each step of the process, in definition order, a missing
   * Accountable, several Accountable, a missing Responsible; then each step the process lacks, in
   * matrix order; then for each role in order of first mention in the matrix, unknown role or role
   * without member, then Accountable overload. See {@link FindingKind} for what each finding means
   * and its severity. Empty when the matrix is sound.
   *
   * @param process the process definition
   * @param team the team
   * @param policy the thresholds to apply
   * @return every finding, in the order above; empty when the matrix is sound
   */
  public List<Finding> validate(ProcessDefinition process, Team team, RaciPolicy policy) {
    return new RaciValidation(this, process, team, policy).findings();
  }

  /**
   * {@link #validate(ProcessDefinition, Team, RaciPolicy)} with {@link RaciPolicy#defaults()}.
   *
   * @param process the process definition
   * @param team the team
   * @return {@link #validate(ProcessDefinition, Team, RaciPolicy)} with {@link RaciPolicy#defaults()}
   */
  public List<Finding> validate(ProcessDefinition process, Team team) {
    return validate(process, team, RaciPolicy.defaults());
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkNotBlank("processId", processId());
    Map<List<String>, Integer> seen = new HashMap<>();
    for (int i = 0; i < assignments().size(); i++) {
      Assignment a = assignments().get(i);
      Integer first = seen.putIfAbsent(List.of(a.step(), a.role()), i);
      if (first != null) {
        problems.add("assignments[" + i + "]", "role '%s' is already assigned on step '%s' at assignments[%s]",
            a.role(), a.step(), first);
      }
    }
    problems.throwIfAny("responsibility matrix for process '" + processId() + "'");
  }

  /**
   * Builds a {@link ResponsibilityMatrix}.
   *
   * <p>Required: {@link ResponsibilityMatrix#processId() processId}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableResponsibilityMatrix.Builder {
    Builder() {}

    /**
     * Adds the assignment of these letters to {@code role} on {@code step}.
     *
     * @param step the id of the step
     * @param role the id of the role
     * @param first a letter the role holds on the step
     * @param more further letters
     * @return this builder
     */
    public Builder assign(String step, String role, Responsibility first, Responsibility... more) {
      addAssignment(Assignment.of(step, role, first, more));
      return this;
    }
  }
}
