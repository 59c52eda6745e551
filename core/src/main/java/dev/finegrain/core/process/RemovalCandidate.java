package dev.finegrain.core.process;

import org.immutables.value.Value;

/**
 * A step that {@link ProcessAnalysis} suggests removing, with why: nothing after it uses what it
 * produces, and it is not final. {@code toString} reads {@code double-check: no later step uses
 * its outputs (checked-copy) and it is not final}.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class RemovalCandidate {
  RemovalCandidate() {}

  /**
   * Id of the step.
   *
   * @return id of the step
   */
  @Value.Parameter
  public abstract String step();

  /**
   * Why the step looks needless.
   *
   * @return why the step looks needless
   */
  @Value.Parameter
  public abstract String reason();

  /**
   * A candidate with this reason.
   *
   * @param step the id of the step
   * @param reason why the step looks needless
   * @return a candidate with this reason
   */
  public static RemovalCandidate of(String step, String reason) {
    return ImmutableRemovalCandidate.of(step, reason);
  }

  @Override
  public String toString() {
    return step() + ": " + reason();
  }
}
