package dev.finegrain.examples.review;

import dev.finegrain.core.condition.Condition;
import dev.finegrain.examples.TextTable;
import dev.finegrain.examples.Words;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Grain;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.Target;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.Resubmitted;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.StageApproved;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.StageRejected;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The review process's own KPIs, computed from the workflow's recorded events with the KPI module
 * (the practice "regular retrospectives"): cycle time per stage (p50, p90), first-pass yield,
 * rework rate and reviewer load.
 */
public final class ReviewKpis {
  private ReviewKpis() {}

  /** One stage opening and how it ended; {@code closedAt} is null while the stage is still open. */
  public record StageCycle(String caseId, String stage, Instant openedAt, Instant closedAt, String ending) {}

  /** One case: whether it was decided, approved at the first pass, sent back at least once. */
  public record CaseRecord(String caseId, Instant submittedAt, boolean decided, boolean firstPass, boolean reworked) {}

  /** One vote cast by a reviewer (a delegate's vote counts for the delegate who cast it). */
  public record VoteRecord(String member, String stage, Instant at, String vote) {}

  /** The events of every case, turned into the three record types. */
  public record Records(List<StageCycle> cycles, List<CaseRecord> cases, List<VoteRecord> votes) {}

  /** Reads stage cycles, cases and votes from the recorded events of each case. */
  public static Records from(Map<String, List<RecordedEvent>> eventsByCase) {
    List<StageCycle> cycles = new ArrayList<>();
    List<CaseRecord> cases = new ArrayList<>();
    List<VoteRecord> votes = new ArrayList<>();
    eventsByCase.forEach((caseId, recorded) -> {
      Map<String, Instant> open = new LinkedHashMap<>();
      Instant submitted = null;
      boolean sentBack = false;
      Outcome outcome = null;
      for (RecordedEvent r : recorded) {
        ReviewEvent e = r.event();
        if (e instanceof CaseSubmitted) {
          submitted = e.at();
        } else if (e instanceof StageOpened) {
          open.put(((StageOpened) e).stageId(), e.at());
        } else if (e instanceof StageApproved) {
          close(cycles, open, caseId, ((StageApproved) e).stageId(), e.at(), "approved");
        } else if (e instanceof StageRejected) {
          close(cycles, open, caseId, ((StageRejected) e).stageId(), e.at(), "rejected");
        } else if (e instanceof ChangesRequested) {
          sentBack = true;
          close(cycles, open, caseId, ((ChangesRequested) e).stageId(), e.at(), "changes requested");
        } else if (e instanceof GateFailed || e instanceof Resubmitted) {
          sentBack = true;
        } else if (e instanceof VoteCast) {
          VoteCast v = (VoteCast) e;
          votes.add(new VoteRecord(e.actor(), v.stageId(), e.at(), v.vote().name().toLowerCase(Locale.ROOT)));
        } else if (e instanceof CaseClosed) {
          outcome = ((CaseClosed) e).outcome();
          for (String stage : List.copyOf(open.keySet())) {
            close(cycles, open, caseId, stage, e.at(), outcome.name().toLowerCase(Locale.ROOT));
          }
        }
      }
      open.forEach((stage, at) -> cycles.add(new StageCycle(caseId, stage, at, null, "open")));
      cases.add(new CaseRecord(caseId, submitted, outcome != null, outcome == Outcome.APPROVED && !sentBack,
          sentBack));
    });
    return new Records(cycles, cases, votes);
  }

  private static void close(List<StageCycle> cycles, Map<String, Instant> open, String caseId, String stage,
      Instant at, String ending) {
    Instant opened = open.remove(stage);
    if (opened != null) {
      cycles.add(new StageCycle(caseId, stage, opened, at, ending));
    }
  }

  static final Kpi CYCLES = Kpi.builder().from(kpi("cycles", "Stage cycles ended", "", Measure.count()))
      .filter(Condition.exists("closedAt")).build();
  static final Kpi P50 = kpi("p50-min", "Cycle time p50", "min", Measure.quantile("cycleMinutes", 0.5));
  static final Kpi P90 = kpi("p90-min", "Cycle time p90", "min", Measure.quantile("cycleMinutes", 0.9));
  static final Kpi FIRST_PASS = Kpi.builder().from(kpi("first-pass-yield", "First-pass yield", "%",
      Measure.share(Condition.eq("firstPass", true)))).filter(Condition.eq("decided", true))
      .target(Target.of(0.6, 0.1)).build();
  static final Kpi REWORK = Kpi.builder().from(kpi("rework-rate", "Rework rate", "%",
      Measure.share(Condition.eq("reworked", true)))).direction(Direction.LOWER_IS_BETTER)
      .target(Target.of(0.3, 0.1)).build();
  static final Kpi VOTES = kpi("votes", "Votes cast", "", Measure.count());
  static final Kpi APPROVALS = kpi("approval-share", "Share approving", "%",
      Measure.share(Condition.eq("vote", "approve")));

  private static Kpi kpi(String id, String name, String unit, Measure measure) {
    return Kpi.builder().id(id).name(name).unit(unit).direction(Direction.HIGHER_IS_BETTER).measure(measure).build();
  }

  static final Schema<StageCycle> CYCLE_SCHEMA = Schema.<StageCycle>builder()
      .dimension("stage", StageCycle::stage)
      .instant("openedAt", StageCycle::openedAt)
      .instant("closedAt", StageCycle::closedAt)
      .build();

  static final Schema<CaseRecord> CASE_SCHEMA = Schema.<CaseRecord>builder()
      .instant("submittedAt", CaseRecord::submittedAt)
      .booleanField("decided", CaseRecord::decided)
      .booleanField("firstPass", CaseRecord::firstPass)
      .booleanField("reworked", CaseRecord::reworked)
      .build();

  static final Schema<VoteRecord> VOTE_SCHEMA = Schema.<VoteRecord>builder()
      .dimension("member", VoteRecord::member)
      .dimension("vote", VoteRecord::vote)
      .instant("at", VoteRecord::at)
      .build();

  /** Cycle time per stage: count, p50 and p90 in whole minutes of the cycles that ended. */
  public static KpiTable cycleTimes(Records records) {
    return Kpis.run(KpiQuery.builder().addKpis(CYCLES, P50, P90).timeField("openedAt").grain(Grain.ALL)
        .putDerivedField("cycleMinutes", Formula.parse("(closedAt - openedAt) // 1min"))
        .addGroupBy("stage").smallSampleBelow(5).build(), CYCLE_SCHEMA, records.cycles());
  }

  /** First-pass yield and rework rate over all cases. */
  public static KpiTable passRates(Records records) {
    return Kpis.run(KpiQuery.builder().addKpis(FIRST_PASS, REWORK).timeField("submittedAt").grain(Grain.ALL)
        .smallSampleBelow(5).build(), CASE_SCHEMA, records.cases());
  }

  /** Votes per reviewer and the share of them that approved. */
  public static KpiTable reviewerLoad(Records records) {
    return Kpis.run(KpiQuery.builder().addKpis(VOTES, APPROVALS).timeField("at").grain(Grain.ALL)
        .addGroupBy("member").smallSampleBelow(5).build(), VOTE_SCHEMA, records.votes());
  }

  /** Prints the three tables. */
  public static void print(PrintStream out, Records records) {
    KpiTable cycles = cycleTimes(records);
    out.println("Cycle time per stage (from opening to approval, rejection or send-back)");
    TextTable t = TextTable.of("stage", "cycles", "p50", "p90").rightAlign(1, 2, 3);
    ReviewWorkflow workflow = ListingReview.workflow();
    for (KpiRow row : cycles.rows()) {
      String stage = row.dimension("stage").orElse("?");
      t.row(ListingReview.stageName(workflow, stage), fmt(cycles, row, CYCLES), minutes(row, P50),
          minutes(row, P90));
    }
    out.print(t.render(2));

    KpiTable rates = passRates(records);
    KpiRow all = rates.rows().get(0);
    out.printf("%n  first-pass yield %s of decided cases (%s), rework rate %s of cases (%s)%n",
        fmt(rates, all, FIRST_PASS), status(all, FIRST_PASS), fmt(rates, all, REWORK), status(all, REWORK));

    KpiTable load = reviewerLoad(records);
    out.println();
    out.println("Reviewer load");
    TextTable l = TextTable.of("reviewer", "votes", "approving").rightAlign(1, 2);
    load.rows().stream()
        .sorted((a, b) -> Double.compare(b.cell("votes").orElseThrow().value().orElse(0),
            a.cell("votes").orElseThrow().value().orElse(0)))
        .forEach(row -> l.row(ListingReview.name(row.dimension("member").orElse("?")), fmt(load, row, VOTES),
            fmt(load, row, APPROVALS)));
    out.print(l.render(2));
  }

  private static String fmt(KpiTable table, KpiRow row, Kpi kpi) {
    return KpiTable.format(kpi, row.cell(kpi.id()).orElseThrow().value());
  }

  private static String status(KpiRow row, Kpi kpi) {
    return row.cell(kpi.id()).orElseThrow().status().name();
  }

  /** A cycle-time quantile (whole minutes) as the demo writes durations: {@code 81 min}, {@code 49 h 41 min}. */
  private static String minutes(KpiRow row, Kpi kpi) {
    OptionalDouble v = row.cell(kpi.id()).orElseThrow().value();
    return v.isEmpty() ? "-" : Words.minutes(Math.round(v.getAsDouble()));
  }
}
