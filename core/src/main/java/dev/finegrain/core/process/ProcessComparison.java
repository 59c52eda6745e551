package dev.finegrain.core.process;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a changed process compares with the one it replaces: hand-offs, lead time and step count
 * before and after, and which steps were added or removed (by id).
 *
 * <pre>{@code
 * ProcessComparison change = ProcessComparison.of(listingV1, listingV2);
 * change.leadTimeDelta();   // PT-4H
 * change.summary();
 * // hand-offs 5 -> 4 (-1), lead time PT30H -> PT26H (-PT4H), steps 7 -> 6 (-1); removed: double-check
 * }</pre>
 *
 * @since 0.1
 */
public final class ProcessComparison {
  private final ProcessAnalysis before;
  private final ProcessAnalysis after;
  private final ImmutableList<String> addedSteps;
  private final ImmutableList<String> removedSteps;

  private ProcessComparison(ProcessAnalysis before, ProcessAnalysis after) {
    this.before = before;
    this.after = after;
    this.addedSteps = missingFrom(after.process(), before.process());
    this.removedSteps = missingFrom(before.process(), after.process());
  }

  /** Ids of the steps of {@code from} that {@code other} lacks, in {@code from}'s definition order. */
  private static ImmutableList<String> missingFrom(ProcessDefinition from, ProcessDefinition other) {
    Set<String> others = other.steps().stream().map(Step::id).collect(Collectors.toSet());
    return from.steps().stream().map(Step::id).filter(id -> !others.contains(id))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Compares {@code after} with {@code before}.
   *
   * @param before the process before the change
   * @param after the process after the change
   * @return what changed from {@code before} to {@code after}
   */
  public static ProcessComparison of(ProcessDefinition before, ProcessDefinition after) {
    return of(ProcessAnalysis.of(checkNotNull(before, "before")), ProcessAnalysis.of(checkNotNull(after, "after")));
  }

  /**
   * Compares two analyses already made.
   *
   * @param before the process before the change
   * @param after the process after the change
   * @return what changed from {@code before} to {@code after}
   */
  public static ProcessComparison of(ProcessAnalysis before, ProcessAnalysis after) {
    return new ProcessComparison(checkNotNull(before, "before"), checkNotNull(after, "after"));
  }

  /**
   * The analysis of the process before the change.
   *
   * @return the analysis of the process before the change
   */
  public ProcessAnalysis before() {
    return before;
  }

  /**
   * The analysis of the process after the change.
   *
   * @return the analysis of the process after the change
   */
  public ProcessAnalysis after() {
    return after;
  }

  /**
   * Hand-offs of the old process.
   *
   * @return hand-offs of the old process
   */
  public int handOffsBefore() {
    return before.handOffCount();
  }

  /**
   * Hand-offs of the new process.
   *
   * @return hand-offs of the new process
   */
  public int handOffsAfter() {
    return after.handOffCount();
  }

  /**
   * After minus before; negative when hand-offs went down.
   *
   * @return after minus before; negative when hand-offs went down
   */
  public int handOffsDelta() {
    return handOffsAfter() - handOffsBefore();
  }

  /**
   * Lead time of the old process.
   *
   * @return lead time of the old process
   */
  public Duration leadTimeBefore() {
    return before.leadTime();
  }

  /**
   * Lead time of the new process.
   *
   * @return lead time of the new process
   */
  public Duration leadTimeAfter() {
    return after.leadTime();
  }

  /**
   * After minus before; negative when the process got faster.
   *
   * @return after minus before; negative when the process got faster
   */
  public Duration leadTimeDelta() {
    return leadTimeAfter().minus(leadTimeBefore());
  }

  /**
   * Number of steps of the old process.
   *
   * @return number of steps of the old process
   */
  public int stepsBefore() {
    return before.process().steps().size();
  }

  /**
   * Number of steps of the new process.
   *
   * @return number of steps of the new process
   */
  public int stepsAfter() {
    return after.process().steps().size();
  }

  /**
   * After minus before.
   *
   * @return after minus before
   */
  public int stepsDelta() {
    return stepsAfter() - stepsBefore();
  }

  /**
   * Ids of the steps only the new process has, in its definition order.
   *
   * @return ids of the steps only the new process has, in its definition order
   */
  public List<String> addedSteps() {
    return addedSteps;
  }

  /**
   * Ids of the steps only the old process has, in its definition order.
   *
   * @return ids of the steps only the old process has, in its definition order
   */
  public List<String> removedSteps() {
    return removedSteps;
  }

  /**
   * One line: {@code hand-offs 5 -> 4 (-1), lead time PT30H -> PT26H (-PT4H), steps 7 -> 6 (-1);
   * added: x; removed: double-check}. A delta of zero reads {@code (0)}; added and removed are left
   * out when empty.
   *
   * @return one line: {@code hand-offs 5 -> 4 (-1), lead time PT30H -> PT26H (-PT4H), steps 7 -> 6 (-1); added: x;
   *     removed: double-check}
   */
  public String summary() {
    StringBuilder out = new StringBuilder()
        .append("hand-offs ").append(handOffsBefore()).append(" -> ").append(handOffsAfter())
        .append(" (").append(signed(handOffsDelta())).append("), ")
        .append("lead time ").append(leadTimeBefore()).append(" -> ").append(leadTimeAfter())
        .append(" (").append(signed(leadTimeDelta())).append("), ")
        .append("steps ").append(stepsBefore()).append(" -> ").append(stepsAfter())
        .append(" (").append(signed(stepsDelta())).append(')');
    if (!addedSteps.isEmpty()) {
      out.append("; added: ").append(String.join(", ", addedSteps));
    }
    if (!removedSteps.isEmpty()) {
      out.append("; removed: ").append(String.join(", ", removedSteps));
    }
    return out.toString();
  }

  private static String signed(int delta) {
    return delta > 0 ? "+" + delta : String.valueOf(delta);
  }

  private static String signed(Duration delta) {
    if (delta.isZero()) {
      return "0";
    }
    return (delta.isNegative() ? "-" : "+") + delta.abs();
  }

  /** The {@link #summary()}. */
  @Override
  public String toString() {
    return summary();
  }
}
