package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.internal.engine.WorkflowRegistry;
import dev.finegrain.workflow.internal.store.CaseStore;
import dev.finegrain.workflow.internal.store.CaseViews;
import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.CaseStores;
import dev.finegrain.workflow.store.ChainCheck;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review engine as a service: a registry of workflow definitions, an {@link EventStore}, and
 * {@link #handle} that decides a command against the case's stored events and records what it
 * decided. It adds to the pure {@link Reviews#decide}/{@link Reviews#evolve} pair what a platform
 * needs around them: optimistic concurrency, idempotent retries, thread safety, a tamper-evident
 * log, and the read views (inbox, why blocked, audit trail). It reads no clock and starts no
 * thread; every command carries its instant. The platform authenticates each command's actor and
 * stamps its instant; the engine checks everything else (see {@link ReviewCommand}).
 *
 * <pre>{@code
 * ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team, standards))
 *     .register(listingReviewV1)             // validated against the team and the standards
 *     .store(EventStores.inMemory())          // the default; or the platform's own EventStore
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
 * engine.inbox("ma", now, 50);              // the oldest 50 of them, read from an index
 * engine.dueBy(now, 500);                   // cases with a deadline due: send each a Tick
 * engine.whyBlocked("listing-42", now).text();
 * engine.auditTrail("listing-42");          // who did what when, one line per event
 * Hash head = engine.headHash("listing-42"); // keep it outside the store, then later:
 * engine.verify("listing-42", head).intact(); // the hash chain is unbroken and ends where it did
 * }</pre>
 *
 * <h2>Definitions</h2>
 * Workflows are registered by id and version, each validated against the context when
 * registered; several versions of one id may be registered. A case is pinned to the id and version
 * it was submitted under and keeps deciding with that definition after newer versions register. A
 * {@link Submit} goes to the latest version of the one workflow that reviews its subject's kind, or
 * to a named workflow with {@link #submit(String, Submit)}.
 *
 * <p>Engines sharing a store may register different versions (a rolling upgrade: the new release
 * registers v2, the old one only v1). An engine cannot work out the open work of a case pinned to
 * a version it has not registered; its commands on that case throw (see {@link #handle}), but
 * {@link #inbox}, {@link #dueBy} and {@link #openStages} never throw for it and answer for every
 * other case as usual. Over a store that keeps the open-work projection (the in-memory store,
 * {@code PostgresEventStore}) such a case's part of it is the one written by an engine that has
 * registered the version (over the in-memory store, at that engine's next query after the case
 * changed; an engine that has not leaves the case's part as it was): {@code dueBy} and
 * {@code openStages} count it, and the inbox lists its stages until one of the case's deadlines is
 * due by the query's instant, and leaves them out from then on, since it cannot check them. Over a
 * store that knows only the {@link EventStore} SPI all three leave such a case out.
 *
 * <h2>Concurrency</h2>
 * {@code handle} may be called from many threads. Commands for one case are serialised by a lock
 * per case (striped: cases share a fixed number of locks, so memory stays bounded); commands for
 * different cases run in parallel. Under the lock the engine brings its cached state of the case
 * up to date from the store ({@link EventStore#loadAfter}; the in-memory store keeps an open case's
 * state beside its log, so one lookup finds both), decides, and appends with the version it decided on.
 * Every store takes this same path: the engine knows stores only through {@link EventStore}. Over
 * {@code PostgresEventStore} the engine first decides on the state it last saw, without a read:
 * the store's append refuses a case that moved on and a command the case already has, and anything
 * but a recorded append (a refusal, a conflict) is decided again on the state brought up to date,
 * so a command costs one round trip when this engine saw the case last. If the store reports that
 * someone else appended in between (another engine instance
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
 *       {@link Builder#rememberedCommands} command ids, at most twice as many; none with 0); they do
 *       not survive a restart or eviction, after which the command is decided again.
 * </ul>
 * A known command id sent with a different command (another type, case or actor; the rest of the
 * body is not compared, so a retry re-created with a new instant still counts as the same command)
 * is a programming error in the caller's id generation: {@code handle} throws
 * {@link IllegalArgumentException} and records nothing. Once the id is no longer remembered (after a
 * restart or eviction), the check covers the same case only: that case's log keeps the command id
 * and the actor of its events, not the command, so the id sent by another actor on the same case
 * still throws, but an id reused on a different case is not caught: it is decided as a new command
 * and, if accepted, recorded.
 *
 * <h2>Unknown cases</h2>
 * A case id the store has no event for is a case not yet submitted, in every query alike:
 * {@link #state} is {@link ReviewCase#NEW} (version 0), {@link #whyBlocked} says it was never
 * submitted, {@link #events} and {@link #auditTrail} are empty, {@link #workflowOf} is empty,
 * {@link #headHash} is the genesis hash and {@link #verify(String)} finds an intact chain of no
 * events. Queries never throw for an unknown id, because "not submitted yet" is an answer a platform
 * shows, not a programming error; a command other than {@link Submit} on it is refused with
 * {@link RefusalReason#CASE_NOT_FOUND}.
 *
 * <h2>Tamper evidence</h2>
 * Each recorded event carries a SHA-256 hash over its content and the previous event's hash
 * ({@link HashChain}); {@link #verify(String)} recomputes the chain and names the first sequence
 * number that breaks. Removing a case's last events, or rewriting its chain from an altered event
 * on, is found only against a head hash kept outside the store: {@link #verify(String, Hash)}.
 *
 * @since 0.1
 */
public final class ReviewEngine {
  private final ReviewContext context;
  private final EventStore store;
  private final WorkflowRegistry registry;
  private final CaseStore cases;
  private final CommandHandler commands;
  private final EngineQueries queries;

  private ReviewEngine(Builder builder) {
    this.context = builder.context;
    this.store = builder.store != null ? builder.store : EventStores.inMemory();
    this.registry = new WorkflowRegistry(context);
    this.cases = CaseStores.of(store, builder.cachedCases, new Views());
    this.commands = new CommandHandler(context, registry, cases, builder.lockStripes, builder.rememberedCommands);
    this.queries = new EngineQueries(context, registry, this::state, cases.workIndex(), store::caseIds);
    for (ReviewWorkflow workflow : builder.workflows) {
      register(workflow);
    }
  }

  /** The engine's side of its case store: a case's open work and its snapshot form. */
  private final class Views implements CaseViews {
    @Override
    public CaseWork project(ReviewCase state) {
      return queries.project(state);
    }

    @Override
    public String encode(ReviewCase state) {
      return CaseStateJson.write(state);
    }

    @Override
    public Optional<ReviewCase> decode(String snapshot) {
      return CaseStateJson.read(snapshot);
    }
  }

  /**
   * A builder of an engine deciding with {@code context}.
   *
   * @param context the team and standards decisions are made with
   * @return a builder of an engine deciding with {@code context}
   */
  public static Builder builder(ReviewContext context) {
    return new Builder(context);
  }

  // --- definitions ----------------------------------------------------------------------------

  /**
   * Registers {@code workflow} under its id and version. Registering an equal definition again does
   * nothing.
   *
   * @param workflow the workflow to register
   * @throws dev.finegrain.core.DefinitionException if the workflow is not valid against the context
   * @throws IllegalArgumentException if a different definition is registered under the same id and version
   */
  public void register(ReviewWorkflow workflow) {
    registry.register(workflow);
  }

  /**
   * The registered workflow {@code id} version {@code version}, if any.
   *
   * @param id the workflow id
   * @param version the workflow version
   * @return the registered workflow {@code id} version {@code version}, if any
   */
  public Optional<ReviewWorkflow> workflow(String id, int version) {
    return registry.workflow(checkNotNull(id, "id"), version);
  }

  /**
   * The latest registered version of workflow {@code id}, if any; new cases start on it.
   *
   * @param id the workflow id
   * @return the latest registered version of workflow {@code id}, if any; new cases start on it
   */
  public Optional<ReviewWorkflow> latest(String id) {
    return registry.latest(checkNotNull(id, "id"));
  }

  /** {@return every registered workflow, by id then version} */
  public List<ReviewWorkflow> workflows() {
    return registry.all();
  }

  /** {@return the team and standards every decision uses} */
  public ReviewContext context() {
    return context;
  }

  /** {@return the store the engine records to} */
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
   * @param command the command
   * @return the outcome: the events recorded, or why the command was refused
   * @throws IllegalArgumentException if the command id was already used by a different command, or
   *     a submit's subject kind is reviewed by several workflows (use {@link #submit(String, Submit)})
   * @throws IllegalStateException if the case is pinned to a workflow version this engine has not registered
   */
  public ReviewOutcome handle(ReviewCommand command) {
    checkNotNull(command, "command");
    return commands.handle(command, null);
  }

  /**
   * Submits a new case under the latest registered version of workflow {@code workflowId}.
   *
   * @param workflowId the id of a registered workflow
   * @param submit the submit command
   * @return the outcome: the events recorded, or why the command was refused
   * @throws IllegalArgumentException if no workflow {@code workflowId} is registered, or the command id was
   *     already used by a different command
   */
  public ReviewOutcome submit(String workflowId, Submit submit) {
    checkNotNull(submit, "submit");
    ReviewWorkflow workflow = latest(workflowId).orElseThrow(() -> new IllegalArgumentException(
        "no workflow '" + workflowId + "' is registered; registered: " + registry.ids()));
    return commands.handle(submit, workflow);
  }

  // --- state ----------------------------------------------------------------------------------

  /**
   * The case's state from its recorded events; {@link ReviewCase#NEW} for an unknown case.
   *
   * @param caseId the case id
   * @return the case's state from its recorded events; {@link ReviewCase#NEW} for an unknown case
   */
  public ReviewCase state(String caseId) {
    return cases.current(checkNotNull(caseId, "caseId")).state();
  }

  /**
   * The case's version: the number of its recorded events.
   *
   * @param caseId the case id
   * @return the case's version: the number of its recorded events
   */
  public long version(String caseId) {
    return state(caseId).version();
  }

  /**
   * The case's recorded events, in order, as the store holds them.
   *
   * @param caseId the case id
   * @return the case's recorded events, in order, as the store holds them
   */
  public List<RecordedEvent> events(String caseId) {
    return store.load(checkNotNull(caseId, "caseId"));
  }

  /** {@return the ids of every case in the store, in the order they were first recorded} */
  public List<String> caseIds() {
    return store.caseIds();
  }

  /**
   * The workflow the case is pinned to; empty for an unknown case.
   *
   * @param caseId the case id
   * @return the workflow the case is pinned to; empty for an unknown case
   * @throws IllegalStateException if the case is pinned to a workflow version this engine has not
   *     registered (another engine on the store submitted it); the message names the version
   */
  public Optional<ReviewWorkflow> workflowOf(String caseId) {
    ReviewCase state = state(caseId);
    return state.isSubmitted() ? Optional.of(registry.pinned(state)) : Optional.empty();
  }

  /**
   * The hash of the case's last recorded event ({@link HashChain#GENESIS} for an unknown case): keep
   * it outside the store and pass it to {@link #verify(String, Hash)} later.
   *
   * @param caseId the case id
   * @return the head hash
   */
  public Hash headHash(String caseId) {
    return cases.current(checkNotNull(caseId, "caseId")).headHash();
  }

  /**
   * Checks the hash chain of the case's stored events: names the first sequence number at which an
   * event was altered, removed, inserted or moved.
   *
   * @param caseId the case id
   * @return the result: intact, or where the chain breaks
   */
  public ChainCheck verify(String caseId) {
    return HashChain.verify(events(caseId));
  }

  /**
   * {@link #verify(String)}, and the chain must end with {@code trustedHead}, a head hash kept
   * outside the store ({@link #headHash}): this also finds events removed from the end, and a
   * chain rewritten from an altered event on.
   *
   * @param caseId the case id
   * @param trustedHead the head hash kept outside the store
   * @return the result: intact, or where the chain breaks
   */
  public ChainCheck verify(String caseId, Hash trustedHead) {
    return HashChain.verify(events(caseId), checkNotNull(trustedHead, "trustedHead"));
  }

  // --- queries --------------------------------------------------------------------------------

  /**
   * The open stages awaiting {@code memberId}'s vote at {@code at}, across every case in the store:
   * stages they may vote in themselves or as a delegate and have not voted in, oldest first (then by
   * case id and stage id). Deadlines due by {@code at} count as fired even before a tick records
   * them (so an escalation holder sees escalated stages). All of them: use
   * {@link #inbox(String, Instant, int)} to page.
   *
   * <p>A case pinned to a workflow version this engine has not registered is listed only as far as
   * the store's open-work projection tells without checking (see "Definitions" above); the call
   * never throws for it.
   *
   * @param memberId the member id
   * @param at the platform's "now"; deadlines due by then count as fired
   * @return the stages awaiting the member's vote, oldest first
   */
  public List<InboxItem> inbox(String memberId, Instant at) {
    return inbox(memberId, at, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} open stages of {@link #inbox(String, Instant)}: the oldest work first.
   * With the in-memory store and {@code PostgresEventStore} this reads the open-work projection the
   * store keeps with the events, so its cost grows with {@code limit}, not with the number of cases
   * stored; over a store that knows only the {@link EventStore} SPI it reads every case. Every page
   * is in inbox order; a stage whose case did not change between the pages is neither skipped nor
   * repeated. As {@link #inbox(String, Instant)}, it never throws for a case pinned to a workflow
   * version this engine has not registered.
   *
   * <pre>{@code
   * List<InboxItem> page = engine.inbox("ma", now, 50);
   * while (!page.isEmpty()) {
   *   show(page);
   *   page = engine.inboxAfter("ma", now, page.get(page.size() - 1), 50);
   * }
   * }</pre>
   *
   * @param memberId the member id
   * @param at the platform's "now"; deadlines due by then count as fired
   * @param limit the most items to return, 1 or more
   * @return up to {@code limit} stages awaiting the member's vote, oldest first
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public List<InboxItem> inbox(String memberId, Instant at, int limit) {
    checkNotNull(memberId, "memberId");
    checkNotNull(at, "at");
    checkArgument(limit >= 1, "limit must be 1 or more, got %s", limit);
    return queries.inbox(memberId, at, null, limit);
  }

  /**
   * The next page of {@link #inbox(String, Instant, int)}: up to {@code limit} items after
   * {@code after} (the last item of the previous page) in inbox order. Pages are read anew, so work
   * that arrived or was done between two pages shows or disappears as it stands at the call.
   *
   * @param memberId the member id
   * @param at the platform's "now"; deadlines due by then count as fired
   * @param after the last item of the previous page
   * @param limit the most items to return, 1 or more
   * @return up to {@code limit} stages awaiting the member's vote after {@code after}
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public List<InboxItem> inboxAfter(String memberId, Instant at, InboxItem after, int limit) {
    checkNotNull(memberId, "memberId");
    checkNotNull(at, "at");
    checkNotNull(after, "after");
    checkArgument(limit >= 1, "limit must be 1 or more, got %s", limit);
    return queries.inbox(memberId, at, after, limit);
  }

  /**
   * Up to {@code limit} cases with a deadline (an escalation or an expiry) due by {@code at} and not
   * yet recorded, the earliest due first: a platform's scheduler sends a {@link dev.finegrain.workflow.command.Tick}
   * to each, and to no other case. Read from the store's open-work projection (cost grows with the
   * answer); over a store that knows only the SPI, from every case. A case pinned to a workflow
   * version this engine has not registered is listed if the projection, written by an engine that
   * has registered it, has it due; over a store without a projection it is left out (see
   * "Definitions" above). Never throws for such a case.
   *
   * <pre>{@code
   * for (String caseId : engine.dueBy(now, 500)) {
   *   engine.handle(Tick.builder().commandId("tick-" + caseId + "-" + now).caseId(caseId)
   *       .actor(ReviewEvent.SYSTEM).at(now).build());
   * }
   * }</pre>
   *
   * @param at the platform's "now"
   * @param limit the most case ids to return, 1 or more
   * @return the ids of the cases with a deadline due by {@code at}, earliest due first
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public List<String> dueBy(Instant at, int limit) {
    checkNotNull(at, "at");
    checkArgument(limit >= 1, "limit must be 1 or more, got %s", limit);
    return queries.dueBy(at, limit);
  }

  /**
   * How many cases have each stage open, per workflow and stage, with the roles that review it:
   * the work waiting, for a platform's staffing view. Read from the store's open-work projection
   * (cost grows with the open work, not the history); over a store that knows only the SPI, from
   * every case. A case pinned to a workflow version this engine has not registered is counted as
   * the projection, written by an engine that has registered it, holds it, and left out over a
   * store without a projection (see "Definitions" above). Never throws for such a case.
   *
   * @return one count per workflow and open stage, by workflow id then stage id
   */
  public List<OpenStageCount> openStages() {
    return queries.openStages();
  }

  /**
   * Why case {@code caseId} is not decided at {@code at}: per open stage the votes so far with who
   * cast them (marking an approval that does not count, and why: its member is no longer eligible,
   * or edited the current revision where the last editor may not approve; see {@link Quorum}), the
   * approvals still needed, who can still vote (marking a member who may reject but not approve,
   * as {@link StageProgress#canStillApprove()} leaves them out: the last editor, or an approver of
   * another of the distinct-approver stages), and the deadline or escalation; or why it waits for
   * its submitter; or how it closed. Deadlines due by {@code at} count as fired and are
   * noted as not yet recorded. A case submitted under a definition other than the one now registered
   * under its workflow id and version, whose commands are refused with
   * {@link RefusalReason#DEFINITION_CHANGED}, gets a note saying so. A case pinned to a workflow
   * version this engine has not registered gets its status and headline from its log, no stages, and
   * a note saying which version it needs. For an unknown case: status {@link CaseStatus#NEW}, no
   * stages, and a headline saying the case was never submitted.
   *
   * @param caseId the case id
   * @param at the platform's "now"; deadlines due by then count as fired
   * @return the explanation; for an unknown case, one saying it was never submitted
   */
  public WhyBlocked whyBlocked(String caseId, Instant at) {
    checkNotNull(at, "at");
    ReviewCase stored = state(caseId);
    if (!stored.isSubmitted()) {
      return new WhyBlocked(caseId, CaseStatus.NEW, "case " + caseId + " was never submitted", List.of(), List.of(),
          List.of());
    }
    return queries.whyBlocked(stored, at);
  }

  /**
   * The case's recorded events in words, in order: who did what when, "B for A" for delegated votes.
   *
   * @param caseId the case id
   * @return the case's recorded events in words, in order: who did what when, "B for A" for delegated votes
   */
  public List<AuditLine> auditTrail(String caseId) {
    return events(caseId).stream().map(AuditLine::of).collect(ImmutableList.toImmutableList());
  }

  @Override
  public String toString() {
    return "ReviewEngine{" + context + ", workflows " + workflows().stream().map(ReviewWorkflow::describe).toList()
        + ", store " + store + "}";
  }

  /**
   * Builds a {@link ReviewEngine}.
   *
   * @since 0.1
   */
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

    /**
     * Registers these workflows when the engine is built (see {@link ReviewEngine#register}).
     *
     * @param workflows the workflows
     * @return this builder
     */
    public Builder register(ReviewWorkflow... workflows) {
      for (ReviewWorkflow workflow : workflows) {
        this.workflows.add(checkNotNull(workflow, "workflow"));
      }
      return this;
    }

    /**
     * The store to record to; a new {@link EventStores#inMemory()} by default.
     *
     * @param store the store
     * @return the store to record to; a new {@link EventStores#inMemory()} by default
     */
    public Builder store(EventStore store) {
      this.store = checkNotNull(store, "store");
      return this;
    }

    /**
     * How many locks the cases share; 256 by default. More stripes, less contention between cases.
     *
     * @param stripes the number of locks, 1 or more
     * @return how many locks the cases share; 256 by default. More stripes, less contention between cases
     */
    public Builder lockStripes(int stripes) {
      checkArgument(stripes >= 1, "lockStripes must be at least 1, got %s", stripes);
      this.lockStripes = stripes;
      return this;
    }

    /**
     * How many closed cases' states to keep in memory between commands, at least (at most twice as
     * many are kept); 10 000 by default. Open cases' states are always kept, so that a command on
     * any open case costs the same however many are open.
     *
     * @param cases the number of cases, 0 or more
     * @return this builder
     */
    public Builder cachedCases(int cases) {
      checkArgument(cases >= 0, "cachedCases must be 0 or more, got %s", cases);
      this.cachedCases = cases;
      return this;
    }

    /**
     * How many recent command ids to remember in memory with their outcomes, at least (at most twice
     * as many are kept), for idempotent retries of refusals and to recognise a command id reused for
     * another command (accepted commands that recorded events are also found in their case's log);
     * 10 000 by default.
     *
     * <p>0 turns remembering off: a refusal (or an accepted command that recorded nothing) is not
     * remembered, so the same command sent again is decided anew, and its id can be reused for
     * another command, which is decided and, if accepted, recorded. Only an id found in its case's
     * log is still recognised, and only on that case.
     *
     * @param commands the number of command ids, 0 or more; 0 turns it off
     * @return this builder
     */
    public Builder rememberedCommands(int commands) {
      checkArgument(commands >= 0, "rememberedCommands must be 0 or more, got %s", commands);
      this.rememberedCommands = commands;
      return this;
    }

    /**
     * The engine.
     *
     * @return the engine
     * @throws dev.finegrain.core.DefinitionException if a workflow is not valid against the context
     */
    public ReviewEngine build() {
      return new ReviewEngine(this);
    }
  }
}
