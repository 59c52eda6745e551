package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static dev.finegrain.workflow.Fixtures.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refusal reason, each with a readable message; a refusal never changes the case. */
class RefusalTest {
  private final CaseDriver review = CaseDriver.listing();

  /** Submitted apparel listing with copy and image approved: manager approval is open. */
  private CaseDriver atManagerApproval() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    return review;
  }

  private static void assertRefusal(RefusalReason reason, String message, Refusal refusal) {
    assertEquals(reason, refusal.reason(), refusal.toString());
    assertEquals(message, refusal.message());
  }

  @Test
  void refusesACommandForACaseNeverSubmitted() {
    assertRefusal(RefusalReason.CASE_NOT_FOUND, "case listing-42 was never submitted",
        review.refuse(review.approve("lin", "copy")));
  }

  @Test
  void refusesASecondSubmission() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.CASE_ALREADY_SUBMITTED, "case listing-42 was already submitted by chen",
        review.refuse(review.submit("chen", listing("food", 21))));
  }

  @Test
  void refusesEveryCommandOnAClosedCase() {
    review.accept(review.submit("chen", listing("food", 20)));
    review.accept(review.withdraw("chen"));

    Refusal refusal = review.refuse(review.approve("lin", "copy"));

    assertRefusal(RefusalReason.CASE_CLOSED, "case listing-42 is closed (withdrawn: withdrawn by chen)", refusal);
    assertEquals(RefusalReason.CASE_CLOSED, review.refuse(review.comment("lin", "too late")).reason());
    assertEquals(RefusalReason.CASE_CLOSED, review.refuse(review.tick()).reason());
  }

  @Test
  void refusesAStaleExpectedVersion() {
    review.accept(review.submit("chen", listing("food", 20)));
    Approve stale = Approve.builder().from(review.approve("lin", "copy")).expectedVersion(2L).build();

    assertRefusal(RefusalReason.VERSION_CONFLICT, "case listing-42 is at version 3, not 2 as lin expected; reload it",
        review.refuse(stale));
    review.accept(Approve.builder().from(stale).expectedVersion(3L).build());
  }

  @Test
  void refusesVotesWhileTheCaseWaitsForResubmission() {
    review.accept(review.submit("chen", listing("food", 20)));
    review.accept(review.requestChanges("lin", "copy", "fix the title"));

    assertRefusal(RefusalReason.AWAITING_RESUBMISSION,
        "case listing-42 went back to chen for changes; votes resume after the resubmission",
        review.refuse(review.approve("wang", "image")));
  }

  @Test
  void refusesAnUnknownStage() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.UNKNOWN_STAGE,
        "workflow 'listing-review' v1 has no stage 'legal'; its stages are [copy, image, compliance, manager]",
        review.refuse(review.approve("lin", "legal")));
  }

  @Test
  void refusesAVoteInAStageThatIsNotOpen() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.STAGE_NOT_OPEN, "stage 'manager' of case listing-42 is pending, not open for votes",
        review.refuse(review.approve("ma", "manager")));
    review.accept(review.approve("lin", "copy"));
    assertRefusal(RefusalReason.STAGE_NOT_OPEN, "stage 'copy' of case listing-42 is approved, not open for votes",
        review.refuse(review.approve("zhou", "copy")));
  }

  @Test
  void refusesAMemberWithoutTheStageRole() {
    atManagerApproval();

    assertRefusal(RefusalReason.NOT_ELIGIBLE, "lin may not vote in stage 'manager': the stage is reviewed by holders"
        + " of [manager], and by holders of 'director' only after it escalates",
        review.refuse(review.approve("lin", "manager")));
  }

  @Test
  void refusesSomeoneWhoIsNotOnTheTeam() {
    atManagerApproval();

    assertRefusal(RefusalReason.UNKNOWN_MEMBER, "mallory is not a member of team 'shop' and may not vote in stage"
        + " 'manager'", review.refuse(review.reject("mallory", "manager", "no")));
    assertEquals(RefusalReason.UNKNOWN_MEMBER, review.refuse(review.approve("mallory", "manager")).reason());
    assertEquals(RefusalReason.UNKNOWN_MEMBER, review.refuse(review.approveFor("guo", "mallory", "manager")).reason(),
        "a vote for a stranger: no delegation can come from them");
  }

  @Test
  void refusesAVoteDatedBeforeTheSubmission() {
    review.after(Duration.ofDays(365));
    review.accept(review.submit("chen", listing("food", 20)));
    review.now = Fixtures.T0;

    assertRefusal(RefusalReason.BEFORE_LAST_EVENT, "lin's command c2 is dated 2026-03-02T09:00:00Z, more than PT1M"
        + " before the last event of case listing-42 (2027-03-02T09:00:00Z); a command cannot predate what already"
        + " happened to the case", review.refuse(review.approve("lin", "copy")));
    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.withdraw("chen")).reason());
    review.now = Fixtures.T0.plus(Duration.ofDays(365));
    review.accept(review.approve("lin", "copy"));
  }

  @Test
  void refusesADelegateReachingBackIntoAnEndedDelegationWindow() {
    atManagerApproval();
    Instant windowStart = review.now;
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofHours(1)));
    review.after(Duration.ofHours(3));
    review.accept(review.comment("lin", "still waiting for the managers"));

    review.now = windowStart.plus(Duration.ofMinutes(30));  // inside the window, but before the comment

    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.approveFor("boss", "ma", "manager")).reason());
    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.approve("boss", "manager")).reason());
  }

  /**
   * Two nodes' clocks differ a little: a command dated less than a minute before the last event is
   * decided, and recorded, at the last event's instant, so a delegation that ended in between no
   * longer holds for it.
   */
  @Test
  void aCommandDatedMomentsBeforeTheLastEventIsDecidedAtItsInstant() {
    atManagerApproval();
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofHours(1)));
    review.after(Duration.ofHours(1).plusSeconds(10));
    review.accept(review.comment("lin", "still waiting for the managers"));
    Instant last = review.now;

    review.now = last.minusSeconds(20);  // inside the delegation window, 20 s before the comment

    assertEquals(RefusalReason.NOT_DELEGATE, review.refuse(review.approveFor("boss", "ma", "manager")).reason());
    List<ReviewEvent> comment = review.accept(review.comment("wang", "concurrent with lin's"));
    assertEquals(last, comment.get(0).at(), "recorded at the last event's instant: the log stays in time order");
    review.now = last.minus(Reviews.CONCURRENT).minusNanos(1);
    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.comment("wang", "too far back")).reason());
  }

  @Test
  void aTickDatedBeforeTheLastEventDoesNothing() {
    atManagerApproval();
    review.after(Duration.ofHours(50));
    List<ReviewEvent> escalated = review.accept(review.tick());
    assertEquals(1, escalated.size(), "the escalation at 48 hours");
    ReviewCase before = review.state;

    review.now = Fixtures.T0.plus(Duration.ofHours(1));

    assertTrue(review.accept(review.tick()).isEmpty());
    assertEquals(before, review.state);
  }

  @Test
  void aCommandAtTheInstantOfTheLastEventIsAccepted() {
    review.accept(review.submit("chen", listing("food", 20)));

    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
  }

  @Test
  void refusesAReviewerReassignedOffTheStage() {
    atManagerApproval();
    review.accept(review.reassign("guo", "manager", "ma", "boss"));

    assertRefusal(RefusalReason.NOT_ELIGIBLE, "ma may not vote in stage 'manager': they were reassigned off the stage",
        review.refuse(review.approve("ma", "manager")));
  }

  @Test
  void refusesAVoteOnBehalfOfAMemberWithoutADelegation() {
    atManagerApproval();

    assertRefusal(RefusalReason.NOT_DELEGATE, "boss may not vote for ma: no delegation from ma to boss holds at "
        + review.now, review.refuse(review.approveFor("boss", "ma", "manager")));
  }

  @Test
  void refusesADelegateAfterTheDelegationEnded() {
    atManagerApproval();
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofHours(1)));

    review.after(Duration.ofHours(2));

    assertEquals(RefusalReason.NOT_DELEGATE, review.refuse(review.approveFor("boss", "ma", "manager")).reason());
    assertEquals(RefusalReason.NOT_ELIGIBLE, review.refuse(review.approve("boss", "manager")).reason());
  }

  @Test
  void rejectsSelfReview() {
    review.accept(review.submit("wang", listing("food", 20)));

    assertRefusal(RefusalReason.SELF_REVIEW, "wang submitted case listing-42 and may not review it",
        review.refuse(review.approve("wang", "image")));
    review.accept(review.approve("li", "image"));
  }

  @Test
  void allowsSelfReviewWhenTheWorkflowPermitsIt() {
    CaseDriver lax = new CaseDriver(ReviewWorkflow.builder().from(Fixtures.listingReview()).forbidSelfReview(false)
        .build(), Fixtures.context(), "listing-9");
    lax.accept(lax.submit("wang", listing("food", 20)));

    lax.accept(lax.approve("wang", "image"));
  }

  @Test
  void refusesADelegateVotingForTheSubmitter() {
    // the delegation itself is refused now; a log from before may hold it
    review.accept(review.submit("wang", listing("food", 20)));
    review.recordDelegation("wang", "li", Duration.ofDays(1));

    assertRefusal(RefusalReason.SELF_REVIEW, "wang submitted case listing-42; li may not vote for them",
        review.refuse(review.approveFor("li", "wang", "image")));
  }

  @Test
  void refusesASecondVoteInTheSameStage() {
    atManagerApproval();
    review.accept(review.approve("ma", "manager"));

    assertRefusal(RefusalReason.ALREADY_VOTED, "ma already voted in stage 'manager' of case listing-42",
        review.refuse(review.reject("ma", "manager", "changed my mind")));
  }

  @Test
  void refusesTheSameMemberApprovingComplianceAndManagerApproval() {
    review.accept(review.submit("chen", listing("cosmetics", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.approve("tang", "compliance"));

    assertRefusal(RefusalReason.SAME_APPROVER, "tang already approved stage 'compliance' of case listing-42; stages"
        + " [compliance, manager] need different approvers", review.refuse(review.approve("tang", "manager")));
    assertEquals(RefusalReason.SAME_APPROVER, review.refuse(review.approve("tang", "manager")).reason());
    review.accept(review.reject("tang", "manager", "rejecting is not approving"));
  }

  @Test
  void refusesTheLastEditorsApprovalWhenTheWorkflowForbidsIt() {
    CaseDriver strict = new CaseDriver(ReviewWorkflow.builder().from(Fixtures.listingReview())
        .lastEditorMayNotApprove(true).build(), Fixtures.context(), "listing-10");
    strict.accept(Submit.builder().from(strict.submit("chen", listing("food", 20))).editedBy("lin").build());

    assertRefusal(RefusalReason.LAST_EDITOR, "lin edited revision 1 of case listing-10 and may not approve it",
        strict.refuse(strict.approve("lin", "copy")));
    strict.accept(strict.approve("zhou", "copy"));
  }

  @Test
  void onlyTheSubmitterMayResubmitOrWithdraw() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.NOT_SUBMITTER, "only chen, who submitted case listing-42, may resubmit it; lin did not"
        + " submit it", review.refuse(review.resubmit("lin", listing("food", 21))));
    assertEquals(RefusalReason.NOT_SUBMITTER, review.refuse(review.withdraw("guo")).reason());
  }

  @Test
  void onlyTheLeadMayReassign() {
    atManagerApproval();

    assertRefusal(RefusalReason.NOT_LEAD, "only holders of the lead role 'lead' may reassign reviewers; ma does not"
        + " hold it", review.refuse(review.reassign("ma", "manager", "tang", "boss")));
  }

  @Test
  void nobodyMayReassignInAWorkflowWithoutLeadRole() {
    CaseDriver orders = new CaseDriver(Fixtures.orderReview(), Fixtures.context(), "order-1");
    orders.accept(orders.submit("chen", order(5000)));

    assertRefusal(RefusalReason.NOT_LEAD, "workflow 'order-review' v1 has no lead role, so nobody may reassign"
        + " reviewers", orders.refuse(orders.reassign("guo", "order", "ma", "boss")));
  }

  @Test
  void onlyTheMemberOrTheLeadMayDelegateTheirVotes() {
    atManagerApproval();

    assertRefusal(RefusalReason.NOT_LEAD, "only ma or a holder of the lead role 'lead' may delegate ma's votes, not"
        + " tang", review.refuse(review.delegate("tang", "ma", "tang", Duration.ofDays(1))));
    review.accept(review.delegate("guo", "ma", "boss", Duration.ofDays(1)));
  }

  @Test
  void refusesASubjectOfAnotherKind() {
    assertRefusal(RefusalReason.SUBJECT_KIND_MISMATCH, "workflow 'listing-review' v1 reviews 'listing' subjects, not"
        + " 'order'", review.refuse(review.submit("chen", order(5))));
    review.accept(review.submit("chen", listing("food", 20)));
    assertEquals(RefusalReason.SUBJECT_KIND_MISMATCH, review.refuse(review.resubmit("chen", order(5))).reason());
  }

  @Test
  void refusesCommentsAndDelegationsNamingStrangers() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.UNKNOWN_MEMBER, "mallory is neither on team 'shop' nor the submitter of case"
        + " listing-42", review.refuse(review.comment("mallory", "buy my stuff")));
    assertRefusal(RefusalReason.UNKNOWN_MEMBER, "mallory is not a member of team 'shop'",
        review.refuse(review.delegate("ma", "ma", "mallory", Duration.ofDays(1))));
    assertEquals(RefusalReason.UNKNOWN_MEMBER, review.refuse(review.reassign("guo", "manager", "ma", "mallory"))
        .reason());
    review.accept(review.comment("chen", "the submitter may comment"));
  }

  @Test
  void refusesATickFromSomeoneNeitherTheSystemNorOnTheTeamNorTheSubmitter() {
    atManagerApproval();
    review.after(Duration.ofHours(50));  // the escalation to the director is due
    Tick intruder = Tick.builder().commandId("t-1").caseId("listing-42").actor("mallory").at(review.now).build();

    assertRefusal(RefusalReason.UNKNOWN_MEMBER, "mallory may not tick case listing-42: neither finegrain:system"
        + " (ReviewEvent.SYSTEM) nor on team 'shop' nor its submitter", review.refuse(intruder));
    Tick early = Tick.builder().commandId("t-2").caseId("listing-42").actor("mallory").at(Fixtures.T0).build();
    assertEquals(RefusalReason.UNKNOWN_MEMBER, review.refuse(early).reason(), "dated before the last event too");
    for (String actor : List.of("chen", "ma", ReviewEvent.SYSTEM)) {
      review.accept(Tick.builder().commandId("t-" + actor).caseId("listing-42").actor(actor).at(review.now).build());
    }
    assertTrue(review.state.stage("manager").escalated(), "the first accepted tick fired the escalation");
  }

  /**
   * As documented on Submit and UNKNOWN_MEMBER: a submitter need not be on the team, and ids are
   * compared exactly, so "Lin" and member "lin" are two people to the engine.
   */
  @Test
  void aSubmitterNeedNotBeOnTheTeamAndIdsAreComparedExactly() {
    review.accept(review.submit("Lin", listing("food", 20)));
    review.accept(review.comment("Lin", "the submitter may comment"));
    assertEquals(RefusalReason.UNKNOWN_MEMBER, review.refuse(review.approve("Lin", "copy")).reason());

    review.accept(review.approve("lin", "copy"));  // not self-review: "lin" is not "Lin"

    CaseDriver own = new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-7");
    own.accept(own.submit("lin", listing("food", 20)));
    assertEquals(RefusalReason.SELF_REVIEW, own.refuse(own.approve("lin", "copy")).reason());
  }

  @Test
  void refusesDelegatingToOneself() {
    review.accept(review.submit("chen", listing("food", 20)));

    assertRefusal(RefusalReason.INVALID_DELEGATION, "ma cannot delegate to themselves",
        review.refuse(review.delegate("ma", "ma", "ma", Duration.ofDays(1))));
    // one for no time is refused when built (CommandInstantsTest)
  }

  @Test
  void refusesDelegatingToTheSubmitterWhoMayNotReviewIt() {
    atManagerApproval();

    assertRefusal(RefusalReason.INVALID_DELEGATION, "chen submitted case listing-42 and may not review it; delegate"
        + " ma's votes to someone else", review.refuse(review.delegate("ma", "ma", "chen", Duration.ofDays(1))));
    assertEquals(RefusalReason.INVALID_DELEGATION,
        review.refuse(review.delegate("guo", "ma", "chen", Duration.ofDays(1))).reason());
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofDays(1)));
  }

  @Test
  void refusesDelegatingTheSubmittersOwnVotesWhichCouldNeverCount() {
    CaseDriver own = new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-7");
    own.accept(own.submit("lin", listing("food", 20)));

    assertRefusal(RefusalReason.INVALID_DELEGATION, "lin submitted case listing-7 and may not review it; a"
        + " delegate could not vote for them either", own.refuse(own.delegate("lin", "lin", "he", Duration.ofDays(1))));
    assertEquals(RefusalReason.INVALID_DELEGATION,
        own.refuse(own.delegate("guo", "lin", "he", Duration.ofDays(1))).reason());
    own.accept(own.delegate("zhou", "zhou", "he", Duration.ofDays(1)));
  }

  @Test
  void aVoteWithoutOnBehalfOfGoesForADelegatorWhoMayVoteNotForTheSubmitter() {
    // lin, a copywriter, submits; lin's delegation to he (in a log from before such delegations were
    // refused) can never be used, zhou's can
    CaseDriver own = new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-7");
    own.accept(own.submit("lin", listing("food", 20)));
    own.recordDelegation("lin", "he", Duration.ofDays(1));
    own.accept(own.delegate("zhou", "zhou", "he", Duration.ofDays(1)));

    own.accept(own.approve("he", "copy"));

    assertTrue(own.state.stage("copy").hasVoteOf("zhou"), own.state.toString());
    assertFalse(own.state.stage("copy").hasVoteOf("lin"), own.state.toString());
  }

  @Test
  void allowsDelegatingToTheSubmitterWhenTheWorkflowPermitsSelfReview() {
    CaseDriver lax = new CaseDriver(ReviewWorkflow.builder().from(Fixtures.listingReview()).forbidSelfReview(false)
        .build(), Fixtures.context(), "listing-9");
    lax.accept(lax.submit("chen", listing("food", 20)));

    lax.accept(lax.delegate("lin", "lin", "chen", Duration.ofDays(1)));
    lax.accept(lax.approveFor("chen", "lin", "copy"));
  }

  @Test
  void refusesReassignmentsThatChangeNothingOrUndoAVote() {
    atManagerApproval();
    review.accept(review.approve("ma", "manager"));

    assertRefusal(RefusalReason.INVALID_REASSIGNMENT, "lin is not a reviewer of stage 'manager' in case listing-42",
        review.refuse(review.reassign("guo", "manager", "lin", "boss")));
    assertRefusal(RefusalReason.INVALID_REASSIGNMENT, "tang already reviews stage 'manager' in case listing-42",
        review.refuse(review.reassign("guo", "manager", "ma", "tang")));
    assertRefusal(RefusalReason.INVALID_REASSIGNMENT, "ma already voted in stage 'manager' of case listing-42; the"
        + " vote stands", review.refuse(review.reassign("guo", "manager", "ma", "boss")));
  }

  @Test
  void refusesReassigningAStageToTheSubmitterWhoMayNotReviewIt() {
    atManagerApproval();

    assertRefusal(RefusalReason.INVALID_REASSIGNMENT, "chen submitted case listing-42 and may not review it; reassign"
        + " stage 'manager' to someone else", review.refuse(review.reassign("guo", "manager", "tang", "chen")));
    review.accept(review.reassign("guo", "manager", "tang", "boss"));
  }

  @Test
  void aCommandForAnotherCaseOrWorkflowIsAProgrammingError() {
    review.accept(review.submit("chen", listing("food", 20)));
    Approve other = Approve.builder().from(review.approve("lin", "copy")).caseId("listing-43").build();

    assertThrows(IllegalArgumentException.class, () -> review.send(other));
    assertThrows(IllegalArgumentException.class, () -> Reviews.decide(
        ReviewWorkflow.builder().from(Fixtures.listingReview()).version(2).build(), Fixtures.context(), review.state,
        review.approve("lin", "copy")));
  }

  @Test
  void everyRefusalReasonHasATestAbove() {
    // a reminder for whoever adds a reason: this count changes, and so must the tests above
    assertEquals(21, RefusalReason.values().length);
  }
}
