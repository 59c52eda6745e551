package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.standard.Rules;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stage's gate: the subject must conform to a standard before the stage opens. */
class GateScenarioTest {
  static final Standard BASICS = Standard.builder().id("listing-basics").version(1).artifactKind("listing")
      .name("Listing basics")
      .addRule(Rules.maxLength("title", 30).withId("title-length"))
      .addRule(Rules.minSize("images", 3).withId("images"))
      .build();

  static ReviewWorkflow gated() {
    return ReviewWorkflow.builder().from(Fixtures.listingReview())
        .phases(List.of(Phase.of(Stage.builder().from(Fixtures.copy()).gate("listing-basics").build(),
            Fixtures.image()), Phase.of(Fixtures.manager())))
        .distinctApproverStages(List.of()).build();
  }

  private final ReviewContext context = ReviewContext.of(Fixtures.team(), StandardCatalog.of(BASICS));
  private final CaseDriver review = new CaseDriver(gated(), context, "listing-77");

  @Test
  void aFailedGateSendsTheCaseBackToTheSubmitterWithTheViolations() {
    List<ReviewEvent> events = review.accept(review.submit("chen", listing("food", 20)));

    assertEquals(2, events.size());
    GateFailed gate = (GateFailed) events.get(1);
    assertEquals("copy", gate.stageId());
    assertEquals("listing-basics", gate.standardId());
    assertEquals(ReviewEvent.SYSTEM, gate.actor());
    assertEquals(List.of("images"), gate.violations().stream().map(v -> v.ruleId()).toList());
    assertEquals(CaseStatus.AWAITING_RESUBMISSION, review.state.status());
    assertEquals(SentBack.Kind.GATE_FAILED, review.state.sentBack().get(0).kind());
    assertTrue(review.state.sentBack().get(0).reasons().get(0).startsWith("ERROR  images  images:"),
        review.state.sentBack().toString());
    assertEquals(StageStatus.PENDING, review.status("copy"));
    assertEquals(StageStatus.PENDING, review.status("image"), "no stage of the phase opens while a gate fails");
    assertEquals(RefusalReason.AWAITING_RESUBMISSION, review.refuse(review.approve("wang", "image")).reason());
  }

  @Test
  void aResubmissionThatConformsOpensTheGatedStage() {
    review.accept(review.submit("chen", listing("food", 20)));

    review.accept(review.resubmit("chen", listing("food", 20).with("images", List.of("a.jpg", "b.jpg", "c.jpg"))));

    assertEquals(CaseStatus.IN_REVIEW, review.state.status());
    assertEquals(StageStatus.OPEN, review.status("copy"));
    assertEquals(StageStatus.OPEN, review.status("image"));
    assertTrue(review.state.sentBack().isEmpty());
    review.accept(review.approve("lin", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.approve("ma", "manager"));
    review.accept(review.approve("guo", "manager"));
    assertEquals(Optional.of(Outcome.APPROVED), review.state.outcome());
  }

  @Test
  void validationReportsAGateStandardTheCatalogDoesNotKnow() {
    ReviewWorkflow workflow = ReviewWorkflow.builder().from(gated())
        .phases(List.of(Phase.of(Stage.builder().from(Fixtures.copy()).gate("listing-basic").build()))).build();

    assertEquals(List.of(dev.finegrain.core.Problem.of("phases[0].stages[0].gate",
        "unknown standard 'listing-basic'; known standards: [listing-basics]")), workflow.problemsAgainst(context));
    assertEquals(List.of(dev.finegrain.core.Problem.of("phases[0].stages[0].gate",
        "gate standard 'listing-basic' cannot be checked: the review context has no standard catalog")),
        workflow.problemsAgainst(Fixtures.context()));
    assertTrue(gated().problemsAgainst(context).isEmpty());
  }

  @Test
  void validationReportsAGateStandardForAnotherKindOfArtifact() {
    Standard images = Standard.builder().id("image-set").version(1).artifactKind("image-set").name("Images").build();
    ReviewWorkflow workflow = ReviewWorkflow.builder().from(gated())
        .phases(List.of(Phase.of(Stage.builder().from(Fixtures.copy()).gate("image-set").build()))).build();

    assertEquals("standard 'image-set' checks 'image-set' artifacts, but the workflow reviews 'listing' subjects",
        workflow.problemsAgainst(ReviewContext.of(Fixtures.team(), StandardCatalog.of(images))).get(0).message());
  }

  @Test
  void decidingAGatedWorkflowWithoutACatalogIsAProgrammingError() {
    CaseDriver noCatalog = new CaseDriver(gated(), Fixtures.context(), "listing-78");

    assertThrows(IllegalStateException.class, () -> noCatalog.send(noCatalog.submit("chen", listing("food", 20))));
  }
}
