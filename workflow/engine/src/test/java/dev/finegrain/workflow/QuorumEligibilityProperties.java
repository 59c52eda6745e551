package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.testing.Gens;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Who counts toward a quorum, over random teams that change between commands, random workflows
 * (three stages in two phases, each of any quorum, some escalating, approvals kept or reset through
 * resubmissions, distinct approvers and the last-editor rule on or off) and random votes, delegated
 * ones included. Who is eligible is worked out here from the definition, independently of the
 * engine: a member of the team, not the submitter, holding one of the stage's roles (or its
 * escalation role once it escalated), with the case's reassignments applied; and where the last
 * editor may not approve, an approval cast by or for the member who edited the current revision
 * (kept from an earlier one) does not count.
 */
class QuorumEligibilityProperties {
  private static final List<String> PEOPLE = List.of("m0", "m1", "m2", "m3", "m4", "m5");
  private static final List<String> ROLES = List.of("r1", "r2", "r3");
  private static final List<String> STAGES = List.of("a", "b", "c");
  private static final List<Quorum> QUORUMS = List.of(Quorum.any(), Quorum.all(), Quorum.majority(),
      Quorum.atLeast(2), Quorum.all());

  /** A workflow and the teams a platform builds its engine with, in turn, drawn from one list of numbers. */
  record Spec(ReviewWorkflow workflow, List<Team> teams, String submitter) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("submitter ").append(submitter);
      for (Stage s : workflow.allStages()) {
        out.append(" | ").append(s.id()).append(s.reviewerRoles()).append(' ').append(s.quorum())
            .append(s.deadline().map(d -> " escalates to " + d.escalationRole()).orElse("")).append(' ')
            .append(s.reReview());
      }
      out.append(" | distinct ").append(workflow.distinctApproverStages()).append(" last editor may ")
          .append(workflow.lastEditorMayNotApprove() ? "not approve" : "approve");
      for (int t = 0; t < teams.size(); t++) {
        out.append("\n  team ").append(t).append(':');
        teams.get(t).members().forEach(m -> out.append(' ').append(m.id()).append(m.roles()));
      }
      return out.toString();
    }
  }

  enum Kind { APPROVE, APPROVE_FOR, REJECT, REQUEST_CHANGES, RESUBMIT, DELEGATE, REASSIGN, TEAM, TICK }

  /** One random step: what, by whom, in which stage, with whom, and how much later. */
  record Step(Kind kind, int actor, int stage, int other, int hoursLater) {}

  static Gen<Spec> specs() {
    return Gens.uniformLists(ints(0, 999), 60, 60).map(QuorumEligibilityProperties::spec);
  }

  private static Spec spec(List<Integer> genes) {
    int[] at = {0};
    IntUnaryOperator next = n -> genes.get(at[0]++ % genes.size()) % n;
    ReviewWorkflow.Builder workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .leadRole("lead").lastEditorMayNotApprove(next.applyAsInt(2) == 0);
    List<Stage> stages = new ArrayList<>();
    for (int s = 0; s < STAGES.size(); s++) {
      Stage.Builder stage = Stage.builder().id(STAGES.get(s)).name(STAGES.get(s).toUpperCase())
          .addReviewerRole(ROLES.get(next.applyAsInt(2))).quorum(QUORUMS.get(next.applyAsInt(QUORUMS.size())))
          .reReview(next.applyAsInt(2) == 0 ? ReReview.keep() : ReReview.reset())
          .vetoPolicy(next.applyAsInt(2) == 0 ? VetoPolicy.ANY_REJECTION : VetoPolicy.UNLESS_QUORUM_REACHABLE);
      if (s == 1 || next.applyAsInt(3) == 0) {
        stage.deadline(Deadline.builder().escalateAfter(Duration.ofHours(3)).escalationRole("r3").build());
      }
      stages.add(stage.build());
    }
    workflow.addPhase(Phase.of(stages.get(0), stages.get(1))).addPhase(Phase.of(stages.get(2)));
    int distinct = next.applyAsInt(3);
    if (distinct == 1) {
      workflow.addDistinctApproverStages("a", "c");
    } else if (distinct == 2) {
      workflow.addDistinctApproverStages("a", "b", "c");
    }
    List<Team> teams = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<Member> members = new ArrayList<>();
      for (String person : PEOPLE) {
        int mask = 1 + next.applyAsInt(19);  // r1, r2, r3, lead; 16 to 19: not on the team
        if (mask < 16) {
          List<String> roles = new ArrayList<>();
          for (int r = 0; r < 4; r++) {
            if ((mask & (1 << r)) != 0) {
              roles.add(r < 3 ? ROLES.get(r) : "lead");
            }
          }
          members.add(Fixtures.member(person, roles.toArray(String[]::new)));
        }
      }
      teams.add(Team.builder().id("t").name("T").addRoles(Role.of("r1", "R1"), Role.of("r2", "R2"),
          Role.of("r3", "R3"), Role.of("lead", "Lead")).members(members).build());
    }
    String submitter = next.applyAsInt(4) == 0 ? "m5" : "sub";
    return new Spec(workflow.build(), teams, submitter);
  }

  static Gen<List<Step>> steps() {
    return steps(Gens.pick(Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE,
        Kind.APPROVE_FOR, Kind.REJECT, Kind.REQUEST_CHANGES, Kind.RESUBMIT, Kind.DELEGATE, Kind.REASSIGN, Kind.TEAM,
        Kind.TEAM, Kind.TEAM, Kind.TICK));
  }

  /** Steps that send cases back and resubmit them more often, so that more approvals are kept. */
  static Gen<List<Step>> resubmittingSteps() {
    return steps(Gens.pick(Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE, Kind.APPROVE,
        Kind.APPROVE_FOR, Kind.REJECT, Kind.REQUEST_CHANGES, Kind.REQUEST_CHANGES, Kind.RESUBMIT, Kind.RESUBMIT,
        Kind.DELEGATE, Kind.REASSIGN, Kind.TEAM, Kind.TICK));
  }

  private static Gen<List<Step>> steps(Gen<Kind> kinds) {
    Gen<Integer> people = ints(0, PEOPLE.size() - 1);
    Gen<Integer> stages = ints(0, STAGES.size() - 1);
    Gen<Integer> hours = Gens.pick(0, 0, 0, 1, 2, 4);
    Gen<Step> step = in -> new Step(kinds.generate(in), people.generate(in), stages.generate(in),
        people.generate(in), hours.generate(in));
    return Gens.uniformLists(step, 1, 60);
  }

  private static Artifact subject(int title) {
    return Fixtures.listing("tea", 20).with("title", "Tea " + title);
  }

  /**
   * What a step did: the case's driver after it (with another team after a team change), and the
   * command sent, if any, with its decision.
   */
  record Done(CaseDriver driver, ReviewCommand command, Decision decision) {}

  private static Done step(CaseDriver d, Spec spec, Step step) {
    String actor = PEOPLE.get(step.actor());
    String other = PEOPLE.get(step.other());
    String stage = STAGES.get(step.stage());
    d.after(Duration.ofHours(step.hoursLater()));
    ReviewCommand command = switch (step.kind()) {
      case APPROVE -> d.approve(actor, stage);
      case APPROVE_FOR -> d.approveFor(actor, other, stage);
      case REJECT -> d.reject(actor, stage, "no");
      case REQUEST_CHANGES -> d.requestChanges(actor, stage, "change it");
      case RESUBMIT -> Resubmit.builder().from(d.resubmit(spec.submitter(), subject(step.other())))
          .editedBy(step.other() % 2 == 0 ? spec.submitter() : actor).build();
      case DELEGATE -> d.delegate(actor, actor, other, Duration.ofHours(1 + step.other()));
      case REASSIGN -> d.reassign(lead(d.context.team()), stage, actor, other);
      case TEAM -> null;
      case TICK -> d.tick();
    };
    if (command == null) {
      return new Done(d.with(ReviewContext.of(spec.teams().get(step.other() % spec.teams().size()))), null, null);
    }
    ReviewCase before = d.state;
    Decision decision = d.send(command);
    checkEveryApproval(spec, d.workflow, d.context.team(), before, decision);
    return new Done(d, command, decision);
  }

  private static String lead(Team team) {
    return team.members().stream().filter(m -> m.holds("lead")).map(Member::id).findFirst().orElse("m0");
  }

  /**
   * Each stage the decision approves has, in the case just before it is approved, approvals from
   * members eligible then that reach its quorum (under {@code all}, one from each of them), none of
   * them by or for the revision's editor where the last editor may not approve.
   */
  private static void checkEveryApproval(Spec spec, ReviewWorkflow workflow, Team team, ReviewCase before,
      Decision decision) {
    ReviewCase state = before;
    for (ReviewEvent event : decision.events()) {
      if (event instanceof StageApproved approved) {
        Stage stage = workflow.stage(approved.stageId()).orElseThrow();
        ReviewCase then = state;
        assertTrue(atQuorum(workflow, team, then, stage), () -> stage.id() + " (" + stage.quorum() + ") approved"
            + " with the votes " + then.stage(stage.id()).votes() + " while the members eligible were "
            + eligible(team, then, stage) + " and " + then.lastEditor() + " edited revision " + then.revision()
            + "\n" + spec);
      }
      state = Reviews.evolve(state, event);
    }
  }

  /**
   * Whether the stage's approvals from members eligible now, not by or for the revision's editor
   * where the last editor may not approve, reach its quorum: under {@code all}, one from every one of
   * them (and there is at least one; the editor, who may vote but not approve, is one of them).
   */
  private static boolean atQuorum(ReviewWorkflow workflow, Team team, ReviewCase state, Stage stage) {
    Set<String> eligible = eligible(team, state, stage);
    Set<String> approvers = approvers(state.stage(stage.id()), workflow, state.lastEditor());
    approvers.retainAll(eligible);
    return switch (stage.quorum().kind()) {
      case ALL -> !eligible.isEmpty() && approvers.equals(eligible);
      case MAJORITY -> !approvers.isEmpty() && approvers.size() > eligible.size() / 2;
      default -> approvers.size() >= stage.quorum().count();
    };
  }

  /** The members of {@code team} who may vote in the stage: the definition, escalation and reassignments, by hand. */
  private static Set<String> eligible(Team team, ReviewCase state, Stage stage) {
    Set<String> eligible = new LinkedHashSet<>();
    StageState stageState = state.stage(stage.id());
    for (Member member : team.members()) {
      boolean reviews = stage.reviewerRoles().stream().anyMatch(member::holds)
          || stageState.escalated() && member.holds(stage.deadline().orElseThrow().escalationRole());
      for (Reassignment r : state.reassignments()) {
        if (r.stageId().equals(stage.id())) {
          reviews = r.from().equals(member.id()) ? false : r.to().equals(member.id()) || reviews;
        }
      }
      if (reviews && !member.id().equals(state.submitter())) {
        eligible.add(member.id());
      }
    }
    return eligible;
  }

  private static Set<String> approvers(StageState stage) {
    Set<String> approvers = new LinkedHashSet<>();
    for (Vote vote : stage.votes()) {
      if (vote.kind() == VoteKind.APPROVE) {
        approvers.add(vote.principal());
      }
    }
    return approvers;
  }

  /** The principals of the stage's approvals but those cast by or for {@code editor}, where the workflow bars them. */
  private static Set<String> approvers(StageState stage, ReviewWorkflow workflow, String editor) {
    Set<String> approvers = new LinkedHashSet<>();
    for (Vote vote : stage.votes()) {
      if (vote.kind() == VoteKind.APPROVE && !byEditor(workflow, editor, vote)) {
        approvers.add(vote.principal());
      }
    }
    return approvers;
  }

  private static boolean byEditor(ReviewWorkflow workflow, String editor, Vote vote) {
    return workflow.lastEditorMayNotApprove() && (vote.voter().equals(editor) || vote.principal().equals(editor));
  }

  /** The case's submission, edited by m1 (who, where the last editor may not approve, may not). */
  private static Submit submission(CaseDriver d, Spec spec) {
    return Submit.builder().from(d.submit(spec.submitter(), subject(0))).editedBy("m1").build();
  }

  private static CaseDriver submitted(Spec spec) {
    CaseDriver d = new CaseDriver(spec.workflow(), ReviewContext.of(spec.teams().get(0)), "k");
    d.accept(submission(d, spec));
    return d;
  }

  /**
   * A stage is approved only by approvals of members eligible when it is approved that reach its
   * quorum: under {@code all}, an approval from every one of them; and a stage left open after an
   * accepted command has not reached it. The generator must approve stages whose votes hold
   * approvals of members no longer eligible, not only stages without any.
   */
  @Test
  void aStageIsApprovedOnlyByTheApprovalsOfMembersEligibleWhenItIsApproved() {
    Map<String, Integer> seen = new TreeMap<>();
    qt().forAll(specs(), steps()).checkAssert((spec, steps) -> {
      CaseDriver d = submitted(spec);
      for (Step step : steps) {
        Done done = step(d, spec, step);
        d = done.driver();
        if (d.state.status() != CaseStatus.IN_REVIEW) {
          continue;
        }
        for (Stage stage : d.workflow.allStages()) {
          StageState stageState = d.state.stage(stage.id());
          if (stageState.status() != StageStatus.OPEN) {
            continue;
          }
          if (!eligible(d.context.team(), d.state, stage).containsAll(approvers(stageState))) {
            seen.merge("an open stage holds an approval that does not count", 1, Integer::sum);
          }
          // a refused command records nothing, and a team change is no command: only after an accepted one
          if (done.decision() != null && done.decision().isAccepted()) {
            ReviewContext team = d.context;
            assertFalse(atQuorum(d.workflow, team.team(), d.state, stage), () -> stage.id() + " is still open at its"
                + " quorum after " + done.command() + ": " + stageState + " with " + team.team().members() + "\n"
                + spec);
          }
        }
      }
    });
    assertTrue(seen.getOrDefault("an open stage holds an approval that does not count", 0) > 0,
        "the generator never kept an approval that stopped counting: " + seen);
  }

  /**
   * Where the last editor may not approve, no stage stands approved for a revision on an approval
   * cast by or for the member who edited it: each {@link StageApproved} is checked with such
   * approvals left out (with every command, in {@link #checkEveryApproval}), and after each accepted
   * command every approved stage of a phase the case has reached (of every phase, once it closed as
   * approved) that holds one, kept from an earlier revision, was approved again in this revision.
   * The generator must keep such approvals, in open stages and in approved ones that open again.
   */
  @Test
  void noStageStandsApprovedForARevisionOnAnApprovalOfItsEditor() {
    Map<String, Integer> seen = new TreeMap<>();
    Gen<Spec> strict = specs().map(spec -> new Spec(ReviewWorkflow.builder().from(spec.workflow())
        .lastEditorMayNotApprove(true).build(), spec.teams(), spec.submitter()));
    qt().forAll(strict, resubmittingSteps()).checkAssert((spec, steps) -> {
      CaseDriver d = submitted(spec);
      Set<String> approvedInRevision = new HashSet<>();
      for (Step step : steps) {
        ReviewCase state = d.state;
        Done done = step(d, spec, step);
        d = done.driver();
        if (done.decision() == null || !done.decision().isAccepted()) {
          continue;
        }
        for (ReviewEvent event : done.decision().events()) {
          if (event instanceof Resubmitted) {
            approvedInRevision.clear();
          } else if (event instanceof StageApproved approved) {
            approvedInRevision.add(approved.stageId());
          } else if (event instanceof StageOpened opened
              && state.stageStatus(opened.stageId()) == StageStatus.APPROVED) {
            seen.merge("an approved stage opened again", 1, Integer::sum);
          }
          state = Reviews.evolve(state, event);
        }
        ReviewCase now = d.state;
        ReviewWorkflow workflow = d.workflow;
        boolean closedApproved = now.outcome().equals(Optional.of(Outcome.APPROVED));
        for (Stage stage : workflow.allStages()) {
          StageState stageState = now.stage(stage.id());
          boolean byEditor = stageState.votes().stream()
              .anyMatch(vote -> vote.kind() == VoteKind.APPROVE && byEditor(workflow, now.lastEditor(), vote));
          if (!byEditor) {
            continue;
          }
          if (stageState.status() == StageStatus.OPEN) {
            seen.merge("an open stage holds an approval of the editor", 1, Integer::sum);
          } else if (stageState.status() == StageStatus.APPROVED
              && (closedApproved || workflow.phaseOf(stage.id()) <= now.phase())) {
            List<ReviewEvent> log = d.log;
            assertTrue(approvedInRevision.contains(stage.id()), () -> stage.id() + " stands approved for revision "
                + now.revision() + ", which " + now.lastEditor() + " edited, on the votes " + stageState.votes()
                + " (approved in this revision: " + approvedInRevision + ")\n" + log + "\n" + spec);
            seen.merge("an approved stage holds an approval of the editor", 1, Integer::sum);
          }
        }
      }
    });
    assertTrue(seen.getOrDefault("an open stage holds an approval of the editor", 0) > 0
        && seen.getOrDefault("an approved stage opened again", 0) > 0, "the generator never kept an approval"
        + " of the editor in an open stage, or never opened an approved stage again: " + seen);
  }

  /**
   * {@link StageProgress#canStillApprove()} is whose approval the engine accepts: of the members who
   * can still vote, each in it may approve, each other one is refused as the last editor or as an
   * approver of another distinct-approver stage and may still reject; and whyBlocked marks exactly
   * the others.
   */
  @Test
  void canStillApproveIsWhoseApprovalTheEngineAccepts() {
    Map<String, Integer> seen = new TreeMap<>();
    // fewer tries: each step decides an approval by every member of the team in every open stage
    qtWithAtMost(300).forAll(specs(), steps()).checkAssert((spec, steps) -> {
      CaseDriver d = submitted(spec);
      for (Step step : steps) {
        d = step(d, spec, step).driver();
        d.send(d.tick());  // what is due is recorded, so that progress and decide look at the same case
        for (StageProgress progress : Reviews.progress(d.workflow, d.context, d.state)) {
          for (String member : progress.canStillVote()) {
            Decision approve = Reviews.decide(d.workflow, d.context, d.state,
                d.approveFor(member, member, progress.stageId()));
            if (progress.canStillApprove().contains(member)) {
              assertTrue(approve.isAccepted(), () -> member + " in " + progress + ": " + approve + "\n" + spec);
              seen.merge("may approve", 1, Integer::sum);
            } else {
              RefusalReason reason = approve.refusal().orElseThrow().reason();
              assertTrue(reason == RefusalReason.LAST_EDITOR || reason == RefusalReason.SAME_APPROVER,
                  () -> member + " in " + progress + ": " + approve + "\n" + spec);
              assertTrue(Reviews.decide(d.workflow, d.context, d.state, d.reject(member, progress.stageId(), "no"))
                  .isAccepted(), () -> member + " may reject in " + progress + "\n" + spec);
              seen.merge(reason.name(), 1, Integer::sum);
            }
          }
          for (Member member : d.context.team().members()) {
            if (!progress.canStillVote().contains(member.id())) {
              // for themselves: without onBehalfOf, a delegate's approval would be for whom they stand in
              assertFalse(Reviews.decide(d.workflow, d.context, d.state, d.approveFor(member.id(), member.id(),
                  progress.stageId())).isAccepted(), () -> member.id() + " is not among those who can still vote in "
                  + progress);
            }
          }
        }
      }
    });
    assertTrue(seen.getOrDefault("LAST_EDITOR", 0) > 0 && seen.getOrDefault("SAME_APPROVER", 0) > 0,
        "the generator must reach both bars: " + seen);
  }

  /**
   * whyBlocked, of an engine the commands were sent to (built anew with each team change, over one
   * store), shows the progress {@link Reviews#progress} gives and marks, among those who can still
   * vote, exactly those not in canStillApprove. An engine is only built with a team its workflow
   * validates against, so a team change to another team is left out.
   */
  @Test
  void whyBlockedMarksExactlyThoseWhoCanStillVoteButNotApprove() {
    Map<String, Integer> seen = new TreeMap<>();
    // fewer tries: each builds an engine per team change, and validates the workflow against each team
    qtWithAtMost(200).forAll(specs(), steps()).checkAssert((spec, steps) -> {
      List<Team> valid = spec.teams().stream()
          .filter(team -> spec.workflow().problemsAgainst(ReviewContext.of(team)).isEmpty()).toList();
      seen.merge(valid.isEmpty() ? "no team validates" : "some team validates", 1, Integer::sum);
      if (valid.isEmpty()) {
        return;
      }
      EventStore store = EventStores.inMemory();
      CaseDriver d = new CaseDriver(spec.workflow(), ReviewContext.of(valid.get(0)), "k");
      ReviewEngine engine = ReviewEngine.builder(d.context).register(spec.workflow()).store(store).build();
      Submit submit = submission(d, spec);
      d.accept(submit);
      engine.handle(submit);
      for (Step step : steps) {
        if (step.kind() == Kind.TEAM && !valid.contains(spec.teams().get(step.other() % spec.teams().size()))) {
          continue;
        }
        Done done = step(d, spec, step);
        d = done.driver();
        if (done.command() == null) {
          engine = ReviewEngine.builder(d.context).register(spec.workflow()).store(store).build();
        } else {
          engine.handle(done.command());
        }
      }
      assertEquals(d.state, engine.state(d.caseId));
      WhyBlocked why = engine.whyBlocked(d.caseId, d.now);
      d.send(d.tick());
      List<StageProgress> progress = Reviews.progress(d.workflow, d.context, d.state);
      assertEquals(progress, why.stages().stream().map(BlockedStage::progress).toList(), why.text());
      for (BlockedStage blocked : why.stages()) {
        String line = blocked.lines().stream().filter(l -> l.startsWith("can still vote: ")).findFirst()
            .orElseThrow();
        for (String member : blocked.progress().canStillVote()) {
          boolean marked = line.matches(".*\\b" + member + " \\([^)]*\\) \\[may reject or request changes, not"
              + " approve: .*");
          assertEquals(!blocked.progress().canStillApprove().contains(member), marked, line);
          seen.merge(marked ? "marked" : "not marked", 1, Integer::sum);
        }
      }
    });
    assertTrue(seen.getOrDefault("marked", 0) > 0 && seen.getOrDefault("not marked", 0) > 0, seen::toString);
  }
}
