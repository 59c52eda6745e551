package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Quorum#all()} on a stage whose deadline escalates to a larger role. Escalation makes every
 * holder of the escalation role eligible, and "all" then means all of them too; they may vote, so
 * the stage can still be approved. The submitter is never counted. What does stall such a case is
 * an eligible member who may vote but not approve (the last editor, or a member who approved
 * another distinct-approver stage); that depends on the case, not the definition, and a
 * resubmission gets it going again, so validation leaves it alone.
 */
class AllQuorumEscalationTest {
  /** Copy review by every copywriter (lin, zhou); after an hour every manager (ma, guo, tang) too. */
  private static ReviewWorkflow.Builder copyByAll() {
    return ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("copy").name("Copy").addReviewerRole("copywriter")
            .quorum(Quorum.all()).deadline(Deadline.builder().escalateAfter(Duration.ofHours(1))
                .escalationRole("manager").build()).build()));
  }

  @Test
  void anEscalatedAllQuorumNeedsEveryEscalationHolderTooAndTheirApprovalsFinishIt() {
    ReviewWorkflow workflow = copyByAll().build();
    workflow.validateAgainst(Fixtures.team());
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("lin", "copy"));
    d.accept(d.after(Duration.ofHours(2)).tick());
    StageProgress copy = Reviews.progress(workflow, Fixtures.context(), d.state).get(0);
    assertEquals(5, copy.required());
    for (String member : List.of("zhou", "ma", "guo")) {
      d.accept(d.approve(member, "copy"));
    }
    assertEquals(StageStatus.OPEN, d.status("copy"));
    d.accept(d.approve("tang", "copy"));

    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
  }

  @Test
  void theSubmitterIsNotCountedInAnAllQuorumEvenWhenTheyHoldTheEscalationRole() {
    ReviewWorkflow workflow = copyByAll().build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(d.submit("guo", Fixtures.listing("tea", 20)));
    d.accept(d.after(Duration.ofHours(2)).tick());
    assertEquals(4, Reviews.progress(workflow, Fixtures.context(), d.state).get(0).required());
    assertEquals(RefusalReason.SELF_REVIEW, d.refuse(d.approve("guo", "copy")).reason());
    for (String member : List.of("lin", "zhou", "ma", "tang")) {
      d.accept(d.approve(member, "copy"));
    }

    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
  }

  @Test
  void aLastEditorCountedInAnEscalatedAllQuorumStallsTheCaseUntilAResubmissionNamesAnotherEditor() {
    ReviewWorkflow workflow = copyByAll().lastEditorMayNotApprove(true).build();
    workflow.validateAgainst(Fixtures.team());
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "c");

    d.accept(Submit.builder().from(d.submit("chen", Fixtures.listing("tea", 20))).editedBy("ma").build());
    d.accept(d.approve("lin", "copy"));
    d.accept(d.after(Duration.ofHours(2)).tick());
    for (String member : List.of("zhou", "guo", "tang")) {
      d.accept(d.approve(member, "copy"));
    }
    assertEquals(RefusalReason.LAST_EDITOR, d.refuse(d.approve("ma", "copy")).reason());
    d.accept(d.after(Duration.ofDays(1000)).tick());
    assertEquals(StageStatus.OPEN, d.status("copy"), "4 of 5 approvals, and the fifth may not approve");

    // chen resubmits and is the last editor now: the stage reopens un-escalated, reset, and can pass
    d.accept(d.resubmit("chen", Fixtures.listing("tea", 20)));
    d.accept(d.approve("lin", "copy"));
    d.accept(d.approve("zhou", "copy"));

    assertEquals(Outcome.APPROVED, d.state.outcome().orElseThrow());
  }

  /**
   * Compliance by every compliance officer (xu, tang), escalating to the managers; then 2 managers,
   * who may not have approved compliance. Passed in time, a case is approved; escalated, every
   * manager must approve compliance and none may then approve the manager stage.
   */
  @Test
  void anEscalationCanStallADistinctApproverCaseThatValidationRightlyAccepts() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().id("w").version(1).subjectKind("listing")
        .addPhase(Phase.of(Stage.builder().id("compliance").name("Compliance").addReviewerRole("compliance")
            .quorum(Quorum.all()).deadline(Deadline.builder().escalateAfter(Duration.ofHours(1))
                .escalationRole("manager").build()).build()))
        .addPhase(Phase.of(Stage.builder().id("manager").name("Manager").addReviewerRole("manager")
            .quorum(Quorum.atLeast(2)).build()))
        .addDistinctApproverStages("compliance", "manager").build();
    workflow.validateAgainst(Fixtures.team());

    CaseDriver inTime = new CaseDriver(workflow, Fixtures.context(), "in-time");
    inTime.accept(inTime.submit("chen", Fixtures.listing("tea", 20)));
    inTime.accept(inTime.approve("xu", "compliance"));
    inTime.accept(inTime.approve("tang", "compliance"));
    inTime.accept(inTime.approve("ma", "manager"));
    inTime.accept(inTime.approve("guo", "manager"));
    assertEquals(Outcome.APPROVED, inTime.state.outcome().orElseThrow());

    CaseDriver late = new CaseDriver(workflow, Fixtures.context(), "late");
    late.accept(late.submit("chen", Fixtures.listing("tea", 20)));
    late.accept(late.after(Duration.ofHours(2)).tick());
    for (String member : List.of("xu", "tang", "ma", "guo")) {
      late.accept(late.approve(member, "compliance"));
    }
    assertEquals(StageStatus.OPEN, late.status("manager"));
    for (String manager : List.of("ma", "guo", "tang")) {
      assertEquals(RefusalReason.SAME_APPROVER, late.refuse(late.approve(manager, "manager")).reason());
    }
    // a resubmission resets compliance, which reopens un-escalated: xu and tang suffice again
    late.accept(late.resubmit("chen", Fixtures.listing("tea", 20)));
    late.accept(late.approve("xu", "compliance"));
    late.accept(late.approve("tang", "compliance"));
    late.accept(late.approve("ma", "manager"));
    late.accept(late.approve("guo", "manager"));
    assertEquals(Outcome.APPROVED, late.state.outcome().orElseThrow());
  }
}
