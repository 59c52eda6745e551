package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Member;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.workflow.event.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Workflows that used to pass validation though no case of theirs could ever be approved: the
 * stages of {@link ReviewWorkflow#distinctApproverStages()} need more approvals, each from a
 * different member, than the team can give. Each such test first drives a case into the stall
 * (every approval that could finish it is refused), then checks that validation now reports it.
 */
class NeverFinishingWorkflowValidationTest {
  private static Stage.Builder stage(String id, String role) {
    return Stage.builder().id(id).name("Stage " + id).addReviewerRole(role);
  }

  private static ReviewWorkflow.Builder workflow(Phase... phases) {
    return ReviewWorkflow.builder().id("w").version(1).subjectKind("listing").addPhases(phases);
  }

  /** chen (operations) submits; {@code editors} members e1, e2, ... hold the role editor. */
  private static Team editors(int editors) {
    List<Member> members = new ArrayList<>();
    members.add(Fixtures.member("chen", "operations"));
    for (int i = 1; i <= editors; i++) {
      members.add(Fixtures.member("e" + i, "editor"));
    }
    return Team.builder().id("desk").name("Desk").addRoles(Role.of("operations", "Operations"),
        Role.of("editor", "Editor")).members(members).build();
  }

  private static final String ALL_MANAGERS = "stages 'a' and 'b', both reviewed by role 'manager', need the approval"
      + " of every eligible member (quorum all), but the 3 members eligible in both (ma, guo, tang) may approve only"
      + " one of them, so no case can be approved";

  @Test
  void twoDistinctApproverStagesEachNeedingEveryManagerStallEveryCaseAndAreReported() {
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "manager").quorum(Quorum.all()).build()),
        Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("ma", "a"));
    d.accept(d.approve("guo", "a"));
    d.accept(d.approve("tang", "a"));
    assertEquals(StageStatus.APPROVED, d.status("a"));
    assertEquals(StageStatus.OPEN, d.status("b"));
    for (String manager : List.of("ma", "guo", "tang")) {
      assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve(manager, "b")).reason());
    }
    assertEquals(RefusalReason.NOT_ELIGIBLE, d.refuse(d.approve("boss", "b")).reason());
    d.accept(d.after(Duration.ofDays(1000)).tick());
    assertEquals(CaseStatus.IN_REVIEW, d.state.status());
    // a resubmission resets stage a (the default re-review policy), which then needs the same three again
    d.accept(d.resubmit("chen", Fixtures.listing("tea", 20)));
    assertEquals(StageStatus.OPEN, d.status("a"));
    assertEquals(0, d.state.stage("a").approvals());

    assertEquals(List.of(Problem.of("distinctApproverStages", ALL_MANAGERS)),
        workflow.problemsAgainst(Fixtures.context()));
  }

  @Test
  void theSameStagesInOnePhaseStallToo() {
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "manager").quorum(Quorum.all()).build(),
        stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("ma", "a"));
    d.accept(d.approve("guo", "b"));
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("guo", "a")).reason());
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("ma", "b")).reason());
    d.accept(d.approve("tang", "a"));

    assertEquals(CaseStatus.IN_REVIEW, d.state.status());
    assertEquals(List.of(Problem.of("distinctApproverStages", ALL_MANAGERS)),
        workflow.problemsAgainst(Fixtures.context()));
  }

  @Test
  void theSubmitterLeavingAnAllQuorumDoesNotSaveTwoStagesThatShareTwoOrMoreReviewers() {
    // chen holds manager too: if chen submits, a and b each need guo and tang; if not, ma, guo and tang
    Team team = Fixtures.teamWith(Fixtures.member("ma2", "manager"));
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "manager").quorum(Quorum.all()).build()),
        Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver d = new CaseDriver(workflow, ReviewContext.of(team), "c");

    d.accept(d.submit("ma2", Fixtures.listing("tea", 20)));
    for (String manager : List.of("ma", "guo", "tang")) {
      d.accept(d.approve(manager, "a"));
    }
    assertEquals(StageStatus.APPROVED, d.status("a"), "ma2 submitted, so the three others make 'all'");
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("ma", "b")).reason());
    assertEquals(RefusalReason.SELF_REVIEW, d.refuse(d.approve("ma2", "b")).reason());

    assertEquals(1, workflow.problemsAgainst(ReviewContext.of(team)).size());
  }

  @Test
  void twoStagesNeedingThreeApprovalsEachFromFiveEditorsStallEveryCaseAndAreReported() {
    Team team = editors(5);
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "editor").quorum(Quorum.atLeast(3)).build()),
        Phase.of(stage("b", "editor").quorum(Quorum.atLeast(3)).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver d = new CaseDriver(workflow, ReviewContext.of(team), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    for (String editor : List.of("e1", "e2", "e3")) {
      d.accept(d.approve(editor, "a"));
    }
    d.accept(d.approve("e4", "b"));
    d.accept(d.approve("e5", "b"));
    for (String editor : List.of("e1", "e2", "e3")) {
      assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve(editor, "b")).reason());
    }
    assertEquals(CaseStatus.IN_REVIEW, d.state.status());

    assertEquals(List.of(Problem.of("distinctApproverStages", "stages 'a' and 'b' need 6 approvals (3 + 3), each"
        + " from a different member, but only 5 members could ever be eligible for them, so no case can be"
        + " approved")), workflow.problemsAgainst(ReviewContext.of(team)));
  }

  @Test
  void twoStagesNeedingTwoApprovalsEachFromFourEditorsPassAndACaseIsApproved() {
    Team team = editors(4);
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "editor").quorum(Quorum.atLeast(2)).build()),
        Phase.of(stage("b", "editor").quorum(Quorum.atLeast(2)).build()))
        .addDistinctApproverStages("a", "b").build();

    workflow.validateAgainst(team);
    CaseDriver d = new CaseDriver(workflow, ReviewContext.of(team), "c");
    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("e1", "a"));
    d.accept(d.approve("e2", "a"));
    d.accept(d.approve("e3", "b"));
    d.accept(d.approve("e4", "b"));
    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
  }

  @Test
  void anAllQuorumTakesItsMembersFromTheOtherStages() {
    // b needs every manager, so a's one approval must come from outside the managers: nobody is left
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "manager").build()),
        Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("ma", "a"));
    d.accept(d.approve("guo", "b"));
    d.accept(d.approve("tang", "b"));
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("ma", "b")).reason());

    assertEquals(List.of(Problem.of("distinctApproverStages", "stage 'a' needs 1 approval but no member could ever"
        + " be eligible for it besides the 3 that stage 'b' needs (quorum all), so no case can be approved")),
        workflow.problemsAgainst(Fixtures.context()));
    // with a reviewer of its own who is no manager, a can be approved
    workflow(Phase.of(stage("a", "manager").addReviewerMember("xu").build()),
        Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build().validateAgainst(Fixtures.team());
  }

  @Test
  void aMajorityCountsWhatItNeedsFromTheStagesReviewers() {
    // a majority of the 5 editors is 3; with b's 3 that is 6 of 5
    Team team = editors(5);
    ReviewWorkflow tooMany = workflow(Phase.of(stage("a", "editor").quorum(Quorum.majority()).build(),
        stage("b", "editor").quorum(Quorum.atLeast(3)).build()))
        .addDistinctApproverStages("a", "b").build();
    ReviewWorkflow enough = workflow(Phase.of(stage("a", "editor").quorum(Quorum.majority()).build(),
        stage("b", "editor").quorum(Quorum.atLeast(2)).build()))
        .addDistinctApproverStages("a", "b").build();

    assertEquals(List.of(Problem.of("distinctApproverStages", "stages 'a' and 'b' need 6 approvals (3 + 3), each"
        + " from a different member, but only 5 members could ever be eligible for them, so no case can be"
        + " approved")), tooMany.problemsAgainst(ReviewContext.of(team)));
    enough.validateAgainst(team);
  }

  @Test
  void aConditionalStageIsReportedForTheCasesItAppliesTo() {
    Stage food = stage("food", "manager").quorum(Quorum.all()).condition(Condition.in("category", "food")).build();
    ReviewWorkflow workflow = workflow(Phase.of(food), Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("food", "b").build();
    CaseDriver tea = new CaseDriver(workflow, Fixtures.context(), "tea");
    tea.accept(tea.submit("chen", Fixtures.listing("tea", 20)));
    for (String manager : List.of("ma", "guo", "tang")) {
      tea.accept(tea.approve(manager, "b"));
    }
    assertEquals(Outcome.APPROVED, tea.state.outcome().orElseThrow(), "stage food does not apply to tea");

    assertEquals(List.of(Problem.of("distinctApproverStages", "stages 'food' and 'b', both reviewed by role"
        + " 'manager', need the approval of every eligible member (quorum all), but the 3 members eligible in both"
        + " (ma, guo, tang) may approve only one of them, so no case in which stage 'food' applies can be approved")),
        workflow.problemsAgainst(Fixtures.context()));
  }

  @Test
  void twoConditionalStagesThatMayNeverApplyTogetherAreNotReported() {
    // food and cosmetics never apply to one listing; each alone fits beside the manager stage
    Stage food = stage("food", "compliance").quorum(Quorum.all()).condition(Condition.in("category", "food"))
        .build();
    Stage cosmetics = stage("cosmetics", "compliance").quorum(Quorum.all())
        .condition(Condition.in("category", "cosmetics")).build();
    ReviewWorkflow workflow = workflow(Phase.of(food, cosmetics), Phase.of(stage("m", "copywriter").build()))
        .addDistinctApproverStages("food", "cosmetics", "m").build();

    workflow.validateAgainst(Fixtures.team());
  }

  @Test
  void everyImpossibleSetIsReportedAtOnceWithTheOtherProblems() {
    ReviewWorkflow workflow = workflow(
        Phase.of(stage("a", "manager").quorum(Quorum.all()).build(), stage("b", "manager").quorum(Quorum.all())
            .build()),
        Phase.of(stage("x", "copywriter").quorum(Quorum.atLeast(2)).build(),
            stage("y", "copywriter").build(), stage("z", "copywritter").build()),
        Phase.of(stage("c", "designer").quorum(Quorum.all()).condition(Condition.in("category", "food")).build(),
            stage("d", "designer").condition(Condition.in("category", "food", "tea")).build()))
        .addDistinctApproverStages("a", "b", "x", "y", "c", "d").leadRole("boss").build();

    List<Problem> problems = workflow.problemsAgainst(Fixtures.context());

    assertEquals(List.of("phases[1].stages[2].reviewerRoles[0]", "phases[1].stages[2].quorum",
        "distinctApproverStages", "distinctApproverStages", "leadRole"),
        problems.stream().map(Problem::path).toList(), problems.toString());
    assertTrue(problems.get(2).message().startsWith("stages 'a' and 'b'"), problems.get(2).message());
    // c and d both have conditions, so they are never checked together: here every food listing would
    // stall (c needs both designers, d one of them), but the check cannot tell whether two conditions can
    // hold at once
    assertEquals("stages 'x' and 'y' need 3 approvals (2 + 1), each from a different member, but only 2 members"
        + " could ever be eligible for them, so no case can be approved", problems.get(3).message());
  }

  @Test
  void twoAllQuorumStagesSharingOneReviewerPassValidationSinceACaseThatReviewerSubmitsCanBeApproved() {
    // a needs ma and guo, b needs ma and tang; ma may approve only one, unless ma submits
    ReviewWorkflow workflow = workflow(
        Phase.of(Stage.builder().id("a").name("A").addReviewerMembers("ma", "guo").quorum(Quorum.all()).build()),
        Phase.of(Stage.builder().id("b").name("B").addReviewerMembers("ma", "tang").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    CaseDriver byChen = new CaseDriver(workflow, Fixtures.context(), "chen's");
    byChen.accept(byChen.submit("chen", Fixtures.listing("tea", 20)));
    byChen.accept(byChen.approve("ma", "a"));
    byChen.accept(byChen.approve("guo", "a"));
    byChen.accept(byChen.approve("tang", "b"));
    assertEquals(RefusalReason.SAME_APPROVER, byChen.refuse(byChen.approve("ma", "b")).reason());
    CaseDriver byMa = new CaseDriver(workflow, Fixtures.context(), "ma's");
    byMa.accept(byMa.submit("ma", Fixtures.listing("tea", 20)));
    byMa.accept(byMa.approve("guo", "a"));
    byMa.accept(byMa.approve("tang", "b"));

    assertEquals(CaseStatus.IN_REVIEW, byChen.state.status());
    assertEquals(Outcome.APPROVED, byMa.state.outcome().orElseThrow());
    assertEquals(List.of(), workflow.problemsAgainst(Fixtures.context()),
        "who submits is the platform's matter, as with a stage whose only reviewer submits");
  }

  /**
   * An all-quorum stage with a deadline that keeps approvals through a resubmission does not count
   * those of escalated members once it reopens un-escalated: every copywriter must still approve
   * it, so the two stages stall whatever the re-review policy, and both policies are reported.
   */
  @Test
  void approvalsKeptFromAnEscalationDoNotCountTowardAllSoEveryPolicyIsReported() {
    Function<ReReview, ReviewWorkflow> withPolicy = policy -> workflow(
        Phase.of(stage("a", "copywriter").quorum(Quorum.all()).reReview(policy).deadline(Deadline.builder()
            .escalateAfter(Duration.ofHours(1)).escalationRole("designer").build()).build()),
        Phase.of(stage("b", "copywriter").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").build();
    ReviewWorkflow keep = withPolicy.apply(ReReview.keep());
    CaseDriver d = new CaseDriver(keep, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.after(Duration.ofHours(2)).tick());
    d.accept(d.approve("wang", "a"));
    d.accept(d.approve("li", "a"));
    assertEquals(StageStatus.OPEN, d.status("a"), "escalated, a needs lin, zhou, wang and li");
    d.accept(d.resubmit("chen", Fixtures.listing("tea", 20)));
    assertEquals(StageStatus.OPEN, d.status("a"), "reopened un-escalated, a needs lin and zhou");
    d.accept(d.approve("lin", "a"));
    d.accept(d.approve("zhou", "a"));
    assertEquals(RefusalReason.SAME_APPROVER, d.refuse(d.approve("lin", "b")).reason());

    Problem stalled = Problem.of("distinctApproverStages", "stages 'a' and 'b', both reviewed by role"
        + " 'copywriter', need the approval of every eligible member (quorum all), but the 2 members eligible in"
        + " both (lin, zhou) may approve only one of them, so no case can be approved");
    assertEquals(List.of(stalled), keep.problemsAgainst(Fixtures.context()));
    assertEquals(List.of(stalled), withPolicy.apply(ReReview.reset()).problemsAgainst(Fixtures.context()));
  }

  @Test
  void twelveStagesAgainstTenThousandMembersAreCheckedInUnderTwoSeconds() {
    List<Member> members = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      roles.add(Role.of("r" + r, "R" + r));
    }
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      int role = random.nextInt(12);
      members.add(Fixtures.member("m" + i, "r" + role, "r" + (role + 1 + random.nextInt(11)) % 12));
    }
    Team team = Team.builder().id("big").name("Big").roles(roles).members(members).build();
    List<Stage> stages = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      Stage.Builder stage = stage("s" + s, "r" + s).addReviewerRole("r" + (s + 1) % 12)
          .quorum(List.of(Quorum.all(), Quorum.majority(), Quorum.atLeast(900), Quorum.any()).get(s % 4));
      if (s % 3 == 2) {
        stage.condition(Condition.in("category", "food"));
      }
      stages.add(stage.build());
    }
    ReviewWorkflow workflow = workflow(Phase.builder().addAllStages(stages).build())
        .distinctApproverStages(stages.stream().map(Stage::id).toList()).build();

    long start = System.nanoTime();
    List<Problem> problems = workflow.problemsAgainst(ReviewContext.of(team));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(millis < 2_000, millis + " ms");
    assertEquals(List.of("distinctApproverStages"), problems.stream().map(Problem::path).distinct().toList());
    List<Problem> everyone = workflow(Phase.of(stage("a", "r0").quorum(Quorum.all()).build()),
        Phase.of(stage("b", "r0").quorum(Quorum.all()).build())).addDistinctApproverStages("a", "b").build()
        .problemsAgainst(ReviewContext.of(team));
    assertTrue(everyone.get(0).message().matches(".*but the \\d+ members eligible in both \\(m\\d+, m\\d+, m\\d+,"
        + " m\\d+, m\\d+ and \\d+ more\\) may approve only one of them, so no case can be approved"),
        everyone.get(0).message());
  }

  /**
   * A lead can reassign a stage's reviewers case by case, and so get past what validation reports;
   * a definition that needs that in every case is still reported, and the message says so.
   */
  @Test
  void aLeadReassigningEveryCaseCanGetPastItSoTheMessageSaysSo() {
    ReviewWorkflow workflow = workflow(Phase.of(stage("a", "manager").quorum(Quorum.all()).build()),
        Phase.of(stage("b", "manager").quorum(Quorum.all()).build()))
        .addDistinctApproverStages("a", "b").leadRole("lead").build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.reassign("guo", "b", "ma", "lin"));
    d.accept(d.reassign("guo", "b", "guo", "zhou"));
    d.accept(d.reassign("guo", "b", "tang", "wang"));
    for (String manager : List.of("ma", "guo", "tang")) {
      d.accept(d.approve(manager, "a"));
    }
    for (String member : List.of("lin", "zhou", "wang")) {
      d.accept(d.approve(member, "b"));
    }

    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
    assertEquals(List.of(Problem.of("distinctApproverStages", ALL_MANAGERS + " without a lead reassigning its"
        + " reviewers")), workflow.problemsAgainst(Fixtures.context()));
  }

  @Test
  void theFixtureListingReviewStillPasses() {
    Fixtures.listingReview().validateAgainst(Fixtures.team());
  }
}
