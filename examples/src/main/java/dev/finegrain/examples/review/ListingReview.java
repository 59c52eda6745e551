package dev.finegrain.examples.review;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.StandardCatalog;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import dev.finegrain.examples.Words;
import dev.finegrain.examples.listing.ListingConformance;
import dev.finegrain.examples.team.TeamSetup;
import dev.finegrain.workflow.AuditLine;
import dev.finegrain.workflow.BlockedStage;
import dev.finegrain.workflow.CaseStatus;
import dev.finegrain.workflow.Deadline;
import dev.finegrain.workflow.ReviewCase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewOutcome;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.SentBack;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.StageProgress;
import dev.finegrain.workflow.WhyBlocked;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.RequestChanges;
import dev.finegrain.workflow.command.Resubmit;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.command.Tick;
import dev.finegrain.workflow.command.Withdraw;
import dev.finegrain.workflow.event.ChangesRequested;
import dev.finegrain.workflow.event.Escalated;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.postgres.PostgresEventStore;
import dev.finegrain.workflow.store.ChainCheck;
import dev.finegrain.workflow.store.EventStore;
import dev.finegrain.workflow.store.EventStores;
import dev.finegrain.workflow.store.RecordedEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Scenario 3: a batch of 40 generated product listings goes through the shop's listing review
 * (from {@code shop/listing-review.json}) on the review engine facade, with simulated reviewers:
 * copywriters send back titles with forbidden advertising terms, compliance asks for missing food
 * licences and vetoes health claims, the {@code listing-base} gate of manager approval sends back
 * listings with too few or too narrow images, managers are sometimes slow (a tick escalates their
 * stage to compliance, or lets the case expire) and the submitter withdraws a few. Everything is
 * deterministic: a fixed seed and simulated instants, no clock. Prints the outcome counts, why one
 * open case is blocked, and one full audit trail with its hash check. Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.review.ListingReview};
 * add {@code -Dfinegrain.store=postgres} to keep the events in a PostgreSQL 14 server started for the
 * run (embedded, in a temporary directory) instead of in memory: the output is the same.
 */
public final class ListingReview {
  /** The seed of the generated listings and the reviewers' choices. */
  public static final long SEED = 20260302L;
  /** How many listings the batch has. */
  public static final int LISTINGS = 40;
  /** When the first listing is submitted. */
  public static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

  private static final String SUBMITTER = "chen";
  private static final Team TEAM = TeamSetup.team();
  private static final List<String> COPYWRITERS = List.of("lin", "zhou");
  private static final List<String> MANAGERS = List.of("ma", "guo", "tang");
  private static final List<String> FORBIDDEN = List.of("最佳", "全网第一", "国家级");
  private static final String HEALTH_CLAIM = "可治疗高血压";
  private static final String[][] PRODUCTS = {
      {"tea", "明前西湖龙井 特级 250g 礼盒装"}, {"tea", "安吉白茶 一级 100g 罐装"}, {"tea", "武夷山大红袍 岩茶 200g"},
      {"tea", "云南普洱熟茶 357g 茶饼"}, {"teaware", "手工青瓷茶杯 四只装 礼盒"}, {"teaware", "紫砂壶 西施壶 220ml 手工"},
      {"food", "龙井茶酥 桂花味 12枚 礼盒"}, {"food", "茶香牛轧糖 抹茶味 500g 袋装"}, {"gift-box", "西湖茶礼 龙井与茶具 新春礼盒"},
      {"gift-box", "杭州伴手礼 茶点组合装 8件"}};

  /** What the managers do once manager approval opens. */
  enum Fate { APPROVE, ESCALATE, EXPIRE, STILL_OPEN, REJECT, WITHDRAW }

  private ListingReview() {}

  /** Runs the scenario in memory, or with {@code -Dfinegrain.store=postgres} on an embedded PostgreSQL. */
  public static void main(String[] args) throws IOException {
    String store = System.getProperty("finegrain.store", "memory");
    switch (store) {
      case "memory" -> run(System.out);
      case "postgres" -> runOnEmbeddedPostgres(System.out);
      default -> throw new IllegalArgumentException("-Dfinegrain.store must be memory or postgres, got " + store);
    }
  }

  /**
   * Runs the scenario with its events in a PostgreSQL 14 server started for the run, through
   * connections kept and reused as a platform's pool would keep them.
   */
  static void runOnEmbeddedPostgres(PrintStream out) throws IOException {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ReusedConnections connections = new ReusedConnections(postgres.getPostgresDatabase())) {
      PostgresEventStore.migrate(connections.dataSource());
      run(out, PostgresEventStore.of(connections.dataSource()));
    } catch (SQLException e) {
      throw new IllegalStateException("closing the scenario's connections: " + e.getMessage(), e);
    }
  }

  /** The shop's listing review, from JSON. */
  public static ReviewWorkflow workflow() {
    return Resources.read("shop/listing-review.json", ReviewWorkflow.class);
  }

  /** The shop's team with its standards: what every decision is checked against. */
  public static ReviewContext context() {
    return ReviewContext.of(TeamSetup.team(), ListingConformance.standards());
  }

  /** The result of a simulated batch: the engine with its store, and when each case's clock stopped. */
  public record Batch(ReviewEngine engine, List<String> caseIds, Map<String, Instant> clocks,
      Map<String, String> skus, int accepted, int refused, Map<String, Integer> refusals) {}

  /** Runs the batch through a new engine over an in-memory store; the same every time. */
  public static Batch simulate() {
    return simulate(EventStores.inMemory());
  }

  /** Runs the batch through a new engine over {@code store}, which must be empty; the same every time. */
  public static Batch simulate(EventStore store) {
    ReviewEngine engine = ReviewEngine.builder(context()).register(workflow()).store(store).build();
    Simulator simulator = new Simulator(engine, new SplittableRandom(SEED));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < LISTINGS; i++) {
      ids.add(simulator.review(i));
    }
    return new Batch(engine, ids, simulator.clocks, simulator.skus, simulator.accepted, simulator.refused,
        simulator.refusals);
  }

  /** Prints the scenario to {@code out}, with the events in memory. */
  public static void run(PrintStream out) {
    run(out, EventStores.inMemory());
  }

  /** Prints the scenario to {@code out}, with the events in {@code store}, which must be empty. */
  public static void run(PrintStream out, EventStore store) {
    ReviewWorkflow workflow = workflow();
    Batch batch = simulate(store);
    ReviewEngine engine = batch.engine();
    Deadline deadline = workflow.phases().stream().flatMap(p -> p.stages().stream())
        .flatMap(stage -> stage.deadline().stream()).findFirst().orElseThrow();
    out.printf("%s from shop/listing-review.json:%n  copy and image review in parallel, compliance for food and"
        + " tea,%n  2 of 3 managers behind the listing-base gate (escalates to the %s role after %s%s)%n",
        workflow.describe(), TEAM.role(deadline.escalationRole()).map(Role::name).orElse(deadline.escalationRole()),
        Words.duration(deadline.escalateAfter()),
        deadline.expireAfter().map(d -> ", expires after " + Words.duration(d)).orElse(""));
    out.printf("%d generated listings (seed %d), simulated reviewers, %d commands: %d accepted, %d refused%n%n",
        LISTINGS, SEED, batch.accepted() + batch.refused(), batch.accepted(), batch.refused());

    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome.name().toLowerCase(Locale.ROOT), 0);
    }
    outcomes.put("still open", 0);
    for (String id : batch.caseIds()) {
      ReviewCase state = engine.state(id);
      outcomes.merge(state.outcome().map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("still open"), 1,
          Integer::sum);
    }
    TextTable table = TextTable.of("outcome", "cases").rightAlign(1);
    outcomes.forEach(table::row);
    table.row("total", batch.caseIds().size());
    out.println("Outcomes");
    out.print(table.render(2));

    Map<String, Integer> happened = new LinkedHashMap<>();
    happened.put("gate failures (sent back, fixed, resubmitted)", 0);
    happened.put("changes requested (rework loops)", 0);
    happened.put("escalations by tick", 0);
    for (String id : batch.caseIds()) {
      for (RecordedEvent recorded : engine.events(id)) {
        ReviewEvent event = recorded.event();
        if (event instanceof GateFailed) {
          happened.merge("gate failures (sent back, fixed, resubmitted)", 1, Integer::sum);
        } else if (event instanceof ChangesRequested) {
          happened.merge("changes requested (rework loops)", 1, Integer::sum);
        } else if (event instanceof Escalated) {
          happened.merge("escalations by tick", 1, Integer::sum);
        }
      }
    }
    TextTable along = TextTable.of("on the way", "times").rightAlign(1);
    happened.forEach(along::row);
    batch.refusals().forEach((reason, n) -> along.row("refused: " + reason, n));
    out.println();
    out.print(along.render(2));

    String open = batch.caseIds().stream().filter(id -> engine.state(id).status() == CaseStatus.IN_REVIEW)
        .findFirst().orElse(null);
    if (open != null) {
      Instant asOf = batch.clocks().get(open);
      out.printf("%nWhy is %s (%s) still open? As of %s (times are Asia/Shanghai)%n", open, batch.skus().get(open),
          Words.localTime(asOf));
      whyBlocked(engine, workflow, open, asOf).forEach(line -> out.println("  " + line));
    }

    String shown = auditExample(batch);
    out.printf("%nAudit trail of %s (%s, %s)%n", shown, batch.skus().get(shown),
        engine.state(shown).outcome().map(o -> o.name().toLowerCase(Locale.ROOT)).orElse("open"));
    TextTable trail = TextTable.of("#", "at (Shanghai)", "by", "what").rightAlign(0);
    for (AuditLine line : engine.auditTrail(shown)) {
      trail.row(line.sequence(), Words.localTime(line.at()),
          line.actor().equals(ReviewEvent.SYSTEM) ? "-" : name(line.actor()),
          abbreviate(readable(workflow, line), 96));
    }
    out.print(trail.render(2));
    ChainCheck check = engine.verify(shown);
    out.printf("  hash chain: %s, head %s%n", check.message(), check.headHash()
        .map(head -> head.hex().substring(0, 16) + "...").orElse("-"));
    long intact = batch.caseIds().stream().filter(id -> engine.verify(id).intact()).count();
    out.printf("  every case: %d of %d chains intact%n", intact, batch.caseIds().size());

    out.println();
    ReviewKpis.print(out, ReviewKpis.from(eventsByCase(batch)));
  }

  /** A member's name from the shop's team, or the id for someone not on it. */
  static String name(String memberId) {
    return TEAM.member(memberId).map(Member::name).orElse(memberId);
  }

  /** A stage's name in the workflow: {@code Copy review} for {@code copy}. */
  static String stageName(ReviewWorkflow workflow, String stageId) {
    return workflow.stage(stageId).map(Stage::name).orElse(stageId);
  }

  /**
   * Why the open case waits, as a shop manager reads it: people by name, stages by name, times in
   * the shop's zone and durations as the rest of the demo writes them. Built from the engine's
   * {@link WhyBlocked} structure; its own {@code lines()} use ids and UTC instants.
   */
  static List<String> whyBlocked(ReviewEngine engine, ReviewWorkflow workflow, String caseId, Instant asOf) {
    WhyBlocked why = engine.whyBlocked(caseId, asOf);
    ReviewCase state = engine.state(caseId);
    Instant submitted = engine.events(caseId).get(0).event().at();
    List<String> lines = new ArrayList<>();
    lines.add("submitted by " + name(state.submitter()) + " at " + Words.localTime(submitted) + "; the listing is at"
        + " revision " + state.revision() + "; " + state.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    why.notes().forEach(note -> lines.add(note));
    for (SentBack back : why.sentBack()) {
      lines.add("waits for " + name(state.submitter()) + ": " + (back.kind() == SentBack.Kind.GATE_FAILED
          ? "the gate of " + stageName(workflow, back.stageId()) + " failed"
          : name(back.by()) + " requested changes in " + stageName(workflow, back.stageId())));
      back.reasons().forEach(reason -> lines.add("  " + reason));
    }
    for (BlockedStage stage : why.stages()) {
      StageProgress p = stage.progress();
      lines.add(stage.stageName() + ": " + p.approvals() + " of " + p.required() + " approval"
          + (p.required() == 1 ? "" : "s") + ", " + (p.stillNeeded() == 0 ? "no more needed"
              : p.stillNeeded() + " more needed"));
      lines.add("  votes so far: " + (p.votes().isEmpty() ? "none" : Words.list(p.votes().stream()
          .map(v -> (v.byDelegate() ? name(v.voter()) + " for " + name(v.principal()) : name(v.voter())) + " "
              + switch (v.kind()) {
                case APPROVE -> "approved";
                case REJECT -> "rejected";
                case REQUEST_CHANGES -> "requested changes";
              } + " at " + Words.localTime(v.at()) + " (on revision " + v.revision() + ")")
          .toList())));
      lines.add("  can still vote: " + (p.canStillVote().isEmpty() ? "nobody"
          : Words.list(p.canStillVote().stream().map(ListingReview::name).toList())));
      String role = stage.escalationRole().map(r -> TEAM.role(r).map(Role::name).orElse(r)).orElse("-");
      StringBuilder deadline = new StringBuilder("  deadline: ");
      if (stage.escalationRole().isEmpty()) {
        deadline.append("none");
      } else if (p.escalated()) {
        deadline.append("escalated; the ").append(role).append(" role may vote too");
      } else {
        Instant at = p.escalatesAt().orElseThrow();
        deadline.append("escalates to the ").append(role).append(" role at ").append(Words.localTime(at))
            .append(" (in ").append(Words.duration(Duration.between(asOf, at))).append(')');
      }
      p.expiresAt().ifPresent(at -> deadline.append("; the case expires at ").append(Words.localTime(at))
          .append(" (in ").append(Words.duration(Duration.between(asOf, at))).append(')'));
      lines.add(deadline.toString());
    }
    return lines;
  }

  /**
   * An audit line's description without its leading actor id (the "by" column names them), with
   * stages by name and people by name: {@code requested changes in Copy review: ...}.
   */
  static String readable(ReviewWorkflow workflow, AuditLine line) {
    String text = line.description();
    if (!line.actor().equals(ReviewEvent.SYSTEM) && text.startsWith(line.actor() + " ")) {
      text = text.substring(line.actor().length() + 1);
    }
    for (Stage stage : workflow.allStages()) {
      String quoted = "stage '" + stage.id() + "'";
      if (text.equals(quoted + " approved")) {
        text = stage.name() + " passed";
      }
      text = text.replace("approved " + quoted, "approved in " + quoted).replace("rejected " + quoted, "rejected in "
          + quoted);
      text = text.replace("stage '" + stage.id() + "'", stage.name()).replace("[" + stage.id() + "]", stage.name());
    }
    text = text.replace("listing revision", "revision");
    text = text.replace(" for review under workflow '" + workflow.id() + "' v" + workflow.version(), " for review");
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The recorded events of every case of the batch, in case order. */
  public static Map<String, List<RecordedEvent>> eventsByCase(Batch batch) {
    Map<String, List<RecordedEvent>> out = new LinkedHashMap<>();
    batch.caseIds().forEach(id -> out.put(id, batch.engine().events(id)));
    return out;
  }

  /** The first approved case that went through a gate failure and a rework loop, else the first approved one. */
  static String auditExample(Batch batch) {
    ReviewEngine engine = batch.engine();
    String approved = null;
    for (String id : batch.caseIds()) {
      if (engine.state(id).outcome().filter(o -> o == Outcome.APPROVED).isEmpty()) {
        continue;
      }
      approved = approved == null ? id : approved;
      List<RecordedEvent> events = engine.events(id);
      boolean gate = events.stream().anyMatch(e -> e.event() instanceof GateFailed);
      boolean rework = events.stream().anyMatch(e -> e.event() instanceof ChangesRequested);
      if (gate && rework) {
        return id;
      }
    }
    return approved != null ? approved : batch.caseIds().get(0);
  }

  private static String abbreviate(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 3)) + "...";
  }

  /** Generates listings and plays the reviewers, one case after the other, each on its own clock. */
  static final class Simulator {
    private final ReviewEngine engine;
    private final SplittableRandom random;
    private final StandardCatalog standards = ListingConformance.standards();
    final Map<String, Instant> clocks = new LinkedHashMap<>();
    final Map<String, String> skus = new LinkedHashMap<>();
    final Map<String, Integer> refusals = new TreeMap<>();
    int accepted;
    int refused;
    private int commands;
    private Instant now;
    private String caseId;

    Simulator(ReviewEngine engine, SplittableRandom random) {
      this.engine = engine;
      this.random = random;
    }

    /** A listing with the defects the random draws give it. */
    Artifact listing(int i) {
      String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
      String category = product[0];
      String title = product[1];
      if (random.nextInt(100) < 22) {
        title = FORBIDDEN.get(random.nextInt(FORBIDDEN.size())) + " " + title;
      }
      String description = "2026年新品，杭州西湖产区。";
      if (category.equals("food") && random.nextInt(100) < 40) {
        description = "每日一杯，" + HEALTH_CLAIM + "。";
      }
      int imageCount = random.nextInt(100) < 20 ? 2 + random.nextInt(3) : 5 + random.nextInt(2);
      List<Map<String, Object>> images = new ArrayList<>();
      for (int k = 0; k < imageCount; k++) {
        images.add(Map.of("width", random.nextInt(100) < 3 ? 640 : 1000 + 100 * random.nextInt(5)));
      }
      Artifact.Builder listing = Artifact.builder("listing").put("sku", String.format("WLT-%06d", 100300 + i))
          .put("title", title).put("description", description).put("category", category)
          .put("price", 38 + random.nextInt(850) + 0.0).put("images", images);
      boolean needsLicence = category.equals("food") || category.equals("tea");
      if (needsLicence && random.nextInt(100) >= 25) {
        listing.put("foodLicence", String.format("SC%014d", random.nextLong(100_000_000_000_000L)));
      }
      return listing.build();
    }

    Fate fate(int i) {
      int roll = random.nextInt(100);
      // a few fixed positions make sure every path shows at least once
      switch (i) {
        case 7: return Fate.ESCALATE;
        case 13: return Fate.EXPIRE;
        case 19: return Fate.WITHDRAW;
        case 31: return Fate.REJECT;
        case 37: return Fate.STILL_OPEN;
        default:
          return roll < 70 ? Fate.APPROVE : roll < 78 ? Fate.STILL_OPEN : roll < 84 ? Fate.ESCALATE
              : roll < 88 ? Fate.EXPIRE : roll < 94 ? Fate.WITHDRAW : Fate.REJECT;
      }
    }

    /** Reviews listing {@code i} as far as its fate lets it go; returns its case id. */
    String review(int i) {
      Artifact listing = listing(i);
      Fate fate = fate(i);
      caseId = String.format("listing-%02d", i + 1);
      skus.put(caseId, (String) listing.field("sku").orElseThrow());
      now = START.plus(Duration.ofMinutes(30L * i));
      send(Submit.builder().commandId(id()).caseId(caseId).actor(SUBMITTER).at(now).subject(listing).build());
      boolean managerStarted = false;
      for (int step = 0; step < 40; step++) {
        ReviewCase state = engine.state(caseId);
        if (state.isClosed()) {
          break;
        }
        later(10, 180);
        if (state.status() == CaseStatus.AWAITING_RESUBMISSION) {
          send(Resubmit.builder().commandId(id()).caseId(caseId).actor(SUBMITTER).at(now)
              .subject(fix(state.subject(), state.sentBack())).build());
          continue;
        }
        List<StageProgress> open = engine.whyBlocked(caseId, now).stages().stream().map(s -> s.progress())
            .toList();
        if (open.isEmpty()) {
          break;
        }
        StageProgress stage = open.get(0);
        switch (stage.stageId()) {
          case "copy" -> copyReview(state.subject());
          case "image" -> send(approve("wang", "image"));
          case "compliance" -> complianceReview(state.subject());
          default -> {
            if (!managerStarted) {
              managerStarted = true;
              if (!managers(fate, state)) {
                step = 40;
              }
            } else {
              step = 40;
            }
          }
        }
      }
      clocks.put(caseId, now.plus(Duration.ofHours(1)));
      return caseId;
    }

    private void copyReview(Artifact subject) {
      String reviewer = COPYWRITERS.get(random.nextInt(COPYWRITERS.size()));
      List<String> terms = new ArrayList<>();
      for (Violation v : ListingConformance.check(standards, subject).violations()) {
        if (v.ruleId().startsWith("ad-law")) {
          terms.add(v.message());
        }
      }
      if (terms.isEmpty()) {
        send(approve(reviewer, "copy"));
      } else {
        send(RequestChanges.builder().commandId(id()).caseId(caseId).actor(reviewer).at(now).stageId("copy")
            .reason("advertising law: " + terms.get(0)).build());
      }
    }

    private void complianceReview(Artifact subject) {
      String description = (String) subject.field("description").orElse("");
      if (description.contains(HEALTH_CLAIM)) {
        send(Reject.builder().commandId(id()).caseId(caseId).actor("xu").at(now).stageId("compliance")
            .reason("food may not claim to cure illness (" + HEALTH_CLAIM + ")").build());
      } else if (subject.field("foodLicence").isEmpty()) {
        send(RequestChanges.builder().commandId(id()).caseId(caseId).actor("xu").at(now).stageId("compliance")
            .reason("add the food business licence number (SC...)").build());
      } else {
        send(approve("xu", "compliance"));
      }
    }

    /** Plays the managers by fate; returns whether the case should keep being driven. */
    private boolean managers(Fate fate, ReviewCase state) {
      List<String> order = new ArrayList<>(MANAGERS);
      for (int k = order.size() - 1; k > 0; k--) {
        int j = random.nextInt(k + 1);
        String swap = order.get(k);
        order.set(k, order.get(j));
        order.set(j, swap);
      }
      Instant opened = state.stage("manager").openedAt().orElseThrow();
      switch (fate) {
        case APPROVE -> {
          send(approve(order.get(0), "manager"));
          later(30, 600);
          send(approve(order.get(1), "manager"));
        }
        case ESCALATE -> {
          send(approve(order.get(0), "manager"));
          now = opened.plus(Duration.ofHours(48)).plus(Duration.ofMinutes(5));
          send(Tick.builder().commandId(id()).caseId(caseId).actor(ReviewEvent.SYSTEM).at(now).build());
          later(20, 120);
          if (!send(approve("xu", "manager")).isAccepted()) {
            send(approve(order.get(1), "manager"));  // xu approved compliance: another manager signs
          }
        }
        case EXPIRE -> {
          now = opened.plus(Duration.ofHours(120)).plus(Duration.ofMinutes(1));
          send(Tick.builder().commandId(id()).caseId(caseId).actor(ReviewEvent.SYSTEM).at(now).build());
        }
        case STILL_OPEN -> {
          send(approve(order.get(0), "manager"));
          return false;
        }
        case REJECT -> send(Reject.builder().commandId(id()).caseId(caseId).actor(order.get(0)).at(now)
            .stageId("manager").reason("the price is below our cost").build());
        case WITHDRAW -> send(Withdraw.builder().commandId(id()).caseId(caseId).actor(SUBMITTER).at(now)
            .reason("sold out for the season").build());
        default -> throw new IllegalStateException(fate.toString());
      }
      return true;
    }

    /** The submitter's fix for what the case was sent back for. */
    private Artifact fix(Artifact subject, List<SentBack> sentBack) {
      Artifact fixed = subject;
      for (SentBack back : sentBack) {
        String all = String.join(" ", back.reasons());
        if (back.stageId().equals("copy")) {
          String title = (String) fixed.field("title").orElseThrow();
          for (String term : FORBIDDEN) {
            title = title.replace(term, "");
          }
          fixed = fixed.with("title", title.strip());
        }
        if (all.contains("licence") || all.contains("food-licence")) {
          fixed = fixed.with("foodLicence", String.format("SC%014d", random.nextLong(100_000_000_000_000L)));
        }
        if (all.contains("image")) {
          List<Map<String, Object>> images = new ArrayList<>();
          for (int k = 0; k < 5; k++) {
            images.add(Map.of("width", 1200));
          }
          fixed = fixed.with("images", images);
        }
      }
      return fixed;
    }

    private Approve approve(String actor, String stage) {
      return Approve.builder().commandId(id()).caseId(caseId).actor(actor).at(now).stageId(stage).build();
    }

    private ReviewOutcome send(ReviewCommand command) {
      ReviewOutcome outcome = engine.handle(command);
      if (outcome.isAccepted()) {
        accepted++;
      } else {
        refused++;
        refusals.merge(outcome.refusal().get().reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), 1,
            Integer::sum);
      }
      return outcome;
    }

    private void later(int minMinutes, int maxMinutes) {
      now = now.plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes + 1)));
    }

    private String id() {
      return "cmd-" + (++commands);
    }
  }
}
