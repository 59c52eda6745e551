package dev.finegrain.workflow;

import dev.finegrain.core.Member;
import dev.finegrain.workflow.internal.store.CaseWork;
import dev.finegrain.workflow.internal.store.WorkEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The open-work projection of a case (see {@link CaseWork}): computed from its state after each
 * append, kept by the store beside the events, read by {@link ReviewEngine#inbox},
 * {@link ReviewEngine#dueBy} and {@link ReviewEngine#openStages}.
 *
 * <p>For each open stage: an entry for every member who can still vote in it ({@link StageProgress#canStillVote},
 * as the inbox shows it), one for each delegate of such a member (valid in the delegation's
 * window), and, while its escalation is pending, one for each holder of the escalation role and
 * their delegates, valid from the escalation instant. A delegate whose votes the engine would
 * refuse whoever they vote for ({@link #mayVoteAsDelegate}: the case's submitter where the workflow
 * forbids self-review) gets no entry. Between two appends only deadlines change a
 * case's open work, so an entry is exact until the case's first pending deadline and a candidate
 * after it, which the engine checks against the case.
 */
final class OpenWork {
  private OpenWork() {}

  static CaseWork of(ReviewWorkflow workflow, ReviewContext context, ReviewCase state) {
    if (state.status() != CaseStatus.IN_REVIEW) {
      return CaseWork.none(state.caseId(), state.version());
    }
    List<StageProgress> progress = Reviews.progress(workflow, context, state);
    Instant due = null;
    for (StageProgress p : progress) {
      if (!p.escalated() && p.escalatesAt().isPresent()) {
        due = earlier(due, p.escalatesAt().get());
      }
      if (p.expiresAt().isPresent()) {
        due = earlier(due, p.expiresAt().get());
      }
    }
    String caseId = state.caseId();
    List<Delegation> delegations = state.delegations();
    List<WorkEntry> entries = new ArrayList<>();
    List<CaseWork.OpenStage> stages = new ArrayList<>(progress.size());
    for (StageProgress p : progress) {
      Stage stage = workflow.stage(p.stageId()).orElseThrow();
      StageState stageState = state.stage(p.stageId());
      Instant since = stageState.openedAt().orElseThrow();
      Instant escalatesAt = p.escalated() ? null : p.escalatesAt().orElse(null);
      Instant expiresAt = p.expiresAt().orElse(null);
      Set<String> direct = new HashSet<>(p.canStillVote());
      for (String member : p.canStillVote()) {
        entries.add(new WorkEntry(member, caseId, stage.id(), 0, stage.name(), since, escalatesAt, expiresAt, null,
            null, null, due));
      }
      for (int i = 0; i < delegations.size(); i++) {
        Delegation d = delegations.get(i);
        if (direct.contains(d.from()) && !direct.contains(d.to()) && mayVoteAsDelegate(workflow, state, d.to())) {
          entries.add(new WorkEntry(d.to(), caseId, stage.id(), i + 1, stage.name(), since, escalatesAt, expiresAt,
              d.from(), d.validFrom(), d.validUntil(), due));
        }
      }
      if (escalatesAt != null && stage.deadline().isPresent()) {
        String role = stage.deadline().get().escalationRole();
        Set<String> escalation = new HashSet<>();
        for (Member member : context.team().members()) {
          if (member.holds(role) && !direct.contains(member.id()) && !stageState.hasVoteOf(member.id())
              && !(workflow.forbidSelfReview() && member.id().equals(state.submitter()))) {
            escalation.add(member.id());
            entries.add(new WorkEntry(member.id(), caseId, stage.id(), 0, stage.name(), since, escalatesAt,
                expiresAt, null, escalatesAt, null, due));
          }
        }
        for (int i = 0; i < delegations.size(); i++) {
          Delegation d = delegations.get(i);
          if (escalation.contains(d.from()) && !direct.contains(d.to()) && !escalation.contains(d.to())
              && mayVoteAsDelegate(workflow, state, d.to())) {
            Instant from = d.validFrom().isAfter(escalatesAt) ? d.validFrom() : escalatesAt;
            entries.add(new WorkEntry(d.to(), caseId, stage.id(), i + 1, stage.name(), since, escalatesAt,
                expiresAt, d.from(), from, d.validUntil(), due));
          }
        }
      }
      stages.add(new CaseWork.OpenStage(workflow.id(), stage.id(), stage.reviewerRoles()));
    }
    entries.sort(WorkEntry.ORDER);
    return new CaseWork(caseId, state.version(), entries, stages, due);
  }

  /**
   * Whether {@code delegate} may cast a delegated vote in the case at all: not if they submitted it
   * and the workflow forbids self-review, which refuses every vote of theirs (SELF_REVIEW), for
   * whomever they vote. The inbox offers a delegate only votes the engine would accept.
   */
  static boolean mayVoteAsDelegate(ReviewWorkflow workflow, ReviewCase state, String delegate) {
    return !(workflow.forbidSelfReview() && delegate.equals(state.submitter()));
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
