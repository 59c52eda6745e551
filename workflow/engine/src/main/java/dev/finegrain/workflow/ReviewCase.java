package dev.finegrain.workflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Reassigned;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.Hash;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one review case: the fold of its events. Immutable; {@link Reviews#evolve} gives
 * the next state, {@link #replay} folds a whole log, and the same events always give an equal
 * state.
 *
 * <p>It holds what an inbox or a "why blocked" view needs: per stage (by id) its status, votes
 * (voter and principal), when it opened and whether it escalated; the delegations and
 * reassignments of the case; and, while the case waits for the submitter, why
 * ({@link #sentBack()}). Eligibility itself depends on the team and the workflow, so views combine
 * this state with those.
 *
 * <p>Before its first event a case is {@link #NEW}: status {@link CaseStatus#NEW}, version 0 and
 * empty texts.
 *
 * <pre>{@code
 * ReviewCase state = engine.state("listing-42");       // or ReviewCase.replay(events)
 * if (state.status() == CaseStatus.AWAITING_RESUBMISSION) {
 *   state.sentBack().forEach(back -> show(back.stageId() + ": " + back.reasons()));
 * }
 * StageStatus manager = state.stageStatus("manager"); // PENDING, OPEN, APPROVED, ...
 * state.closeReason().ifPresent(reason -> show(reason)); // present once the case is closed
 * }</pre>
 *
 * @since 0.1
 */
public final class ReviewCase {
  private static final StageState[] NO_STAGES = {};

  /** The state of a case that has no events yet. */
  public static final ReviewCase NEW = new ReviewCase("", "", 0, "", null, 0, "", CaseStatus.NEW, null, "", 0,
      NO_STAGES, ImmutableList.of(), ImmutableList.of(), ImmutableList.of(), 0, null, null);

  private final String caseId;
  private final String workflowId;
  private final int workflowVersion;
  private final String submitter;
  private final Artifact subject;
  private final int revision;
  private final String lastEditor;
  private final CaseStatus status;
  private final Outcome outcome;
  private final String closeReason;
  private final int phase;
  /** In the order first opened or skipped; never written to (a {@link Scratch} copies it before a change). */
  private final StageState[] stages;
  /** {@link #stages()}, built when first asked for (a benign race: it is immutable). */
  private ImmutableMap<String, StageState> stageMap;
  private final ImmutableList<Delegation> delegations;
  private final ImmutableList<Reassignment> reassignments;
  private final ImmutableList<SentBack> sentBack;
  private final long version;
  private final Instant updatedAt;
  /** Null if the case-submitted event recorded none. */
  private final Hash definitionHash;

  private ReviewCase(String caseId, String workflowId, int workflowVersion, String submitter, Artifact subject,
      int revision, String lastEditor, CaseStatus status, Outcome outcome, String closeReason, int phase,
      StageState[] stages, ImmutableList<Delegation> delegations,
      ImmutableList<Reassignment> reassignments, ImmutableList<SentBack> sentBack, long version, Instant updatedAt,
      Hash definitionHash) {
    this.caseId = caseId;
    this.workflowId = workflowId;
    this.workflowVersion = workflowVersion;
    this.submitter = submitter;
    this.subject = subject;
    this.revision = revision;
    this.lastEditor = lastEditor;
    this.status = status;
    this.outcome = outcome;
    this.closeReason = closeReason;
    this.phase = phase;
    this.stages = stages;
    this.delegations = delegations;
    this.reassignments = reassignments;
    this.sentBack = sentBack;
    this.version = version;
    this.updatedAt = updatedAt;
    this.definitionHash = definitionHash;
  }

  /** The case with these fields, as a snapshot ({@link CaseStateJson}) recorded them. */
  static ReviewCase restore(String caseId, String workflowId, int workflowVersion, String submitter, Artifact subject,
      int revision, String lastEditor, CaseStatus status, Outcome outcome, String closeReason, int phase,
      List<StageState> stages, List<Delegation> delegations, List<Reassignment> reassignments,
      List<SentBack> sentBack, long version, Instant updatedAt, Hash definitionHash) {
    return new ReviewCase(caseId, workflowId, workflowVersion, submitter, subject, revision, lastEditor, status,
        outcome, closeReason, phase, stages.toArray(NO_STAGES), ImmutableList.copyOf(delegations),
        ImmutableList.copyOf(reassignments), ImmutableList.copyOf(sentBack), version, updatedAt, definitionHash);
  }

  /** The stages in the order first opened or skipped, as {@link #restore} takes them. */
  List<StageState> stageList() {
    return List.of(stages);
  }

  /**
   * The state after {@code events}, in order, from {@link #NEW}.
   *
   * @param events one case's events, in sequence order
   * @return a review case
   * @throws IllegalArgumentException if the events are not one case's log in sequence order
   */
  public static ReviewCase replay(Iterable<? extends ReviewEvent> events) {
    Scratch state = new Scratch(NEW);
    for (ReviewEvent event : events) {
      state.apply(event);
    }
    return state.toCase();
  }

  /** {@return the case id; empty text for a {@link #NEW} case} */
  public String caseId() {
    return caseId;
  }

  /** {@return the workflow id the case is pinned to; empty text for a {@link #NEW} case} */
  public String workflowId() {
    return workflowId;
  }

  /** {@return the workflow version the case is pinned to; 0 for a {@link #NEW} case} */
  public int workflowVersion() {
    return workflowVersion;
  }

  /**
   * The content hash of the workflow definition the case was submitted under, as its
   * case-submitted event recorded it; empty for a {@link #NEW} case and for a case submitted
   * before the hash was recorded.
   *
   * @return the definition hash, if recorded
   */
  public Optional<Hash> definitionHash() {
    return Optional.ofNullable(definitionHash);
  }

  /** {@return the member who submitted the case; empty text for a {@link #NEW} case} */
  public String submitter() {
    return submitter;
  }

  /**
   * The current revision of the subject.
   *
   * @return the subject
   * @throws IllegalStateException for a {@link #NEW} case
   */
  public Artifact subject() {
    if (subject == null) {
      throw new IllegalStateException("a case that was never submitted has no subject");
    }
    return subject;
  }

  /**
   * 1 for the submitted subject, one more for each resubmission; 0 before submission.
   *
   * @return the revision
   */
  public int revision() {
    return revision;
  }

  /** {@return who edited the current revision; empty text for a {@link #NEW} case} */
  public String lastEditor() {
    return lastEditor;
  }

  /** {@return where the case stands: new, in review, awaiting resubmission or closed} */
  public CaseStatus status() {
    return status;
  }

  /** {@return whether the case was submitted (has at least one event)} */
  public boolean isSubmitted() {
    return status != CaseStatus.NEW;
  }

  /** {@return whether the case is closed with an outcome} */
  public boolean isClosed() {
    return status == CaseStatus.CLOSED;
  }

  /** {@return how the case ended, once closed} */
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** {@return why the case closed, once closed; empty before} */
  public Optional<String> closeReason() {
    return outcome == null ? Optional.empty() : Optional.of(closeReason);
  }

  /** {@return the index of the phase most recently opened (0 before any)} */
  public int phase() {
    return phase;
  }

  /**
   * {@return the stage states by stage id, in the order they were first opened or skipped}
   * A stage not here is pending.
   */
  public Map<String, StageState> stages() {
    ImmutableMap<String, StageState> map = stageMap;
    if (map == null) {
      ImmutableMap.Builder<String, StageState> out = ImmutableMap.builderWithExpectedSize(stages.length);
      for (StageState stage : stages) {
        out.put(stage.stageId(), stage);
      }
      map = out.buildOrThrow();
      stageMap = map;
    }
    return map;
  }

  /** The state of stage {@code stageId} if it was opened or skipped; else null. */
  StageState stageOrNull(String stageId) {
    for (StageState stage : stages) {
      if (stage.stageId().equals(stageId)) {
        return stage;
      }
    }
    return null;
  }

  /**
   * The state of stage {@code stageId}; pending if it was never opened or skipped.
   *
   * @param stageId the stage id
   * @return the state of stage {@code stageId}; pending if it was never opened or skipped
   */
  public StageState stage(String stageId) {
    StageState state = stageOrNull(stageId);
    return state != null ? state : StageState.pending(stageId, -1);
  }

  /**
   * The status of stage {@code stageId}; {@link StageStatus#PENDING} if it was never opened or skipped.
   *
   * @param stageId the stage id
   * @return the status of stage {@code stageId}; {@link StageStatus#PENDING} if it was never opened or skipped
   */
  public StageStatus stageStatus(String stageId) {
    StageState state = stageOrNull(stageId);
    return state == null ? StageStatus.PENDING : state.status();
  }

  /** {@return every delegation given in this case, in order} */
  public List<Delegation> delegations() {
    return delegations;
  }

  /** {@return every reassignment made in this case, in order; later ones override earlier ones} */
  public List<Reassignment> reassignments() {
    return reassignments;
  }

  /** {@return why the case waits for the submitter; empty unless it does} */
  public List<SentBack> sentBack() {
    return sentBack;
  }

  /** {@return the number of events applied; 0 for a {@link #NEW} case} */
  public long version() {
    return version;
  }

  /** {@return the instant of the last event applied} */
  public Optional<Instant> updatedAt() {
    return Optional.ofNullable(updatedAt);
  }

  /** The next state: this one with {@code event} applied; see {@link Reviews#evolve}. */
  ReviewCase apply(ReviewEvent event) {
    Scratch scratch = new Scratch(this);
    scratch.apply(event);
    return scratch.toCase();
  }

  /**
   * A mutable working copy of a case, so that applying several events (a decision, a replay)
   * builds one {@link ReviewCase} at the end instead of one per event. It applies events exactly
   * as {@link ReviewCase#apply} does (that method is a scratch of one event). It shares the
   * stage array of the case it started from until it first changes a stage, and hands its own
   * array to the case it builds, so it must not be used after {@link #toCase()} other than to
   * build again or apply more events (which copy first). Confined to one thread; never escapes
   * the package.
   */
  static final class Scratch {
    private final ReviewCase from;
    private String caseId;
    private String workflowId;
    private int workflowVersion;
    private String submitter;
    private Artifact subject;
    private int revision;
    private String lastEditor;
    private CaseStatus status;
    private Outcome outcome;
    private String closeReason;
    private int phase;
    /** Shared with a built case (never written) unless {@link #ownStages}. */
    private StageState[] stages;
    private boolean ownStages;
    private ImmutableList<Delegation> delegations;
    private ImmutableList<Reassignment> reassignments;
    private ImmutableList<SentBack> sentBack;
    private long version;
    private Instant updatedAt;
    private Hash definitionHash;

    Scratch(ReviewCase from) {
      this.from = from;
      caseId = from.caseId;
      workflowId = from.workflowId;
      workflowVersion = from.workflowVersion;
      submitter = from.submitter;
      subject = from.subject;
      revision = from.revision;
      lastEditor = from.lastEditor;
      status = from.status;
      outcome = from.outcome;
      closeReason = from.closeReason;
      phase = from.phase;
      stages = from.stages;
      delegations = from.delegations;
      reassignments = from.reassignments;
      sentBack = from.sentBack;
      version = from.version;
      updatedAt = from.updatedAt;
      definitionHash = from.definitionHash;
    }

    /** The case as it stands now; the case it started from if no event was applied. */
    ReviewCase toCase() {
      if (version == from.version) {
        return from;
      }
      ownStages = false;  // the built case owns the array now
      return new ReviewCase(caseId, workflowId, workflowVersion, submitter, subject, revision, lastEditor, status,
          outcome, closeReason, phase, stages, delegations, reassignments, sentBack, version, updatedAt,
          definitionHash);
    }

    String caseId() {
      return caseId;
    }

    String workflowId() {
      return workflowId;
    }

    int workflowVersion() {
      return workflowVersion;
    }

    /** Null if none was recorded. */
    Hash definitionHash() {
      return definitionHash;
    }

    String submitter() {
      return submitter;
    }

    Artifact subject() {
      if (subject == null) {
        throw new IllegalStateException("a case that was never submitted has no subject");
      }
      return subject;
    }

    int revision() {
      return revision;
    }

    String lastEditor() {
      return lastEditor;
    }

    CaseStatus status() {
      return status;
    }

    boolean isSubmitted() {
      return status != CaseStatus.NEW;
    }

    boolean isClosed() {
      return status == CaseStatus.CLOSED;
    }

    Optional<Outcome> outcome() {
      return Optional.ofNullable(outcome);
    }

    String closeReason() {
      return closeReason;
    }

    ImmutableList<Delegation> delegations() {
      return delegations;
    }

    ImmutableList<Reassignment> reassignments() {
      return reassignments;
    }

    long version() {
      return version;
    }

    /** The instant of the last event applied; null before the first. */
    Instant updatedAt() {
      return updatedAt;
    }

    StageState stageOrNull(String stageId) {
      for (StageState stage : stages) {
        if (stage.stageId().equals(stageId)) {
          return stage;
        }
      }
      return null;
    }

    StageStatus stageStatus(String stageId) {
      StageState state = stageOrNull(stageId);
      return state == null ? StageStatus.PENDING : state.status();
    }

    /** Applies {@code event}; on an invalid event throws before changing anything. */
    void apply(ReviewEvent event) {
      checkNotNull(event, "event");
      if (event.sequence() != version + 1) {  // not checkArgument: its three-argument form boxes on every call
        throw new IllegalArgumentException(Strings.lenientFormat(
            "event %s of case %s is out of order: the case is at version %s", event.sequence(), event.caseId(),
            version));
      }
      if (event instanceof CaseSubmitted submitted) {
        checkArgument(status == CaseStatus.NEW, "case %s was already submitted", caseId);
        caseId = event.caseId();
        workflowId = submitted.workflowId();
        workflowVersion = submitted.workflowVersion();
        definitionHash = submitted.definitionHash().orElse(null);
        submitter = event.actor();
        subject = submitted.subject();
        revision = 1;
        lastEditor = submitted.editor();
        status = CaseStatus.IN_REVIEW;
        outcome = null;
        closeReason = "";
        phase = 0;
        stages = NO_STAGES;
        ownStages = false;
        delegations = ImmutableList.of();
        reassignments = ImmutableList.of();
        sentBack = ImmutableList.of();
        next(event.at());
        return;
      }
      checkArgument(status != CaseStatus.NEW,
          "case %s has not been submitted; its first event must be case-submitted", event.caseId());
      if (!caseId.equals(event.caseId())) {
        throw new IllegalArgumentException(Strings.lenientFormat("event %s is for case %s, not %s", event.sequence(),
            event.caseId(), caseId));
      }
      checkArgument(status != CaseStatus.CLOSED, "case %s is closed; event %s cannot follow", caseId,
          event.sequence());
      Instant at = event.at();
      if (event instanceof StageOpened opened) {
        putStage(stageOrPending(opened.stageId(), opened.phase()).opened(opened.phase(), at));
        phase = opened.phase();
      } else if (event instanceof VoteCast cast) {
        StageState stage = existingStage(cast.stageId());
        putStage(stage.withVote(new Vote(cast.actor(), cast.principal(), cast.vote(), at, revision)));
      } else if (event instanceof StageApproved approved) {
        putStage(existingStage(approved.stageId()).withStatus(StageStatus.APPROVED));
      } else if (event instanceof StageSkipped skipped) {
        putStage(stageOrPending(skipped.stageId(), skipped.phase()).skipped(skipped.phase()));
        phase = skipped.phase();
      } else if (event instanceof StageRejected rejected) {
        putStage(existingStage(rejected.stageId()).withStatus(StageStatus.REJECTED));
      } else if (event instanceof ChangesRequested changes) {
        putStage(existingStage(changes.stageId()).withStatus(StageStatus.CHANGES_REQUESTED));
        sentBack(new SentBack(SentBack.Kind.CHANGES_REQUESTED, changes.stageId(), event.actor(),
            ImmutableList.of(changes.reason())));
      } else if (event instanceof GateFailed gate) {
        sentBack(new SentBack(SentBack.Kind.GATE_FAILED, gate.stageId(), event.actor(),
            gate.violations().stream().map(Violation::toString).collect(ImmutableList.toImmutableList())));
      } else if (event instanceof Resubmitted resubmitted) {
        StageState[] out = new StageState[stages.length];
        for (int i = 0; i < stages.length; i++) {
          out[i] = stages[i].resubmitted(resubmitted.resetStages().contains(stages[i].stageId()));
        }
        stages = out;
        ownStages = true;
        subject = resubmitted.subject();
        revision = resubmitted.revision();
        lastEditor = resubmitted.editor();
        status = CaseStatus.IN_REVIEW;
        outcome = null;
        closeReason = "";
        phase = 0;
        sentBack = ImmutableList.of();
      } else if (event instanceof Escalated escalated) {
        putStage(existingStage(escalated.stageId()).escalatedNow());
      } else if (event instanceof Delegated delegated) {
        delegations = append(delegations, new Delegation(delegated.from(), delegated.to(), delegated.validFrom(),
            delegated.validUntil()));
      } else if (event instanceof Reassigned reassigned) {
        reassignments = append(reassignments,
            new Reassignment(reassigned.stageId(), reassigned.from(), reassigned.to()));
      } else if (event instanceof CaseClosed closed) {
        status = CaseStatus.CLOSED;
        outcome = closed.outcome();
        closeReason = closed.reason();
      } else if (!(event instanceof Commented)) {
        throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
      }
      next(at);
    }

    private void next(Instant at) {
      version++;
      updatedAt = at;
    }

    private StageState existingStage(String stageId) {
      StageState stage = stageOrNull(stageId);
      checkArgument(stage != null, "case %s has no open stage '%s'", caseId, stageId);
      return stage;
    }

    private StageState stageOrPending(String stageId, int stagePhase) {
      StageState stage = stageOrNull(stageId);
      return stage != null ? stage : StageState.pending(stageId, stagePhase);
    }

    /** Replaces the stage with the same id, or adds it last; copies a shared array first. */
    private void putStage(StageState stage) {
      for (int i = 0; i < stages.length; i++) {
        if (stages[i].stageId().equals(stage.stageId())) {
          if (!ownStages) {
            stages = stages.clone();
            ownStages = true;
          }
          stages[i] = stage;
          return;
        }
      }
      stages = Arrays.copyOf(stages, stages.length + 1);
      ownStages = true;
      stages[stages.length - 1] = stage;
    }

    /** Now waiting for the submitter, for one more reason. */
    private void sentBack(SentBack reason) {
      status = CaseStatus.AWAITING_RESUBMISSION;
      sentBack = append(sentBack, reason);
    }
  }

  private static <T> ImmutableList<T> append(ImmutableList<T> list, T item) {
    return ImmutableList.<T>builderWithExpectedSize(list.size() + 1).addAll(list).add(item).build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ReviewCase c)) {
      return false;
    }
    return version == c.version && workflowVersion == c.workflowVersion && revision == c.revision && phase == c.phase
        && caseId.equals(c.caseId) && workflowId.equals(c.workflowId) && submitter.equals(c.submitter)
        && Objects.equals(subject, c.subject) && lastEditor.equals(c.lastEditor) && status == c.status
        && outcome == c.outcome && closeReason.equals(c.closeReason) && sameStages(c)
        && delegations.equals(c.delegations) && reassignments.equals(c.reassignments) && sentBack.equals(c.sentBack)
        && Objects.equals(updatedAt, c.updatedAt) && Objects.equals(definitionHash, c.definitionHash);
  }

  /** Whether {@code other} has the same stage states by id ({@link #stages()} equality, without building the maps). */
  private boolean sameStages(ReviewCase other) {
    if (stages.length != other.stages.length) {
      return false;
    }
    for (StageState stage : stages) {
      if (!stage.equals(other.stageOrNull(stage.stageId()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int stagesHash = 0;  // as ImmutableMap.hashCode of stages()
    for (StageState stage : stages) {
      stagesHash += stage.stageId().hashCode() ^ stage.hashCode();
    }
    return Objects.hash(caseId, version, status, stagesHash);
  }

  @Override
  public String toString() {
    if (!isSubmitted()) {
      return "ReviewCase{NEW}";
    }
    return "ReviewCase{" + caseId + " v" + version + " " + status + (outcome == null ? "" : " " + outcome)
        + ", workflow " + workflowId + " v" + workflowVersion + ", submitter " + submitter + ", revision " + revision
        + ", phase " + phase + ", stages " + Arrays.asList(stages) + (sentBack.isEmpty() ? "" : ", sent back " + sentBack)
        + "}";
  }
}
