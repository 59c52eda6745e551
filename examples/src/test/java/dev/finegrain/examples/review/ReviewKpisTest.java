package dev.finegrain.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.examples.Outputs;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewKpisTest {
  private final Map<String, List<RecordedEvent>> events = ListingReview.eventsByCase(ListingReview.simulate());
  private final String out = Outputs.of(ListingReview::run);

  @Test
  void firstPassYieldAndReworkRateMatchACountOfTheEvents() {
    int decided = 0;
    int firstPass = 0;
    int reworked = 0;
    for (List<RecordedEvent> recorded : events.values()) {
      boolean sentBack = recorded.stream().anyMatch(r -> r.event() instanceof GateFailed
          || r.event() instanceof ChangesRequested || r.event() instanceof Resubmitted);
      Outcome outcome = recorded.stream().filter(r -> r.event() instanceof CaseClosed)
          .map(r -> ((CaseClosed) r.event()).outcome()).findFirst().orElse(null);
      decided += outcome != null ? 1 : 0;
      firstPass += outcome == Outcome.APPROVED && !sentBack ? 1 : 0;
      reworked += sentBack ? 1 : 0;
    }

    String yield = String.format(Locale.ROOT, "%.1f%%", 100.0 * firstPass / decided);
    String rework = String.format(Locale.ROOT, "%.1f%%", 100.0 * reworked / events.size());
    assertTrue(out.contains("first-pass yield " + yield + " of decided cases"), yield + "\n" + out);
    assertTrue(out.contains("rework rate " + rework + " of cases"), rework + "\n" + out);
  }

  @Test
  void copyReviewCycleTimeMedianMatchesASortOfTheCycles() {
    List<Long> minutes = new ArrayList<>();
    for (List<RecordedEvent> recorded : events.values()) {
      Map<String, Instant> opened = new HashMap<>();
      for (RecordedEvent r : recorded) {
        if (r.event() instanceof StageOpened o && o.stageId().equals("copy")) {
          opened.put("copy", o.at());
        } else if ((r.event() instanceof StageApproved a && a.stageId().equals("copy"))
            || (r.event() instanceof StageRejected j && j.stageId().equals("copy"))
            || (r.event() instanceof ChangesRequested c && c.stageId().equals("copy"))
            || (r.event() instanceof CaseClosed && opened.containsKey("copy"))) {
          Instant start = opened.remove("copy");
          if (start != null) {
            minutes.add(Duration.between(start, r.event().at()).toMinutes());
          }
        }
      }
    }
    minutes.sort(null);
    long median = minutes.get((int) Math.ceil(0.5 * minutes.size()) - 1); // nearest rank

    String p50 = median < 60 ? median + " min" : median % 60 == 0 ? median / 60 + " h"
        : median / 60 + " h " + median % 60 + " min";
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+Copy review\\s+" + minutes.size() + "\\s+" + p50 + "\\s+.*")),
        "copy: " + minutes.size() + " cycles, p50 " + p50 + "\n" + out);
  }

  @Test
  void reviewerLoadCountsEveryVote() {
    long votes = events.values().stream().flatMap(List::stream).filter(r -> r.event() instanceof VoteCast).count();
    long printed = out.lines().dropWhile(l -> !l.equals("Reviewer load")).skip(3)
        .mapToLong(l -> Long.parseLong(l.trim().split("\\s{2,}")[1])).sum();

    assertEquals(votes, printed);
    for (String id : List.of("wang", "zhou", "ma", "xu", "guo", "tang", "lin")) {
      String name = ListingReview.name(id);
      long cast = events.values().stream().flatMap(List::stream)
          .filter(r -> r.event() instanceof VoteCast && r.event().actor().equals(id)).count();
      assertTrue(out.lines().anyMatch(l -> l.matches("  " + name + "\\s+" + cast + "\\s+.*")), name + " " + cast);
    }
  }

  @Test
  void statusWordsAreUpperCaseAsOnTheDashboardAndDurationsHaveNoThousandsOfMinutes() {
    assertTrue(out.matches("(?s).*first-pass yield [0-9.]+% of decided cases \\((RED|AMBER|GREEN)\\).*"), out);
    assertFalse(out.matches("(?s).*\\d,\\d{3} min.*"), out);
  }
}
