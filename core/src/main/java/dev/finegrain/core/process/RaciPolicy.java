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
   */
  @Value.Default
  public int maxAccountableStepsPerRole() {
    return DEFAULT_MAX_ACCOUNTABLE_STEPS_PER_ROLE;
  }

  /** The default policy. */
  public static RaciPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  protected void check() {
    new Problems().check(maxAccountableStepsPerRole() >= 1, "maxAccountableStepsPerRole",
        "must be 1 or more, got %s", maxAccountableStepsPerRole()).throwIfAny("RACI policy");
  }

  /** Builds a {@link RaciPolicy}. */
  public static final class Builder extends ImmutableRaciPolicy.Builder {
    Builder() {}
  }
}
