package dev.finegrain.core.process;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import org.immutables.value.Value;

/**
 * The limits a {@link ResponsibilityMatrix} is checked against beyond the RACI rules themselves.
 *
 * <pre>{@code
 * RaciPolicy strict = RaciPolicy.builder().maxAccountableStepsPerRole(3).build();
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRaciPolicy.class)
@JsonDeserialize(as = ImmutableRaciPolicy.class)
public abstract class RaciPolicy {
  RaciPolicy() {}

  /** The default of {@link #maxAccountableStepsPerRole()}. */
  public static final int DEFAULT_MAX_ACCOUNTABLE_STEPS_PER_ROLE = 5;

  /**
   * The most steps one role may be Accountable for before it is reported as overloaded; 1 or more,
   * {@value #DEFAULT_MAX_ACCOUNTABLE_STEPS_PER_ROLE} by default.
   *
   * @return the most steps one role may be Accountable for before it is reported as overloaded; 1 or more, {@value
   *     #DEFAULT_MAX_ACCOUNTABLE_STEPS_PER_ROLE} by default
   */
  @Value.Default
  public int maxAccountableStepsPerRole() {
    return DEFAULT_MAX_ACCOUNTABLE_STEPS_PER_ROLE;
  }

  /**
   * The default policy.
   *
   * @return the default policy
   */
  public static RaciPolicy defaults() {
    return builder().build();
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
    new Problems().check(maxAccountableStepsPerRole() >= 1, "maxAccountableStepsPerRole",
        "must be 1 or more, got %s", maxAccountableStepsPerRole()).throwIfAny("RACI policy");
  }

  /**
   * Builds a {@link RaciPolicy}.
   *
   * <p>Every attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableRaciPolicy.Builder {
    Builder() {}
  }
}
