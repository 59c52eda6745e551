package dev.finegrain.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.workflow.CaseStatus;
import dev.finegrain.workflow.InboxItem;
import dev.finegrain.workflow.ReviewOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The review-engine benchmarks' agreement checks, with small inputs: what every {@code @Setup}
 * checks before JMH measures (JMH itself does not run in CI).
 */
class ReviewEngineBenchmarkTest {
  @Test
  void fullReviewsAgreeWithThePureDecideEvolveBaseline() {
    ReviewEngineBenchmark.checkFullReviewAgainstBaseline(30);
  }

  @Test
  void theFullReviewBenchmarkSetupAndOpsRun() {
    ReviewEngineBenchmark.Reviewing s = new ReviewEngineBenchmark.Reviewing();
    s.agree();
    s.freshEngine();
    ReviewEngineBenchmark bench = new ReviewEngineBenchmark();
    for (int i = 0; i < 10; i++) {
      ReviewOutcome outcome = bench.fullReview(s);
      assertTrue(outcome.isAccepted(), outcome.toString());
      ReviewWorkload.checkApproved(s.engine, ReviewWorkload.caseId(i));
    }
  }

  @Test
  void largeStoreOpsKeepTheNumberOfOpenCasesAndEveryCaseStaysConsistent() {
    ReviewEngineBenchmark.LargeStore s = new ReviewEngineBenchmark.LargeStore();
    s.openCases = 200;
    s.open();
    for (int i = 0; i < 2000; i++) {
      assertTrue(s.approveRandom().isAccepted());
    }
    long open = s.engine.caseIds().stream().filter(id -> s.engine.state(id).status() == CaseStatus.IN_REVIEW)
        .count();
    assertEquals(200, open);
    for (String caseId : s.engine.caseIds()) {
      if (s.engine.state(caseId).isClosed()) {
        ReviewWorkload.checkApproved(s.engine, caseId);
      } else {
        ReviewWorkload.checkStored(s.engine, caseId, s.engine.state(caseId));
      }
    }
  }

  @Test
  void theFirstInboxAfterAQuietSpellListsTheCasesWaitingForTheFirstManager() {
    ReviewEngineBenchmark.QuietSpell s = new ReviewEngineBenchmark.QuietSpell();
    s.openCases = 500;
    s.decisions = 1_500;
    s.open();
    ReviewEngineBenchmark bench = new ReviewEngineBenchmark();
    for (int shot = 0; shot < 3; shot++) {
      s.decide();
      List<InboxItem> page = bench.firstInboxAfterQuietSpell(s);
      assertFalse(page.isEmpty(), "some of 500 cases wait for the first manager after 1,500 decisions");
      s.checkPage(page);
    }
  }

  @Test
  void replayEqualsTheLiveStateOfEveryCase() {
    ReviewEngineBenchmark.Replaying s = new ReviewEngineBenchmark.Replaying();
    s.record();
    for (String caseId : s.caseIds) {
      assertEquals(s.engine.state(caseId), ReviewEngineBenchmark.replay(s.engine, caseId));
    }
  }

  @Test
  void theFootprintMainOpensCasesWaitingAtStageOne() {
    ReviewFootprint.Result result = ReviewFootprint.measure(2000);
    assertEquals(2000, result.cases());
    assertTrue(result.retainedBytes() > 0, result.toString());
  }
}
