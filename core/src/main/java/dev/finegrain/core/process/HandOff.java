package dev.finegrain.core.process;

import org.immutables.value.Value;

/**
 * A dependency between two steps whose owner roles differ: work passes from one role to another.
 * {@code toString} reads {@code write-copy -> approve (copywriter -> manager)}.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class HandOff {
  HandOff() {}

  /**
   * Id of the step that finishes first.
   *
   * @return id of the step that finishes first
   */
  @Value.Parameter
  public abstract String fromStep();

  /**
   * Id of the step that depends on it.
   *
   * @return id of the step that depends on it
   */
  @Value.Parameter
  public abstract String toStep();

  /**
   * Owner role of {@link #fromStep()}.
   *
   * @return owner role of {@link #fromStep()}
   */
  @Value.Parameter
  public abstract String fromRole();

  /**
   * Owner role of {@link #toStep()}; differs from {@link #fromRole()}.
   *
   * @return owner role of {@link #toStep()}; differs from {@link #fromRole()}
   */
  @Value.Parameter
  public abstract String toRole();

  /**
   * The hand-off from {@code fromStep} (owned by {@code fromRole}) to {@code toStep} (owned by {@code toRole}).
   *
   * @param fromStep the id of the step that finishes first
   * @param toStep the id of the step that depends on it
   * @param fromRole the owner role of that step
   * @param toRole the owner role of that step
   * @return the hand-off from {@code fromStep} (owned by {@code fromRole}) to {@code toStep} (owned by {@code toRole})
   */
  public static HandOff of(String fromStep, String toStep, String fromRole, String toRole) {
    return ImmutableHandOff.of(fromStep, toStep, fromRole, toRole);
  }

  @Override
  public String toString() {
    return fromStep() + " -> " + toStep() + " (" + fromRole() + " -> " + toRole() + ")";
  }
}
