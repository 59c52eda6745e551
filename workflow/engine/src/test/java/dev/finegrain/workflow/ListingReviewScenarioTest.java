package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.StageSkipped;
import dev.finegrain.workflow.event.VoteCast;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The listing review end to end: copy and image in parallel, compliance for food and cosmetics, 2 of 3 managers. */
class ListingReviewScenarioTest {
  private final CaseDriver review = CaseDriver.listing();

  private static List<String> types(List<ReviewEvent> events) {
    return events.stream().map(e -> e.getClass().getSimpleName().replace("Immutable", "")).toList();
  }

  @Test
  void submissionOpensCopyAndImageReviewInParallel() {
    List<ReviewEvent> events = review.accept(review.submit("chen", listing("food", 39.9)));

    assertEquals(List.of("CaseSubmitted", "StageOpened", "StageOpened"), types(events));
    assertEquals(StageStatus.OPEN, review.status("copy"));
    assertEquals(StageStatus.OPEN, review.status("image"));
    assertEquals(StageStatus.PENDING, review.status("compliance"));
    assertEquals(CaseStatus.IN_REVIEW, review.state.status());
    assertEquals(3, review.state.version());
  }

  @Test
  void foodListingPassesCopyImageComplianceAndTwoManagers() {
    review.accept(review.submit("chen", listing("food", 39.9)));

    review.accept(review.approve("lin", "copy"));
    assertEquals(StageStatus.APPROVED, review.status("copy"));
    assertEquals(StageStatus.PENDING, review.status("compliance"), "compliance waits for image review");

    List<ReviewEvent> imageApproved = review.accept(review.approve("wang", "image"));
    assertEquals(List.of("VoteCast", "StageApproved", "StageOpened"), types(imageApproved));
    assertEquals(StageStatus.OPEN, review.status("compliance"));

    review.accept(review.approve("xu", "compliance"));
    assertEquals(StageStatus.OPEN, review.status("manager"));

    review.accept(review.approve("ma", "manager"));
    assertEquals(StageStatus.OPEN, review.status("manager"), "one of two manager approvals");
    List<ReviewEvent> last = review.accept(review.approve("guo", "manager"));

    assertEquals(List.of("VoteCast", "StageApproved", "CaseClosed"), types(last));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
    assertEquals(CaseStatus.CLOSED, review.state.status());
    assertEquals(ReviewCase.replay(review.log), review.state);
  }

  @Test
  void quorumTwoOfThreeClosesStageEarly() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));

    review.accept(review.approve("tang", "manager"));
    review.accept(review.approve("ma", "manager"));

    assertEquals(StageStatus.APPROVED, review.status("manager"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
    assertEquals(RefusalReason.CASE_CLOSED, review.refuse(review.approve("guo", "manager")).reason());
  }

  @Test
  void complianceIsSkippedForAListingThatIsNeitherFoodNorCosmetics() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    List<ReviewEvent> events = review.accept(review.approve("wang", "image"));

    assertEquals(List.of("VoteCast", "StageApproved", "StageSkipped", "StageOpened"), types(events));
    assertEquals(StageStatus.SKIPPED, review.status("compliance"));
    StageSkipped skipped = (StageSkipped) events.get(2);
    assertEquals("condition category in [\"cosmetics\", \"food\"] does not hold", skipped.reason());
    assertEquals(StageStatus.OPEN, review.status("manager"));
  }

  @Test
  void priceChangeReopensManagerApprovalButKeepsImageReview() {
    review.accept(review.submit("chen", listing("food", 39.9)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.approve("xu", "compliance"));
    review.accept(review.approve("ma", "manager"));

    List<ReviewEvent> sentBack = review.accept(review.requestChanges("guo", "manager", "price is above our range"));
    assertEquals(List.of("VoteCast", "ChangesRequested"), types(sentBack));
    assertEquals(CaseStatus.AWAITING_RESUBMISSION, review.state.status());
    assertEquals("price is above our range", review.state.sentBack().get(0).reasons().get(0));
    assertEquals(RefusalReason.AWAITING_RESUBMISSION, review.refuse(review.approve("tang", "manager")).reason());

    List<ReviewEvent> resubmitted = review.accept(review.resubmit("chen", listing("food", 34.9)));

    assertEquals(List.of("Resubmitted", "StageOpened"), types(resubmitted));
    assertEquals(List.of("manager"), ((Resubmitted) resubmitted.get(0)).resetStages());
    assertEquals(2, review.state.revision());
    assertEquals(StageStatus.APPROVED, review.status("copy"), "title and description did not change");
    assertEquals(StageStatus.APPROVED, review.status("image"), "image review keeps its approval");
    assertEquals(StageStatus.APPROVED, review.status("compliance"), "category and ingredients did not change");
    assertEquals(StageStatus.OPEN, review.status("manager"));
    assertEquals(0, review.state.stage("manager").approvals(), "ma's approval was for the old price");

    review.accept(review.approve("ma", "manager"));
    review.accept(review.approve("guo", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void titleChangeReopensCopyReviewButKeepsImageAndManagerApprovalsOnUnchangedPrice() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("wang", "image"));
    review.accept(review.requestChanges("lin", "copy", "the title oversells"));

    review.accept(review.resubmit("chen", listing("apparel", 20).with("title", "Green tea 250 g")));

    assertEquals(StageStatus.OPEN, review.status("copy"));
    assertEquals(StageStatus.APPROVED, review.status("image"));
    assertTrue(review.state.stage("copy").votes().isEmpty(), "lin may look again");
    review.accept(review.approve("lin", "copy"));
    assertEquals(StageStatus.OPEN, review.status("manager"));
  }

  @Test
  void categoryChangeToFoodMakesComplianceApplyOnResubmission() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    assertEquals(StageStatus.SKIPPED, review.status("compliance"));
    review.accept(review.requestChanges("ma", "manager", "this is tea, list it as food"));

    List<ReviewEvent> events = review.accept(review.resubmit("chen", listing("food", 20)));

    assertEquals(List.of("Resubmitted", "StageOpened"), types(events));
    assertEquals(StageStatus.OPEN, review.status("compliance"));
    assertEquals(StageStatus.PENDING, review.status("manager"));
  }

  @Test
  void managerApprovalEscalatesToTheDirectorAndThenExpiresByTick() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    assertEquals(RefusalReason.NOT_ELIGIBLE, review.refuse(review.approve("boss", "manager")).reason());

    assertTrue(review.accept(review.after(Duration.ofHours(47)).tick()).isEmpty(), "nothing due yet");
    List<ReviewEvent> escalation = review.accept(review.after(Duration.ofHours(2)).tick());

    assertEquals(List.of("Escalated"), types(escalation));
    Escalated escalated = (Escalated) escalation.get(0);
    assertEquals(Fixtures.T0.plus(Duration.ofHours(48)), escalated.at(), "the event carries the deadline's instant");
    assertEquals(ReviewEvent.SYSTEM, escalated.actor());
    assertTrue(review.state.stage("manager").escalated());
    review.accept(review.approve("boss", "manager"));

    List<ReviewEvent> expiry = review.accept(review.after(Duration.ofHours(50)).tick());

    assertEquals(List.of("CaseClosed"), types(expiry));
    assertEquals(Optional.of(Outcome.EXPIRED), review.state.outcome());
    assertEquals(Fixtures.T0.plus(Duration.ofHours(96)), expiry.get(0).at());
    assertEquals("stage 'manager' had no decision within PT96H of opening", review.state.closeReason().orElseThrow());
  }

  @Test
  void aVoteAfterAnUnfiredExpiryIsRefusedAndTheNextTickRecordsTheExpiry() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));

    Refusal late = review.after(Duration.ofHours(100)).refuse(review.approve("ma", "manager"));

    assertEquals(RefusalReason.CASE_CLOSED, late.reason());
    assertEquals(List.of("Escalated", "CaseClosed"), types(review.accept(review.tick())));
    assertEquals(Optional.of(Outcome.EXPIRED), review.state.outcome());
  }

  @Test
  void aVoteAfterTheEscalationDeadlineFiresTheEscalationFirst() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));

    List<ReviewEvent> events = review.after(Duration.ofHours(50)).accept(review.approve("boss", "manager"));

    assertEquals(List.of("Escalated", "VoteCast"), types(events));
  }

  @Test
  void oneRejectionVetoesTheCase() {
    review.accept(review.submit("chen", listing("cosmetics", 20)));
    review.accept(review.approve("lin", "copy"));

    List<ReviewEvent> events = review.accept(review.reject("li", "image", "the photo shows another product"));

    assertEquals(List.of("VoteCast", "StageRejected", "CaseClosed"), types(events));
    assertEquals(Optional.of(Outcome.REJECTED), review.state.outcome());
    assertEquals("stage 'image' rejected by li: the photo shows another product", review.state.closeReason().orElseThrow());
    assertEquals(StageStatus.REJECTED, review.status("image"));
  }

  @Test
  void submitterWithdrawsTheCase() {
    review.accept(review.submit("chen", listing("food", 20)));
    review.accept(review.approve("lin", "copy"));

    List<ReviewEvent> events = review.accept(review.withdraw("chen"));

    assertEquals(List.of("CaseClosed"), types(events));
    assertEquals(Optional.of(Outcome.WITHDRAWN), review.state.outcome());
    assertEquals("withdrawn by chen", review.state.closeReason().orElseThrow());
  }

  @Test
  void aDelegateVotesForTheManagerWhoDelegated() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.delegate("tang", "tang", "boss", Duration.ofDays(7)));

    List<ReviewEvent> events = review.accept(review.approve("boss", "manager"));

    VoteCast vote = (VoteCast) events.get(0);
    assertEquals("boss", vote.actor());
    assertEquals(Optional.of("tang"), vote.onBehalfOf());
    assertEquals(RefusalReason.ALREADY_VOTED, review.refuse(review.approve("tang", "manager")).reason());
    review.accept(review.approve("ma", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void theLeadReassignsAManagerOnLeave() {
    review.accept(review.submit("chen", listing("apparel", 20)));
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));

    review.accept(review.reassign("guo", "manager", "ma", "boss"));

    assertEquals(RefusalReason.NOT_ELIGIBLE, review.refuse(review.approve("ma", "manager")).reason());
    review.accept(review.approve("boss", "manager"));
    review.accept(review.approve("tang", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void unlessQuorumReachableARejectionOnlyRejectsOnceTwoApprovalsAreOutOfReach() {
    ReviewWorkflow lenient = ReviewWorkflow.builder().from(Fixtures.listingReview()).phases(List.of(
        Phase.of(Stage.builder().from(Fixtures.manager()).vetoPolicy(VetoPolicy.UNLESS_QUORUM_REACHABLE).build())))
        .distinctApproverStages(List.of()).build();
    CaseDriver lenientReview = new CaseDriver(lenient, Fixtures.context(), "listing-43");
    lenientReview.accept(lenientReview.submit("chen", listing("apparel", 20)));

    List<ReviewEvent> first = lenientReview.accept(lenientReview.reject("ma", "manager", "too expensive"));
    assertEquals(List.of("VoteCast"), types(first), "guo and tang can still approve");
    List<ReviewEvent> second = lenientReview.accept(lenientReview.reject("guo", "manager", "agreed"));

    assertEquals(List.of("VoteCast", "StageRejected", "CaseClosed"), types(second));
    assertEquals(Optional.of(Outcome.REJECTED), lenientReview.state.outcome());
  }

  @Test
  void commentsAreLoggedWithoutChangingTheReview() {
    review.accept(review.submit("chen", listing("food", 20)));
    List<ReviewEvent> events = review.accept(review.comment("lin", "the second image is blurry"));

    assertEquals(List.of("Commented"), types(events));
    assertEquals(StageStatus.OPEN, review.status("image"));
    assertFalse(review.state.isClosed());
  }
}
