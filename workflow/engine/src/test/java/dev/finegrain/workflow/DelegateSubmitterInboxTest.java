package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.event.Delegated;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A log holds a delegation to the case's submitter (recorded before the engine refused them) in a
 * workflow that forbids self-review: every vote of the submitter's, for themselves or for the
 * delegator, is refused (SELF_REVIEW), so their inbox offers none, from the projection or from
 * reading every case, neither for a reviewer's delegation nor for an escalation holder's.
 */
class DelegateSubmitterInboxTest {
  private final InMemoryEventStore store = new InMemoryEventStore();
  private final EngineDriver d = new EngineDriver(OpenWorkProperties.engine(store));

  /** Appends, through the store's SPI, {@code from}'s delegation to chen, who submits every listing. */
  private void delegateToSubmitter(String caseId, String from) {
    long version = d.engine.version(caseId);
    Delegated delegated = Delegated.builder().caseId(caseId).sequence(version + 1).at(d.now).actor(from).from(from)
        .to("chen").validFrom(d.now).validUntil(d.now.plus(Duration.ofDays(30))).build();
    assertTrue(store.append(caseId, version, List.of(RecordedEvent.chain(delegated, d.id(), d.engine.headHash(caseId)))));
  }

  private List<InboxItem> inboxes(ReviewEngine engine, String member, Instant at) {
    List<InboxItem> all = engine.inbox(member, at);
    assertEquals(all, engine.inbox(member, at, 10), "paged");
    return all;
  }

  @Test
  void theSubmitterIsOfferedNoVoteAsADelegateWhereSelfReviewIsForbidden() {
    d.accept(d.submit("l-1", "chen", Fixtures.listing("apparel", 20)));  // copy and image open
    delegateToSubmitter("l-1", "lin");
    d.atManagerApproval("l-2");
    delegateToSubmitter("l-2", "boss");  // the director, whom manager approval escalates to
    assertEquals(1, d.engine.state("l-1").delegations().size());

    ReviewEngine scanning = OpenWorkProperties.engine(new OpenWorkProperties.SpiOnly(store));
    Instant escalated = T0.plus(Duration.ofHours(50));
    for (Instant at : List.of(d.now, escalated)) {
      assertEquals(List.of(), inboxes(d.engine, "chen", at), "chen's inbox at " + at);
      assertEquals(List.of(), inboxes(scanning, "chen", at), "chen's inbox read from every case at " + at);
      for (String caseId : List.of("l-1", "l-2")) {
        assertEquals(List.of(), Reviews.awaiting(Fixtures.listingReview(), Fixtures.context(),
            d.engine.state(caseId), "chen", at), caseId + " awaits chen at " + at);
      }
      OpenWorkProperties.sameAnswers(d.engine, scanning, at, 2);
    }
    assertEquals(List.of("l-1"), inboxes(d.engine, "lin", d.now).stream().map(InboxItem::caseId).toList(),
        "lin still votes for themselves");
    ReviewOutcome refused = d.send(d.approve("l-1", "chen", "copy"));
    assertEquals(RefusalReason.SELF_REVIEW, refused.refusalReason().orElseThrow(), "as the engine decides");
  }
}
