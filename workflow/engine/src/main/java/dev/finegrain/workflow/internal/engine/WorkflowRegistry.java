package dev.finegrain.workflow.internal.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewWorkflow;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The workflow definitions an engine decides with: by id and version, each validated against the
 * engine's context when registered, and by the subject kind the latest version of each reviews.
 * Thread-safe.
 */
public final class WorkflowRegistry {
  private final ReviewContext context;
  private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, ReviewWorkflow>> workflows =
      new ConcurrentHashMap<>();
  /** The latest versions of the workflows, by the subject kind they review; replaced when a workflow registers. */
  private volatile ImmutableListMultimap<String, ReviewWorkflow> bySubjectKind = ImmutableListMultimap.of();
  /** The workflow the last command's case was pinned to: most commands are for cases of one workflow. */
  private volatile ReviewWorkflow lastPinned;

  public WorkflowRegistry(ReviewContext context) {
    this.context = checkNotNull(context, "context");
  }

  /**
   * Registers {@code workflow} under its id and version; registering an equal definition again does
   * nothing.
   *
   * @throws dev.finegrain.core.DefinitionException if the workflow is not valid against the context
   * @throws IllegalArgumentException if a different definition is registered under the same id and version
   */
  public void register(ReviewWorkflow workflow) {
    checkNotNull(workflow, "workflow");
    workflow.validateAgainst(context);
    ReviewWorkflow previous = workflows.computeIfAbsent(workflow.id(), id -> new ConcurrentSkipListMap<>())
        .putIfAbsent(workflow.version(), workflow);
    checkArgument(previous == null || previous.equals(workflow),
        "%s is already registered with a different definition; register changes as a new version",
        workflow.describe());
    synchronized (workflows) {
      ImmutableListMultimap.Builder<String, ReviewWorkflow> byKind = ImmutableListMultimap.builder();
      for (String id : workflows.keySet()) {
        latest(id).ifPresent(latest -> byKind.put(latest.subjectKind(), latest));
      }
      bySubjectKind = byKind.build();
    }
  }

  /** Workflow {@code id} version {@code version}, if registered. */
  public Optional<ReviewWorkflow> workflow(String id, int version) {
    Map<Integer, ReviewWorkflow> versions = workflows.get(id);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The latest registered version of workflow {@code id}, if any. */
  public Optional<ReviewWorkflow> latest(String id) {
    ConcurrentSkipListMap<Integer, ReviewWorkflow> versions = workflows.get(id);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(versions.lastEntry().getValue());
  }

  /** Every registered workflow, by id then version. */
  public ImmutableList<ReviewWorkflow> all() {
    return workflows.values().stream().flatMap(v -> v.values().stream())
        .sorted(Comparator.comparing(ReviewWorkflow::id).thenComparingInt(ReviewWorkflow::version))
        .collect(ImmutableList.toImmutableList());
  }

  /** The ids of the registered workflows. */
  public Set<String> ids() {
    return workflows.keySet();
  }

  /**
   * The latest version of the one workflow that reviews {@code subjectKind}; empty if none does.
   *
   * @throws IllegalArgumentException if several do
   */
  public Optional<ReviewWorkflow> forSubjectKind(String subjectKind) {
    List<ReviewWorkflow> candidates = bySubjectKind.get(subjectKind);
    if (candidates.size() > 1) {
      throw new IllegalArgumentException(String.format("several workflows review '%s' subjects (%s); name one with"
          + " submit(workflowId, command)", subjectKind, candidates.stream().map(ReviewWorkflow::id).sorted()
              .toList()));
    }
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
  }

  /**
   * The workflow a submitted case is pinned to.
   *
   * @throws IllegalStateException if this registry does not have it
   */
  public ReviewWorkflow pinned(ReviewCase state) {
    ReviewWorkflow found = pinnedIfRegistered(state);
    if (found == null) {
      throw new IllegalStateException("case " + state.caseId() + " is pinned to workflow '" + state.workflowId()
          + "' v" + state.workflowVersion() + ", which this engine has not registered");
    }
    return found;
  }

  /**
   * The workflow a submitted case is pinned to; null if this registry does not have it (another
   * engine on the same store registered a version this one has not).
   */
  public ReviewWorkflow pinnedIfRegistered(ReviewCase state) {
    ReviewWorkflow last = lastPinned;
    if (last != null && last.version() == state.workflowVersion() && last.id().equals(state.workflowId())) {
      return last;
    }
    ReviewWorkflow found = workflow(state.workflowId(), state.workflowVersion()).orElse(null);
    if (found != null) {
      lastPinned = found;
    }
    return found;
  }
}
