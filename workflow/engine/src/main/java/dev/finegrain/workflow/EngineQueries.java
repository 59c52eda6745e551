package dev.finegrain.workflow;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Member;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.engine.WorkflowRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
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
  private final Function<String, ReviewCase> states;

  EngineQueries(ReviewContext context, WorkflowRegistry registry, Function<String, ReviewCase> states) {
    this.context = context;
    this.registry = registry;
    this.states = states;
  }

  /** The open stages of these cases awaiting {@code memberId}'s vote at {@code at}, oldest first. */
  ImmutableList<InboxItem> inbox(Iterable<String> caseIds, String memberId, Instant at) {
    List<InboxItem> items = new ArrayList<>();
    for (String caseId : caseIds) {
      ReviewCase stored = states.apply(caseId);
      if (stored.status() != CaseStatus.IN_REVIEW) {
        continue;
      }
      ReviewWorkflow workflow = registry.pinned(stored);
      ReviewCase state = asOf(workflow, stored, at);
      for (StageProgress progress : Reviews.progress(workflow, context, state)) {
        Optional<String> onBehalfOf;
        if (progress.canStillVote().contains(memberId)) {
          onBehalfOf = Optional.empty();
        } else {
          onBehalfOf = state.delegations().stream()
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
    items.sort(Comparator.comparing(InboxItem::since).thenComparing(InboxItem::caseId));
    return ImmutableList.copyOf(items);
  }

  /** Why the submitted case {@code stored} is not decided at {@code at}. */
  WhyBlocked whyBlocked(ReviewCase stored, Instant at) {
    String caseId = stored.caseId();
    ReviewWorkflow workflow = registry.pinned(stored);
    ReviewCase state = stored.status() == CaseStatus.IN_REVIEW ? asOf(workflow, stored, at) : stored;
    List<String> notes = new ArrayList<>();
    if (state.version() > stored.version()) {
      notes.add("as of " + at + ", " + (state.version() - stored.version())
          + " deadline event(s) are due but not yet recorded (a tick or the next command records them)");
    }
    if (state.isClosed()) {
      notes.add("closed as " + state.outcome().orElseThrow().name().toLowerCase(Locale.ROOT) + ": "
          + state.closeReason().orElseThrow());
    }
    String headline = "case " + caseId + " (" + workflow.describe() + ", revision " + state.revision()
        + ", submitted by " + state.submitter() + "): " + state.status().name().toLowerCase(Locale.ROOT)
        .replace('_', ' ') + ", version " + stored.version();
    ImmutableList.Builder<BlockedStage> stages = ImmutableList.builder();
    for (StageProgress progress : Reviews.progress(workflow, context, state)) {
      Stage stage = workflow.stage(progress.stageId()).orElseThrow();
      stages.add(explain(stage, progress, at));
    }
    return new WhyBlocked(caseId, state.status(), headline, stages.build(), state.sentBack(),
        ImmutableList.copyOf(notes));
  }

  private BlockedStage explain(Stage stage, StageProgress progress, Instant at) {
    List<String> lines = new ArrayList<>();
    lines.add(stage.name() + " [" + stage.id() + "]: " + progress.approvals() + " of " + progress.required()
        + " approval" + (progress.required() == 1 ? "" : "s") + ", " + (progress.stillNeeded() == 0
            ? "no more needed" : progress.stillNeeded() + " more needed"));
    if (progress.votes().isEmpty()) {
      lines.add("votes so far: none");
    } else {
      lines.add("votes so far: " + progress.votes().stream().map(EngineQueries::describeVote)
          .collect(Collectors.joining("; ")));
    }
    lines.add("can still vote: " + (progress.canStillVote().isEmpty() ? "nobody"
        : progress.canStillVote().stream().map(this::nameOf).collect(Collectors.joining(", "))));
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

  private static String describeVote(Vote vote) {
    String verb = switch (vote.kind()) {
      case APPROVE -> "approved";
      case REJECT -> "rejected";
      case REQUEST_CHANGES -> "requested changes";
    };
    return (vote.byDelegate() ? vote.voter() + " for " + vote.principal() : vote.voter()) + " " + verb + " at "
        + vote.at() + " (revision " + vote.revision() + ")";
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

  /** The state with the deadlines due by {@code at} fired, as a tick would record them; nothing is written. */
  private ReviewCase asOf(ReviewWorkflow workflow, ReviewCase state, Instant at) {
    Decision decision = Reviews.decide(workflow, context, state, Tick.builder().commandId(QUERY_COMMAND_ID)
        .caseId(state.caseId()).actor(ReviewEvent.SYSTEM).at(at).build());
    return decision.applyTo(state);
  }
}
