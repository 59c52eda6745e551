package dev.finegrain.core.process;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.internal.Problems;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * A versioned process: steps that depend on one another and so form a directed acyclic graph.
 * Validated when built, reporting every problem at once: blank ids and names, duplicate step ids,
 * a dependency on an unknown step or on the step itself, cycles, and expected durations adding up
 * to more than {@link #MAX_TOTAL_DURATION}.
 *
 * <pre>{@code
 * ProcessDefinition listing = ProcessDefinition.builder().id("listing").version(2).name("New listing")
 *     .addStep(Step.builder().id("write-copy").name("Write copy").ownerRole("copywriter")
 *         .addOutput("copy").expectedDuration(Duration.ofHours(4)).build())
 *     .addStep(Step.builder().id("approve").name("Approve").ownerRole("manager")
 *         .addInput("copy").addOutput("approved-copy").expectedDuration(Duration.ofHours(1))
 *         .addDependsOn("write-copy").isFinal(true).build())
 *     .build();
 * listing.topologicalOrder();   // the steps write-copy, then approve
 * listing.step("approve");      // Optional[Step{id=approve, ...}]
 * listing.step("publish");      // Optional.empty
 * }</pre>
 *
 * <p>A cycle is reported once per group of steps that reach one another, naming one cycle in flow
 * order (each step is followed by a step that depends on it), starting at the group's first step
 * in definition order: {@code steps: the steps form a cycle: review -> edit -> review}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProcessDefinition.class)
@JsonDeserialize(as = ImmutableProcessDefinition.class)
public abstract class ProcessDefinition {
  ProcessDefinition() {}

  /**
   * The longest a process may take in all: {@code Long.MAX_VALUE} milliseconds, some 292 million
   * years. The sum of all steps' expected durations must not exceed it, so that lead time, total
   * effort and each role's effort ({@link ProcessAnalysis}) add up without overflow and convert to
   * milliseconds ({@link Duration#toMillis()}).
   */
  public static final Duration MAX_TOTAL_DURATION = Duration.ofMillis(Long.MAX_VALUE);

  /**
   * Stable id that responsibility matrices and workflows refer to. Required, not blank.
   *
   * @return stable id that responsibility matrices and workflows refer to
   */
  public abstract String id();

  /**
   * Version of this definition, 1 or more; 1 if not given.
   *
   * @return version of this definition, 1 or more; 1 if not given
   */
  @Value.Default
  public int version() {
    return 1;
  }

  /**
   * Readable name. Required, not blank.
   *
   * @return readable name
   */
  public abstract String name();

  /**
   * The steps, at least one, in definition order. Required: add at least one.
   *
   * @return the steps, at least one, in definition order
   */
  public abstract List<Step> steps();

  /**
   * The step with this id, if the process has it.
   *
   * @param stepId the id of the step
   * @return the step with this id, if the process has it
   */
  public Optional<Step> step(String stepId) {
    return Optional.ofNullable(stepsById().get(stepId));
  }

  /**
   * The steps in an order where every step comes after the steps it depends on; among steps that
   * could go next, the one defined first goes first, so a process already in dependency order
   * keeps its order.
   *
   * @return the steps in an order where every step comes after the steps it depends on; among steps that could go next,
   *     the one defined first goes first, so a process already in dependency order keeps its order
   */
  public List<Step> topologicalOrder() {
    return topologicalOrderLazy();
  }

  /**
   * The ids of the steps that depend directly on step {@code stepId}, in definition order.
   *
   * @param stepId the id of the step
   * @return the ids of the steps that depend directly on step {@code stepId}, in definition order
   */
  public List<String> dependents(String stepId) {
    return dependentsById().get(stepId);
  }

  @Value.Lazy
  ImmutableListMultimap<String, String> dependentsById() {
    ImmutableListMultimap.Builder<String, String> out = ImmutableListMultimap.builder();
    for (Step step : steps()) {
      for (String dep : step.dependsOn()) {
        out.put(dep, step.id());
      }
    }
    return out.build();
  }

  @Value.Lazy
  ImmutableMap<String, Step> stepsById() {
    return steps().stream().collect(ImmutableMap.toImmutableMap(Step::id, Function.identity()));
  }

  @Value.Lazy
  ImmutableList<Step> topologicalOrderLazy() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps().size(); i++) {
      index.put(steps().get(i).id(), i);
    }
    int[] waitingFor = new int[steps().size()];
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < steps().size(); i++) {
      waitingFor[i] = steps().get(i).dependsOn().size();
      if (waitingFor[i] == 0) {
        ready.add(i);
      }
    }
    List<List<Integer>> dependents = successors(index);
    ImmutableList.Builder<Step> order = ImmutableList.builder();
    while (!ready.isEmpty()) {
      int next = ready.poll();
      order.add(steps().get(next));
      for (int dependent : dependents.get(next)) {
        if (--waitingFor[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    return order.build();
  }

  /** For each step index, the indexes of the steps that depend on it, in definition order; unknown ids skipped. */
  private List<List<Integer>> successors(Map<String, Integer> index) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < steps().size(); i++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < steps().size(); i++) {
      for (String dep : steps().get(i).dependsOn()) {
        Integer from = index.get(dep);
        if (from != null && from != i) {
          out.get(from).add(i);
        }
      }
    }
    return out;
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
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    problems.checkNotBlank("name", name());
    problems.check(version() >= 1, "version", "must be 1 or more, got %s", version());
    problems.check(!steps().isEmpty(), "steps", "a process needs at least one step");
    problems.checkUniqueIds("steps", steps(), Step::id, "step");
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps().size(); i++) {
      index.putIfAbsent(steps().get(i).id(), i);
    }
    for (int i = 0; i < steps().size(); i++) {
      Step step = steps().get(i);
      for (int j = 0; j < step.dependsOn().size(); j++) {
        String dep = step.dependsOn().get(j);
        String path = "steps[" + i + "].dependsOn[" + j + "]";
        if (dep.equals(step.id())) {
          problems.add(path, "step '%s' depends on itself", dep);
        } else if (!index.containsKey(dep)) {
          problems.add(path, "unknown step '%s'", dep);
        }
      }
    }
    for (List<String> cycle : cycles(index)) {
      problems.add("steps", "the steps form a cycle: %s", String.join(" -> ", cycle));
    }
    Duration total = Duration.ZERO;
    for (int i = 0; i < steps().size(); i++) {
      Duration d = steps().get(i).expectedDuration();
      if (d.compareTo(MAX_TOTAL_DURATION.minus(total)) > 0) {
        problems.add("steps[" + i + "].expectedDuration", "the steps' expected durations up to this one add up to "
            + "more than %s (ProcessDefinition.MAX_TOTAL_DURATION, about 292 million years)", MAX_TOTAL_DURATION);
        break;
      }
      total = total.plus(d);
    }
    problems.throwIfAny("process '" + id() + "'");
  }

  /**
   * One cycle for each strongly connected group of two or more steps, ignoring self-dependencies
   * and unknown steps; each starts and ends at the group's first step in definition order.
   */
  private List<List<String>> cycles(Map<String, Integer> index) {
    int n = steps().size();
    List<List<Integer>> next = successors(index);
    int[] component = new Tarjan(next).components();
    List<List<String>> cycles = new ArrayList<>();
    Set<Integer> reported = new HashSet<>();
    for (int start = 0; start < n; start++) {
      int c = component[start];
      if (reported.contains(c)) {
        continue;
      }
      reported.add(c);
      // shortest way back to start within the component, exploring dependents in definition order
      int[] previous = new int[n];
      java.util.Arrays.fill(previous, -1);
      Deque<Integer> queue = new ArrayDeque<>();
      queue.add(start);
      int last = -1;
      while (!queue.isEmpty() && last < 0) {
        int at = queue.poll();
        for (int to : next.get(at)) {
          if (component[to] != c) {
            continue;
          }
          if (to == start) {
            last = at;
            break;
          }
          if (previous[to] < 0) {
            previous[to] = at;
            queue.add(to);
          }
        }
      }
      if (last < 0) {
        continue; // a single step, not on a cycle
      }
      Deque<String> cycle = new ArrayDeque<>();
      cycle.addFirst(steps().get(start).id());
      for (int at = last; at != start; at = previous[at]) {
        cycle.addFirst(steps().get(at).id());
      }
      cycle.addFirst(steps().get(start).id());
      cycles.add(List.copyOf(cycle));
    }
    return cycles;
  }

  /** Tarjan's strongly connected components, iteratively, so that long chains do not overflow the stack. */
  private static final class Tarjan {
    private final List<List<Integer>> next;
    private final int[] index;
    private final int[] low;
    private final int[] component;
    private final boolean[] onStack;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private int counter;
    private int components;

    Tarjan(List<List<Integer>> next) {
      this.next = next;
      int n = next.size();
      index = new int[n];
      low = new int[n];
      component = new int[n];
      onStack = new boolean[n];
      java.util.Arrays.fill(index, -1);
    }

    int[] components() {
      for (int v = 0; v < next.size(); v++) {
        if (index[v] < 0) {
          visit(v);
        }
      }
      return component;
    }

    private void visit(int root) {
      Deque<int[]> work = new ArrayDeque<>(); // {vertex, next successor position}
      open(root);
      work.push(new int[] {root, 0});
      while (!work.isEmpty()) {
        int[] frame = work.peek();
        int v = frame[0];
        if (frame[1] < next.get(v).size()) {
          int w = next.get(v).get(frame[1]++);
          if (index[w] < 0) {
            open(w);
            work.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          int parent = work.peek()[0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component[w] = components;
          } while (w != v);
          components++;
        }
      }
    }

    private void open(int v) {
      index[v] = counter;
      low[v] = counter;
      counter++;
      stack.push(v);
      onStack[v] = true;
    }
  }

  /**
   * Builds a {@link ProcessDefinition}.
   *
   * <p>Required: {@link ProcessDefinition#id() id}, {@link ProcessDefinition#name() name}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableProcessDefinition.Builder {
    Builder() {}
  }
}
