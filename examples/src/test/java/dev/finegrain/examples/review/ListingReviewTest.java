package dev.finegrain.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.examples.Outputs;
import dev.finegrain.examples.listing.ListingConformance;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The listing review demo: its printed figures agree with figures recounted from the store. */
class ListingReviewTest {
  // the scenario is deterministic: run it once for the whole class
  private static final String out = Outputs.of(ListingReview::run);
  private static final ListingReview.Batch batch = ListingReview.simulate();
  private static final ReviewEngine engine = batch.engine();

  /** Every case's log, read back from its JSON as a platform's store would hold it. */
  private List<RecordedEvent> log(String caseId) {
    return FinegrainJson.read(FinegrainJson.write(engine.store().load(caseId)),
        new TypeReference<List<RecordedEvent>>() {});
  }

  private int printed(String label) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(label) + " +(\\d+)$").matcher(out);
    assertTrue(m.find(), label + " in\n" + out);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theOutcomeCountsAreTheCaseClosedEventsOfTheStore() {
    Map<String, Integer> counted = new TreeMap<>();
    int closed = 0;
    for (String caseId : engine.store().caseIds()) {
      for (RecordedEvent e : log(caseId)) {
        if (e.event() instanceof CaseClosed c) {
          counted.merge(c.outcome().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
          closed++;
        }
      }
    }
    assertEquals(ListingReview.LISTINGS, engine.store().caseIds().size());
    for (String outcome : List.of("approved", "rejected", "withdrawn", "expired")) {
      assertEquals(counted.getOrDefault(outcome, 0), printed(outcome), outcome);
      assertTrue(counted.getOrDefault(outcome, 0) > 0, "the batch shows every outcome: " + outcome);
    }
    assertEquals(ListingReview.LISTINGS - closed, printed("still open"));
    assertTrue(printed("still open") > 0);
    assertEquals(ListingReview.LISTINGS, printed("total"));
  }

  @Test
  void gateFailuresAndEscalationsAreCountedFromTheStore() {
    int gates = 0;
    int escalations = 0;
    for (String caseId : engine.store().caseIds()) {
      List<RecordedEvent> log = log(caseId);
      gates += (int) log.stream().filter(e -> e.event() instanceof GateFailed).count();
      escalations += (int) log.stream().filter(e -> e.event() instanceof Escalated).count();
    }
    assertEquals(gates, printed("gate failures (sent back, fixed, resubmitted)"));
    assertEquals(escalations, printed("escalations by tick"));
    assertTrue(gates > 0 && escalations > 0);
    assertTrue(out.contains(String.format("%d commands: %d accepted, %d refused", batch.accepted() + batch.refused(),
        batch.accepted(), batch.refused())), out);
  }

  @Test
  void everyApprovedListingMeetsTheBaseStandardAndEveryCaseReplaysAndVerifies() {
    StandardCatalog standards = ListingConformance.standards();
    int approved = 0;
    for (String caseId : engine.store().caseIds()) {
      List<RecordedEvent> log = log(caseId);
      ReviewCase replayed = ReviewCase.replay(log.stream().map(RecordedEvent::event).toList());
      assertEquals(engine.state(caseId), replayed);
      assertTrue(engine.verify(caseId).intact());
      Artifact submitted = ((CaseSubmitted) log.get(0).event()).subject();
      assertEquals(batch.skus().get(caseId), submitted.field("sku").orElseThrow());
      if (replayed.outcome().map(o -> o.name().equals("APPROVED")).orElse(false)) {
        approved++;
        assertTrue(standards.check("listing-base", replayed.subject()).conforms(), caseId);
        assertFalse(standards.check(ListingConformance.STANDARD, replayed.subject()).violations().stream()
            .anyMatch(v -> v.ruleId().startsWith("ad-law")), caseId + " went live with a forbidden term");
      }
    }
    assertEquals(approved, printed("approved"));
    assertTrue(out.contains("every case: 40 of 40 chains intact"), out);
  }

  @Test
  void theAuditTrailShowsEveryEventOfItsCaseAndItsHashCheck() {
    String shown = ListingReview.auditExample(batch);
    int events = engine.store().load(shown).size();
    assertTrue(out.contains("Audit trail of " + shown + " (" + batch.skus().get(shown) + ", approved)"), out);
    String trail = out.substring(out.indexOf("Audit trail of " + shown));
    assertTrue(trail.contains("\n  " + String.format("%2d", events) + "  "), trail);
    assertTrue(trail.contains("hash chain: intact: " + events + " events chained from genesis, head "
        + engine.headHash(shown).hex().substring(0, 16)), trail);
    assertTrue(trail.contains("gate 'listing-base' of stage 'manager' failed"), trail);
    assertTrue(trail.contains("requested changes in stage 'copy': advertising law"), trail);
  }

  @Test
  void theOpenCaseIsExplainedWithItsVotesAndDeadline() {
    Matcher m = Pattern.compile("Why is (listing-\\d+) \\((WLT-\\d+)\\) still open\\?").matcher(out);
    assertTrue(m.find(), out);
    String caseId = m.group(1);
    assertFalse(engine.state(caseId).isClosed());
    assertTrue(out.contains("Manager approval [manager]: 1 of 2 approvals, 1 more needed"), out);
    assertTrue(out.contains("deadline: escalates to holders of 'compliance' at"), out);
  }

  @Test
  void theScenarioIsTheSameEveryTime() {
    assertEquals(out, Outputs.of(ListingReview::run));
  }
}
