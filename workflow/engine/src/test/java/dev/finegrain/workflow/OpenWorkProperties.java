package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The open-work projection answers as reading every case would: random command sequences over
 * several cases (the generators of {@link ReviewProperties}: votes, delegations, reassignments,
 * ticks, resubmissions, by eligible actors or not), then, at instants before and after the cases'
 * deadlines, every member's inbox, its pages, the cases due and the open-stage counts of an engine
 * over the in-memory store's projection equal those of an engine over the same events that reads
 * every case.
 */
class OpenWorkProperties {
  private static final List<String> MEMBERS = List.of("chen", "lin", "zhou", "wang", "li", "xu", "ma", "guo", "tang",
      "boss", "he", "mallory");
  private static final int CASES = 3;

  /** The store's events through the SPI only: an engine over it has no projection and reads every case. */
  record SpiOnly(EventStore store) implements EventStore {
    @Override
    public List<RecordedEvent> load(String caseId) {
      return store.load(caseId);
    }

    @Override
    public List<RecordedEvent> loadAfter(String caseId, long version) {
      return store.loadAfter(caseId, version);
    }

    @Override
    public boolean append(String caseId, long expectedVersion, List<RecordedEvent> events) {
      throw new AssertionError("the scanning engine only reads");
    }

    @Override
    public List<String> caseIds() {
      return store.caseIds();
    }
  }

  static ReviewEngine engine(EventStore store) {
    return ReviewEngine.builder(Fixtures.context()).store(store).register(Fixtures.listingReview()).build();
  }

  @Test
  void theProjectionAnswersAsReadingEveryCase() {
    qt().forAll(ReviewProperties.steps(), lists(ints(0, CASES - 1), 60), ints(1, 4))
        .checkAssert(OpenWorkProperties::theProjectionAnswersAsReadingEveryCase);
  }

  private static void theProjectionAnswersAsReadingEveryCase(List<ReviewProperties.Step> steps, List<Integer> cases,
      int pageSize) {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine indexed = engine(store);
    List<CaseDriver> drivers = new ArrayList<>();
    for (int c = 0; c < CASES; c++) {
      CaseDriver d = new CaseDriver(Fixtures.listingReview(), Fixtures.context(), "listing-" + c);
      d.idPrefix = d.caseId + "/";
      d.after(Duration.ofMinutes(37L * c));
      indexed.handle(d.submit("chen", ReviewProperties.subject(c)));
      drivers.add(d);
    }
    for (int i = 0; i < steps.size(); i++) {
      CaseDriver d = drivers.get(i < cases.size() ? cases.get(i) : i % CASES);
      d.state = indexed.state(d.caseId);
      indexed.handle(ReviewProperties.command(d, steps.get(i)));
      if (i % 4 == 3 || i == steps.size() - 1) {
        ReviewEngine scanning = engine(new SpiOnly(store));
        Instant latest = drivers.stream().map(x -> x.now).max(Instant::compareTo).orElseThrow();
        for (Instant at : List.of(Fixtures.T0, latest, latest.plus(Duration.ofHours(30)),
            latest.plus(Duration.ofHours(60)), latest.plus(Duration.ofDays(30)))) {
          sameAnswers(indexed, scanning, at, pageSize);
        }
      }
    }
  }

  static void sameAnswers(ReviewEngine indexed, ReviewEngine scanning, Instant at, int pageSize) {
    for (String member : MEMBERS) {
      List<InboxItem> expected = scanning.inbox(member, at);
      assertEquals(expected, indexed.inbox(member, at), () -> member + "'s inbox at " + at);
      List<InboxItem> paged = new ArrayList<>();
      List<InboxItem> page = indexed.inbox(member, at, pageSize);
      while (!page.isEmpty()) {
        paged.addAll(page);
        page = indexed.inboxAfter(member, at, page.get(page.size() - 1), pageSize);
      }
      assertEquals(expected, paged, () -> member + "'s inbox at " + at + " in pages of " + pageSize);
    }
    assertEquals(scanning.dueBy(at, 100), indexed.dueBy(at, 100), () -> "cases due by " + at);
    assertEquals(ImmutableList.copyOf(scanning.openStages()), indexed.openStages(), "open stages");
  }
}
