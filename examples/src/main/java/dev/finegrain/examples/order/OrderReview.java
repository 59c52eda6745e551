package dev.finegrain.examples.order;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.Rules;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.Violation;
import dev.finegrain.examples.TextTable;
import dev.finegrain.kpi.Direction;
import dev.finegrain.kpi.Formula;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.KpiRow;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.Target;
import dev.finegrain.workflow.Phase;
import dev.finegrain.workflow.ReviewContext;
import dev.finegrain.workflow.ReviewEngine;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.Reject;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.CaseClosed;
import dev.finegrain.workflow.event.CaseSubmitted;
import dev.finegrain.workflow.event.Outcome;
import dev.finegrain.workflow.event.StageOpened;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.event.VoteKind;
import dev.finegrain.workflow.store.RecordedEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Order review (订单审核): a day of generated orders of the West Lake Tea shop. The shop's order rules
 * are a core {@link Standard} over each order: high value, a new buyer with a changed delivery address,
 * a risky category. A clean order passes them all, and the review workflow skips both of its stages by
 * their conditions, so the engine approves it at once; a flagged order waits for finance (high value)
 * or risk control (the other two), or both, before it is released to fulfilment. Reviewers work 09:00
 * to 21:00 in the shop's time zone, Asia/Shanghai, so orders flagged in the evening wait overnight.
 * Deterministic: a fixed seed and simulated instants, no clock. Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.order.OrderReview}.
 */
public final class OrderReview {
  /** The seed of the generated orders and of the reviewers' choices. */
  public static final long SEED = 20260317L;
  /** How many orders the day has. */
  public static final int ORDERS = 400;
  /** The shop's time zone: the working hours and every time shown are in it. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** The day of the orders. */
  public static final LocalDate DAY = LocalDate.of(2026, 3, 17);
  /** An order of this amount (CNY) or more is high value and needs finance's review. */
  public static final long HIGH_VALUE = 2000;
  /** Categories whose orders risk control reviews: resold or used for fraud more than tea is. */
  public static final List<String> RISKY_CATEGORIES = List.of("gift-card", "aged-puer");
  /** Reviewers' working hours, in {@link #ZONE}. */
  public static final LocalTime SHIFT_START = LocalTime.of(9, 0);
  /** The end of the reviewers' working hours: a review started before it is finished. */
  public static final LocalTime SHIFT_END = LocalTime.of(21, 0);
  /** A held order decided within this time counts as decided on time. */
  public static final Duration SERVICE_LEVEL = Duration.ofHours(2);

  static final String SUBMITTER = "chen";
  static final List<String> FINANCE = List.of("qian", "feng");
  static final List<String> RISK = List.of("deng", "luo");
  private static final String[] CHANNELS = {"tmall", "jd", "douyin", "wechat"};
  private static final String[] CATEGORIES = {"tea", "teaware", "food", "gift-box", "gift-card", "aged-puer"};
  private static final int[] CATEGORY_WEIGHTS = {45, 20, 15, 13, 5, 2};
  // orders by hour of day: quiet at night, busy late morning and in the evening
  private static final int[] HOUR_WEIGHTS = {3, 2, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 9, 8, 7, 7, 7, 8, 9, 11, 12, 12, 9, 6};

  private OrderReview() {}

  /** One order as the shop's order system has it; {@code amount} in whole CNY. */
  public record Order(String id, String channel, Instant placedAt, long amount, String category, boolean newBuyer,
      boolean addressChanged) {}

  /** The day's orders, the same every time. */
  public static List<Order> orders() {
    SplittableRandom random = new SplittableRandom(SEED);
    Instant midnight = DAY.atStartOfDay(ZONE).toInstant();
    List<Order> out = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      int hour = weighted(random, HOUR_WEIGHTS);
      Instant placedAt = midnight.plus(Duration.ofHours(hour)).plus(Duration.ofSeconds(random.nextInt(3600)));
      String category = CATEGORIES[weighted(random, CATEGORY_WEIGHTS)];
      // log-normal amounts: a median near 245 CNY, a few corporate gift orders in the thousands
      long amount = Math.max(18, Math.round(Math.exp(5.5 + 1.0 * gaussian(random))));
      boolean newBuyer = random.nextInt(100) < 30;
      boolean addressChanged = random.nextInt(100) < (newBuyer ? 14 : 6);
      out.add(new Order("", CHANNELS[random.nextInt(CHANNELS.length)], placedAt, amount, category, newBuyer,
          addressChanged));
    }
    out.sort(Comparator.comparing(Order::placedAt));
    List<Order> numbered = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      Order o = out.get(i);
      numbered.add(new Order(String.format("WLT-O%05d", 31001 + i), o.channel(), o.placedAt(), o.amount(),
          o.category(), o.newBuyer(), o.addressChanged()));
    }
    return numbered;
  }

  private static int weighted(SplittableRandom random, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int roll = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    throw new AssertionError();
  }

  private static double gaussian(SplittableRandom random) { // Box-Muller: SplittableRandom has none in Java 17
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The order rules: a standard every clean order meets; each violation flags the order for review. */
  public static Standard rules() {
    return Standard.builder().id("order-rules").version(1).artifactKind("order").name("Order rules")
        .addRule(Rules.maximum("amount", HIGH_VALUE - 1).withId("high-value"))
        .addRule(Rules.when(Condition.eq("newBuyer", true), Rules.allowedValues("addressChanged", false))
            .withId("new-buyer-changed-address"))
        .addRule(Rules.when(Condition.in("category", RISKY_CATEGORIES.toArray()),
            Rules.allowedValues("category", "tea", "teaware", "food", "gift-box")).withId("risky-category"))
        .build();
  }

  /** What each rule flags, in words. */
  static final Map<String, String> MEANING_OF_RULE = Map.of("high-value", "amount of 2,000 CNY or more",
      "new-buyer-changed-address", "first order, delivery address changed",
      "risky-category", "gift cards or aged pu'er (resold, used for fraud)");

  /** Which review each rule's violation asks for. */
  static final Map<String, String> REVIEW_OF_RULE = Map.of("high-value", "finance",
      "new-buyer-changed-address", "risk", "risky-category", "risk");

  /** The order review: finance and risk control in parallel, each skipped by its condition. */
  public static ReviewWorkflow workflow() {
    return ReviewWorkflow.builder().id("order-review").version(1).subjectKind("order")
        .addPhase(Phase.of(
            Stage.builder().id("finance").name("Finance review").addReviewerRole("finance")
                .condition(Condition.eq("financeReview", true)).build(),
            Stage.builder().id("risk").name("Risk review").addReviewerRole("risk")
                .condition(Condition.eq("riskReview", true)).build()))
        .build();
  }

  /** The people of the order review. */
  public static Team team() {
    return Team.builder().id("west-lake-tea-orders").name("West Lake Tea order desk")
        .addRoles(Role.of("operations", "Store operations"), Role.of("finance", "Finance"),
            Role.of("risk", "Risk control"))
        .addMember(Member.builder().id("chen").name("Chen Jing").addRole("operations").build())
        .addMember(Member.builder().id("qian").name("Qian Yu").addRole("finance").build())
        .addMember(Member.builder().id("feng").name("Feng Jie").addRole("finance").build())
        .addMember(Member.builder().id("deng").name("Deng Hui").addRole("risk").build())
        .addMember(Member.builder().id("luo").name("Luo Bin").addRole("risk").build())
        .build();
  }

  /** The order as the rules see it. */
  public static Artifact artifact(Order order) {
    return fields(order).build();
  }

  /** The order as the review engine sees it: its fields, and which reviews the rules' violations ask for. */
  public static Artifact artifact(Order order, Conformance check) {
    List<String> reviews = check.violations().stream().map(v -> REVIEW_OF_RULE.get(v.ruleId())).toList();
    return fields(order).put("financeReview", reviews.contains("finance")).put("riskReview", reviews.contains("risk"))
        .build();
  }

  private static Artifact.Builder fields(Order order) {
    return Artifact.builder("order").put("id", order.id()).put("channel", order.channel())
        .put("amount", order.amount()).put("category", order.category()).put("newBuyer", order.newBuyer())
        .put("addressChanged", order.addressChanged());
  }

  /** The day through the engine: the orders, each one's rule check, and the engine holding every case. */
  public record Day(List<Order> orders, Map<String, Conformance> checks, ReviewEngine engine) {}

  /** One command to send at an instant; commands are sent in time order across cases. */
  private record Planned(Instant at, int order, ReviewCommand command) {}

  /** Runs the day: checks every order, submits it, and plays the reviewers. The same every time. */
  public static Day simulate() {
    List<Order> orders = orders();
    Standard rules = rules();
    ReviewEngine engine = ReviewEngine.builder(ReviewContext.of(team())).register(workflow()).build();
    Map<String, Conformance> checks = new LinkedHashMap<>();
    List<Planned> plan = new ArrayList<>();
    Map<String, List<Order>> queues = new TreeMap<>(Map.of("finance", new ArrayList<>(), "risk", new ArrayList<>()));
    for (Order order : orders) {
      Conformance check = rules.check(artifact(order));
      checks.put(order.id(), check);
      Artifact subject = artifact(order, check);
      plan.add(new Planned(order.placedAt(), plan.size(), Submit.builder().commandId(order.id() + "/submit")
          .caseId(order.id()).actor(SUBMITTER).at(order.placedAt()).subject(subject).build()));
      if ((boolean) subject.field("financeReview").orElseThrow()) {
        queues.get("finance").add(order);
      }
      if ((boolean) subject.field("riskReview").orElseThrow()) {
        queues.get("risk").add(order);
      }
    }
    queues.forEach((stage, queue) -> plan.addAll(reviews(stage, queue, stage.equals("finance") ? FINANCE : RISK,
        plan.size())));
    plan.sort(Comparator.comparing(Planned::at).thenComparingInt(Planned::order));
    for (Planned p : plan) {
      if (!(p.command() instanceof Submit) && engine.state(p.command().caseId()).isClosed()) {
        continue; // the other stage rejected the order first: nothing left to review
      }
      engine.handle(p.command()).refusal().ifPresent(r -> {
        throw new IllegalStateException(p.command() + " refused: " + r.message());
      });
    }
    return new Day(orders, checks, engine);
  }

  /**
   * The votes of one stage's reviewers, first come first served: each order goes to the reviewer free
   * first, who starts when it arrives, when they are free and within working hours, and takes 5 to 25
   * minutes. Finance turns down 6% of what it reviews, risk control 15%.
   */
  private static List<Planned> reviews(String stage, List<Order> queue, List<String> reviewers, int order) {
    Map<String, Instant> freeAt = new LinkedHashMap<>();
    reviewers.forEach(r -> freeAt.put(r, Instant.MIN));
    List<Planned> out = new ArrayList<>();
    for (Order o : queue) {
      SplittableRandom random = new SplittableRandom(SEED ^ o.id().hashCode() ^ stage.hashCode());
      String reviewer = freeAt.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
      Instant start = working(max(o.placedAt(), freeAt.get(reviewer)));
      Instant done = start.plus(Duration.ofMinutes(5 + random.nextInt(21)));
      freeAt.put(reviewer, done);
      boolean turnDown = random.nextInt(100) < (stage.equals("finance") ? 6 : 15);
      String commandId = o.id() + "/" + stage;
      ReviewCommand vote = turnDown
          ? Reject.builder().commandId(commandId).caseId(o.id()).actor(reviewer).at(done).stageId(stage)
              .reason(stage.equals("finance") ? "payment could not be verified"
                  : "delivery address does not match the buyer")
              .build()
          : Approve.builder().commandId(commandId).caseId(o.id()).actor(reviewer).at(done).stageId(stage).build();
      out.add(new Planned(done, order + out.size(), vote));
    }
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The first instant at or after {@code t} within working hours. */
  static Instant working(Instant t) {
    ZonedDateTime local = t.atZone(ZONE);
    if (local.toLocalTime().isBefore(SHIFT_START)) {
      return local.toLocalDate().atTime(SHIFT_START).atZone(ZONE).toInstant();
    }
    if (!local.toLocalTime().isBefore(SHIFT_END)) {
      return local.toLocalDate().plusDays(1).atTime(SHIFT_START).atZone(ZONE).toInstant();
    }
    return t;
  }

  /** How one order went: whether it was held, and when the review released or cancelled it. */
  public record OrderOutcome(String id, String channel, Instant placedAt, boolean held, Instant decidedAt,
      boolean released, List<String> reviewers) {}

  /** Every order's outcome, read from the engine's recorded events. */
  public static List<OrderOutcome> outcomes(Day day) {
    List<OrderOutcome> out = new ArrayList<>();
    for (Order order : day.orders()) {
      Instant submitted = null;
      Instant closed = null;
      boolean held = false;
      boolean released = false;
      List<String> reviewers = new ArrayList<>();
      for (RecordedEvent r : day.engine().events(order.id())) {
        if (r.event() instanceof CaseSubmitted e) {
          submitted = e.at();
        } else if (r.event() instanceof StageOpened) {
          held = true;
        } else if (r.event() instanceof VoteCast v) {
          reviewers.add(v.actor());
        } else if (r.event() instanceof CaseClosed c) {
          closed = c.at();
          released = c.outcome() == Outcome.APPROVED;
        }
      }
      out.add(new OrderOutcome(order.id(), order.channel(), submitted, held, closed, released, List.copyOf(reviewers)));
    }
    return out;
  }

  static final Kpi HOLD_RATE = Kpi.builder().id("hold-rate").name("Held for review").unit("%")
      .direction(Direction.LOWER_IS_BETTER).measure(Measure.share(Condition.eq("held", true)))
      .target(Target.of(0.15, 0.05)).build();
  static final Kpi RELEASE_RATE = Kpi.builder().id("release-rate").name("Held orders released").unit("%")
      .measure(Measure.share(Condition.eq("released", true))).filter(Condition.eq("held", true)).build();
  static final Kpi ON_TIME = Kpi.builder().id("decided-in-2h").name("Held orders decided within 2 h").unit("%")
      .direction(Direction.HIGHER_IS_BETTER).measure(Measure.share(Condition.compare("minutesHeld",
          dev.finegrain.core.condition.Comparison.LE, SERVICE_LEVEL.toMinutes())))
      .filter(Condition.eq("held", true)).target(Target.of(0.8, 0.1)).build();
  static final Kpi P50 = Kpi.builder().id("held-p50").name("Time held p50").unit("min")
      .measure(Measure.quantile("minutesHeld", 0.5)).filter(Condition.eq("held", true)).build();
  static final Kpi P90 = Kpi.builder().id("held-p90").name("Time held p90").unit("min")
      .measure(Measure.quantile("minutesHeld", 0.9)).filter(Condition.eq("held", true)).build();

  static final Schema<OrderOutcome> OUTCOME_SCHEMA = Schema.<OrderOutcome>builder()
      .dimension("channel", OrderOutcome::channel)
      .instant("placedAt", OrderOutcome::placedAt)
      .instant("decidedAt", OrderOutcome::decidedAt)
      .booleanField("held", OrderOutcome::held)
      .booleanField("released", OrderOutcome::released)
      .build();

  /** The review's own KPIs over the day's orders: hold rate, release rate, time held, decided on time. */
  public static KpiTable reviewKpis(List<OrderOutcome> outcomes) {
    return Kpis.run(KpiQuery.builder().addKpis(HOLD_RATE, RELEASE_RATE, ON_TIME, P50, P90)
        .putDerivedField("minutesHeld", Formula.parse("(decidedAt - placedAt) // 1min"))
        .smallSampleBelow(10).build(), OUTCOME_SCHEMA, outcomes);
  }

  /** What the scenario prints, as numbers, so that a test can recompute each. */
  public record Figures(int orders, int held, int autoPassed, Map<String, Integer> flaggedByRule,
      Map<String, Integer> heldByStage, Map<String, int[]> votesByReviewer, int released, int cancelled,
      long p50Minutes, long p90Minutes, double holdRate, double releaseRate, double decidedInTwoHours) {}

  /** The figures of a simulated day. */
  public static Figures figures(Day day) {
    List<OrderOutcome> outcomes = outcomes(day);
    Map<String, Integer> byRule = new LinkedHashMap<>();
    rules().rules().forEach(r -> byRule.put(r.id(), 0));
    day.checks().values().forEach(c -> c.violations().forEach(v -> byRule.merge(v.ruleId(), 1, Integer::sum)));
    Map<String, Integer> byStage = new TreeMap<>();
    Map<String, int[]> votes = new TreeMap<>();
    for (OrderOutcome o : outcomes) {
      for (RecordedEvent r : day.engine().events(o.id())) {
        if (r.event() instanceof StageOpened s) {
          byStage.merge(s.stageId(), 1, Integer::sum);
        } else if (r.event() instanceof VoteCast v) {
          votes.computeIfAbsent(v.actor(), k -> new int[2])[v.vote() == VoteKind.APPROVE ? 0 : 1]++;
        }
      }
    }
    KpiRow kpis = reviewKpis(outcomes).rows().get(0);
    int held = (int) outcomes.stream().filter(OrderOutcome::held).count();
    int released = (int) outcomes.stream().filter(o -> o.held() && o.released()).count();
    return new Figures(outcomes.size(), held, outcomes.size() - held, byRule, byStage, votes, released,
        held - released, (long) value(kpis, P50), (long) value(kpis, P90), value(kpis, HOLD_RATE),
        value(kpis, RELEASE_RATE), value(kpis, ON_TIME));
  }

  private static double value(KpiRow row, Kpi kpi) {
    return row.cell(kpi.id()).orElseThrow().value().orElseThrow();
  }

  /** Runs the scenario on standard output. */
  public static void main(String[] args) {
    run(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /** Prints the scenario to {@code out}. */
  public static void run(PrintStream out) {
    Day day = simulate();
    Figures f = figures(day);
    Team team = team();
    out.printf("%s: %s%n", workflow().describe(), "finance and risk control in parallel, each skipped unless"
        + " the order rules ask for it");
    out.printf("%,d orders on %s (seed %d); reviewers work %s to %s, Asia/Shanghai%n%n", f.orders(), DAY, SEED,
        SHIFT_START, SHIFT_END);
    out.printf("Passed automatically: %,d; held for review: %,d (%s)%n", f.autoPassed(), f.held(),
        KpiTable.format(HOLD_RATE, java.util.OptionalDouble.of(f.holdRate())));
    TextTable rulesTable = TextTable.of("rule", "flags", "orders", "reviewed by").rightAlign(2);
    f.flaggedByRule().forEach((rule, n) -> rulesTable.row(rule, MEANING_OF_RULE.get(rule), n,
        team.role(REVIEW_OF_RULE.get(rule)).map(Role::name).orElseThrow()));
    out.print(rulesTable.render(2));
    out.printf("  (an order can break more than one rule: %d finance reviews, %d risk reviews)%n%n",
        f.heldByStage().getOrDefault("finance", 0), f.heldByStage().getOrDefault("risk", 0));

    out.println("Who reviewed them");
    TextTable who = TextTable.of("reviewer", "role", "approved", "turned down").rightAlign(2, 3);
    f.votesByReviewer().forEach((id, v) -> {
      Member m = team.member(id).orElseThrow();
      who.row(m.name(), team.role(m.roles().get(0)).map(Role::name).orElseThrow(), v[0], v[1]);
    });
    out.print(who.render(2));

    out.printf("%nHeld orders: %d released to fulfilment, %d cancelled%n", f.released(), f.cancelled());
    out.printf("Time held (placed to decided): p50 %s, p90 %s%n", duration(f.p50Minutes()), duration(f.p90Minutes()));
    out.printf("Decided within %s: %s (target ≥ 80.0%%)%n", duration(SERVICE_LEVEL.toMinutes()),
        KpiTable.format(ON_TIME, java.util.OptionalDouble.of(f.decidedInTwoHours())));

    OrderOutcome longest = outcomes(day).stream().filter(OrderOutcome::held)
        .max(Comparator.comparing((OrderOutcome o) -> Duration.between(o.placedAt(), o.decidedAt()))).orElseThrow();
    Conformance check = day.checks().get(longest.id());
    out.printf("%nHeld longest: %s, placed %s, decided %s (%s) by %s%n", longest.id(), local(longest.placedAt()),
        local(longest.decidedAt()), duration(Duration.between(longest.placedAt(), longest.decidedAt()).toMinutes()),
        String.join(" and ", longest.reviewers().stream().map(id -> team.member(id).orElseThrow().name()).toList()));
    for (Violation v : check.violations()) {
      out.printf("  flagged by %s: %s%n", v.ruleId(), MEANING_OF_RULE.get(v.ruleId()));
    }
  }

  /** A time in the shop's zone, as {@code 03-10 21:14}. */
  static String local(Instant t) {
    return t.atZone(ZONE).toLocalDateTime().toString().substring(5, 16).replace('T', ' ');
  }

  /** Minutes as {@code 45 min} or {@code 12 h 30 min}: one duration format throughout. */
  public static String duration(long minutes) {
    return minutes < 60 ? minutes + " min"
        : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }

  /** The rule ids an order breaks, for tests and the retrospective. */
  static List<String> flags(Conformance check) {
    return check.violations().stream().map(Violation::ruleId).toList();
  }

  static Optional<String> nameOf(String memberId) {
    return team().member(memberId).map(Member::name);
  }
}
