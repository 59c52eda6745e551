package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.Striped;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.RecentMap;
import dev.finegrain.workflow.internal.engine.WorkflowRegistry;
import dev.finegrain.workflow.internal.store.CaseSnapshot;
import dev.finegrain.workflow.internal.store.CaseStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * The engine's command path: under the case's lock, answer a known command id from its first
 * outcome; else bring the case up to date, decide, chain the events and append them with the
 * version decided on, deciding once more if another engine appended in between.
 */
final class CommandHandler {
  private final ReviewContext context;
  private final WorkflowRegistry registry;
  private final CaseStore cases;
  private final Striped<Lock> locks;
  private final RecentMap<String, Remembered> remembered;

  CommandHandler(ReviewContext context, WorkflowRegistry registry, CaseStore cases, int lockStripes,
      int rememberedCommands) {
    this.context = context;
    this.registry = registry;
    this.cases = cases;
    this.locks = Striped.lock(lockStripes);
    this.remembered = new RecentMap<>(rememberedCommands);
  }

  /** Decides and records {@code command}; {@code forNewCase} names the workflow of a new case, if the caller chose one. */
  ReviewOutcome handle(ReviewCommand command, ReviewWorkflow forNewCase) {
    String caseId = command.caseId();
    Lock lock = locks.get(caseId);
    lock.lock();
    try {
      Remembered known = remembered.get(command.commandId());
      if (known != null) {
        ReviewOutcome answer = known.answer(command);
        if (answer != null) {
          return answer;
        }  // else it recorded events: answered from the case's log below
      }
      // first on the state this engine last saw, if the store allows (one round trip for the
      // append, where bringing the case up to date and looking the command id up cost two more);
      // anything but a recorded append is decided again on the store's current state
      Optional<CaseSnapshot> presumed = cases.presumed(caseId);
      boolean verified = presumed.isEmpty();
      for (int attempt = 0; ; ) {
        CaseSnapshot entry = verified ? cases.current(caseId) : presumed.get();
        ReviewCase state = entry.state();
        if (verified) {
          long first = entry.firstSequenceOf(command.commandId());
          if (first > 0) {
            return remember(command, fromLog(command, first));
          }
        }
        Optional<ReviewWorkflow> workflow = workflowFor(state, command, forNewCase);
        Decision decision = workflow.isEmpty() ? null : Reviews.decide(workflow.get(), context, state, command);
        if (!verified && (decision == null || !decision.isAccepted() || decision.events().isEmpty())) {
          verified = true;  // a refusal, or nothing to record: only the current state may answer
          continue;
        }
        if (decision == null) {
          return remember(command, ReviewOutcome.refused(command.commandId(), caseId, noWorkflowFor(command),
              state.version()));
        }
        if (!decision.isAccepted()) {
          return remember(command, ReviewOutcome.refused(command.commandId(), caseId, decision.refusal().get(),
              state.version()));
        }
        if (decision.events().isEmpty()) {
          return remember(command, ReviewOutcome.accepted(command.commandId(), caseId, List.of(), state.version()));
        }
        ImmutableList<RecordedEvent> recorded = chain(decision.events(), command.commandId(), entry.headHash());
        ReviewCase after = decision.stateAfter() != null ? decision.stateAfter() : decision.applyTo(state);
        CaseSnapshot next = cases.append(caseId, entry, recorded, after);
        if (next != null) {
          remember(command, null);  // the log answers a retry; the map only recognises the id's command
          return ReviewOutcome.accepted(command.commandId(), caseId, recorded, next.state().version());
        }
        if (!verified) {
          verified = true;  // the case moved on, or already has the command: decide on the current state
          continue;
        }
        if (++attempt > 1) {
          long now = cases.current(caseId).state().version();
          return ReviewOutcome.refused(command.commandId(), caseId, Refusal.of(RefusalReason.VERSION_CONFLICT,
              "case %s changed in the store twice while %s's command was decided (now at version %s); retry it",
              caseId, command.actor(), now), now);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private Optional<ReviewWorkflow> workflowFor(ReviewCase state, ReviewCommand command, ReviewWorkflow forNewCase) {
    if (state.isSubmitted()) {
      return Optional.of(registry.pinned(state));
    }
    if (forNewCase != null) {
      return Optional.of(forNewCase);
    }
    return command instanceof Submit submit ? registry.forSubjectKind(submit.subject().kind()) : Optional.empty();
  }

  private static ImmutableList<RecordedEvent> chain(List<ReviewEvent> events, String commandId, Hash head) {
    ImmutableList.Builder<RecordedEvent> links = ImmutableList.builderWithExpectedSize(events.size());
    Hash previous = head;
    for (ReviewEvent event : events) {
      RecordedEvent link = RecordedEvent.chain(event, commandId, previous);
      links.add(link);
      previous = link.hash();
    }
    return links.build();
  }

  private Refusal noWorkflowFor(ReviewCommand command) {
    if (command instanceof Submit submit) {
      return Refusal.of(RefusalReason.SUBJECT_KIND_MISMATCH, "no registered workflow reviews '%s' subjects;"
          + " registered: %s", submit.subject().kind(), registry.all().stream()
              .map(w -> w.id() + " v" + w.version() + " (" + w.subjectKind() + ")").toList());
    }
    return Refusal.of(RefusalReason.CASE_NOT_FOUND, "case %s was never submitted", command.caseId());
  }

  /** The outcome of an accepted command found in the case's log, from its first event on. */
  private ReviewOutcome fromLog(ReviewCommand command, long firstSequence) {
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent recorded : cases.loadAfter(command.caseId(), firstSequence - 1)) {
      if (!recorded.commandId().equals(command.commandId())) {
        break;
      }
      events.add(recorded);
      String actor = recorded.event().actor();
      checkArgument(actor.equals(ReviewEvent.SYSTEM) || actor.equals(command.actor()),
          "command id %s was already used by %s on case %s, not %s; command ids must be unique",
          command.commandId(), actor, command.caseId(), command.actor());
    }
    return ReviewOutcome.accepted(command.commandId(), command.caseId(), events,
        events.get(events.size() - 1).sequence());
  }

  private ReviewOutcome remember(ReviewCommand command, ReviewOutcome outcome) {
    // under the case's lock; a same id racing on another case (another lock) keeps the first entry
    remembered.putIfAbsent(command.commandId(),
        new Remembered(command.getClass(), command.caseId(), command.actor(), outcome));
    return outcome;
  }

  /**
   * The first outcome of a command id, with what identifies the command it was for; the outcome is
   * null for a command that recorded events (the case's log has them).
   */
  private record Remembered(Class<?> type, String caseId, String actor, ReviewOutcome outcome) {
    ReviewOutcome answer(ReviewCommand command) {
      checkArgument(type.equals(command.getClass()) && caseId.equals(command.caseId())
          && actor.equals(command.actor()),
          "command id %s was already used for %s by %s on case %s, not for %s by %s on case %s;"
              + " command ids must be unique", command.commandId(), simpleName(type), actor, caseId,
          simpleName(command.getClass()), command.actor(), command.caseId());
      return outcome;
    }

    private static String simpleName(Class<?> type) {
      return type.getSimpleName().replace("Immutable", "").toLowerCase(Locale.ROOT);
    }
  }
}
