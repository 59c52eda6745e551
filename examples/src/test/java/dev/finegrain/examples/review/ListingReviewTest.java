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
    assertTrue(trail.contains("Gate 'listing-base' of Manager approval failed"), trail);
    assertTrue(trail.contains("Requested changes in Copy review: advertising law: forbidden term"), trail);
  }

  @Test
  void theAuditTrailShowsShanghaiTimesAndPeopleByName() {
    String shown = ListingReview.auditExample(batch);
    List<RecordedEvent> log = log(shown);
    String trail = out.substring(out.indexOf("Audit trail of " + shown));
    java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
        .withZone(java.time.ZoneId.of("Asia/Shanghai"));
    for (RecordedEvent e : log) {
      String by = e.event().actor().equals(dev.finegrain.workflow.event.ReviewEvent.SYSTEM) ? "-"
          : ListingReview.context().team().member(e.event().actor()).orElseThrow().name();
      String row = String.format("%2d  %s  ", e.event().sequence(), local.format(e.event().at()));
      assertTrue(trail.lines().anyMatch(l -> l.startsWith("  " + row) && l.contains("  " + by + "  ")
          || l.startsWith("  " + row + by)), row + by + "\n" + trail);
    }
    assertTrue(trail.contains("at (Shanghai)"), trail);
  }

  @Test
  void theReviewSectionPrintsNoUtcInstantsIdsOrEventVersions() {
    assertFalse(out.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*"), "no ISO instants:\n" + out);
    assertFalse(out.contains("version 10") || out.contains(", version "), out);
    for (String id : List.of("chen", "guo", "ma", "tang", "lin", "zhou", "wang", "xu")) {
      assertFalse(out.matches("(?s).*\\b" + id + "\\b.*"), id + " appears as an id:\n" + out);
    }
  }

  @Test
  void theOpenCaseIsExplainedWithItsVotesAndDeadlineInShanghaiTime() {
    Matcher m = Pattern.compile("Why is (listing-\\d+) \\((WLT-\\d+)\\) still open\\? As of (\\d\\d-\\d\\d \\d\\d:\\d\\d)")
        .matcher(out);
    assertTrue(m.find(), out);
    String caseId = m.group(1);
    assertFalse(engine.state(caseId).isClosed());
    java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm")
        .withZone(java.time.ZoneId.of("Asia/Shanghai"));
    java.time.Instant asOf = batch.clocks().get(caseId);
    assertEquals(local.format(asOf), m.group(3));
    // manager approval opened, then escalates 48 h and expires 120 h later (shop/listing-review.json)
    java.time.Instant opened = engine.state(caseId).stage("manager").openedAt().orElseThrow();
    java.time.Instant escalates = opened.plus(java.time.Duration.ofHours(48));
    java.time.Instant expires = opened.plus(java.time.Duration.ofHours(120));
    long toEscalation = java.time.Duration.between(asOf, escalates).toMinutes();
    long toExpiry = java.time.Duration.between(asOf, expires).toMinutes();
    assertTrue(out.contains("Manager approval: 1 of 2 approvals, 1 more needed"), out);
    assertTrue(out.contains("deadline: escalates to the Compliance role at " + local.format(escalates) + " (in "
        + toEscalation / 60 + " h " + toEscalation % 60 + " min); the case expires at " + local.format(expires)
        + " (in " + toExpiry / 60 + " h " + toExpiry % 60 + " min)"), out);
    String voter = engine.state(caseId).stage("manager").votes().get(0).voter();
    assertTrue(out.contains("votes so far: " + ListingReview.name(voter) + " approved at "), out);
  }

  @Test
  void theScenarioIsTheSameEveryTime() {
    assertEquals(out, Outputs.of(ListingReview::run));
  }
}
