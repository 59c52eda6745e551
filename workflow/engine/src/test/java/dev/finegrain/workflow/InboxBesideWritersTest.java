package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Writers vote on many cases through one engine over the in-memory store while a reader reads
 * inboxes, so that the open-work index is brought up to date beside the appends: once the writers
 * are done, the index answers as a reading of every case (inboxes in pages, deadlines, open
 * stages).
 */
class InboxBesideWritersTest {
  private static final int WRITERS = 4;
  private static final int CASES = 300;
  private static final int COMMANDS_PER_WRITER = 250;
  private static final List<String> VOTERS = List.of("lin", "zhou", "wang", "li", "xu", "tang", "ma", "guo");

  @Test
  void theIndexDrainedBesideTheAppendsHoldsEveryCaseAsItEnded() throws Exception {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).store(store).lockStripes(4)
        .register(Fixtures.listingReview()).build();
    EngineDriver setup = new EngineDriver(engine);
    for (int c = 0; c < CASES; c++) {
      setup.accept(setup.submit("case-" + c, "chen", Fixtures.listing(c % 2 == 0 ? "food" : "apparel", 20)));
    }
    AtomicInteger ids = new AtomicInteger();
    AtomicInteger votes = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try {
      Future<Integer> reads = pool.submit(() -> {
        start.await();
        SplittableRandom random = new SplittableRandom(99);
        int n = 0;
        while (writing.get()) {  // each query drains the cases marked so far
          engine.inbox(VOTERS.get(random.nextInt(VOTERS.size())), Fixtures.T0.plus(Duration.ofDays(1)), 10);
          n++;
        }
        return n;
      });
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        SplittableRandom random = new SplittableRandom(t);
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < COMMANDS_PER_WRITER; i++) {
            String caseId = "case-" + random.nextInt(CASES);
            String actor = VOTERS.get(random.nextInt(VOTERS.size()));
            Instant at = Fixtures.T0.plus(Duration.ofMinutes(i));
            for (int attempt = 0; ; attempt++) {  // on a version conflict the writer reads again
              ReviewCase seen = engine.state(caseId);
              String stage = seen.stages().values().stream().filter(s -> s.status() == StageStatus.OPEN)
                  .map(StageState::stageId).findFirst().orElse("copy");
              ReviewOutcome outcome = engine.handle(Approve.builder().commandId("t" + ids.incrementAndGet())
                  .caseId(caseId).actor(actor).at(at).stageId(stage).expectedVersion(seen.version()).build());
              if (outcome.refusalReason().filter(r -> r == RefusalReason.VERSION_CONFLICT).isEmpty()) {
                if (outcome.isAccepted()) {
                  votes.incrementAndGet();
                }
                break;
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertTrue(reads.get(60, TimeUnit.SECONDS) > 0, "the reader read");
    } finally {
      pool.shutdownNow();
    }
    assertTrue(votes.get() > CASES / 2, "votes accepted: " + votes);
    ReviewEngine scanning = OpenWorkProperties.engine(new OpenWorkProperties.SpiOnly(store));
    Instant late = Fixtures.T0.plus(Duration.ofDays(1));
    assertTrue(VOTERS.stream().anyMatch(m -> !scanning.inbox(m, late).isEmpty()), "some cases wait for a vote");
    for (Instant at : List.of(Fixtures.T0, late, Fixtures.T0.plus(Duration.ofDays(40)))) {
      OpenWorkProperties.sameAnswers(engine, scanning, at, 7);
    }
  }
}
