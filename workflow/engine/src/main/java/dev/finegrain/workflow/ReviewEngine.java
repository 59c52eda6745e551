package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.util.concurrent.Striped;
import dev.finegrain.core.Member;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.RecentMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;

/**
 * The review engine as a service: a registry of workflow definitions, an {@link EventStore}, and
 * {@link #handle} that decides a command against the case's stored events and records what it
 * decided. It adds to the pure {@link Reviews#decide}/{@link Reviews#evolve} pair what a platform
 * needs around them: optimistic concurrency, idempotent retries, thread safety, a tamper-evident
 * log, and the read views (inbox, why blocked, audit trail). It reads no clock and starts no
 * thread; every command carries its instant.
 *
 * <pre>{@code
 * ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team, standards))
 *     .register(listingReviewV1)             // validated against the team and the standards
 *     .store(new InMemoryEventStore())        // the default; or the platform's own EventStore
 *     .build();
 *
 * ReviewOutcome submitted = engine.handle(Submit.builder().commandId("c-1").caseId("listing-42")
 *     .actor("chen").at(now).subject(listing).build());
 * ReviewOutcome vote = engine.handle(Approve.builder().commandId("c-2").caseId("listing-42")
 *     .actor("lin").at(now).stageId("copy").expectedVersion(submitted.version()).build());
 * if (!vote.isAccepted()) {
 *   show(vote.refusal().get().message());   // e.g. VERSION_CONFLICT: reload and ask again
 * }
 * engine.inbox("ma", now);                  // open stages awaiting ma's vote, across cases
 * engine.whyBlocked("listing-42", now).text();
 * engine.auditTrail("listing-42");          // who did what when, one line per event
 * engine.verify("listing-42").intact();     // the hash chain is unbroken
 * }</pre>
 *
 * <h2>Definitions</h2>
 * Workflows are registered by id and version, each validated against the context when
 * registered; several versions of one id may be registered. A case is pinned to the id and version
 * it was submitted under and keeps deciding with that definition after newer versions register. A
 * {@link Submit} goes to the latest version of the one workflow that reviews its subject's kind, or
 * to a named workflow with {@link #submit(String, Submit)}.
 *
 * <h2>Concurrency</h2>
 * {@code handle} may be called from many threads. Commands for one case are serialised by a lock
 * per case (striped: cases share a fixed number of locks, so memory stays bounded); commands for
 * different cases run in parallel. Under the lock the engine brings its cached state of the case
 * up to date from the store ({@link EventStore#loadAfter}; the {@link InMemoryEventStore} keeps an
 * open case's state beside its log, so one lookup finds both), decides, and appends with the version it
 * decided on. If the store reports that someone else appended in between (another engine instance
 * on the same database), the engine reloads and decides once more; if that append conflicts too,
 * the command is refused with {@link RefusalReason#VERSION_CONFLICT} (this transient refusal is not
 * remembered, so retrying the same command id decides anew). A command's own
 * {@link ReviewCommand#expectedVersion()} that differs from the stored version is refused with
 * {@code VERSION_CONFLICT} by {@link Reviews#decide} and writes nothing. Reads ({@link #state},
 * {@link #inbox}, ...) take no lock; they see the store as of their call.
 *
 * <h2>Idempotency</h2>
 * Command ids are expected to be unique across the engine. Handling a command id again answers the
 * first outcome, equal to the first, and writes nothing:
 * <ul>
 *   <li>accepted commands that recorded events are found in the case's log, where every
 *       {@link RecordedEvent} keeps its command id, so this survives a restart (a new engine over
 *       the same store);
 *   <li>refusals, and accepted commands that recorded nothing (a tick with no deadline due), are
 *       remembered in a bounded in-memory map (at least the most recent
 *       {@link Builder#rememberedCommands} command ids, at most twice as many); they do not survive
 *       a restart or eviction, after which the command is decided again.
 * </ul>
 * A known command id sent with a different command (another type, case or actor; the rest of the
 * body is not compared, so a retry re-created with a new instant still counts as the same command)
 * is a programming error in the caller's id generation: {@code handle} throws
 * {@link IllegalArgumentException} and records nothing. After a restart only the case and the actor
 * can be compared (the log keeps the command id, not the command).
 *
 * <h2>Tamper evidence</h2>
 * Each recorded event carries a SHA-256 hash over its content and the previous event's hash
 * ({@link HashChain}); {@link #verify(String)} recomputes the chain and names the first sequence
 * number that breaks.
 */
public final class ReviewEngine {
  private static final String QUERY_COMMAND_ID = "finegrain:query";

  private final ReviewContext context;
  private final EventStore store;
  /** The store when it is the in-memory one: open cases' states are then kept with their logs there. */
  private final InMemoryEventStore memory;
  private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, ReviewWorkflow>> workflows =
      new ConcurrentHashMap<>();
  private final Striped<Lock> locks;
  /** The latest versions of the workflows, by the subject kind they review; replaced when a workflow registers. */
  private volatile ImmutableListMultimap<String, ReviewWorkflow> bySubjectKind = ImmutableListMultimap.of();
  /** The workflow the last command's case was pinned to: most commands are for cases of one workflow. */
  private volatile ReviewWorkflow lastPinned;
  /**
   * The states of open cases: every case not closed that a command or read has touched (with an
   * {@link InMemoryEventStore}, kept with each case's log there instead).
   */
  private final ConcurrentHashMap<String, CaseEntry> open = new ConcurrentHashMap<>();
  /**
   * The states of recently used closed cases, bounded: cached when a case closes, or, with an
   * {@link InMemoryEventStore}, when a closed case is next read.
   */
  private final RecentMap<String, CaseEntry> closed;
  private final RecentMap<String, Remembered> remembered;

  private ReviewEngine(Builder builder) {
    this.context = builder.context;
    this.store = builder.store != null ? builder.store : new InMemoryEventStore();
    this.memory = store instanceof InMemoryEventStore m ? m : null;
    this.locks = Striped.lock(builder.lockStripes);
    this.closed = new RecentMap<>(builder.cachedCases);
    this.remembered = new RecentMap<>(builder.rememberedCommands);
    for (ReviewWorkflow workflow : builder.workflows) {
      register(workflow);
    }
  }

  /** A builder of an engine deciding with {@code context}. */
  public static Builder builder(ReviewContext context) {
    return new Builder(context);
  }

  // --- definitions ----------------------------------------------------------------------------

  /**
   * Registers {@code workflow} under its id and version. Registering an equal definition again does
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

  /** The registered workflow {@code id} version {@code version}, if any. */
  public Optional<ReviewWorkflow> workflow(String id, int version) {
    Map<Integer, ReviewWorkflow> versions = workflows.get(id);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The latest registered version of workflow {@code id}, if any; new cases start on it. */
  public Optional<ReviewWorkflow> latest(String id) {
    ConcurrentSkipListMap<Integer, ReviewWorkflow> versions = workflows.get(id);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(versions.lastEntry().getValue());
  }

  /** Every registered workflow, by id then version. */
  public ImmutableList<ReviewWorkflow> workflows() {
    return workflows.values().stream().flatMap(v -> v.values().stream())
        .sorted(Comparator.comparing(ReviewWorkflow::id).thenComparingInt(ReviewWorkflow::version))
        .collect(ImmutableList.toImmutableList());
  }

  /** The team and standards every decision uses. */
  public ReviewContext context() {
    return context;
  }

  /** The store the engine records to. */
  public EventStore store() {
    return store;
  }

  // --- commands -------------------------------------------------------------------------------

  /**
   * Decides {@code command} against its case's recorded events and records the events decided. A
   * {@link Submit} for a new case starts it on the latest version of the one registered workflow
   * that reviews the subject's kind (refused with {@link RefusalReason#SUBJECT_KIND_MISMATCH} if none
   * does).
   *
   * @throws IllegalArgumentException if the command id was already used by a different command, or
   *     a submit's subject kind is reviewed by several workflows (use {@link #submit(String, Submit)})
   * @throws IllegalStateException if the case is pinned to a workflow version this engine has not registered
   */
  public ReviewOutcome handle(ReviewCommand command) {
    checkNotNull(command, "command");
    return handle(command, null);
  }

  /**
   * Submits a new case under the latest registered version of workflow {@code workflowId}.
   *
   * @throws IllegalArgumentException if no workflow {@code workflowId} is registered, or the command id was
   *     already used by a different command
   */
  public ReviewOutcome submit(String workflowId, Submit submit) {
    checkNotNull(submit, "submit");
    ReviewWorkflow workflow = latest(workflowId).orElseThrow(() -> new IllegalArgumentException(
        "no workflow '" + workflowId + "' is registered; registered: " + workflows.keySet()));
    return handle(submit, workflow);
  }

  private ReviewOutcome handle(ReviewCommand command, ReviewWorkflow forNewCase) {
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
      for (int attempt = 0; ; attempt++) {
        CaseEntry entry = current(caseId);
        long first = entry.firstSequenceOf(command.commandId());
        if (first > 0) {
          return remember(command, fromLog(command, first));
        }
        ReviewWorkflow workflow;
        if (entry.state.isSubmitted()) {
          workflow = pinned(entry.state);
        } else if (forNewCase != null) {
          workflow = forNewCase;
        } else {
          Optional<ReviewWorkflow> found = forSubmit(command);
          if (found.isEmpty()) {
            return remember(command, ReviewOutcome.refused(command.commandId(), caseId, noWorkflowFor(command),
                entry.state.version()));
          }
          workflow = found.get();
        }
        Decision decision = Reviews.decide(workflow, context, entry.state, command);
        if (!decision.isAccepted()) {
          return remember(command, ReviewOutcome.refused(command.commandId(), caseId, decision.refusal().get(),
              entry.state.version()));
        }
        if (decision.events().isEmpty()) {
          return remember(command, ReviewOutcome.accepted(command.commandId(), caseId, List.of(),
              entry.state.version()));
        }
        ImmutableList<ReviewEvent> decided = decision.events();
        ImmutableList.Builder<RecordedEvent> links = ImmutableList.builderWithExpectedSize(decided.size());
        Object previous = entry.headHash;
        // with the in-memory store, the events' compact records are written as they are chained
        CompactEvents.Batch staged = memory != null ? CompactEvents.staging(previous) : null;
        for (int i = 0; i < decided.size(); i++) {
          RecordedEvent link = RecordedEvent.chained(decided.get(i), command.commandId(), previous);
          if (staged != null) {
            staged.add(link, true);
          }
          links.add(link);
          previous = link.rawHash();
        }
        ImmutableList<RecordedEvent> recorded = links.build();
        CaseEntry next;
        try {
          next = append(caseId, entry, recorded, decision.stateAfter(), staged);
        } finally {
          if (staged != null) {
            staged.release(); // the thread's batch keeps no event (nor subject) past this command
          }
        }
        if (next != null) {
          ReviewOutcome accepted = ReviewOutcome.accepted(command.commandId(), caseId, recorded,
              next.state.version());
          remember(command, null);  // the log answers a retry; the map only recognises the id's command
          return accepted;
        }
        if (attempt >= 1) {
          long now = current(caseId).state.version();
          return ReviewOutcome.refused(command.commandId(), caseId, Refusal.of(RefusalReason.VERSION_CONFLICT,
              "case %s changed in the store twice while %s's command was decided (now at version %s); retry it",
              caseId, command.actor(), now), now);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private Optional<ReviewWorkflow> forSubmit(ReviewCommand command) {
    if (!(command instanceof Submit submit)) {
      return Optional.empty();
    }
    String kind = submit.subject().kind();
    List<ReviewWorkflow> candidates = bySubjectKind.get(kind);
    if (candidates.size() > 1) {
      throw new IllegalArgumentException(String.format("several workflows review '%s' subjects (%s); name one with"
          + " submit(workflowId, command)", kind, candidates.stream().map(ReviewWorkflow::id).sorted().toList()));
    }
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
  }

  private Refusal noWorkflowFor(ReviewCommand command) {
    if (command instanceof Submit submit) {
      return Refusal.of(RefusalReason.SUBJECT_KIND_MISMATCH, "no registered workflow reviews '%s' subjects;"
          + " registered: %s", submit.subject().kind(), workflows().stream()
              .map(w -> w.id() + " v" + w.version() + " (" + w.subjectKind() + ")").toList());
    }
    return Refusal.of(RefusalReason.CASE_NOT_FOUND, "case %s was never submitted", command.caseId());
  }

  private ReviewWorkflow pinned(ReviewCase state) {
    ReviewWorkflow last = lastPinned;
    if (last != null && last.version() == state.workflowVersion() && last.id().equals(state.workflowId())) {
      return last;
    }
    ReviewWorkflow found = pinnedLookup(state);
    lastPinned = found;
    return found;
  }

  private ReviewWorkflow pinnedLookup(ReviewCase state) {
    return workflow(state.workflowId(), state.workflowVersion()).orElseThrow(() -> new IllegalStateException(
        "case " + state.caseId() + " is pinned to workflow '" + state.workflowId() + "' v" + state.workflowVersion()
            + ", which this engine has not registered"));
  }

  /** The outcome of an accepted command found in the case's log, from its first event on. */
  private ReviewOutcome fromLog(ReviewCommand command, long firstSequence) {
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent recorded : store.loadAfter(command.caseId(), firstSequence - 1)) {
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

  // --- state ----------------------------------------------------------------------------------

  /** The case's state from its recorded events; {@link ReviewCase#NEW} for an unknown case. */
  public ReviewCase state(String caseId) {
    return current(checkNotNull(caseId, "caseId")).state;
  }

  /** The case's version: the number of its recorded events. */
  public long version(String caseId) {
    return state(caseId).version();
  }

  /** The case's recorded events, in order, as the store holds them. */
  public List<RecordedEvent> events(String caseId) {
    return store.load(checkNotNull(caseId, "caseId"));
  }

  /** The ids of every case in the store, in the order they were first recorded. */
  public List<String> caseIds() {
    return store.caseIds();
  }

  /** The workflow the case is pinned to; empty for an unknown case. */
  public Optional<ReviewWorkflow> workflowOf(String caseId) {
    ReviewCase state = state(caseId);
    return state.isSubmitted() ? Optional.of(pinned(state)) : Optional.empty();
  }

  /** The hash of the case's last recorded event ({@link HashChain#GENESIS} for an unknown case), to keep as an anchor. */
  public String headHash(String caseId) {
    return RecordedEvent.Hashes.text(current(checkNotNull(caseId, "caseId")).headHash);
  }

  /**
   * Checks the hash chain of the case's stored events: names the first sequence number at which an
   * event was altered, removed, inserted or moved.
   */
  public ChainCheck verify(String caseId) {
    return HashChain.verify(events(caseId));
  }

  /**
   * Appends {@code recorded} after {@code entry}'s version and keeps the state after them
   * ({@code folded} if the decider had it); null if someone else appended first.
   */
  private CaseEntry append(String caseId, CaseEntry entry, List<RecordedEvent> recorded, ReviewCase folded,
      CompactEvents.Batch staged) {
    if (memory == null) {
      if (!store.append(caseId, entry.state.version(), recorded)) {
        return null;
      }
      CaseEntry next = entry.with(recorded, folded);
      cache(caseId, next);
      return next;
    }
    ReviewCase after = folded;
    if (after == null) {
      after = entry.state;
      for (RecordedEvent event : recorded) {
        after = Reviews.evolve(after, event.event());
      }
    }
    InMemoryEventStore.Log log = memory.append(caseId, entry.state.version(), recorded,
        after.isClosed() ? null : after, staged, after.isClosed());
    if (log == null) {
      return null;
    }
    // A closed case's state is not cached here but when it is next read (currentInMemory folds it
    // from the log at hand): most closed cases are never touched again, and caching each one as it
    // closed kept ten to twenty thousand states alive across young collections.
    return new CaseEntry(after, log.headHash(), log);
  }

  /** The cached state brought up to date with the store. */
  private CaseEntry current(String caseId) {
    if (memory != null) {
      return currentInMemory(caseId);
    }
    CaseEntry cached = open.get(caseId);
    if (cached == null) {
      cached = closed.get(caseId);
      if (cached == null) {
        cached = CaseEntry.empty();
      }
    }
    List<RecordedEvent> newer = store.loadAfter(caseId, cached.state.version());
    if (newer.isEmpty()) {
      return cached;
    }
    CaseEntry next = cached.with(newer, null);
    cache(caseId, next);
    return next;
  }

  /** Keeps {@code entry}: with the open cases, or once closed with the bounded recently used closed ones. */
  private void cache(String caseId, CaseEntry entry) {
    if (entry.state.isClosed()) {
      closed.merge(caseId, entry, CaseEntry::newer);
      open.remove(caseId);
    } else {
      open.merge(caseId, entry, CaseEntry::newer);
    }
  }

  /**
   * {@link #current} over the in-memory store: an open case's state is kept with its log there
   * (one lookup finds both), a closed case's with the recently used closed ones; a state behind the
   * log (events appended to the store directly) is brought up to date and kept.
   */
  private CaseEntry currentInMemory(String caseId) {
    InMemoryEventStore.Log log = memory.log(caseId);
    if (log == null) {
      return CaseEntry.empty();
    }
    ReviewCase kept = log.state;
    if (kept != null && kept.version() == log.size()) {
      return new CaseEntry(kept, log.headHash(), log);
    }
    ReviewCase start = kept;
    if (start == null || start.version() > log.size()) {
      CaseEntry recent = closed.get(caseId);
      start = recent != null && recent.state.version() <= log.size() ? recent.state : ReviewCase.NEW;
    }
    ReviewCase state = start;
    for (int i = (int) state.version(); i < log.size(); i++) {
      state = Reviews.evolve(state, log.get(i).event());
    }
    CaseEntry next = new CaseEntry(state, log.headHash(), log);
    if (state.isClosed()) {
      if (state != start) {
        closed.merge(caseId, next, CaseEntry::newer);
      }
      if (kept != null) {
        memory.keep(caseId, log, null);  // closed states live only in the bounded map
      }
    } else if (state != kept) {
      memory.keep(caseId, log, state);
    }
    return next;
  }

  // --- queries --------------------------------------------------------------------------------

  /**
   * The open stages awaiting {@code memberId}'s vote at {@code at}, across every case in the store:
   * stages they may vote in themselves or as a delegate and have not voted in, oldest first.
   * Deadlines due by {@code at} count as fired even before a tick records them (so an escalation
   * holder sees escalated stages). Reads every case: O(cases).
   */
  public ImmutableList<InboxItem> inbox(String memberId, Instant at) {
    checkNotNull(memberId, "memberId");
    checkNotNull(at, "at");
    List<InboxItem> items = new ArrayList<>();
    for (String caseId : store.caseIds()) {
      ReviewCase stored = state(caseId);
      if (stored.status() != CaseStatus.IN_REVIEW) {
        continue;
      }
      ReviewWorkflow workflow = pinned(stored);
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

  /**
   * Why case {@code caseId} is not decided at {@code at}: per open stage the votes so far with who
   * cast them, the approvals still needed, who can still vote, and the deadline or escalation; or
   * why it waits for its submitter; or how it closed. Deadlines due by {@code at} count as fired
   * and are noted as not yet recorded.
   *
   * @throws IllegalArgumentException for an unknown case
   */
  public WhyBlocked whyBlocked(String caseId, Instant at) {
    checkNotNull(at, "at");
    ReviewCase stored = state(caseId);
    checkArgument(stored.isSubmitted(), "unknown case %s", caseId);
    ReviewWorkflow workflow = pinned(stored);
    ReviewCase state = stored.status() == CaseStatus.IN_REVIEW ? asOf(workflow, stored, at) : stored;
    List<String> notes = new ArrayList<>();
    if (state.version() > stored.version()) {
      notes.add("as of " + at + ", " + (state.version() - stored.version())
          + " deadline event(s) are due but not yet recorded (a tick or the next command records them)");
    }
    if (state.isClosed()) {
      notes.add("closed as " + state.outcome().orElseThrow().name().toLowerCase(Locale.ROOT) + ": "
          + state.closeReason());
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
      lines.add("votes so far: " + progress.votes().stream().map(ReviewEngine::describeVote)
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

  /** The case's recorded events in words, in order: who did what when, "B for A" for delegated votes. */
  public ImmutableList<AuditLine> auditTrail(String caseId) {
    return events(caseId).stream().map(AuditLine::of).collect(ImmutableList.toImmutableList());
  }

  @Override
  public String toString() {
    return "ReviewEngine{" + context + ", workflows " + workflows().stream().map(ReviewWorkflow::describe).toList()
        + ", store " + store + "}";
  }

  // --- internals ------------------------------------------------------------------------------

  /**
   * A case's state folded from its first {@code state.version()} recorded events, with their head
   * hash and the events themselves (with the in-memory store, its own log of the case), where
   * retried command ids are looked up.
   */
  private static final class CaseEntry {
    private static final CaseEntry EMPTY = new CaseEntry(ReviewCase.NEW, HashChain.GENESIS_RAW, ImmutableList.of());

    final ReviewCase state;
    /** In its compact form ({@link RecordedEvent#rawHash()}). */
    final Object headHash;
    final List<RecordedEvent> log;

    CaseEntry(ReviewCase state, Object headHash, List<RecordedEvent> log) {
      this.state = state;
      this.headHash = headHash;
      this.log = log;
    }

    static CaseEntry empty() {
      return EMPTY;
    }

    /** The first sequence number recorded by command {@code commandId}, or 0 if it recorded none. */
    long firstSequenceOf(String commandId) {
      if (log instanceof InMemoryEventStore.Log compact) {
        return compact.firstSequenceOf(commandId);
      }
      String checked = null;  // a command's events are consecutive and share its id: compare once per command
      for (int i = 0; i < log.size(); i++) {
        RecordedEvent recorded = log.get(i);
        String id = recorded.commandId();
        if (id != checked) {
          if (id.equals(commandId)) {
            return recorded.sequence();
          }
          checked = id;
        }
      }
      return 0;
    }

    /**
     * This entry advanced by {@code events}; {@code folded} is the state after them if the caller
     * already has it (the decider's).
     */
    CaseEntry with(List<RecordedEvent> events, ReviewCase folded) {
      ReviewCase next = folded;
      if (next == null) {
        next = state;
        for (RecordedEvent recorded : events) {
          next = Reviews.evolve(next, recorded.event());
        }
      }
      Object head = events.get(events.size() - 1).rawHash();
      List<RecordedEvent> all = log.isEmpty() ? ImmutableList.copyOf(events)
          : ImmutableList.<RecordedEvent>builderWithExpectedSize(log.size() + events.size()).addAll(log)
              .addAll(events).build();
      return new CaseEntry(next, head, all);
    }

    static CaseEntry newer(CaseEntry a, CaseEntry b) {
      return b.state.version() >= a.state.version() ? b : a;
    }
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

  /** Builds a {@link ReviewEngine}. */
  public static final class Builder {
    private final ReviewContext context;
    private final List<ReviewWorkflow> workflows = new ArrayList<>();
    private EventStore store;
    private int lockStripes = 256;
    private int cachedCases = 10_000;
    private int rememberedCommands = 10_000;

    private Builder(ReviewContext context) {
      this.context = checkNotNull(context, "context");
    }

    /** Registers these workflows when the engine is built (see {@link ReviewEngine#register}). */
    public Builder register(ReviewWorkflow... workflows) {
      for (ReviewWorkflow workflow : workflows) {
        this.workflows.add(checkNotNull(workflow, "workflow"));
      }
      return this;
    }

    /** The store to record to; a new {@link InMemoryEventStore} by default. */
    public Builder store(EventStore store) {
      this.store = checkNotNull(store, "store");
      return this;
    }

    /** How many locks the cases share; 256 by default. More stripes, less contention between cases. */
    public Builder lockStripes(int stripes) {
      checkArgument(stripes >= 1, "lockStripes must be at least 1, got %s", stripes);
      this.lockStripes = stripes;
      return this;
    }

    /**
     * How many closed cases' states to keep in memory between commands, at least (at most twice as
     * many are kept); 10 000 by default. Open
     * cases' states are always kept (a compact entry per open case), so that a command on any open
     * case costs the same however many are open; a closed case's entry moves here when it closes,
     * or, with the {@link InMemoryEventStore} (whose logs are at hand to fold again), when the closed
     * case is next read.
     */
    public Builder cachedCases(int cases) {
      checkArgument(cases >= 0, "cachedCases must be 0 or more, got %s", cases);
      this.cachedCases = cases;
      return this;
    }

    /**
     * How many recent command ids to remember in memory with their outcomes, at least (at most twice
     * as many are kept), for idempotent retries of refusals and to recognise a command id reused for
     * another command (accepted commands are also found in the store); 10 000 by default.
     */
    public Builder rememberedCommands(int commands) {
      checkArgument(commands >= 0, "rememberedCommands must be 0 or more, got %s", commands);
      this.rememberedCommands = commands;
      return this;
    }

    /**
     * The engine.
     *
     * @throws dev.finegrain.core.DefinitionException if a workflow is not valid against the context
     */
    public ReviewEngine build() {
      return new ReviewEngine(this);
    }
  }
}
