package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A workflow is validated when built, and against a team; every problem is reported with its path. */
class WorkflowValidationTest {
  private static Stage.Builder stage(String id) {
    return Stage.builder().id(id).name("Stage " + id).addReviewerRole("manager");
  }

  private static ReviewWorkflow.Builder workflow(Phase... phases) {
    return ReviewWorkflow.builder().id("w").version(1).subjectKind("listing").addPhases(phases);
  }

  @Test
  void theFixtureWorkflowsAreValidAgainstTheShopTeam() {
    Fixtures.listingReview().validateAgainst(Fixtures.team());
    Fixtures.orderReview().validateAgainst(Fixtures.context());
  }

  @Test
  void reportsDuplicateStageIdsAcrossPhases() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> workflow(
        Phase.of(stage("copy").build(), stage("image").build()), Phase.of(stage("copy").build())).build());

    assertEquals(List.of(Problem.of("phases[1].stages[0].id", "duplicate stage id 'copy' (first at phases[0].stages[0])")),
        e.problems());
    assertEquals("invalid workflow 'w' v1: phases[1].stages[0].id: duplicate stage id 'copy' (first at"
        + " phases[0].stages[0])", e.getMessage());
  }

  @Test
  void refusesIdsAStoreCouldNotKeepAsWritten() {
    // a NUL: PostgreSQL refuses it in text and JSONB; a lone surrogate: its driver writes "?", and the hash breaks
    DefinitionException nul = assertThrows(DefinitionException.class,
        () -> Stage.builder().id("co\u0000py").name("Copy").addReviewerRole("copywriter").build());
    DefinitionException surrogate = assertThrows(DefinitionException.class, () -> workflow(Phase.of(stage("copy")
        .build())).id("listing\ud800review").build());
    DefinitionException member = assertThrows(DefinitionException.class,
        () -> dev.finegrain.core.Member.builder().id("lin").name("L\u0000in").addRole("copywriter").build());

    assertEquals(List.of(Problem.of("id", "has the character U+0000 at index 2, which PostgreSQL text and JSONB cannot"
        + " store")), nul.problems());
    assertEquals(List.of(Problem.of("id", "has a lone surrogate (\\ud800) at index 7; text must be valid Unicode to be"
        + " stored as UTF-8 and hash the same when read back")), surrogate.problems());
    assertEquals("name", member.problems().get(0).path());
  }

  @Test
  void reportsAWorkflowWithoutPhasesAndAPhaseWithoutStages() {
    DefinitionException none = assertThrows(DefinitionException.class, () -> workflow().build());
    DefinitionException empty = assertThrows(DefinitionException.class, () -> Phase.builder().build());

    assertEquals(List.of(Problem.of("phases", "a workflow needs at least one phase")), none.problems());
    assertEquals(List.of(Problem.of("stages", "a phase needs at least one stage")), empty.problems());
  }

  @Test
  void reportsAStageWithoutReviewers() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Stage.builder().id("copy").name("Copy").build());

    assertEquals(List.of(Problem.of("reviewerRoles",
        "a stage needs reviewers: list reviewerRoles, reviewerMembers or both")), e.problems());
  }

  @Test
  void reportsAQuorumCountBelowOne() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Quorum.atLeast(0));

    assertEquals(List.of(Problem.of("count", "must be at least 1, got 0")), e.problems());
  }

  @Test
  void refusesAFractionalQuorumCountRatherThanTruncatingIt() {
    for (String count : List.of("1.5", "2.9")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> dev.finegrain.core.json.FinegrainJson.read(
          "{\"kind\": \"at-least\", \"count\": " + count + "}", Quorum.class));

      assertEquals("count", e.problems().get(0).path(), e.getMessage());
      assertEquals("expected a whole number, got " + count, e.problems().get(0).message());
    }
  }

  @Test
  void reportsUnknownDistinctApproverStages() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> workflow(Phase.of(stage("copy").build()))
        .addDistinctApproverStages("copy", "legal").build());

    assertEquals(List.of(Problem.of("distinctApproverStages[1]", "unknown stage 'legal'; known stages: [copy]")),
        e.problems());
  }

  @Test
  void reportsDeadlinesThatAreNotPositiveOrExpireBeforeTheyEscalate() {
    DefinitionException zero = assertThrows(DefinitionException.class, () -> Deadline.builder()
        .escalateAfter(Duration.ZERO).escalationRole("lead").expireAfter(Duration.ofHours(-1)).build());
    DefinitionException early = assertThrows(DefinitionException.class, () -> Deadline.builder()
        .escalateAfter(Duration.ofHours(48)).escalationRole("lead").expireAfter(Duration.ofHours(48)).build());

    assertEquals(List.of(Problem.of("escalateAfter", "must be positive, got PT0S"),
        Problem.of("expireAfter", "must be positive, got PT-1H")), zero.problems());
    assertEquals(List.of(Problem.of("expireAfter", "must be longer than escalateAfter (PT48H), got PT48H")),
        early.problems());
  }

  /** Such a workflow used to be read, and the first command after the stage opened threw an overflow. */
  @Test
  void deadlinesLongerThanAHundredYearsAreRefusedWithThePathNotAnOverflowAtTheFirstTick() {
    String json = """
        {"id": "w", "version": 1, "subjectKind": "listing",
         "phases": [{"stages": [{"id": "a", "name": "A", "reviewerRoles": ["manager"],
                                 "deadline": {"escalateAfter": "PT2562047788015215H", "escalationRole": "director",
                                              "expireAfter": "P36526D"}}]}]}
        """;

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json,
        ReviewWorkflow.class));

    assertEquals(List.of(
        Problem.of("phases[0].stages[0].deadline.escalateAfter",
            "must be at most PT876600H (Deadline.MAX_DURATION, 100 years), got PT2562047788015215H"),
        Problem.of("phases[0].stages[0].deadline.expireAfter",
            "must be at most PT876600H (Deadline.MAX_DURATION, 100 years), got PT876624H")), e.problems());
    Deadline.builder().escalateAfter(Deadline.MAX_DURATION.minusHours(1)).escalationRole("director")
        .expireAfter(Deadline.MAX_DURATION).build();
  }

  @Test
  void aStageOpenedNearTheLastInstantJavaRepresentsHasItsDeadlineThereNotAnOverflow() {
    ReviewWorkflow workflow = workflow(Phase.of(stage("a").deadline(Deadline.builder()
        .escalateAfter(Deadline.MAX_DURATION.minusDays(1)).escalationRole("director")
        .expireAfter(Deadline.MAX_DURATION).build()).build())).build();
    CaseDriver d = new CaseDriver(workflow, Fixtures.context(), "late");
    d.accept(d.submit("chen", Fixtures.listing("tea", 1)));
    // commands are dated within years 1 to 9999 now; a log written before may hold any instant
    ReviewCase late = ReviewCase.NEW;
    for (dev.finegrain.workflow.event.ReviewEvent event : d.log) {
      late = Reviews.evolve(late, FinegrainJson.read(FinegrainJson.write(event).replace(Fixtures.T0.toString(),
          java.time.Instant.MAX.minus(Duration.ofDays(2)).toString()), dev.finegrain.workflow.event.ReviewEvent.class));
    }
    d.state = late;
    d.now = dev.finegrain.workflow.command.ReviewCommand.MAX_INSTANT;
    d.send(d.tick());

    assertEquals(StageStatus.OPEN, d.status("a"));
    assertEquals(java.util.Optional.of(java.time.Instant.MAX),
        Reviews.progress(workflow, Fixtures.context(), d.state).get(0).escalatesAt());
  }

  @Test
  void reportsBlankIdsAndAVersionBelowOneAllAtOnce() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> ReviewWorkflow.builder().id(" ").version(0)
        .subjectKind("").addPhase(Phase.of(stage("copy").build())).leadRole("").build());

    assertEquals(List.of(Problem.of("id", "must not be blank"), Problem.of("version", "must be 1 or more, got 0"),
        Problem.of("subjectKind", "must not be blank"), Problem.of("leadRole", "must not be blank")), e.problems());
    DefinitionException blankStage = assertThrows(DefinitionException.class,
        () -> Stage.builder().id("").name("").addReviewerRole("").build());
    assertEquals(List.of(Problem.of("id", "must not be blank"), Problem.of("name", "must not be blank"),
        Problem.of("reviewerRoles[0]", "must not be blank")), blankStage.problems());
  }

  @Test
  void reportsMalformedReReviewFields() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> ReReview.resetIfChanged("price", "a..b"));

    assertEquals("fields[1]", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().startsWith("malformed field path 'a..b'"), e.getMessage());
  }

  @Test
  void reportsEveryProblemAgainstTheTeamWithItsPath() {
    ReviewWorkflow workflow = workflow(
        Phase.of(stage("copy").reviewerRoles(List.of("copywriter", "copywritter")).build(),
            stage("image").reviewerRoles(List.of()).addReviewerMembers("wang", "wnag").build()),
        Phase.of(stage("manager").quorum(Quorum.atLeast(3)).reviewerRoles(List.of()).addReviewerRoles("director")
            .addReviewerMember("boss").deadline(Deadline.builder().escalateAfter(Duration.ofHours(1))
                .escalationRole("cto").build()).build()),
        Phase.of(stage("legal").reviewerRoles(List.of("warehouse")).quorum(Quorum.atLeast(2)).build()))
        .leadRole("boss").build();

    DefinitionException e = assertThrows(DefinitionException.class, () -> workflow.validateAgainst(Fixtures.team()));

    String roles = "[operations, copywriter, designer, compliance, manager, lead, director, warehouse]";
    assertEquals(List.of(
        Problem.of("phases[0].stages[0].reviewerRoles[1]", "unknown role 'copywritter'; known roles: " + roles),
        Problem.of("phases[0].stages[1].reviewerMembers[1]", "unknown member 'wnag' in team 'shop'"),
        Problem.of("phases[1].stages[0].deadline.escalationRole", "unknown role 'cto'; known roles: " + roles),
        Problem.of("phases[1].stages[0].quorum", "needs 3 approvals but only 1 member could ever be eligible"),
        Problem.of("phases[2].stages[0].quorum", "needs 2 approvals but only 1 member could ever be eligible"),
        Problem.of("leadRole", "unknown role 'boss'; known roles: " + roles)), e.problems());
    assertTrue(e.getMessage().startsWith("invalid workflow 'w' v1 against team 'shop': 6 problems"), e.getMessage());
  }

  @Test
  void countsEscalationHoldersAmongThoseWhoCouldEverBeEligible() {
    ReviewWorkflow workflow = workflow(Phase.of(stage("manager").quorum(Quorum.atLeast(4))
        .deadline(Deadline.builder().escalateAfter(Duration.ofHours(1)).escalationRole("director").build()).build()))
        .build();

    workflow.validateAgainst(Fixtures.team());
    DefinitionException e = assertThrows(DefinitionException.class, () -> workflow(Phase.of(stage("manager")
        .quorum(Quorum.atLeast(4)).build())).build().validateAgainst(Fixtures.team()));
    assertEquals("needs 4 approvals but only 3 members could ever be eligible", e.problems().get(0).message());
  }

  @Test
  void aRoleNobodyHoldsLeavesAStageWithoutPossibleReviewers() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> workflow(Phase.of(stage("x")
        .reviewerRoles(List.of("ghost")).build())).build().validateAgainst(Fixtures.team()));

    assertEquals(List.of("unknown role 'ghost'; known roles: [operations, copywriter, designer, compliance, manager,"
        + " lead, director, warehouse]", "needs 1 approval but no member could ever be eligible"),
        e.problems().stream().map(Problem::message).toList());
  }

  @Test
  void readingJsonReportsTheProblemAtItsFullPath() {
    String json = "{\"id\": \"w\", \"version\": 1, \"subjectKind\": \"listing\", \"phases\": ["
        + "{\"stages\": [{\"id\": \"a\", \"name\": \"A\", \"reviewerRoles\": [\"manager\"]}]},"
        + "{\"stages\": [{\"id\": \"b\", \"name\": \"B\", \"reviewerRoles\": [\"manager\"],"
        + " \"quorum\": {\"kind\": \"at-least\", \"count\": 0}}]}]}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json,
        ReviewWorkflow.class));

    assertEquals(List.of(Problem.of("phases[1].stages[0].quorum.count", "must be at least 1, got 0")), e.problems());
  }
}
