package dev.finegrain.kpi.testing;

import dev.finegrain.core.testing.Theories;
import org.quicktheories.QuickTheory;

/**
 * Starts the contract's properties: the number of tries from {@code -Dproperty.tries} (never zero),
 * the seed from QuickTheories' {@code -DQT_SEED}, and a failure report that ends with the command
 * that replays it.
 */
final class PropertyRunner {
  /** The laws' failures come from merges of long lists: they get more shrinking than a plain property. */
  static final int DEFAULT_SHRINK_CYCLES = 20_000;

  private PropertyRunner() {}

  /** The tries the build configures ({@value Theories#TRIES}); see {@link Theories#tries()}. */
  static int configuredTries() {
    return Theories.tries();
  }

  /** A theory of {@code tries} inputs (at least one) whose failure names {@code testClass#testMethod}. */
  static QuickTheory qt(int tries, Class<?> testClass, String testMethod) {
    return Theories.qt(tries, testClass.getName(), testMethod, DEFAULT_SHRINK_CYCLES);
  }
}
