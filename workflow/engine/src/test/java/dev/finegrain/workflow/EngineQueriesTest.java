package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.T0;
import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Resubmit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's read views: inbox across cases, why blocked, audit trail. */
class EngineQueriesTest {
  private final EngineDriver d = EngineDriver.listing();

  @Test
  void theInboxListsTheOpenStagesAwaitingTheMemberAcrossCases() {
    d.atManagerApproval("l-1");                                       // manager open at T0
    d.after(Duration.ofHours(1)).accept(d.submit("l-2", "chen", listing("food", 20)));  // copy, image open
    d.after(Duration.ofHours(1)).atManagerApproval("l-3");            // manager open at T0 + 2 h
    d.accept(d.approve("l-3", "ma", "manager"));                      // ma already voted on l-3
    d.accept(d.submit("l-4", "chen", listing("apparel", 20)));
    d.accept(d.delegate("l-4", "lin", "lin", "ma", Duration.ofDays(1)));

    List<InboxItem> ma = d.engine.inbox("ma", d.now);
    assertEquals(List.of("l-1 manager", "l-4 copy"), ma.stream().map(i -> i.caseId() + " " + i.stageId()).toList());
    InboxItem first = ma.get(0);
    assertEquals("Manager approval", first.stageName());
    assertEquals(T0, first.since());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(48))), first.escalatesAt());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(96))), first.expiresAt());
    assertEquals(Optional.empty(), first.onBehalfOf());
    assertEquals(Optional.of("lin"), ma.get(1).onBehalfOf(), "ma votes on copy only as lin's delegate");

    assertEquals(List.of("l-2 copy", "l-4 copy"), d.engine.inbox("zhou", d.now).stream()
        .map(i -> i.caseId() + " " + i.stageId()).toList());
    assertEquals(List.of("l-1", "l-3"), d.engine.inbox("guo", d.now).stream().map(InboxItem::caseId).toList());
    assertEquals(List.of(), d.engine.inbox("chen", d.now), "the submitter reviews none of their cases");
    assertEquals(List.of(), d.engine.inbox("boss", d.now));
    assertEquals(List.of("l-1", "l-3"), d.engine.inbox("boss", T0.plus(Duration.ofHours(50))).stream()
        .map(InboxItem::caseId).toList(), "after the escalation is due the director sees it, before any tick");
  }

  @Test
  void whyBlockedExplainsAStageWithOneOfTwoManagerApprovals() {
    d.atManagerApproval("l-1");
    d.after(Duration.ofHours(1)).accept(d.approve("l-1", "ma", "manager"));

    WhyBlocked why = d.engine.whyBlocked("l-1", d.now.plus(Duration.ofHours(1)));

    assertEquals(CaseStatus.IN_REVIEW, why.status());
    assertEquals(1, why.stages().size());
    BlockedStage manager = why.stages().get(0);
    assertEquals("manager", manager.stageId());
    assertEquals(1, manager.stillNeeded());
    assertEquals(List.of("guo", "tang"), manager.progress().canStillVote());
    assertEquals(Optional.of("director"), manager.escalationRole());
    assertEquals("""
        case l-1 (workflow 'listing-review' v1, revision 1, submitted by chen): in review, version 10
          Manager approval [manager]: 1 of 2 approvals, 1 more needed
            votes so far: ma approved at 2026-03-02T10:00:00Z (revision 1)
            can still vote: guo (Guo), tang (Tang)
            deadline: escalates to holders of 'director' at 2026-03-04T09:00:00Z (in 46 h); \
        expires at 2026-03-06T09:00:00Z (in 94 h)
        """, why.text());
  }

  @Test
  void whyBlockedSaysWhoMayStillVoteButNotApprove() {
    ReviewWorkflow strict = ReviewWorkflow.builder().from(Fixtures.listingReview()).lastEditorMayNotApprove(true)
        .build();
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).register(strict).build();
    CaseDriver c = new CaseDriver(strict, Fixtures.context(), "l-9");
    engine.handle(c.submit("chen", listing("food", 20)));
    engine.handle(c.requestChanges("lin", "copy", "shorter title"));
    ReviewOutcome resubmitted = engine.handle(Resubmit.builder().commandId("r-9").caseId("l-9").actor("chen")
        .at(c.now).subject(listing("food", 21)).editedBy("zhou").build());
    assertTrue(resubmitted.isAccepted(), resubmitted::toString);

    String text = engine.whyBlocked("l-9", c.now).text();

    assertTrue(text.contains("can still vote: lin (Lin), zhou (Zhou) [may reject or request changes, not approve:"
        + " edited revision 2]"), text);
    StageProgress copy = engine.whyBlocked("l-9", c.now).stages().get(0).progress();
    assertEquals(List.of("lin", "zhou"), copy.canStillVote());
    assertEquals(List.of("lin"), copy.canStillApprove(), "whyBlocked marks those canStillApprove leaves out");
  }

  @Test
  void whyBlockedNotesDueDeadlinesTheSubmitterAndTheOutcome() {
    d.atManagerApproval("l-1");
    WhyBlocked late = d.engine.whyBlocked("l-1", T0.plus(Duration.ofHours(50)));
    assertTrue(late.text().contains("1 event(s) are due but not yet recorded (deadlines, or stages"), late.text());
    assertTrue(late.text().contains("deadline: escalated; holders of 'director' may vote too; expires at"
        + " 2026-03-06T09:00:00Z (in 46 h)"), late.text());

    d.accept(d.submit("l-2", "chen", listing("food", 20)));
    d.accept(d.requestChanges("l-2", "lin", "copy", "shorter title"));
    assertTrue(d.engine.whyBlocked("l-2", d.now).text().contains("""
          waits for the submitter: lin requested changes in stage 'copy'
            shorter title
        """), d.engine.whyBlocked("l-2", d.now).text());

    WhyBlocked expired = d.engine.whyBlocked("l-1", T0.plus(Duration.ofHours(100)));
    assertEquals(CaseStatus.CLOSED, expired.status());
    assertTrue(expired.text().contains("closed as expired: stage 'manager' had no decision within PT96H"),
        expired.text());
  }

  @Test
  void theAuditTrailDescribesEveryEventWithWhoDidWhatAndDelegatedVotesAsBForA() {
    d.atManagerApproval("l-1");
    d.accept(d.delegate("l-1", "tang", "tang", "boss", Duration.ofDays(2)));
    d.after(Duration.ofHours(2)).accept(d.approveFor("l-1", "boss", "tang", "manager"));
    d.accept(d.comment("l-1", "ma", "price checked"));
    d.accept(d.reject("l-1", "ma", "manager", "wrong season"));

    List<String> lines = d.engine.auditTrail("l-1").stream().map(AuditLine::toString).toList();

    assertEquals(List.of(
        "#1 2026-03-02T09:00:00Z chen submitted listing revision 1 for review under workflow 'listing-review' v1",
        "#2 2026-03-02T09:00:00Z stage 'copy' opened (phase 1)",
        "#3 2026-03-02T09:00:00Z stage 'image' opened (phase 1)",
        "#4 2026-03-02T09:00:00Z lin approved stage 'copy'",
        "#5 2026-03-02T09:00:00Z stage 'copy' approved",
        "#6 2026-03-02T09:00:00Z wang approved stage 'image'",
        "#7 2026-03-02T09:00:00Z stage 'image' approved",
        "#8 2026-03-02T09:00:00Z stage 'compliance' skipped: condition category in [\"cosmetics\", \"food\"] does not hold",
        "#9 2026-03-02T09:00:00Z stage 'manager' opened (phase 3)",
        "#10 2026-03-02T09:00:00Z tang delegated tang's votes to boss from 2026-03-02T09:00:00Z until"
            + " 2026-03-04T09:00:00Z",
        "#11 2026-03-02T11:00:00Z boss for tang approved stage 'manager'",
        "#12 2026-03-02T11:00:00Z ma commented: price checked",
        "#13 2026-03-02T11:00:00Z ma rejected stage 'manager': wrong season",
        "#14 2026-03-02T11:00:00Z stage 'manager' rejected",
        "#15 2026-03-02T11:00:00Z case closed as rejected: stage 'manager' rejected by ma: wrong season"), lines);
    AuditLine vote = d.engine.auditTrail("l-1").get(10);
    assertEquals("boss", vote.actor());
    assertEquals(d.engine.events("l-1").get(10).hash(), vote.hash());
  }

  @Test
  void anUnknownCaseAnswersEveryQueryAsACaseNotYetSubmitted() {
    EngineDriver d = EngineDriver.listing();
    d.accept(d.submit("l-1", "chen", listing("apparel", 20)));

    assertEquals(ReviewCase.NEW, d.engine.state("nope"));
    assertEquals(0, d.engine.version("nope"));
    WhyBlocked why = d.engine.whyBlocked("nope", d.now);
    assertEquals(CaseStatus.NEW, why.status());
    assertEquals("case nope was never submitted", why.headline());
    assertEquals(List.of(), why.stages());
    assertEquals(List.of(), d.engine.events("nope"));
    assertEquals(List.of(), d.engine.auditTrail("nope"));
    assertEquals(Optional.empty(), d.engine.workflowOf("nope"));
    assertEquals(dev.finegrain.workflow.store.HashChain.GENESIS, d.engine.headHash("nope"));
    assertTrue(d.engine.verify("nope").intact());
    assertTrue(d.engine.verify("nope", dev.finegrain.workflow.store.HashChain.GENESIS).intact());
    assertFalse(d.engine.verify("nope", d.engine.headHash("l-1")).intact(), "a head kept for events that are gone");
    assertTrue(d.engine.inbox("lin", d.now).stream().noneMatch(item -> item.caseId().equals("nope")));
    assertFalse(d.engine.caseIds().contains("nope"), "a query does not create the case");
    assertEquals(Optional.empty(), d.engine.state("nope").closeReason());
    ReviewOutcome vote = d.send(d.approve("nope", "lin", "copy"));
    assertEquals(RefusalReason.CASE_NOT_FOUND, vote.refusal().orElseThrow().reason());
  }
}
