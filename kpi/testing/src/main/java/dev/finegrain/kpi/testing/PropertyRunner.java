package dev.finegrain.kpi.testing;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;

/**
 * Starts the contract's properties: the number of tries from {@code -Dproperty.tries} (never zero),
 * the seed from QuickTheories' {@code -DQT_SEED}, and a failure report that ends with the command
 * that replays it.
 */
final class PropertyRunner {
  static final String TRIES = "property.tries";
  static final int DEFAULT_TRIES = 1000;
  static final int DEFAULT_SHRINK_CYCLES = 20_000;

  private PropertyRunner() {}

  /** The tries the build configures ({@value #TRIES}), or {@value #DEFAULT_TRIES} when it sets none. */
  static int configuredTries() {
    String configured = System.getProperty(TRIES);
    if (configured == null) {
      return DEFAULT_TRIES;
    }
    try {
      return Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("-D" + TRIES + "=" + configured + " is not a whole number of tries", e);
    }
  }

  /** A theory of {@code tries} inputs (at least one) whose failure names {@code testClass#testMethod}. */
  static QuickTheory qt(int tries, Class<?> testClass, String testMethod) {
    if (tries <= 0) {
      throw new IllegalStateException(
          "tries of " + testClass.getName() + " is " + tries + ": a property must try at least one input");
    }
    String shrinks = System.getProperty(Configuration.SHRINKS);
    int shrinkCycles = shrinks == null ? DEFAULT_SHRINK_CYCLES : Integer.parseInt(shrinks.trim());
    return QuickTheory.qt(() -> Configuration.systemStrategy()
        .withExamples(tries)
        .withShrinkCycles(shrinkCycles)
        .withReporter(new RerunReporter(testClass.getName(), testMethod, shrinkCycles)));
  }

  /** QuickTheories' report (smallest input, others, seed), plus the command that replays the failure. */
  private static final class RerunReporter extends ExceptionReporter {
    private final String testClass;
    private final String testMethod;
    private final int shrinkCycles;

    RerunReporter(String testClass, String testMethod, int shrinkCycles) {
      this.testClass = testClass;
      this.testMethod = testMethod;
      this.shrinkCycles = shrinkCycles;
    }

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
        AsString<Object> toString) {
      try {
        super.falisification(seed, examplesUsed, smallest, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    @Override
    public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> examples,
        AsString<Object> toString) {
      try {
        super.falisification(seed, examplesUsed, smallest, cause, examples, toString);
      } catch (AssertionError e) {
        throw withRerun(e, seed);
      }
    }

    private AssertionError withRerun(AssertionError e, long seed) {
      String simpleName = testClass.substring(testClass.lastIndexOf('.') + 1);
      AssertionError withRerun = new AssertionError(String.format(
          "%s%nReplay this failure with: -Dtest='%s#%s' -DQT_SEED=%d (Maven) or the system property QT_SEED=%d;"
              + " add -DQT_SHRINKS=%d to shrink it further than these %d cycles",
          e.getMessage(), simpleName, testMethod, seed, seed, shrinkCycles * 5, shrinkCycles));
      withRerun.setStackTrace(e.getStackTrace());
      return withRerun;
    }
  }
}
