package dev.finegrain.workflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.finegrain.workflow.Decision;
import dev.finegrain.workflow.Refusal;
import dev.finegrain.workflow.RefusalReason;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Reviews;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Given/when/then tests of a review workflow, on the pure {@link Reviews#decide}/{@link
 * Reviews#evolve} pair (no store, no engine): given a case's history, as events or as commands
 * that must be accepted, when a command is decided, then expect these events, or this refusal, or
 * a state. Each step fails the test with a message that shows what was decided.
 *
 * <pre>{@code
 * ReviewFixture review = ReviewFixture.of(listingReview, ReviewContext.of(team));
 *
 * review.given(submit("listing-42", "lin"), approve("listing-42", "zhou", "copy"))
 *     .when(approve("listing-42", "lin", "manager"))
 *     .thenRefused(RefusalReason.NOT_ELIGIBLE);
 *
 * review.given(submit("listing-42", "lin"))
 *     .when(approve("listing-42", "zhou", "copy"))
 *     .thenEventTypes(VoteCast.class, StageApproved.class, StageOpened.class);
 * }</pre>
 *
 * @since 0.1
 */
public final class ReviewFixture {
  private final ReviewWorkflow workflow;
  private final ReviewContext context;

  private ReviewFixture(ReviewWorkflow workflow, ReviewContext context) {
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * A fixture deciding with {@code workflow} in {@code context}.
   *
   * @param workflow the workflow under test
   * @param context the team and standards it decides with
   * @return the fixture
   * @throws dev.finegrain.core.DefinitionException if the workflow is not valid against the context
   */
  public static ReviewFixture of(ReviewWorkflow workflow, ReviewContext context) {
    workflow.validateAgainst(context);
    return new ReviewFixture(workflow, context);
  }

  /** {@return a case not yet submitted: {@link ReviewCase#NEW}} */
  public Given givenNewCase() {
    return new Given(ReviewCase.NEW, List.of());
  }

  /**
   * A case whose history is these commands, each decided in turn and accepted; fails the test if
   * one is refused.
   *
   * @param history the commands, in order, starting with a {@code Submit}
   * @return the case after them
   */
  public Given given(ReviewCommand... history) {
    ReviewCase state = ReviewCase.NEW;
    List<ReviewEvent> events = new ArrayList<>();
    for (ReviewCommand command : history) {
      Decision decision = Reviews.decide(workflow, context, state, command);
      if (!decision.isAccepted()) {
        fail("given: " + command + " was refused: " + decision.refusal().orElseThrow());
      }
      state = decision.applyTo(state);
      events.addAll(decision.events());
    }
    return new Given(state, events);
  }

  /**
   * A case whose history is these events, in order (sequence numbers 1, 2, ...).
   *
   * @param history the events, in order
   * @return the case after them
   */
  public Given givenEvents(ReviewEvent... history) {
    List<ReviewEvent> events = Arrays.asList(history);
    return new Given(ReviewCase.replay(events), events);
  }

  /**
   * A case's history, before the command under test.
   *
   * @since 0.1
   */
  public final class Given {
    private final ReviewCase state;
    private final List<ReviewEvent> history;

    private Given(ReviewCase state, List<ReviewEvent> history) {
      this.state = state;
      this.history = List.copyOf(history);
    }

    /** {@return the case's state after its history} */
    public ReviewCase state() {
      return state;
    }

    /** {@return the case's events so far, in order} */
    public List<ReviewEvent> history() {
      return history;
    }

    /**
     * Decides {@code command} against the case.
     *
     * @param command the command under test
     * @return what was decided, to check
     */
    public Then when(ReviewCommand command) {
      return new Then(state, command, Reviews.decide(workflow, context, state, command));
    }
  }

  /**
   * What was decided, to check.
   *
   * @since 0.1
   */
  public static final class Then {
    private final ReviewCase before;
    private final ReviewCommand command;
    private final Decision decision;

    private Then(ReviewCase before, ReviewCommand command, Decision decision) {
      this.before = before;
      this.command = command;
      this.decision = decision;
    }

    /** {@return the decision, for checks of your own} */
    public Decision decision() {
      return decision;
    }

    /**
     * Expects the command accepted with exactly these events, in order.
     *
     * @param expected the events
     * @return this, for more checks
     */
    public Then thenEvents(ReviewEvent... expected) {
      accepted();
      assertEquals(List.of(expected), decision.events(), () -> "events decided for " + command);
      return this;
    }

    /**
     * Expects the command accepted with events of exactly these types, in order.
     *
     * @param expected the event types
     * @return this, for more checks
     */
    @SafeVarargs
    public final Then thenEventTypes(Class<? extends ReviewEvent>... expected) {
      accepted();
      List<Class<? extends ReviewEvent>> wanted = List.of(expected);
      List<? extends ReviewEvent> events = decision.events();
      boolean same = wanted.size() == events.size();
      for (int i = 0; same && i < events.size(); i++) {
        same = wanted.get(i).isInstance(events.get(i));
      }
      if (!same) {
        fail("events decided for " + command + ": expected types "
            + wanted.stream().map(Class::getSimpleName).toList() + " but got " + events);
      }
      return this;
    }

    /**
     * Expects the command accepted, recording nothing (a tick with no deadline due).
     *
     * @return this, for more checks
     */
    public Then thenNothingHappens() {
      accepted();
      assertEquals(List.of(), decision.events(), () -> "events decided for " + command);
      return this;
    }

    /**
     * Expects the command refused for {@code reason}.
     *
     * @param reason the expected reason
     * @return the refusal, for more checks of its message
     */
    public Refusal thenRefused(RefusalReason reason) {
      Refusal refusal = decision.refusal().orElseGet(() -> fail("expected " + command + " to be refused as "
          + reason + ", but it was accepted with " + decision.events()));
      assertEquals(reason, refusal.reason(), () -> "refusal of " + command + ": " + refusal.message());
      return refusal;
    }

    /**
     * Expects the command accepted, and checks the case's state after its events.
     *
     * @param check assertions on the state after the events
     * @return this, for more checks
     */
    public Then thenState(Consumer<ReviewCase> check) {
      accepted();
      check.accept(decision.applyTo(before));
      return this;
    }

    private void accepted() {
      if (!decision.isAccepted()) {
        fail("expected " + command + " to be accepted, but it was refused: " + decision.refusal().orElseThrow());
      }
    }
  }
}
