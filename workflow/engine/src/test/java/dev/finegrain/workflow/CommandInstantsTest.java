package dev.finegrain.workflow;

import static dev.finegrain.workflow.Fixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.command.Comment;
import dev.finegrain.workflow.command.Delegate;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instants a command carries lie within years 1 to 9999, or the command is refused when built,
 * naming the path: the platform stamps them and the engine reads no clock, and a case cannot go back
 * in time, so one far in the future would leave its case waiting until then.
 */
class CommandInstantsTest {
  private static final Instant T0 = Fixtures.T0;

  private static Comment.Builder comment() {
    return Comment.builder().commandId("c1").caseId("listing-42").actor("lin").text("note");
  }

  private static Delegate.Builder delegate() {
    return Delegate.builder().commandId("d1").caseId("listing-42").actor("ma").at(T0).from("ma").to("boss");
  }

  @Test
  void aCommandDatedAtTheLastInstantJavaRepresentsIsRefusedWhenBuiltWithThePathAndTheBound() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> comment().at(Instant.MAX).build());

    assertEquals(List.of(Problem.of("at", "must lie within years 0001 to 9999 (ReviewCommand.MIN_INSTANT"
        + " 0001-01-01T00:00:00Z to ReviewCommand.MAX_INSTANT 9999-12-31T23:59:59.999999999Z), got"
        + " +1000000000-12-31T23:59:59.999999999Z")), e.problems());
    assertThrows(DefinitionException.class, () -> comment().at(Instant.MIN).build());
    assertThrows(DefinitionException.class, () -> Tick.builder().commandId("t1").caseId("listing-42")
        .actor(ReviewEvent.SYSTEM).at(Instant.MAX).build());
  }

  @Test
  void epochMillisecondsReadAsSecondsAreRefusedWithAHint() {
    Instant millisAsSeconds = Instant.ofEpochSecond(T0.toEpochMilli());

    DefinitionException e = assertThrows(DefinitionException.class, () -> comment().at(millisAsSeconds).build());

    assertEquals(List.of(Problem.of("at", "must lie within years 0001 to 9999 (ReviewCommand.MIN_INSTANT"
        + " 0001-01-01T00:00:00Z to ReviewCommand.MAX_INSTANT 9999-12-31T23:59:59.999999999Z), got"
        + " +58136-06-14T00:00:00Z; as epoch milliseconds it would be 2026-03-02T09:00:00Z")), e.problems());
  }

  @Test
  void theFirstAndLastInstantsOfYears1To9999AreAccepted() {
    assertEquals(ReviewCommand.MIN_INSTANT, comment().at(Instant.parse("0001-01-01T00:00:00Z")).build().at());
    assertEquals(ReviewCommand.MAX_INSTANT, comment().at(Instant.parse("9999-12-31T23:59:59.999999999Z")).build()
        .at());
    assertThrows(DefinitionException.class, () -> comment().at(ReviewCommand.MIN_INSTANT.minusNanos(1)).build());
    assertThrows(DefinitionException.class, () -> comment().at(ReviewCommand.MAX_INSTANT.plusNanos(1)).build());
  }

  @Test
  void aDelegationsWindowIsBoundedLikeEveryInstantACommandCarries() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> delegate().validFrom(Instant.MIN)
        .validUntil(Instant.MAX).build());

    assertEquals(List.of("validFrom", "validUntil"), e.problems().stream().map(Problem::path).toList());
    delegate().validFrom(T0).validUntil(ReviewCommand.MAX_INSTANT).build();
  }

  @Test
  void readingACommandDatedOutOfRangeFromJsonReportsThePath() {
    String json = """
        {"type": "comment", "commandId": "c1", "caseId": "listing-42", "actor": "lin",
         "at": "+1000000000-12-31T23:59:59.999999999Z", "text": "clock bug"}
        """;

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json,
        ReviewCommand.class));

    assertEquals(List.of("at"), e.problems().stream().map(Problem::path).toList());
  }

  @Test
  void aDelegationThatDoesNotEndAfterItStartsIsRefusedWhenBuilt() {
    DefinitionException empty = assertThrows(DefinitionException.class, () -> delegate().validFrom(T0)
        .validUntil(T0).build());
    DefinitionException backwards = assertThrows(DefinitionException.class, () -> delegate()
        .validFrom(T0.plusSeconds(10)).validUntil(T0).build());

    assertEquals(List.of(Problem.of("validUntil", "must be after validFrom (2026-03-02T09:00:00Z), got"
        + " 2026-03-02T09:00:00Z")), empty.problems());
    assertEquals(List.of(Problem.of("validUntil", "must be after validFrom (2026-03-02T09:00:10Z), got"
        + " 2026-03-02T09:00:00Z")), backwards.problems());
    delegate().validFrom(T0).validUntil(T0.plusNanos(1)).build();
  }

  /**
   * What the bound leaves: a command dated late in year 9999 is accepted, and the case cannot go
   * back in time, so it waits until then; only a command dated at or after that instant moves it on:
   * here the submitter withdraws it.
   */
  @Test
  void aCaseCannotGoBackInTimeSoAFarFutureCommandLeavesItWaitingUntilThen() {
    CaseDriver review = CaseDriver.listing();
    review.accept(review.submit("chen", listing("food", 20)));
    review.now = ReviewCommand.MAX_INSTANT;
    review.accept(review.comment("lin", "a clock in year 9999"));

    review.now = T0.plus(Duration.ofMinutes(5));
    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.approve("lin", "copy")).reason());
    assertEquals(RefusalReason.BEFORE_LAST_EVENT, review.refuse(review.withdraw("chen")).reason());
    assertEquals(List.of(), review.accept(review.tick()), "a tick before the last event does nothing");

    review.now = ReviewCommand.MAX_INSTANT;
    review.accept(review.withdraw("chen"));
    assertEquals(CaseStatus.CLOSED, review.state.status());
  }
  /**
   * Queries take any instant: one past year 9999 answers as of the last instant a command can
   * carry, which is as far as any deadline can ever fire (the escalation and expiry of manager
   * approval here).
   */
  @Test
  void queriesAsOfAnInstantPastYear9999AnswerAsOfTheLastInstantACommandCanCarry() {
    EngineDriver d = EngineDriver.listing();
    d.atManagerApproval("l-1");
    ReviewEngine scanning = OpenWorkProperties.engine(new OpenWorkProperties.SpiOnly(d.engine.store()));

    for (Instant at : List.of(Instant.MAX, Instant.MIN)) {
      OpenWorkProperties.sameAnswers(d.engine, scanning, at, 2);
    }
    assertEquals(d.engine.whyBlocked("l-1", ReviewCommand.MAX_INSTANT).text().replace(
        ReviewCommand.MAX_INSTANT.toString(), "then"), d.engine.whyBlocked("l-1", Instant.MAX).text()
        .replace(Instant.MAX.toString(), "then"));
    assertEquals(CaseStatus.IN_REVIEW, d.engine.whyBlocked("l-1", Instant.MIN).status());
    assertEquals(List.of(), d.engine.inbox("ma", Instant.MAX), "expired");
    assertEquals(List.of("l-1"), d.engine.dueBy(Instant.MAX, 10));
  }
}
