package dev.finegrain.core.process;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * One cell of a {@link ResponsibilityMatrix}: the RACI letters a role holds on a step; in JSON
 * {@code {"step": "approve", "role": "manager", "letters": ["R", "A"]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAssignment.class)
@JsonDeserialize(as = ImmutableAssignment.class)
public abstract class Assignment {
  Assignment() {}

  /**
   * Id of the step. Required.
   *
   * @return id of the step
   */
  public abstract String step();

  /**
   * Id of the role. Required.
   *
   * @return id of the role
   */
  public abstract String role();

  /**
   * The letters the role holds on the step, at least one, in R, A, C, I order. Required: add at least one.
   *
   * @return the letters the role holds on the step, at least one, in R, A, C, I order
   */
  public abstract Set<Responsibility> letters();

  /**
   * Whether the role holds {@code letter} on the step.
   *
   * @param letter the responsibility letter
   * @return whether the role holds {@code letter} on the step
   */
  public boolean has(Responsibility letter) {
    return letters().contains(letter);
  }

  /**
   * An assignment of these letters.
   *
   * @param step the id of the step
   * @param role the id of the role
   * @param first the first condition
   * @param more more conditions
   * @return an assignment of these letters
   */
  public static Assignment of(String step, String role, Responsibility first, Responsibility... more) {
    return builder().step(step).role(role).addLetter(first).addLetters(more).build();
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
    problems.checkNotBlank("step", step());
    problems.checkNotBlank("role", role());
    problems.check(!letters().isEmpty(), "letters", "at least one of R, A, C, I is required");
    problems.throwIfAny("assignment of role '" + role() + "' on step '" + step() + "'");
  }

  @Override
  public String toString() {
    return step() + "/" + role() + ": " + letters().stream().map(Enum::name).collect(Collectors.joining());
  }

  /**
   * Builds an {@link Assignment}.
   *
   * <p>Required: {@link Assignment#step() step}, {@link Assignment#role() role}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableAssignment.Builder {
    Builder() {}
  }
}
