package dev.finegrain.workflow;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The shop team, the listing review and the order review used across the workflow tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private Fixtures() {}

  static Member member(String id, String... roles) {
    return Member.builder().id(id).name(id.substring(0, 1).toUpperCase() + id.substring(1)).addRoles(roles).build();
  }

  /**
   * chen (operations) submits listings; lin and zhou write copy; wang and li design; xu and tang
   * check compliance; ma, guo and tang are managers; guo is also the lead; boss is the director
   * whom manager approval escalates to; he (warehouse) reviews nothing.
   */
  static Team team() {
    return Team.builder().id("shop").name("West Lake Tea")
        .addRoles(Role.of("operations", "Operations"), Role.of("copywriter", "Copywriter"),
            Role.of("designer", "Designer"), Role.of("compliance", "Compliance"), Role.of("manager", "Manager"),
            Role.of("lead", "Team lead"), Role.of("director", "Director"), Role.of("warehouse", "Warehouse"))
        .addMembers(member("chen", "operations"), member("lin", "copywriter"), member("zhou", "copywriter"),
            member("wang", "designer"), member("li", "designer"), member("xu", "compliance"),
            member("ma", "manager"), member("guo", "manager", "lead"), member("tang", "manager", "compliance"),
            member("boss", "director"), member("he", "warehouse"))
        .build();
  }

  static ReviewContext context() {
    return ReviewContext.of(team());
  }

  /** The shop team with these members added. */
  static Team teamWith(Member... joined) {
    return Team.builder().from(team()).addMembers(joined).build();
  }

  /** {@code team} after these members left it. */
  static Team without(Team team, String... left) {
    List<String> gone = List.of(left);
    return Team.builder().from(team).members(team.members().stream().filter(m -> !gone.contains(m.id())).toList())
        .build();
  }

  static Stage copy() {
    return Stage.builder().id("copy").name("Copy review").addReviewerRole("copywriter")
        .reReview(ReReview.resetIfChanged("title", "description")).build();
  }

  static Stage image() {
    return Stage.builder().id("image").name("Image review").addReviewerRole("designer").reReview(ReReview.keep())
        .build();
  }

  static Stage compliance() {
    return Stage.builder().id("compliance").name("Compliance review").addReviewerRole("compliance")
        .condition(Condition.in("category", "cosmetics", "food"))
        .reReview(ReReview.resetIfChanged("category", "ingredients")).build();
  }

  static Stage manager() {
    return Stage.builder().id("manager").name("Manager approval").addReviewerRole("manager")
        .quorum(Quorum.atLeast(2))
        .deadline(Deadline.builder().escalateAfter(Duration.ofHours(48)).escalationRole("director")
            .expireAfter(Duration.ofHours(96)).build())
        .reReview(ReReview.resetIfChanged("price")).build();
  }

  /**
   * Copy and image review in parallel; compliance only for cosmetics and food; then 2 of 3
   * managers, escalating to the director after 48 hours and expiring after 96. Compliance and
   * manager approval need different people.
   */
  static ReviewWorkflow listingReview() {
    return ReviewWorkflow.builder().id("listing-review").version(1).subjectKind("listing")
        .addPhases(Phase.of(copy(), image()), Phase.of(compliance()), Phase.of(manager()))
        .addDistinctApproverStages("compliance", "manager")
        .leadRole("lead")
        .build();
  }

  /** An order above 1000 needs one manager's review; smaller orders pass at once. */
  static ReviewWorkflow orderReview() {
    return ReviewWorkflow.builder().id("order-review").version(1).subjectKind("order")
        .addPhase(Phase.of(Stage.builder().id("order").name("Order review").addReviewerRole("manager")
            .condition(Condition.compare("amount", Comparison.GT, 1000)).build()))
        .build();
  }

  static Artifact listing(String category, double price) {
    return Artifact.builder("listing").put("title", "Organic green tea 250 g").put("description", "Spring harvest")
        .put("category", category).put("price", price).put("images", List.of("front.jpg", "back.jpg")).build();
  }

  static Artifact order(long amount) {
    return Artifact.builder("order").put("amount", amount).put("customer", "c-7").build();
  }
}
