package dev.finegrain.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Configuration;
import org.quicktheories.core.ExceptionReporter;

/**
 * The one way finegrain's tests start a property: {@code qt().forAll(gen).checkAssert(value -> ...)},
 * with the number of tries taken from the build and a failure that says how to rerun it. See
 * {@code docs/testing.md}.
 *
 * <ul>
 *   <li>tries: the system property {@value #TRIES} (the parent pom passes 1000, or 200 when
 *       {@code CI=true}); a missing, zero or negative value fails the test rather than letting it
 *       pass without trying anything;
 *   <li>seed: {@code -DQT_SEED=<seed>} replays a run exactly; every failure prints its seed and the
 *       command that replays it;
 *   <li>shrinking: QuickTheories shrinks a failing input for up to {@value #DEFAULT_SHRINK_CYCLES}
 *       cycles ({@code -DQT_SHRINKS} sets another number).
 * </ul>
 *
 * @since 0.1
 */
public final class Theories {
  /** The system property that sets how many inputs each property tries. */
  public static final String TRIES = "property.tries";
  /** Tries when the property is unset, e.g. in an IDE that does not run surefire: the local default. */
  static final int DEFAULT_TRIES = 1000;
  static final int DEFAULT_SHRINK_CYCLES = 5000;

  private Theories() {}

  /**
   * A QuickTheory that tries {@link #tries()} inputs. The failure message names the calling test
   * method, found on the stack, in the command that replays it.
   *
   * @return a theory to call {@code forAll(...)} on, configured with the build's tries and seed
   * @throws IllegalStateException if {@value #TRIES} is set but is not a positive whole number
   */
  public static QuickTheory qt() {
    return qt(tries(), caller());
  }

  /**
   * A QuickTheory that tries at most {@code fewer} inputs, for a property whose single try is
   * expensive; never more than {@link #tries()}.
   *
   * @param fewer the most inputs this property may try, at least one; the build's {@link #tries()}
   *     still caps it
   * @return a theory trying {@code min(fewer, tries())} inputs, with the same seed and replay
   *     message as {@link #qt()}
   * @throws IllegalStateException if {@code fewer} is zero or negative, or {@value #TRIES} is invalid
   */
  public static QuickTheory qtWithAtMost(int fewer) {
    return qt(Math.min(positive(fewer, "tries of this property"), tries()), caller());
  }

  /**
   * The configured number of tries per property, always at least one.
   *
   * @return the value of the system property {@value #TRIES}, or {@value #DEFAULT_TRIES} when it
   *     is unset
   * @throws IllegalStateException if the property is not a whole number, or is zero or negative
   */
  public static int tries() {
    String configured = System.getProperty(TRIES);
    if (configured == null) {
      return DEFAULT_TRIES;
    }
    int tries;
    try {
      tries = Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("-D" + TRIES + "=" + configured + " is not a whole number of tries", e);
    }
    return positive(tries, "-D" + TRIES);
  }

  private static int positive(int tries, String what) {
    if (tries <= 0) {
      throw new IllegalStateException(what + " is " + tries + ": a property must try at least one input");
    }
    return tries;
  }

  private static QuickTheory qt(int tries, StackWalker.StackFrame test) {
    return qt(tries, test.getClassName(), test.getMethodName(), DEFAULT_SHRINK_CYCLES);
  }

  /**
   * A QuickTheory that tries {@code tries} inputs (at least one) and shrinks a failing one for up to
   * {@code shrinkCycles} cycles ({@code -DQT_SHRINKS} sets another number); a failure ends with the
   * command that replays {@code testClass#testMethod}. For test kits, whose properties run in their
   * users' builds under test classes of the users' own.
   *
   * @param tries how many inputs the property tries, at least one
   * @param testClass the fully qualified name of the test class the replay command should run
   * @param testMethod the name of the test method the replay command should run
   * @param shrinkCycles how many cycles to shrink a failing input for, unless {@code -DQT_SHRINKS}
   *     overrides it; the failure suggests five times as many to shrink further
   * @return a theory with these tries and shrink cycles, whose failures end with the replay command
   * @throws IllegalStateException if {@code tries} is not positive
   */
  public static QuickTheory qt(int tries, String testClass, String testMethod, int shrinkCycles) {
    positive(tries, "tries of " + testClass + "#" + testMethod);
    String shrinks = System.getProperty(Configuration.SHRINKS);
    int cycles = shrinks == null ? shrinkCycles : Integer.parseInt(shrinks.trim());
    return QuickTheory.qt(() -> Configuration.systemStrategy()
        .withExamples(tries)
        .withShrinkCycles(cycles)
        .withReporter(new RerunReporter(testClass, testMethod, cycles)));
  }

  /**
   * The test method that asked for the theory: the first frame outside this class, or, when that is a
   * lambda, the nearest frame of the same class that is not one.
   */
  private static StackWalker.StackFrame caller() {
    return StackWalker.getInstance().walk(frames -> {
      List<StackWalker.StackFrame> outside = frames
          .filter(f -> !f.getClassName().equals(Theories.class.getName())).limit(64).toList();
      StackWalker.StackFrame first = outside.get(0);
      return outside.stream()
          .filter(f -> f.getClassName().equals(first.getClassName()) && !f.getMethodName().startsWith("lambda$"))
          .findFirst().orElse(first);
    });
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
          "%s%nReplay this failure with: mvn -B verify -pl %s -am -Dsurefire.failIfNoSpecifiedTests=false "
              + "-Dtest='%s#%s' -DQT_SEED=%d%n(add -DQT_SHRINKS=%d to shrink it further than these %d cycles)",
          e.getMessage(), modulePath(), simpleName, testMethod, seed, shrinkCycles * 5, shrinkCycles));
      withRerun.setStackTrace(e.getStackTrace());
      return withRerun;
    }
  }

  /** The module under test, relative to the root of the build (surefire sets {@code basedir}). */
  private static String modulePath() {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path root = module;
    while (root.getParent() != null && Files.exists(root.getParent().resolve("pom.xml"))) {
      root = root.getParent();
    }
    String relative = root.relativize(module).toString();
    return relative.isEmpty() ? "." : relative;
  }
}
