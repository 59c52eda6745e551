package dev.finegrain.core.process;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a process loses time and effort: its hand-offs between roles, its critical path and lead
 * time, the steps nobody needs, and the effort each role puts in. Computed once, when made.
 *
 * <pre>{@code
 * // listing: write-copy (copywriter, 4 h) -> approve (manager, 1 h, final), as in ProcessDefinition
 * ProcessAnalysis analysis = ProcessAnalysis.of(listing);
 * analysis.handOffCount();        // 1: write-copy -> approve (copywriter -> manager)
 * analysis.criticalPath();        // [write-copy, approve]
 * analysis.leadTime();            // PT5H
 * analysis.removalCandidates();   // [] (a step whose outputs nothing later uses would be listed, with why)
 * analysis.effortByRole();        // {copywriter=PT4H, manager=PT1H}
 * System.out.println(analysis.summary());
 * }</pre>
 *
 * <p>Lead time assumes each step starts as soon as all the steps it depends on have finished, and
 * takes its expected duration; the critical path is the chain of steps that sets it. Ties (two
 * equally long paths) go to the step defined first.
 *
 * @since 0.1
 */
public final class ProcessAnalysis {
  private final ProcessDefinition process;
  private final ImmutableList<HandOff> handOffs;
  private final int dependencyCount;
  private final Duration leadTime;
  private final ImmutableList<String> criticalPath;
  private final ImmutableList<RemovalCandidate> removalCandidates;
  private final ImmutableMap<String, Duration> effortByRole;

  private ProcessAnalysis(ProcessDefinition process) {
    this.process = process;
    ImmutableList.Builder<HandOff> handOffList = ImmutableList.builder();
    int edges = 0;
    for (Step step : process.steps()) {
      for (String dep : step.dependsOn()) {
        edges++;
        Step from = process.step(dep).orElseThrow();
        if (!from.ownerRole().equals(step.ownerRole())) {
          handOffList.add(HandOff.of(from.id(), step.id(), from.ownerRole(), step.ownerRole()));
        }
      }
    }
    this.handOffs = handOffList.build();
    this.dependencyCount = edges;

    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < process.steps().size(); i++) {
      position.put(process.steps().get(i).id(), i);
    }
    Map<String, Duration> finish = new HashMap<>();
    Map<String, String> critical = new HashMap<>(); // step -> the dependency that sets its start
    for (Step step : process.topologicalOrder()) {
      Duration start = Duration.ZERO;
      String setBy = null;
      for (String dep : step.dependsOn()) {
        int order = finish.get(dep).compareTo(start);
        if (setBy == null || order > 0 || (order == 0 && position.get(dep) < position.get(setBy))) {
          start = finish.get(dep);
          setBy = dep;
        }
      }
      finish.put(step.id(), start.plus(step.expectedDuration()));
      if (setBy != null) {
        critical.put(step.id(), setBy);
      }
    }
    String last = null;
    for (Step step : process.steps()) {
      if (last == null || finish.get(step.id()).compareTo(finish.get(last)) > 0) {
        last = step.id();
      }
    }
    this.leadTime = finish.get(last);
    Deque<String> path = new ArrayDeque<>();
    for (String at = last; at != null; at = critical.get(at)) {
      path.addFirst(at);
    }
    this.criticalPath = ImmutableList.copyOf(path);

    ImmutableList.Builder<RemovalCandidate> candidates = ImmutableList.builder();
    for (Step step : process.steps()) {
      if (step.isFinal()) {
        continue;
      }
      if (step.outputs().isEmpty()) {
        candidates.add(RemovalCandidate.of(step.id(), "it produces no outputs and is not final"));
      } else if (!consumedLater(step)) {
        candidates.add(RemovalCandidate.of(step.id(), "no later step uses its outputs ("
            + String.join(", ", step.outputs()) + ") and it is not final"));
      }
    }
    this.removalCandidates = candidates.build();

    Map<String, Duration> effort = new LinkedHashMap<>();
    for (Step step : process.steps()) {
      effort.merge(step.ownerRole(), step.expectedDuration(), Duration::plus);
    }
    this.effortByRole = ImmutableMap.copyOf(effort);
  }

  /** Whether a step that depends on {@code step}, directly or through others, takes one of its outputs as input. */
  private boolean consumedLater(Step step) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(process.dependents(step.id()));
    while (!queue.isEmpty()) {
      String id = queue.poll();
      if (!seen.add(id)) {
        continue;
      }
      Step later = process.step(id).orElseThrow();
      if (later.inputs().stream().anyMatch(step.outputs()::contains)) {
        return true;
      }
      queue.addAll(process.dependents(id));
    }
    return false;
  }

  /**
   * Analyses {@code process}.
   *
   * @param process the process definition
   * @return the analysis
   */
  public static ProcessAnalysis of(ProcessDefinition process) {
    return new ProcessAnalysis(checkNotNull(process, "process"));
  }

  /**
   * The process analysed.
   *
   * @return the process analysed
   */
  public ProcessDefinition process() {
    return process;
  }

  /**
   * How many dependencies join steps with different owner roles.
   *
   * @return how many dependencies join steps with different owner roles
   */
  public int handOffCount() {
    return handOffs.size();
  }

  /**
   * The dependencies that join steps with different owner roles, ordered by the dependent step
   * (definition order), then by its {@code dependsOn} order.
   *
   * @return the dependencies that join steps with different owner roles, ordered by the dependent step (definition
   *     order), then by its {@code dependsOn} order
   */
  public List<HandOff> handOffs() {
    return handOffs;
  }

  /**
   * How many dependencies the process has in all (the edges of its graph).
   *
   * @return how many dependencies the process has in all (the edges of its graph)
   */
  public int dependencyCount() {
    return dependencyCount;
  }

  /**
   * Time from the start of the first steps to the end of the last, along the critical path.
   *
   * @return time from the start of the first steps to the end of the last, along the critical path
   */
  public Duration leadTime() {
    return leadTime;
  }

  /**
   * Ids of the steps on the longest path by expected duration, first to last; never empty.
   *
   * @return ids of the steps on the longest path by expected duration, first to last; never empty
   */
  public List<String> criticalPath() {
    return criticalPath;
  }

  /**
   * Steps that are not final and whose outputs no later step uses: no step that depends on them,
   * directly or through other steps, takes any of their outputs as input. A step without outputs
   * is always a candidate unless final. In definition order.
   *
   * @return steps that are not final and whose outputs no later step uses: no step that depends on them, directly or
   *     through other steps, takes any of their outputs as input
   */
  public List<RemovalCandidate> removalCandidates() {
    return removalCandidates;
  }

  /**
   * Total expected duration of the steps each role owns, roles in order of first appearance as an
   * owner in the process definition.
   *
   * @return total expected duration of the steps each role owns, roles in order of first appearance as an owner in the
   *     process definition
   */
  public Map<String, Duration> effortByRole() {
    return effortByRole;
  }

  /**
   * The sum of all steps' expected durations.
   *
   * @return the sum of all steps' expected durations
   */
  public Duration totalEffort() {
    return effortByRole.values().stream().reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * A few lines for people: counts, critical path, hand-offs, removal candidates and effort per role.
   *
   * @return a few lines for people: counts, critical path, hand-offs, removal candidates and effort per role
   */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("process '").append(process.id()).append("' v").append(process.version()).append(": ")
        .append(process.steps().size()).append(process.steps().size() == 1 ? " step, " : " steps, ")
        .append(handOffCount()).append(handOffCount() == 1 ? " hand-off, " : " hand-offs, ")
        .append("lead time ").append(leadTime).append('\n');
    out.append("critical path: ").append(String.join(" -> ", criticalPath)).append('\n');
    out.append("hand-offs: ").append(handOffs.isEmpty() ? "none" : joined(handOffs)).append('\n');
    out.append("removal candidates: ").append(removalCandidates.isEmpty() ? "none" : joined(removalCandidates))
        .append('\n');
    out.append("effort by role: ").append(effortByRole.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    return out.toString();
  }

  private static String joined(List<?> items) {
    return items.stream().map(Object::toString).collect(Collectors.joining("; "));
  }

  /** Analyses are equal when they analyse equal processes. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ProcessAnalysis other && other.process.equals(process);
  }

  @Override
  public int hashCode() {
    return process.hashCode();
  }

  /** The {@link #summary()}. */
  @Override
  public String toString() {
    return summary();
  }
}
