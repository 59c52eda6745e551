package dev.finegrain.workflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Ids;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do, as a JUnit 5 suite: subclass it, say how to make an empty
 * store, and run it with the rest of your tests. It checks compare-and-append with its conflicts,
 * atomic batches, order, the case ids, the command-id lookup that makes retries idempotent, events
 * read back equal to what was appended (hashes, command ids, non-ASCII and long text, subjects),
 * ids as long as commands allow ({@link Ids#MAX_LENGTH}), concurrent appends from many threads (one
 * winner per version, never a lost or doubled event),
 * long logs, and a review engine running over the store, restarted over it, and two engines
 * sharing it.
 *
 * <pre>{@code
 * class JdbcEventStoreTest extends EventStoreContract {
 *   @Override
 *   protected EventStore newStore() {
 *     return new JdbcEventStore(freshDatabase());   // empty for every test
 *   }
 * }
 * }</pre>
 *
 * <p>finegrain's own in-memory store runs this suite in finegrain's build.
 *
 * @since 0.1
 */
public abstract class EventStoreContract {
  /** For subclasses. */
  protected EventStoreContract() {}

  /**
   * A new, empty store; called once per test.
   *
   * @return the store under test, empty
   */
  protected abstract EventStore newStore();

  /**
   * How many events the long-log test appends to one case (in batches of 100); 5,000 by default.
   * A store over a slow database may lower it.
   *
   * @return the number of events, a multiple of 100
   */
  protected int longLogEvents() {
    return 5_000;
  }

  /** {@return how many threads race in the concurrency tests; 8 by default} */
  protected int threads() {
    return 8;
  }

  // --- reading an empty store -------------------------------------------------------------------

  @Test
  void anUnknownCaseHasNoEvents() {
    EventStore store = newStore();

    assertEquals(List.of(), store.load("no-such-case"));
    assertEquals(List.of(), store.loadAfter("no-such-case", 0));
    assertEquals(0, store.firstSequenceOf("no-such-case", "c-1"));
    assertEquals(List.of(), store.caseIds());
  }

  // --- append -----------------------------------------------------------------------------------

  @Test
  void appendedEventsReadBackEqualAndInOrder() {
    EventStore store = newStore();
    List<RecordedEvent> events = ContractSamples.comments("case-1", 7, "c-");

    assertTrue(store.append("case-1", 0, events), "appending at version 0 to a new case");

    assertEquals(events, store.load("case-1"));
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent read = store.load("case-1").get(i);
      assertEquals(events.get(i).event(), read.event(), "event " + (i + 1));
      assertEquals(events.get(i).commandId(), read.commandId(), "command id of event " + (i + 1));
      assertEquals(events.get(i).hash(), read.hash(), "hash of event " + (i + 1));
      assertEquals(events.get(i).previousHash(), read.previousHash(), "previous hash of event " + (i + 1));
    }
    assertTrue(HashChain.verify(store.load("case-1")).intact(), HashChain.verify(store.load("case-1")).message());
  }

  @Test
  void laterAppendsFollowTheEarlierOnes() {
    EventStore store = newStore();
    List<RecordedEvent> first = ContractSamples.comments("case-1", 3, "a-");
    List<RecordedEvent> second = ContractSamples.comments("case-1", 3, first.get(2).hash(), 4, "b-");

    assertTrue(store.append("case-1", 0, first));
    assertTrue(store.append("case-1", 3, second));

    List<RecordedEvent> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(all, store.load("case-1"));
    assertEquals(second, store.loadAfter("case-1", 3));
    assertEquals(all.subList(5, 7), store.loadAfter("case-1", 5));
    assertEquals(all, store.loadAfter("case-1", 0));
    assertEquals(List.of(), store.loadAfter("case-1", 7));
    assertEquals(List.of(), store.loadAfter("case-1", 100));
  }

  @Test
  void anAppendAtAnyOtherVersionIsRefusedAndWritesNothing() {
    EventStore store = newStore();
    List<RecordedEvent> first = ContractSamples.comments("case-1", 3, "a-");
    assertTrue(store.append("case-1", 0, first));

    List<RecordedEvent> stale = ContractSamples.comments("case-1", 2, first.get(1).hash(), 2, "late-");
    List<RecordedEvent> ahead = ContractSamples.comments("case-1", 5, first.get(2).hash(), 2, "early-");
    List<RecordedEvent> again = ContractSamples.comments("case-1", 2, "again-");

    assertFalse(store.append("case-1", 2, stale), "behind the stored version");
    assertFalse(store.append("case-1", 5, ahead), "ahead of the stored version");
    assertFalse(store.append("case-1", 0, again), "a second first append");
    assertEquals(first, store.load("case-1"), "a refused append writes nothing");
    assertFalse(store.append("case-2", 1, ContractSamples.comments("case-2", 1, HashChain.GENESIS, 1, "x-")),
        "an unknown case is at version 0");
    assertEquals(List.of(), store.load("case-2"));
  }

  @Test
  void anEmptyAppendOnlyChecksTheVersion() {
    EventStore store = newStore();
    assertTrue(store.append("case-1", 0, ContractSamples.comments("case-1", 2, "a-")));

    assertTrue(store.append("case-1", 2, List.of()));
    assertFalse(store.append("case-1", 1, List.of()));
    assertEquals(2, store.load("case-1").size());
  }

  @Test
  void eventsOfAnotherCaseOrOutOfSequenceAreRefusedWhole() {
    EventStore store = newStore();
    List<RecordedEvent> ofCase2 = ContractSamples.comments("case-2", 2, "a-");
    List<RecordedEvent> gap = new ArrayList<>(ContractSamples.comments("case-1", 3, "a-"));
    gap.remove(1);

    assertThrows(IllegalArgumentException.class, () -> store.append("case-1", 0, ofCase2));
    assertThrows(IllegalArgumentException.class, () -> store.append("case-1", 0, gap));
    assertEquals(List.of(), store.load("case-1"), "nothing of a refused batch is kept");
  }

  @Test
  void caseIdsAreListedInTheOrderOfTheirFirstAppend() {
    EventStore store = newStore();
    List<String> ids = List.of("case-c", "case-a", "case-b", "审核-1");
    for (String id : ids) {
      assertTrue(store.append(id, 0, ContractSamples.comments(id, 1, "c-" + id + "-")));
    }
    List<RecordedEvent> more = ContractSamples.comments("case-c", 1, store.load("case-c").get(0).hash(), 2, "m-");
    assertTrue(store.append("case-c", 1, more));

    assertEquals(ids, store.caseIds());
  }

  // --- idempotency records ------------------------------------------------------------------------

  @Test
  void theFirstEventOfEachCommandIsFoundByItsId() {
    EventStore store = newStore();
    List<RecordedEvent> events = new ArrayList<>();
    for (RecordedEvent e : ContractSamples.comments("case-1", 6, "unused-")) {
      String command = "cmd-" + (e.sequence() + 1) / 2;  // two events per command: 1-2, 3-4, 5-6
      events.add(RecordedEvent.of(e.event(), command, e.previousHash(), e.hash()));
    }
    assertTrue(store.append("case-1", 0, events));

    assertEquals(1, store.firstSequenceOf("case-1", "cmd-1"));
    assertEquals(3, store.firstSequenceOf("case-1", "cmd-2"));
    assertEquals(5, store.firstSequenceOf("case-1", "cmd-3"));
    assertEquals(0, store.firstSequenceOf("case-1", "cmd-4"));
    assertEquals(0, store.firstSequenceOf("case-2", "cmd-1"), "command ids are looked up per case");
  }

  // --- concurrency --------------------------------------------------------------------------------

  @Test
  void racingAppendsToOneCaseHaveOneWinnerPerVersion() throws Exception {
    EventStore store = newStore();
    int threads = threads();
    int rounds = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger wins = new AtomicInteger();
      for (int round = 0; round < rounds; round++) {
        List<RecordedEvent> stored = store.load("case-1");
        long version = stored.size();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          List<RecordedEvent> batch = ContractSamples.comments("case-1", version,
              version == 0 ? HashChain.GENESIS : stored.get(stored.size() - 1).hash(), 2, "t" + t + "-r" + round + "-");
          results.add(pool.submit(() -> {
            start.await();
            return store.append("case-1", version, batch);
          }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
          won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, won, "round " + round + ": exactly one of the racing appends at version " + version);
        wins.addAndGet(won);
      }
      List<RecordedEvent> log = store.load("case-1");
      assertEquals(2 * rounds, log.size(), "no event lost or doubled");
      assertTrue(HashChain.verify(log).intact(), HashChain.verify(log).message());
      for (int i = 0; i < log.size(); i += 2) {
        assertEquals(log.get(i).commandId().split("-r")[0], log.get(i + 1).commandId().split("-r")[0],
            "a batch is appended whole, not interleaved with another");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void appendsToDifferentCasesFromManyThreadsAllLand() throws Exception {
    EventStore store = newStore();
    int threads = threads();
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int c = 0; c < perThread; c++) {
            String caseId = "case-" + thread + "-" + c;
            assertTrue(store.append(caseId, 0, ContractSamples.comments(caseId, 2, "c-")), caseId);
            List<RecordedEvent> more = ContractSamples.comments(caseId, 2, store.load(caseId).get(1).hash(), 1, "d-");
            assertTrue(store.append(caseId, 2, more), caseId);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(threads * perThread, store.caseIds().size());
      assertEquals(threads * perThread, store.caseIds().stream().distinct().count());
      for (String caseId : store.caseIds()) {
        assertEquals(3, store.load(caseId).size(), caseId);
        assertTrue(HashChain.verify(store.load(caseId)).intact(), caseId);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- long logs ----------------------------------------------------------------------------------

  @Test
  void aLongLogReadsBackWholeAndFromAnyVersion() {
    EventStore store = newStore();
    int total = longLogEvents();
    List<RecordedEvent> all = new ArrayList<>(total);
    while (all.size() < total) {
      int n = Math.min(100, total - all.size());
      List<RecordedEvent> batch = ContractSamples.comments("long", all.size(),
          all.isEmpty() ? HashChain.GENESIS : all.get(all.size() - 1).hash(), n, "c-");
      assertTrue(store.append("long", all.size(), batch));
      all.addAll(batch);
    }

    assertEquals(all, store.load("long"));
    assertEquals(all.subList(total - 10, total), store.loadAfter("long", total - 10));
    assertEquals(total - 50, store.firstSequenceOf("long", "c-" + (total - 51)));
    assertTrue(HashChain.verify(store.load("long")).intact());
  }

  // --- a review engine over the store -------------------------------------------------------------

  @Test
  void aReviewEngineRecordsAReviewThatReadsBackVerifiesAndReplays() {
    EventStore store = newStore();
    ReviewEngine engine = engine(store);

    review(engine, "listing-1", 1);

    List<RecordedEvent> log = store.load("listing-1");
    assertTrue(engine.state("listing-1").isClosed(), engine.state("listing-1").toString());
    assertEquals(log, engine.events("listing-1"));
    assertTrue(HashChain.verify(log, engine.headHash("listing-1")).intact(), HashChain.verify(log).message());
    assertEquals(ReviewCase.replay(log.stream().map(RecordedEvent::event).toList()), engine.state("listing-1"));
  }

  @Test
  void numbersOfEverySizeReadBackAsTheyWereWrittenAndTheChainVerifies() {
    // whole doubles from 1e7 up are written 1.2345678E7 by Jackson, a form a store may keep as 12345678
    // (PostgreSQL's jsonb does): read back as a whole number, the event would differ and its hash not verify
    EventStore store = newStore();
    Artifact subject = Artifact.builder("listing").put("stock", 12345678.0).put("gmv", 1e20).put("negative", -98765432.0)
        .put("largest", Double.MAX_VALUE).put("rate", 1.23e-5).put("price", 0.1).put("count", Long.MAX_VALUE)
        .put("nested", java.util.Map.of("w", 1e7, "list", List.of(2e9, 3L))).build();
    ReviewEngine engine = engine(store);
    accept(engine.handle(Submit.builder().commandId("submit-numbers").caseId("numbers").actor("lin")
        .at(ContractSamples.T0).subject(subject).build()));

    List<RecordedEvent> log = store.load("numbers");
    ReviewEngine restarted = engine(store);

    assertEquals(engine.events("numbers"), log);
    assertTrue(HashChain.verify(log, engine.headHash("numbers")).intact(), HashChain.verify(log).message());
    assertEquals(subject, restarted.state("numbers").subject());
    assertEquals(engine.state("numbers"), restarted.state("numbers"));
  }

  @Test
  void idsOfTheLongestLengthCommandsAllowAreKeptAndFoundAgain() {
    // a store over a database indexes case and command ids together: ids of Ids.MAX_LENGTH chars
    // of 3 bytes each in UTF-8, which do not compress, must fit, since the engine accepts them
    String caseId = longestId(1);
    String submitId = longestId(2);
    String approveId = longestId(3);
    EventStore store = newStore();
    ReviewEngine engine = engine(store);
    Submit submit = Submit.builder().commandId(submitId).caseId(caseId).actor("lin").at(ContractSamples.T0)
        .subject(ContractSamples.listing(1)).build();
    accept(engine.handle(submit));
    accept(engine.handle(Approve.builder().commandId(approveId).caseId(caseId).actor("zhou")
        .at(ContractSamples.T0.plusSeconds(60)).stageId("copy").build()));

    List<RecordedEvent> log = store.load(caseId);
    ReviewEngine restarted = engine(store);

    assertEquals(engine.events(caseId), log);
    assertEquals(List.of(caseId), store.caseIds());
    long approvedAt = log.stream().filter(e -> e.commandId().equals(approveId)).findFirst().orElseThrow().sequence();
    assertEquals(approvedAt, store.firstSequenceOf(caseId, approveId), "the approval is found by its command id");
    assertTrue(HashChain.verify(log, engine.headHash(caseId)).intact(), HashChain.verify(log).message());
    assertEquals(engine.state(caseId), restarted.state(caseId));
    assertEquals(engine.handle(submit).events(), restarted.handle(submit).events(), "a retry is answered from the log");
  }

  /** An id of {@link Ids#MAX_LENGTH} CJK chars (3 bytes each in UTF-8), pseudo-random so that it does not compress. */
  private static String longestId(long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder id = new StringBuilder(Ids.MAX_LENGTH);
    while (id.length() < Ids.MAX_LENGTH) {
      id.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
    }
    return id.toString();
  }

  @Test
  void anEngineRestartedOverTheStoreSeesEveryCaseAndAnswersRetriesFromTheLog() {
    EventStore store = newStore();
    ReviewEngine first = engine(store);
    review(first, "listing-1", 1);
    Submit submit = submit("listing-2", 2);
    ReviewOutcome submitted = first.handle(submit);

    ReviewEngine restarted = engine(store);

    assertEquals(first.state("listing-1"), restarted.state("listing-1"));
    assertEquals(first.state("listing-2"), restarted.state("listing-2"));
    ReviewOutcome retried = restarted.handle(submit);
    assertEquals(submitted.events(), retried.events(), "a retried command answers its first outcome");
    assertEquals(submitted.version(), restarted.version("listing-2"), "and records nothing");
  }

  @Test
  void twoEnginesOverOneStoreNeitherLoseNorDoubleAVote() throws Exception {
    EventStore store = newStore();
    ReviewEngine a = engine(store);
    ReviewEngine b = engine(store);
    int cases = 20;
    for (int i = 0; i < cases; i++) {
      assertTrue(a.handle(submit("listing-" + i, i)).isAccepted());
    }
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ReviewEngine engine : List.of(a, b)) {
        String who = engine == a ? "lin" : "zhou";
        done.add(pool.submit(() -> {
          for (int i = 0; i < cases; i++) {
            for (int k = 0; k < 3; k++) {
              ReviewOutcome outcome = engine.handle(Comment.builder().commandId(who + "-note-" + i + "-" + k)
                  .caseId("listing-" + i).actor(who).at(ContractSamples.T0.plusSeconds(60)).text("note " + k)
                  .build());
              if (outcome.isAccepted()) {
                accepted.add(outcome.commandId());
              } else {
                assertEquals(RefusalReason.VERSION_CONFLICT, outcome.refusal().orElseThrow().reason(),
                    outcome.toString());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      for (int i = 0; i < cases; i++) {
        List<RecordedEvent> log = store.load("listing-" + i);
        assertTrue(HashChain.verify(log).intact(), HashChain.verify(log).message());
        List<String> runs = new ArrayList<>();
        for (RecordedEvent e : log) {
          if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(e.commandId())) {
            runs.add(e.commandId());
          }
        }
        assertEquals(runs.size(), new HashSet<>(runs).size(), "each command recorded once: " + runs);
        for (String id : accepted) {
          if (id.contains("-note-" + i + "-")) {
            assertTrue(runs.contains(id), "accepted command " + id + " is recorded");
          }
        }
        assertEquals(a.state("listing-" + i), b.state("listing-" + i), "both engines see the same case");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ReviewEngine engine(EventStore store) {
    return ReviewEngine.builder(ContractSamples.context()).register(ContractSamples.listingReview()).store(store)
        .build();
  }

  private static Submit submit(String caseId, int n) {
    return Submit.builder().commandId("submit-" + caseId).caseId(caseId).actor("lin").at(ContractSamples.T0)
        .subject(ContractSamples.listing(n)).build();
  }

  /** Submits case {@code caseId} and approves it through both stages. */
  private static void review(ReviewEngine engine, String caseId, int n) {
    accept(engine.handle(submit(caseId, n)));
    accept(engine.handle(Comment.builder().commandId(caseId + "-c").caseId(caseId).actor("ma")
        .at(ContractSamples.T0.plusSeconds(30)).text("Schöne Bilder 好").build()));
    accept(engine.handle(Approve.builder().commandId(caseId + "-a1").caseId(caseId).actor("zhou")
        .at(ContractSamples.T0.plusSeconds(60)).stageId("copy").build()));
    accept(engine.handle(Approve.builder().commandId(caseId + "-a2").caseId(caseId).actor("ma")
        .at(ContractSamples.T0.plusSeconds(90)).stageId("manager").build()));
    accept(engine.handle(Approve.builder().commandId(caseId + "-a3").caseId(caseId).actor("tang")
        .at(ContractSamples.T0.plusSeconds(120)).stageId("manager").build()));
  }

  private static void accept(ReviewOutcome outcome) {
    assertTrue(outcome.isAccepted(), outcome.toString());
  }
}
