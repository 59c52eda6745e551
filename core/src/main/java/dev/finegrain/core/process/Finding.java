package dev.finegrain.core.process;

import dev.finegrain.core.Severity;
import org.immutables.value.Value;

/**
 * One thing the RACI validation found wrong or doubtful in a {@link ResponsibilityMatrix}: its
 * kind, how serious it is, what it is about and a readable message.
 *
 * <pre>{@code
 * for (Finding f : raci.validate(process, team)) {
 *   System.out.println(f);   // ERROR MULTIPLE_ACCOUNTABLE: step 'approve-listing' has 2 Accountable roles ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class Finding {
  Finding() {}

  /**
   * What was found.
   *
   * @return what was found
   */
  @Value.Parameter
  public abstract FindingKind kind();

  /**
   * How serious it is; see {@link FindingKind} for the severity of each kind.
   *
   * @return how serious it is; see {@link FindingKind} for the severity of each kind
   */
  @Value.Parameter
  public abstract Severity severity();

  /**
   * The step, role or process it is about.
   *
   * @return the step, role or process it is about
   */
  @Value.Parameter
  public abstract Subject subject();

  /**
   * A sentence naming the subject and what is expected.
   *
   * @return a sentence naming the subject and what is expected
   */
  @Value.Parameter
  public abstract String message();

  /**
   * A finding with these parts.
   *
   * @param kind what was found
   * @param severity how serious it is
   * @param subject what the finding is about
   * @param message a sentence naming the subject and what is expected
   * @return a finding with these parts
   */
  public static Finding of(FindingKind kind, Severity severity, Subject subject, String message) {
    return ImmutableFinding.of(kind, severity, subject, message);
  }

  @Override
  public String toString() {
    return severity() + " " + kind() + ": " + message();
  }
}
