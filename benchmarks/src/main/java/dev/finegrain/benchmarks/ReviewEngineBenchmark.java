package dev.finegrain.benchmarks;

import com.google.common.collect.Lists;
import dev.finegrain.workflow.Decision;
import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The review engine facade on the listing review ({@link ReviewWorkload}): in-memory event store,
 * SHA-256 hash chain on, one thread. Every {@code @Setup} first checks that the engine computes the
 * same answer as the baseline, the pure {@link Reviews#decide}/{@link Reviews#evolve} pair: same
 * events, case approved, chain intact, replay equal to the live state ({@code ReviewEngineBenchmarkTest}
 * runs the same checks in CI).
 *
 * <p>Run all (about 10 minutes):
 * <pre>
 * mvn -B -o -q -pl core,workflow,kpi,benchmarks -am verify -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ReviewEngineBenchmark -prof gc
 * </pre>
 * Retained heap per open case: {@link ReviewFootprint}.
 */
// AlwaysPreTouch: the heap's pages are touched once when the JVM starts, so that a measurement does
// not include the guest OS faulting in never-used heap memory as the young generation moves over it
// (measured 2026-11-28: fullReview 42,679 ± 82,344 reviews/s without, 91,773 ± 10,232 with; see JOURNAL.md, "Page faults in the measurements")
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReviewEngineBenchmark {

  /**
   * Whole reviews: a fresh engine per iteration (so the store does not grow for the whole run); each
   * op submits a new case and approves it four times to APPROVED (5 commands, 12 recorded events).
   */
  @State(Scope.Thread)
  public static class Reviewing {
    ReviewEngine engine;
    long next;

    @Setup(Level.Trial)
    public void agree() {
      checkFullReviewAgainstBaseline(50);
    }

    @Setup(Level.Iteration)
    public void freshEngine() {
      engine = ReviewWorkload.engine();
      next = 0;
    }
  }

  /**
   * One full review: submit a case and drive it to approved (reviews/s).
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'ReviewEngineBenchmark.fullReview' -prof gc</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public ReviewOutcome fullReview(Reviewing s) {
    return ReviewWorkload.fullReview(s.engine, s.next++);
  }

  /**
   * A store holding {@code openCases} open cases; each op approves a random one at its next step.
   * A case's fourth approval closes it; that op then also submits a fresh case into its slot, so the
   * store always holds {@code openCases} open cases (an op is one approval plus, one time in four, a
   * submit; the same mix for every size).
   */
  @State(Scope.Thread)
  public static class LargeStore {
    @Param({"10000", "1000000"})
    public int openCases;

    ReviewEngine engine;
    String[] caseIds;
    byte[] steps;
    long next;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void open() {
      checkFullReviewAgainstBaseline(20);
      engine = ReviewWorkload.engine();
      caseIds = new String[openCases];
      steps = new byte[openCases];
      for (int i = 0; i < openCases; i++) {
        caseIds[i] = ReviewWorkload.caseId(i);
        ReviewWorkload.accepted(engine.handle(ReviewWorkload.submit(caseIds[i], ReviewWorkload.listing(i))));
      }
      next = openCases;
      random = new SplittableRandom(42);
      SplittableRandom sample = new SplittableRandom(7);
      for (int k = 0; k < 100; k++) {
        ReviewWorkload.checkOpen(engine, caseIds[sample.nextInt(openCases)]);
      }
      check(engine.caseIds().size() == openCases, "%s cases stored, %s opened", engine.caseIds().size(), openCases);
    }

    /** One op: an approval at the next step of a random open case (and a fresh case if it closed). */
    public ReviewOutcome approveRandom() {
      int slot = random.nextInt(caseIds.length);
      int step = steps[slot];
      ReviewOutcome outcome = engine.handle(ReviewWorkload.approve(caseIds[slot], step));
      if (step < 3) {
        steps[slot] = (byte) (step + 1);
      } else {
        long n = next++;
        String caseId = ReviewWorkload.caseId(n);
        caseIds[slot] = caseId;
        steps[slot] = 0;
        engine.handle(ReviewWorkload.submit(caseId, ReviewWorkload.listing(n)));
      }
      return outcome;
    }
  }

  /**
   * One approval on a random open case of a store holding {@code openCases} open cases (ops/s; flat
   * from 10 000 to 1 000 000 is the goal).
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'ReviewEngineBenchmark.decideOnLargeStore' -prof gc</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public ReviewOutcome decideOnLargeStore(LargeStore s) {
    return s.approveRandom();
  }

  /**
   * A {@link LargeStore} whose inboxes nobody has read for {@value #QUIET_DECISIONS} decisions: each
   * invocation's setup (not timed) makes them, so the measured inbox query first brings every case
   * they changed up to date in the open-work index (fewer than {@code InMemoryEventStore.DRAIN_AT},
   * so no decision has done it on the way).
   */
  @State(Scope.Thread)
  public static class QuietSpell {
    @Param({"10000", "1000000"})
    public int openCases;

    LargeStore store;
    int decisions = QUIET_DECISIONS;

    @Setup(Level.Trial)
    public void open() {
      store = new LargeStore();
      store.openCases = openCases;
      store.open();
      store.engine.inbox(INBOX_MEMBER, ReviewWorkload.AT, INBOX_PAGE);  // the submissions' drain, before any shot
      decide();
      checkPage(store.engine.inbox(INBOX_MEMBER, ReviewWorkload.AT, INBOX_PAGE));  // agreement, before measuring
    }

    @Setup(Level.Invocation)
    public void decide() {
      for (int i = 0; i < decisions; i++) {
        store.approveRandom();
      }
    }

    /**
     * Checks a page against the store's own record of each case's step: the oldest entries of
     * {@value #INBOX_MEMBER}'s inbox are the cases waiting for the first manager's vote, by case id
     * in code-point order (every command has one instant).
     */
    void checkPage(List<InboxItem> page) {
      List<String> waiting = new ArrayList<>();
      for (int slot = 0; slot < store.caseIds.length; slot++) {
        if (store.steps[slot] == 2) {
          waiting.add(store.caseIds[slot]);
        }
      }
      waiting.sort(String::compareTo);  // ASCII ids: UTF-16 order is code-point order
      List<String> expected = waiting.subList(0, Math.min(INBOX_PAGE, waiting.size()));
      List<String> got = Lists.transform(page, InboxItem::caseId);
      check(got.equals(expected), "inbox of %s: %s, the store's steps say %s", INBOX_MEMBER, got, expected);
    }
  }

  static final int QUIET_DECISIONS = 40_000;
  static final String INBOX_MEMBER = "ma";
  static final int INBOX_PAGE = 50;

  /**
   * The first inbox page after a quiet spell of {@value #QUIET_DECISIONS} decisions (ms, single
   * shots): what a member opening an inbox waits while the open-work index catches up, at 10,000
   * and 1,000,000 open cases.
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'ReviewEngineBenchmark.firstInboxAfterQuietSpell'</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 6)  // at 10,000 open cases the first shots run before the drain's code is compiled
  @Measurement(iterations = 8)
  public List<InboxItem> firstInboxAfterQuietSpell(QuietSpell s) {
    return s.store.engine.inbox(INBOX_MEMBER, ReviewWorkload.AT, INBOX_PAGE);
  }

  /** {@value #REPLAYED_CASES} approved cases ({@value ReviewWorkload#EVENTS_PER_REVIEW} events each) in the store. */
  @State(Scope.Thread)
  public static class Replaying {
    ReviewEngine engine;
    List<String> caseIds;

    @Setup(Level.Trial)
    public void record() {
      checkFullReviewAgainstBaseline(20);
      engine = ReviewWorkload.engine();
      for (int n = 0; n < REPLAYED_CASES; n++) {
        ReviewWorkload.fullReview(engine, n);
      }
      caseIds = engine.caseIds();
      check(caseIds.size() == REPLAYED_CASES, "%s cases", caseIds.size());
      for (String caseId : caseIds) {
        ReviewWorkload.checkApproved(engine, caseId);  // includes: replay equals the live state
        check(replay(engine, caseId).equals(engine.state(caseId)), "replay of %s differs", caseId);
      }
    }
  }

  static final int REPLAYED_CASES = 1000;
  static final int REPLAYED_EVENTS = REPLAYED_CASES * ReviewWorkload.EVENTS_PER_REVIEW;

  static ReviewCase replay(ReviewEngine engine, String caseId) {
    return ReviewCase.replay(Lists.transform(engine.events(caseId), RecordedEvent::event));
  }

  /**
   * Rebuilds each case's state from its stored events (events/s).
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'ReviewEngineBenchmark.replay' -prof gc</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REPLAYED_EVENTS)
  public void replay(Replaying s, Blackhole bh) {
    for (String caseId : s.caseIds) {
      bh.consume(replay(s.engine, caseId));
    }
  }

  /**
   * Checks each case's hash chain, then rebuilds its state (events/s): what an audit or a restart
   * that trusts nothing does.
   *
   * <pre>java -jar benchmarks/target/benchmarks.jar 'ReviewEngineBenchmark.replayVerified' -prof gc</pre>
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REPLAYED_EVENTS)
  public void replayVerified(Replaying s, Blackhole bh) {
    for (String caseId : s.caseIds) {
      List<RecordedEvent> log = s.engine.events(caseId);
      bh.consume(HashChain.verify(log));
      bh.consume(ReviewCase.replay(Lists.transform(log, RecordedEvent::event)));
    }
  }

  // --- agreement with the baseline ----------------------------------------------------------------

  /**
   * Drives {@code reviews} cases through a fresh engine and checks each against the baseline: the
   * same commands decided with the pure {@link Reviews#decide}/{@link Reviews#evolve} pair give the
   * same events; the case ends APPROVED with {@value ReviewWorkload#EVENTS_PER_REVIEW} events, its
   * chain verifies, and its replay equals the engine's live state.
   */
  public static void checkFullReviewAgainstBaseline(int reviews) {
    ReviewEngine engine = ReviewWorkload.engine();
    for (int n = 0; n < reviews; n++) {
      ReviewOutcome last = ReviewWorkload.accepted(ReviewWorkload.fullReview(engine, n));
      String caseId = ReviewWorkload.caseId(n);
      check(last.version() == ReviewWorkload.EVENTS_PER_REVIEW, "last outcome at version %s", last.version());
      ReviewWorkload.checkApproved(engine, caseId);
      List<ReviewEvent> stored = Lists.transform(engine.events(caseId), RecordedEvent::event);
      List<ReviewEvent> baseline = baselineEvents(n);
      check(stored.equals(baseline), "case %s: engine recorded %s, baseline decided %s", caseId, stored, baseline);
    }
  }

  /** The events of review {@code n} decided by the pure pair, without the engine. */
  static List<ReviewEvent> baselineEvents(long n) {
    String caseId = ReviewWorkload.caseId(n);
    List<ReviewCommand> commands = new ArrayList<>();
    commands.add(ReviewWorkload.submit(caseId, ReviewWorkload.listing(n)));
    for (int step = 0; step < 4; step++) {
      commands.add(ReviewWorkload.approve(caseId, step));
    }
    ReviewWorkflow workflow = ReviewWorkload.workflow();
    ReviewCase state = ReviewCase.NEW;
    List<ReviewEvent> events = new ArrayList<>();
    for (ReviewCommand command : commands) {
      Decision decision = Reviews.decide(workflow, ReviewWorkload.context(), state, command);
      check(decision.isAccepted(), "baseline refused %s: %s", command, decision);
      events.addAll(decision.events());
      state = decision.applyTo(state);
    }
    return events;
  }

  static void check(boolean ok, String format, Object... args) {
    ReviewWorkload.check(ok, format, args);
  }
}
