package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.finegrain.core.Member;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.testing.Gens;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.VoteKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The distinct-approver check of {@link ReviewWorkflow#problemsAgainst(ReviewContext)} against an
 * exhaustive search of what a case can do, on small random teams and workflows (2 to 4 members
 * holding roles r1 to r3, 2 or 3 stages in one or two phases, all of them distinct-approver stages):
 * it is exact where nothing depends on time, and it never reports a workflow some case of which can
 * be approved.
 */
class DistinctApproverProperties {
  private static final String OUTSIDER = "outsider";
  private static final List<String> ROLES = List.of("r1", "r2", "r3");

  /** A team and a workflow drawn from a list of numbers, so that they shrink together. */
  record Spec(Team team, ReviewWorkflow workflow) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("team ");
      team.members().forEach(m -> out.append(m.id()).append(m.roles()).append(' '));
      for (int p = 0; p < workflow.phases().size(); p++) {
        out.append("| phase ").append(p);
        for (Stage s : workflow.phases().get(p).stages()) {
          out.append(' ').append(s.id()).append(s.reviewerRoles()).append(s.reviewerMembers()).append(' ')
              .append(s.quorum()).append(s.deadline().map(d -> " escalates to " + d.escalationRole()).orElse(""))
              .append(s.deadline().isPresent() ? " re-review " + s.reReview() : "");
        }
      }
      return out.toString();
    }
  }

  static Gen<Spec> specs(boolean withDeadlines) {
    return Gens.uniformLists(ints(0, 999), 40, 40).map(genes -> spec(genes, withDeadlines));
  }

  private static Spec spec(List<Integer> genes, boolean withDeadlines) {
    int[] at = {0};
    IntUnaryOperator next = n -> genes.get(at[0]++ % genes.size()) % n;
    int members = 2 + next.applyAsInt(3);
    List<Member> team = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      team.add(Fixtures.member("m" + m, roles(1 + next.applyAsInt(7)).toArray(String[]::new)));
    }
    int stageCount = 2 + next.applyAsInt(2);
    List<List<Stage>> phases = List.of(new ArrayList<>(), new ArrayList<>());
    for (int s = 0; s < stageCount; s++) {
      Stage.Builder stage = Stage.builder().id("s" + s).name("S" + s);
      List<String> roles = roles(next.applyAsInt(8));
      stage.reviewerRoles(roles);
      if (roles.isEmpty() || next.applyAsInt(4) == 0) {
        stage.addReviewerMember("m" + next.applyAsInt(members));
      }
      stage.quorum(List.of(Quorum.any(), Quorum.all(), Quorum.majority(), Quorum.atLeast(2), Quorum.all(),
          Quorum.atLeast(3)).get(next.applyAsInt(6)));
      int deadline = next.applyAsInt(3);
      if (withDeadlines && deadline > 0) {
        stage.deadline(Deadline.builder().escalateAfter(Duration.ofHours(1))
            .escalationRole(ROLES.get(next.applyAsInt(3))).build());
        stage.reReview(List.of(ReReview.reset(), ReReview.keep(), ReReview.resetIfChanged("title"))
            .get(next.applyAsInt(3)));
      }
      phases.get(s == 0 ? 0 : next.applyAsInt(2)).add(stage.build());
    }
    ReviewWorkflow.Builder workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing");
    for (List<Stage> phase : phases) {
      if (!phase.isEmpty()) {
        workflow.addPhase(Phase.builder().addAllStages(phase).build());
        phase.forEach(s -> workflow.addDistinctApproverStages(s.id()));
      }
    }
    return new Spec(Team.builder().id("t").name("T").addRoles(Role.of("r1", "R1"), Role.of("r2", "R2"),
        Role.of("r3", "R3")).members(team).build(), workflow.build());
  }

  private static List<String> roles(int mask) {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < ROLES.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        roles.add(ROLES.get(i));
      }
    }
    return roles;
  }

  /**
   * Without deadlines a case depends only on who submits it and who approves what: validation
   * accepts a workflow exactly when some submitter's case can be approved by some order of
   * approvals. (One that only some submitters' cases can pass is accepted: who submits is the
   * platform's matter, as with a stage whose only reviewer submits.)
   */
  @Test
  void withoutDeadlinesValidationAcceptsExactlyTheWorkflowsWithACaseThatCanBeApproved() {
    qtWithAtMost(200).forAll(specs(false)).checkAssert(spec -> {
      List<Problem> problems = spec.workflow().problemsAgainst(ReviewContext.of(spec.team()));
      boolean some = submitters(spec).stream().anyMatch(submitter -> canBeApproved(spec, submitter, false));
      assertEquals(problems.isEmpty(), some, problems.toString());
    });
  }

  /**
   * With deadlines and re-review policies too (a tick escalates the open stages; a resubmission,
   * of the same subject or a changed title, resets or keeps approvals), and whoever submits: a
   * workflow validation reports at distinctApproverStages has no case that can be approved.
   */
  @Test
  void aWorkflowReportedForItsDistinctApproversHasNoCaseThatCanBeApprovedWhoeverSubmits() {
    // fewer tries: about two in three are reported, and each then costs a search per submitter
    qtWithAtMost(100).forAll(specs(true)).checkAssert(spec -> {
      List<Problem> problems = spec.workflow().problemsAgainst(ReviewContext.of(spec.team()));
      if (problems.stream().noneMatch(p -> p.path().equals("distinctApproverStages"))) {
        return;
      }
      for (String submitter : submitters(spec)) {
        assertFalse(canBeApproved(spec, submitter, true), "submitted by " + submitter + ": " + problems);
      }
    });
  }

  /** Someone outside the team, and every member. */
  private static List<String> submitters(Spec spec) {
    List<String> submitters = new ArrayList<>(List.of(OUTSIDER));
    spec.team().members().forEach(m -> submitters.add(m.id()));
    return submitters;
  }

  private static Artifact subject(int title) {
    return Fixtures.listing("tea", 20).with("title", "Tea " + title);
  }

  /**
   * Whether some sequence of approvals by members (and, {@code withTime}, ticks two hours later and
   * resubmissions by the submitter) approves a case: a breadth-first search over the case's states,
   * keyed by what decides what comes next.
   */
  static boolean canBeApproved(Spec spec, String submitter, boolean withTime) {
    ReviewWorkflow workflow = spec.workflow();
    ReviewContext context = ReviewContext.of(spec.team());
    int[] ids = {0};
    record Node(ReviewCase state, Instant now, int title) {}
    ReviewCase first = Reviews.decide(workflow, context, ReviewCase.NEW, Submit.builder().commandId("c0")
        .caseId("p").actor(submitter).at(Fixtures.T0).subject(subject(0)).build()).applyTo(ReviewCase.NEW);
    ArrayDeque<Node> queue = new ArrayDeque<>(List.of(new Node(first, Fixtures.T0, 0)));
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      ReviewCase state = node.state();
      if (state.outcome().isPresent()) {
        if (state.outcome().get() == Outcome.APPROVED) {
          return true;
        }
        continue;
      }
      if (!seen.add(key(workflow, state, node.title()))) {
        continue;
      }
      List<ReviewCommand> commands = new ArrayList<>();
      List<Integer> titles = new ArrayList<>();
      Instant now = node.now();
      for (Stage stage : workflow.allStages()) {
        if (state.stageStatus(stage.id()) == StageStatus.OPEN) {
          for (Member member : spec.team().members()) {
            commands.add(Approve.builder().commandId("c" + ++ids[0]).caseId("p").actor(member.id()).at(now)
                .stageId(stage.id()).build());
            titles.add(node.title());
          }
        }
      }
      if (withTime) {
        commands.add(Tick.builder().commandId("c" + ++ids[0]).caseId("p").actor(ReviewEvent.SYSTEM)
            .at(now.plus(Duration.ofHours(2))).build());
        titles.add(node.title());
        for (int title = 0; title < 2; title++) {
          commands.add(Resubmit.builder().commandId("c" + ++ids[0]).caseId("p").actor(submitter).at(now)
              .subject(subject(title)).build());
          titles.add(title);
        }
      }
      for (int i = 0; i < commands.size(); i++) {
        Decision decision = Reviews.decide(workflow, context, state, commands.get(i));
        if (decision.isAccepted()) {
          queue.add(new Node(decision.applyTo(state), commands.get(i).at(), titles.get(i)));
        }
      }
    }
    return false;
  }

  /** The status, the title, and per stage its status, escalation and approvers: what the next commands depend on. */
  private static String key(ReviewWorkflow workflow, ReviewCase state, int title) {
    StringBuilder key = new StringBuilder().append(state.status()).append(title);
    for (Stage stage : workflow.allStages()) {
      StageState s = state.stage(stage.id());
      key.append('|').append(state.stageStatus(stage.id()));
      if (s != null) {
        Set<String> approvers = new TreeSet<>();
        s.votes().stream().filter(v -> v.kind() == VoteKind.APPROVE).forEach(v -> approvers.add(v.principal()));
        key.append(s.escalated() ? "!" : "").append(approvers);
      }
    }
    return key.toString();
  }
}
