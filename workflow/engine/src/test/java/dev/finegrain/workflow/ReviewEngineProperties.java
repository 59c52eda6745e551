package dev.finegrain.workflow;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Reassign;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.RequestChanges;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.command.Withdraw;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.internal.store.InMemoryEventStore;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.Hash;
import dev.finegrain.workflow.store.HashChain;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random command sequences from random actors, eligible or not (the generators of
 * {@link ReviewProperties}), through the engine facade, with random retries of earlier commands:
 * the store replays to the engine's state, versions only grow, a closed case never changes,
 * retries write nothing and answer the first outcome, ineligible actors change nothing, and the
 * hash chain always verifies, also for an engine restarted over the same store.
 */
class ReviewEngineProperties {
  private static final String CASE = "listing-42";

  /** What a test remembers of each command it sent: the command and its first outcome. */
  private record Sent(ReviewCommand command, ReviewOutcome outcome) {}

  private static ReviewEngine engine(EventStore store) {
    return ReviewEngine.builder(Fixtures.context()).store(store).lockStripes(4).register(Fixtures.listingReview())
        .build();
  }

  @Test
  void theFacadeKeepsTheStoreTheStateAndTheChainConsistent() {
    qt().forAll(steps(), lists(ints(0, 9), 80), ints(0, 11))
        .checkAssert(ReviewEngineProperties::theFacadeKeepsTheStoreTheStateAndTheChainConsistent);
  }

  private static void theFacadeKeepsTheStoreTheStateAndTheChainConsistent(List<ReviewProperties.Step> steps,
      List<Integer> retries, int first) {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = engine(store);
    CaseDriver d = CaseDriver.listing();
    List<Sent> sent = new ArrayList<>();
    Submit submit = d.submit("chen", ReviewProperties.subject(first));
    sent.add(new Sent(submit, engine.handle(submit)));
    ReviewCase closed = null;
    for (int i = 0; i < steps.size(); i++) {
      ReviewCase before = engine.state(CASE);
      d.state = before;
      int retry = i < retries.size() ? retries.get(i) : 9;
      ReviewCommand command;
      ReviewOutcome outcome;
      if (retry == 0) {
        Sent earlier = sent.get((i * 7) % sent.size());
        command = earlier.command();
        outcome = engine.handle(command);
        assertEquals(earlier.outcome(), outcome, "a retry answers the first outcome");
        assertEquals(before, engine.state(CASE), "a retry writes nothing");
      } else {
        command = ReviewProperties.command(d, steps.get(i));
        outcome = engine.handle(command);
        sent.add(new Sent(command, outcome));
      }
      ReviewCase after = engine.state(CASE);
      if (i % 5 == 0 || i == steps.size() - 1) {  // replaying from scratch after every step would be quadratic
        assertEquals(ReviewCase.replay(store.load(CASE).stream().map(RecordedEvent::event).toList()), after,
            "the store replays to the engine's state");
      }
      assertTrue(after.version() >= before.version(), "versions only grow");
      if (retry != 0) {
        assertEquals(before.version() + outcome.events().size(), after.version());
        assertEquals(after.version(), outcome.version());
        for (int e = 0; e < outcome.events().size(); e++) {
          assertEquals(before.version() + 1 + e, outcome.events().get(e).sequence());
          assertEquals(command.commandId(), outcome.events().get(e).commandId());
        }
      }
      if (!outcome.isAccepted()) {
        assertEquals(before, after, "a refusal writes nothing");
      }
      if (closed != null) {
        assertEquals(closed, after, "a closed case never changes");
      } else if (after.isClosed()) {
        closed = after;
      }
      if (ineligible(before, command)) {
        assertFalse(outcome.isAccepted(), () -> command + " by an ineligible actor was accepted: " + outcome);
        assertEquals(before.outcome(), after.outcome());
      }
    }
    assertTrue(engine.verify(CASE).intact(), engine.verify(CASE).message());
  }

  @Test
  void twoEnginesOverOneInMemoryStoreAgreeWithItsLogWhicheverDecides() {
    qt().forAll(steps(), lists(ints(0, 2), 80), ints(0, 11))
        .checkAssert(ReviewEngineProperties::twoEnginesOverOneInMemoryStoreAgreeWithItsLogWhicheverDecides);
  }

  private static void twoEnginesOverOneInMemoryStoreAgreeWithItsLogWhicheverDecides(
      List<ReviewProperties.Step> steps, List<Integer> deciders, int first) {
    InMemoryEventStore store = new InMemoryEventStore();
    List<ReviewEngine> engines = List.of(engine(store), engine(store));
    CaseDriver d = CaseDriver.listing();
    assertTrue(engines.get(0).handle(d.submit("chen", ReviewProperties.subject(first))).isAccepted());
    for (int i = 0; i < steps.size(); i++) {
      int who = i < deciders.size() ? deciders.get(i) : 0;
      ReviewEngine engine = engines.get(who % 2);
      d.state = engine.state(CASE);
      ReviewCommand command = ReviewProperties.command(d, steps.get(i));
      if (who == 2) {  // decided outside any engine and appended to the store directly
        Decision decision = Reviews.decide(Fixtures.listingReview(), Fixtures.context(), d.state, command);
        List<RecordedEvent> log = store.load(CASE);
        Hash previous = log.isEmpty() ? HashChain.GENESIS : log.get(log.size() - 1).hash();
        List<RecordedEvent> recorded = new ArrayList<>();
        for (ReviewEvent event : decision.events()) {
          RecordedEvent link = RecordedEvent.chain(event, command.commandId(), previous);
          recorded.add(link);
          previous = link.hash();
        }
        assertTrue(store.append(CASE, d.state.version(), recorded));
      } else {
        engine.handle(command);
      }

      ReviewCase replayed = ReviewCase.replay(store.load(CASE).stream().map(RecordedEvent::event).toList());
      for (ReviewEngine e : engines) {
        assertEquals(replayed, e.state(CASE), "each engine's state is the fold of the store's log");
        assertEquals(store.load(CASE).get(store.load(CASE).size() - 1).hash(), e.headHash(CASE));
      }
    }
    assertTrue(engines.get(1).verify(CASE).intact());
  }

  @Test
  void aRestartedEngineAnswersEveryRecordedCommandWithItsFirstOutcome() {
    qt().forAll(steps(), ints(0, 11))
        .checkAssert(ReviewEngineProperties::aRestartedEngineAnswersEveryRecordedCommandWithItsFirstOutcome);
  }

  private static void aRestartedEngineAnswersEveryRecordedCommandWithItsFirstOutcome(
      List<ReviewProperties.Step> steps, int first) {
    InMemoryEventStore store = new InMemoryEventStore();
    ReviewEngine engine = engine(store);
    CaseDriver d = CaseDriver.listing();
    List<Sent> sent = new ArrayList<>();
    Submit submit = d.submit("chen", ReviewProperties.subject(first));
    sent.add(new Sent(submit, engine.handle(submit)));
    for (ReviewProperties.Step step : steps) {
      d.state = engine.state(CASE);
      ReviewCommand command = ReviewProperties.command(d, step);
      sent.add(new Sent(command, engine.handle(command)));
    }
    List<RecordedEvent> log = store.load(CASE);

    ReviewEngine restarted = engine(store);
    assertEquals(engine.state(CASE), restarted.state(CASE));
    for (Sent s : sent) {
      if (!s.outcome().events().isEmpty()) {
        assertEquals(s.outcome(), restarted.handle(s.command()));
      }
    }
    assertEquals(log, store.load(CASE), "retries after a restart write nothing");
    assertTrue(restarted.verify(CASE).intact());
  }

  /** Commands that the listing review's rules give no effect, as in {@link ReviewProperties}. */
  private static boolean ineligible(ReviewCase before, ReviewCommand command) {
    String actor = command.actor();
    boolean stranger = actor.equals("mallory") && !(command instanceof Tick);
    boolean warehouse = actor.equals("he")
        && before.delegations().stream().noneMatch(x -> x.to().equals("he"))
        && before.reassignments().stream().noneMatch(r -> r.to().equals("he"))
        && (command instanceof Approve || command instanceof Reject || command instanceof RequestChanges
            || command instanceof Resubmit || command instanceof Withdraw || command instanceof Reassign);
    return stranger || warehouse;
  }

  private static Gen<List<ReviewProperties.Step>> steps() {
    return ReviewProperties.steps().map(list -> list.size() > 50 ? list.subList(0, 50) : list);
  }
}
