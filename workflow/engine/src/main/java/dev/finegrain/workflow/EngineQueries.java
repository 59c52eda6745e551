package dev.finegrain.workflow;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Member;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.internal.engine.WorkflowRegistry;
import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.WorkEntry;
import dev.finegrain.workflow.internal.store.WorkIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine's read views of cases and their text: a member's inbox and why a case is blocked.
 * Reads take no lock; deadlines due by the query's instant count as fired, as a tick would record
 * them, and nothing is written.
 */
final class EngineQueries {
  private static final String QUERY_COMMAND_ID = "finegrain:query";

  private final ReviewContext context;
  private final WorkflowRegistry registry;
  /** The inbox order: oldest first, then case id and stage id in code-point order (as the projection sorts). */
  static final Comparator<InboxItem> INBOX_ORDER = Comparator.comparing(InboxItem::since)
      .thenComparing(InboxItem::caseId, WorkEntry::compareCodePoints)
      .thenComparing(InboxItem::stageId, WorkEntry::compareCodePoints);

  private final Function<String, ReviewCase> states;
  private final Optional<WorkIndex> index;
  private final Supplier<List<String>> caseIds;

  EngineQueries(ReviewContext context, WorkflowRegistry registry, Function<String, ReviewCase> states,
      Optional<WorkIndex> index, Supplier<List<String>> caseIds) {
    this.context = context;
    this.registry = registry;
    this.states = states;
    this.index = index;
    this.caseIds = caseIds;
  }

  /** The case's open work, computed from its state; null if this engine has not registered its workflow. */
  CaseWork project(ReviewCase state) {
    if (state.status() != CaseStatus.IN_REVIEW) {
      return CaseWork.none(state.caseId(), state.version());
    }
    return registry.workflow(state.workflowId(), state.workflowVersion())
        .map(workflow -> OpenWork.of(workflow, context, state)).orElse(null);
  }

  /**
   * Up to {@code limit} open stages awaiting {@code memberId}'s vote at {@code at}, in inbox order
   * after {@code after} (null for the first page): from the store's open-work projection, whose
   * entries are exact until their case's first pending deadline and checked against the case after
   * it; read from every case if the store keeps no projection.
   *
   * <p>The page is in inbox order and ends with the item the next page continues after, so that a
   * stage that did not change is neither skipped nor repeated across pages. A checked stage whose
   * case reopened it after the projection was read (a write beside this read, or events appended
   * through the SPI that the projection has not caught up with) no longer sorts where its entry
   * does: it is put where its new {@code since} sorts if that falls within this page, and is
   * otherwise left to the page where it now belongs.
   */
  ImmutableList<InboxItem> inbox(String memberId, Instant at, InboxItem after, int limit) {
    if (index.isEmpty()) {
      List<InboxItem> all = scan(caseIds.get(), memberId, at);
      return all.stream().filter(item -> after == null || INBOX_ORDER.compare(item, after) > 0).limit(limit)
          .collect(ImmutableList.toImmutableList());
    }
    WorkIndex work = index.get();
    List<InboxItem> out = new ArrayList<>();
    WorkEntry cursor = after == null ? null : WorkEntry.after(after.caseId(), after.stageId(), after.since());
    Map<String, List<InboxItem>> checked = new HashMap<>();
    // checked items whose stage opened anew since their entry was projected: they sort elsewhere
    List<InboxItem> moved = new ArrayList<>();
    String lastCase = null;
    String lastStage = null;
    int batch = (int) Math.min(1024, Math.max(16L, limit + 8L));
    while (out.size() < limit) {
      List<WorkEntry> entries = work.inbox(memberId, at, cursor, batch);
      for (WorkEntry entry : entries) {
        cursor = entry;
        if (entry.caseId.equals(lastCase) && entry.stageId.equals(lastStage)) {
          continue;  // a later rank of a stage already answered: one's own vote first, then delegations in order
        }
        InboxItem item;
        if (entry.needsCheckAt(at)) {
          item = checked.computeIfAbsent(entry.caseId, id -> scan(List.of(id), memberId, at)).stream()
              .filter(i -> i.stageId().equals(entry.stageId)).findFirst().orElse(null);
          if (item == null) {
            continue;
          }
          if (!item.since().equals(entry.since)) {
            // placed here it would break the page's order, and a page ending with it would continue
            // from its new since, past every stage in between
            if (after == null || INBOX_ORDER.compare(item, after) > 0) {
              moved.add(item);
            }
            continue;
          }
        } else {
          item = new InboxItem(entry.caseId, entry.stageId, entry.stageName, entry.since,
              Optional.ofNullable(entry.escalatesAt), Optional.ofNullable(entry.expiresAt),
              Optional.ofNullable(entry.onBehalfOf));
        }
        lastCase = entry.caseId;
        lastStage = entry.stageId;
        out.add(item);
        if (out.size() == limit) {
          break;
        }
      }
      if (entries.size() < batch) {
        break;
      }
    }
    if (!moved.isEmpty()) {
      placeMoved(out, moved, limit);
    }
    return ImmutableList.copyOf(out);
  }

  /**
   * Puts into the page {@code out} each {@code moved} item that sorts before its last item (any, if
   * the page is not full: the walk found nothing more) and is not in it already, keeping the first
   * {@code limit} in inbox order; the others belong to a later page, where the projection lists them.
   */
  private static void placeMoved(List<InboxItem> out, List<InboxItem> moved, int limit) {
    InboxItem last = out.size() < limit ? null : out.get(out.size() - 1);
    for (InboxItem item : moved) {
      boolean listed = out.stream().anyMatch(i -> i.caseId().equals(item.caseId())
          && i.stageId().equals(item.stageId()));
      if (!listed && (last == null || INBOX_ORDER.compare(item, last) < 0)) {
        out.add(item);
      }
    }
    out.sort(INBOX_ORDER);
    if (out.size() > limit) {
      out.subList(limit, out.size()).clear();
    }
  }

  /** Up to {@code limit} cases with a deadline due by {@code at}, earliest first. */
  ImmutableList<String> dueBy(Instant at, int limit) {
    if (index.isPresent()) {
      return ImmutableList.copyOf(index.get().dueBy(at, limit).keySet());
    }
    Map<String, Instant> due = new HashMap<>();
    for (String caseId : caseIds.get()) {
      CaseWork work = project(states.apply(caseId));
      if (work != null && work.dueAt() != null && !work.dueAt().isAfter(at)) {
        due.put(caseId, work.dueAt());
      }
    }
    return due.entrySet().stream()
        .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey(
            WorkEntry::compareCodePoints)))
        .limit(limit).map(Map.Entry::getKey).collect(ImmutableList.toImmutableList());
  }

  /** The number of cases with each stage open, per workflow and stage. */
  ImmutableList<OpenStageCount> openStages() {
    List<WorkIndex.StageCount> counts;
    if (index.isPresent()) {
      counts = index.get().openStages();
    } else {
      Map<List<Object>, WorkIndex.StageCount> totals = new LinkedHashMap<>();
      for (String caseId : caseIds.get()) {
        CaseWork work = project(states.apply(caseId));
        for (CaseWork.OpenStage stage : work == null ? List.<CaseWork.OpenStage>of() : work.stages()) {
          totals.merge(List.of(stage.workflowId(), stage.stageId(), stage.roles()),
              new WorkIndex.StageCount(stage.workflowId(), stage.stageId(), stage.roles(), 1),
              (a, b) -> new WorkIndex.StageCount(a.workflowId(), a.stageId(), a.roles(), a.open() + b.open()));
        }
      }
      counts = new ArrayList<>(totals.values());
    }
    return counts.stream()
        .map(c -> new OpenStageCount(c.workflowId(), c.stageId(), c.roles(), c.open()))
        .sorted(Comparator.comparing(OpenStageCount::workflowId, WorkEntry::compareCodePoints)
            .thenComparing(OpenStageCount::stageId, WorkEntry::compareCodePoints))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The open stages of these cases awaiting {@code memberId}'s vote at {@code at}, oldest first;
   * none of a case pinned to a workflow version this engine has not registered, whose open work it
   * cannot compute (as {@link #project}).
   */
  ImmutableList<InboxItem> scan(Iterable<String> caseIds, String memberId, Instant at) {
    List<InboxItem> items = new ArrayList<>();
    for (String caseId : caseIds) {
      ReviewCase stored = states.apply(caseId);
      if (stored.status() != CaseStatus.IN_REVIEW) {
        continue;
      }
      ReviewWorkflow workflow = registry.pinnedIfRegistered(stored);
      if (workflow == null) {
        continue;
      }
      ReviewCase state = asOf(workflow, stored, at);
      for (StageProgress progress : Reviews.progress(workflow, context, state)) {
        Optional<String> onBehalfOf;
        if (progress.canStillVote().contains(memberId)) {
          onBehalfOf = Optional.empty();
        } else {
          onBehalfOf = !OpenWork.mayVoteAsDelegate(workflow, state, memberId) ? Optional.empty()
              : state.delegations().stream()
                  .filter(d -> d.to().equals(memberId) && d.activeAt(at) && progress.canStillVote().contains(d.from()))
                  .map(Delegation::from).findFirst();
          if (onBehalfOf.isEmpty()) {
            continue;
          }
        }
        StageState stageState = state.stage(progress.stageId());
        items.add(new InboxItem(caseId, progress.stageId(), workflow.stage(progress.stageId()).orElseThrow().name(),
            stageState.openedAt().orElseThrow(), progress.escalated() ? Optional.empty() : progress.escalatesAt(),
            progress.expiresAt(), onBehalfOf));
      }
    }
    items.sort(INBOX_ORDER);
    return ImmutableList.copyOf(items);
  }

  /** Why the submitted case {@code stored} is not decided at {@code at}. */
  WhyBlocked whyBlocked(ReviewCase stored, Instant at) {
    String caseId = stored.caseId();
    ReviewWorkflow workflow = registry.pinnedIfRegistered(stored);
    if (workflow == null) {
      // another engine on the store registered the version: say what the log says, and no more
      return new WhyBlocked(caseId, stored.status(), "case " + caseId + " (workflow '" + stored.workflowId() + "' v"
          + stored.workflowVersion() + ", revision " + stored.revision() + ", submitted by " + stored.submitter()
          + "): " + stored.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", version "
          + stored.version(), List.of(), stored.sentBack(), List.of("pinned to workflow '" + stored.workflowId()
          + "' v" + stored.workflowVersion() + ", which this engine has not registered: its stages, deadlines and"
          + " who may vote are known only to an engine that has; this engine's commands on the case throw"));
    }
    ReviewCase state = stored.status() == CaseStatus.IN_REVIEW ? asOf(workflow, stored, at) : stored;
    List<String> notes = new ArrayList<>();
    if (state.version() > stored.version()) {
      notes.add("as of " + at + ", " + (state.version() - stored.version())
          + " event(s) are due but not yet recorded (deadlines, or stages whose quorum the current team meets;"
          + " a tick or the next command records them)");
    }
    if (state.isClosed()) {
      notes.add("closed as " + state.outcome().orElseThrow().name().toLowerCase(Locale.ROOT) + ": "
          + state.closeReason().orElseThrow());
    }
    stored.definitionHash().filter(recorded -> !recorded.equals(workflow.definitionHash())).ifPresent(recorded ->
        notes.add("submitted under a definition of " + workflow.describe() + " with hash " + recorded.abbreviated()
            + "..., but the one registered under that id and version now has hash "
            + workflow.definitionHash().abbreviated() + "...: its commands are refused (DEFINITION_CHANGED) and"
            + " the stages below follow the registered one; register a changed definition as a new version"));
    String headline = "case " + caseId + " (" + workflow.describe() + ", revision " + state.revision()
        + ", submitted by " + state.submitter() + "): " + state.status().name().toLowerCase(Locale.ROOT)
        .replace('_', ' ') + ", version " + stored.version();
    ImmutableList.Builder<BlockedStage> stages = ImmutableList.builder();
    for (StageProgress progress : Reviews.progress(workflow, context, state)) {
      Stage stage = workflow.stage(progress.stageId()).orElseThrow();
      StageState stageState = state.stage(stage.id());
      stages.add(explain(stage, progress, at, vote -> whyNotCounted(workflow, state, stage, stageState, vote),
          member -> Eligibility.approvalBar(workflow, state, stage.id(), member)));
    }
    return new WhyBlocked(caseId, state.status(), headline, stages.build(), state.sentBack(),
        ImmutableList.copyOf(notes));
  }

  /** Why the approval {@code vote} does not count toward the stage's quorum; empty if it counts or is no approval. */
  private Optional<String> whyNotCounted(ReviewWorkflow workflow, ReviewCase state, Stage stage,
      StageState stageState, Vote vote) {
    if (vote.kind() != VoteKind.APPROVE) {
      return Optional.empty();
    }
    if (!Eligibility.isEligibleApproval(workflow, context.team(), state.reassignments(), state.submitter(), stage,
        stageState, vote)) {
      return Optional.of(vote.principal() + " may not vote in the stage now");
    }
    if (Eligibility.byEditor(workflow, state.lastEditor(), vote)) {
      return Optional.of(state.lastEditor() + " edited revision " + state.revision());
    }
    return Optional.empty();
  }

  /**
   * The stage in words; {@code whyNotCounted} says why an approval does not count (empty for one
   * that counts, and for other votes), and {@code approvalBar} why a member who may still vote may
   * not approve.
   */
  private BlockedStage explain(Stage stage, StageProgress progress, Instant at,
      Function<Vote, Optional<String>> whyNotCounted, Function<String, Optional<String>> approvalBar) {
    List<String> lines = new ArrayList<>();
    lines.add(stage.name() + " [" + stage.id() + "]: " + progress.approvals() + " of " + progress.required()
        + " approval" + (progress.required() == 1 ? "" : "s") + ", " + (progress.stillNeeded() == 0
            ? "no more needed" : progress.stillNeeded() + " more needed"));
    if (progress.votes().isEmpty()) {
      lines.add("votes so far: none");
    } else {
      lines.add("votes so far: " + progress.votes().stream().map(vote -> describeVote(vote, whyNotCounted.apply(vote)))
          .collect(Collectors.joining("; ")));
    }
    lines.add("can still vote: " + (progress.canStillVote().isEmpty() ? "nobody"
        : progress.canStillVote().stream().map(member -> nameOf(member) + approvalBar.apply(member)
            .map(why -> " [may reject or request changes, not approve: " + why + "]").orElse(""))
            .collect(Collectors.joining(", "))));
    Optional<String> role = stage.deadline().map(Deadline::escalationRole);
    if (stage.deadline().isPresent()) {
      StringBuilder deadline = new StringBuilder("deadline: ");
      if (progress.escalated()) {
        deadline.append("escalated; holders of '").append(role.get()).append("' may vote too");
      } else {
        Instant escalates = progress.escalatesAt().orElseThrow();
        deadline.append("escalates to holders of '").append(role.get()).append("' at ").append(escalates)
            .append(" (").append(relative(at, escalates)).append(')');
      }
      progress.expiresAt().ifPresent(expires -> deadline.append("; expires at ").append(expires).append(" (")
          .append(relative(at, expires)).append(')'));
      lines.add(deadline.toString());
    } else {
      lines.add("deadline: none");
    }
    return new BlockedStage(stage.name(), progress, role, ImmutableList.copyOf(lines));
  }

  private static String describeVote(Vote vote, Optional<String> whyNotCounted) {
    String verb = switch (vote.kind()) {
      case APPROVE -> "approved";
      case REJECT -> "rejected";
      case REQUEST_CHANGES -> "requested changes";
    };
    return (vote.byDelegate() ? vote.voter() + " for " + vote.principal() : vote.voter()) + " " + verb + " at "
        + vote.at() + " (revision " + vote.revision() + whyNotCounted.map(why -> "; does not count: " + why).orElse("")
        + ")";
  }

  private String nameOf(String memberId) {
    return context.team().member(memberId).map(Member::name).map(name -> memberId + " (" + name + ")")
        .orElse(memberId);
  }

  private static String relative(Instant at, Instant when) {
    Duration d = Duration.between(at, when);
    String amount = hours(d.abs());
    return d.isNegative() ? amount + " ago" : "in " + amount;
  }

  private static String hours(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  /**
   * The state with the deadlines due by {@code at} fired, as a tick would record them; nothing is
   * written. A query may ask about any instant, a command carry one of years 1 to 9999 only: past
   * {@link ReviewCommand#MAX_INSTANT} the tick is dated then, as far as any deadline can ever fire;
   * before {@link ReviewCommand#MIN_INSTANT}, then.
   */
  private ReviewCase asOf(ReviewWorkflow workflow, ReviewCase state, Instant at) {
    Instant tickAt = at.isAfter(ReviewCommand.MAX_INSTANT) ? ReviewCommand.MAX_INSTANT
        : at.isBefore(ReviewCommand.MIN_INSTANT) ? ReviewCommand.MIN_INSTANT : at;
    Decision decision = Reviews.decide(workflow, context, state, Tick.builder().commandId(QUERY_COMMAND_ID)
        .caseId(state.caseId()).actor(ReviewEvent.SYSTEM).at(tickAt).build());
    return decision.applyTo(state);
  }
}
