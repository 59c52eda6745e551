package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Eight threads vote and comment on shared cases through one engine, retrying on version
 * conflicts: no event is lost, no vote counts twice, the state is the replay of the store, and every
 * chain verifies.
 */
class ReviewEngineConcurrencyTest {
  private static final int THREADS = 8;
  private static final int CASES = 12;
  private static final int COMMANDS_PER_THREAD = 150;
  private static final int RACE_EVERY = 25;
  private static final List<String> VOTERS = List.of("lin", "zhou", "wang", "li", "xu", "tang", "ma", "guo");

  @Test
  void threadsVotingAndCommentingOnSharedCasesLoseNothingAndCountNoVoteTwice() throws Exception {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = ReviewEngine.builder(Fixtures.context()).store(store).lockStripes(4)
        .register(Fixtures.listingReview()).build();
    EngineDriver setup = new EngineDriver(engine);
    for (int c = 0; c < CASES; c++) {
      setup.accept(setup.submit("case-" + c, "chen", Fixtures.listing(c % 2 == 0 ? "food" : "apparel", 20)));
    }
    Queue accepted = new Queue();
    AtomicInteger ids = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    // every RACE_EVERY commands all threads read one case, meet, and send with the version they read:
    // a race however the scheduler runs them
    CyclicBarrier meet = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(t);
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
            boolean race = i % RACE_EVERY == 0;
            String caseId = "case-" + (race ? i / RACE_EVERY % CASES : random.nextInt(CASES));
            String actor = VOTERS.get(random.nextInt(VOTERS.size()));
            boolean vote = random.nextInt(3) > 0 && !race;  // a comment is accepted on any open case
            // an actor reads the case, decides and sends with the version seen; on a conflict they read again
            for (int attempt = 0; ; attempt++) {
              ReviewCase seen = engine.state(caseId);
              if (race && attempt == 0) {
                meet.await(60, TimeUnit.SECONDS);
              }
              String stage = seen.stages().values().stream().filter(s -> s.status() == StageStatus.OPEN)
                  .map(StageState::stageId).findFirst().orElse("copy");
              String id = "t" + ids.incrementAndGet();
              Instant at = Fixtures.T0.plus(Duration.ofMinutes(i));
              ReviewCommand command = vote
                  ? Approve.builder().commandId(id).caseId(caseId).actor(actor).at(at).stageId(stage)
                      .expectedVersion(seen.version()).build()
                  : Comment.builder().commandId(id).caseId(caseId).actor(actor).at(at).text("note " + id)
                      .expectedVersion(seen.version()).build();
              ReviewOutcome outcome = engine.handle(command);
              if (outcome.refusalReason().filter(r -> r == RefusalReason.VERSION_CONFLICT).isPresent()) {
                conflicts.incrementAndGet();
                continue;
              }
              if (outcome.isAccepted()) {
                accepted.add(outcome);
              }
              break;
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);  // seconds on a quiet machine; a loaded CI machine can take far longer
      }
    } finally {
      pool.shutdownNow();
    }

    int recorded = 0;
    for (int c = 0; c < CASES; c++) {
      String caseId = "case-" + c;
      List<RecordedEvent> log = store.load(caseId);
      recorded += log.size();
      assertEquals(ReviewCase.replay(log.stream().map(RecordedEvent::event).toList()), engine.state(caseId));
      assertTrue(engine.verify(caseId).intact(), engine.verify(caseId).message());
      Map<String, Set<String>> votersByStage = new ConcurrentHashMap<>();
      for (RecordedEvent e : log) {
        if (e.event() instanceof VoteCast cast) {
          assertTrue(votersByStage.computeIfAbsent(cast.stageId(), s -> new HashSet<>()).add(cast.principal()),
              "a second vote of " + cast.principal() + " in " + cast.stageId() + " of " + caseId);
        }
      }
    }
    int fromOutcomes = 0;
    for (ReviewOutcome outcome : accepted.items) {
      List<RecordedEvent> log = store.load(outcome.caseId());
      for (RecordedEvent e : outcome.events()) {
        assertEquals(e, log.get((int) e.sequence() - 1), "an accepted event is in the store where it was recorded");
      }
      fromOutcomes += outcome.events().size();
    }
    int submitted = CASES * 3;  // each submit recorded case-submitted and two stage-opened events
    assertEquals(recorded, fromOutcomes + submitted, "every stored event came from an accepted outcome");
    // the first meeting is on a case in review, where the first comment is accepted and the others conflict
    assertTrue(conflicts.get() >= THREADS - 1, "conflicts: " + conflicts);
  }

  /** Accepted outcomes from all threads. */
  private static final class Queue {
    final ConcurrentLinkedQueue<ReviewOutcome> items = new ConcurrentLinkedQueue<>();

    void add(ReviewOutcome outcome) {
      items.add(outcome);
    }
  }
}
