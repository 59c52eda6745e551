package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.GateFailed;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definitions, commands and events read back from their JSON as equal values, with stable type names. */
class WorkflowJsonTest {
  @Test
  void listingReviewRoundTripsThroughJson() {
    ReviewWorkflow workflow = Fixtures.listingReview();

    String json = FinegrainJson.write(workflow);

    assertEquals(workflow, FinegrainJson.read(json, ReviewWorkflow.class));
    assertTrue(json.contains("\"quorum\" : \"any\""), json);
    assertTrue(json.contains("\"quorum\" : {\n        \"kind\" : \"at-least\",\n        \"count\" : 2\n      }"), json);
    assertTrue(json.contains("\"reReview\" : \"keep\""), json);
    assertTrue(json.contains("\"vetoPolicy\" : \"any-rejection\""), json);
    assertTrue(json.contains("\"escalateAfter\" : \"PT48H\""), json);
  }

  @Test
  void readsACompactHandWrittenWorkflowWithDefaults() {
    String json = """
        {"id": "listing-review", "version": 3, "subjectKind": "listing",
         "phases": [
           {"stages": [{"id": "copy", "name": "Copy", "reviewerRoles": ["copywriter"]},
                       {"id": "image", "name": "Image", "reviewerMembers": ["wang", "li"], "quorum": "all",
                        "reReview": "keep"}]},
           {"stages": [{"id": "manager", "name": "Managers", "reviewerRoles": ["manager"],
                        "quorum": {"kind": "at-least", "count": 2}, "vetoPolicy": "unless-quorum-reachable",
                        "reReview": {"kind": "reset-if-changed", "fields": ["price"]},
                        "condition": {"type": "compare", "field": "price", "op": ">", "value": 100},
                        "deadline": {"escalateAfter": "P2D", "escalationRole": "director"}}]}],
         "leadRole": "lead"}
        """;

    ReviewWorkflow workflow = FinegrainJson.read(json, ReviewWorkflow.class);

    Stage copy = workflow.stage("copy").orElseThrow();
    Stage manager = workflow.stage("manager").orElseThrow();
    assertEquals(Quorum.any(), copy.quorum());
    assertEquals(ReReview.reset(), copy.reReview());
    assertEquals(VetoPolicy.ANY_REJECTION, copy.vetoPolicy());
    assertEquals(Quorum.all(), workflow.stage("image").orElseThrow().quorum());
    assertEquals(Quorum.atLeast(2), manager.quorum());
    assertEquals(VetoPolicy.UNLESS_QUORUM_REACHABLE, manager.vetoPolicy());
    assertEquals(ReReview.resetIfChanged("price"), manager.reReview());
    assertEquals(Duration.ofDays(2), manager.deadline().orElseThrow().escalateAfter());
    assertEquals("price > 100", manager.condition().orElseThrow().toString());
    assertTrue(workflow.forbidSelfReview());
    assertEquals(1, workflow.phaseOf("manager"));
    workflow.validateAgainst(Fixtures.team());
  }

  @Test
  void reportsAnUnknownQuorumOrPolicyAtItsPath() {
    String json = """
        {"id": "w", "version": 1, "subjectKind": "listing",
         "phases": [{"stages": [{"id": "a", "name": "A", "reviewerRoles": ["manager"], "quorum": "most"}]}]}
        """;
    String policy = json.replace("\"quorum\": \"most\"", "\"reReview\": {\"kind\": \"reset-if-changed\"}");

    DefinitionException quorum = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json,
        ReviewWorkflow.class));
    DefinitionException reReview = assertThrows(DefinitionException.class, () -> FinegrainJson.read(policy,
        ReviewWorkflow.class));

    assertEquals(List.of(Problem.of("phases[0].stages[0].quorum",
        "unknown quorum 'most'; expected one of [any, all, majority, at-least]")), quorum.problems());
    assertEquals(List.of(Problem.of("phases[0].stages[0].reReview.fields", "list at least one field")),
        reReview.problems());
  }

  @Test
  void refusesAQuorumOrPolicyWithWhatItWouldIgnore() {
    String json = """
        {"id": "w", "version": 1, "subjectKind": "listing",
         "phases": [{"stages": [{"id": "a", "name": "A", "reviewerRoles": ["manager"], "quorum": QUORUM}]}]}
        """;

    assertEquals(List.of(Problem.of("phases[0].stages[0].quorum.count",
        "only an \"at-least\" quorum has a count; \"any\" has none")), assertThrows(DefinitionException.class,
            () -> FinegrainJson.read(json.replace("QUORUM", "{\"kind\": \"any\", \"count\": 5}"), ReviewWorkflow.class))
            .problems());
    assertEquals(List.of(Problem.of("phases[0].stages[0].quorum",
        "unknown quorum 'ALL'; expected one of [any, all, majority, at-least]")), assertThrows(DefinitionException.class,
            () -> FinegrainJson.read(json.replace("QUORUM", "\"ALL\""), ReviewWorkflow.class)).problems());
    assertEquals(List.of(Problem.of("phases[0].stages[0].reReview.fields",
        "only a \"reset-if-changed\" policy has fields; \"keep\" has none")), assertThrows(DefinitionException.class,
            () -> FinegrainJson.read(json.replace("\"quorum\": QUORUM",
                "\"reReview\": {\"kind\": \"keep\", \"fields\": [\"x\"]}"), ReviewWorkflow.class)).problems());
    assertEquals(Quorum.atLeast(2), FinegrainJson.read(json.replace("QUORUM", "{\"kind\": \"at-least\", \"count\": 2}"),
        ReviewWorkflow.class).stage("a").orElseThrow().quorum());
  }

  @Test
  void everyCommandRoundTripsWithItsTypeName() {
    CaseDriver d = CaseDriver.listing();
    List<ReviewCommand> commands = List.of(
        d.submit("chen", Fixtures.listing("food", 39.9)),
        Approve.builder().from(d.approve("lin", "copy")).comment("fine").expectedVersion(3L).build(),
        d.approveFor("boss", "ma", "manager"),
        d.reject("ma", "manager", "too expensive"),
        d.requestChanges("ma", "manager", "lower the price"),
        d.resubmit("chen", Fixtures.listing("food", 34.9)),
        d.withdraw("chen"),
        d.comment("lin", "looks good"),
        d.delegate("ma", "ma", "boss", Duration.ofDays(3)),
        d.reassign("guo", "manager", "ma", "boss"),
        d.tick());
    List<String> types = new ArrayList<>();

    for (ReviewCommand command : commands) {
      String json = FinegrainJson.write(command);
      assertEquals(command, FinegrainJson.read(json, ReviewCommand.class), json);
      types.add(json.substring(json.indexOf("\"type\" : \"") + 10, json.indexOf("\",")));
    }

    assertEquals(List.of("submit", "approve", "approve", "reject", "request-changes", "resubmit", "withdraw",
        "comment", "delegate", "reassign", "tick"), types);
  }

  @Test
  void everyEventOfAReviewRoundTripsAndReplaysToTheSameState() {
    CaseDriver review = CaseDriver.listing();
    review.accept(review.submit("chen", Fixtures.listing("food", 39.9)));
    review.accept(review.comment("chen", "urgent, please"));
    review.accept(review.delegate("ma", "ma", "boss", Duration.ofDays(7)));
    review.accept(review.reassign("guo", "copy", "lin", "boss"));
    review.accept(review.approve("zhou", "copy"));
    review.accept(review.approve("wang", "image"));
    review.accept(review.requestChanges("xu", "compliance", "list the ingredients"));
    review.accept(review.resubmit("chen", Fixtures.listing("food", 39.9).with("ingredients", "green tea")));
    review.accept(review.approve("xu", "compliance"));
    review.accept(review.after(Duration.ofHours(49)).tick());
    review.accept(review.approve("boss", "manager"));
    review.accept(review.reject("guo", "manager", "not this season"));

    List<ReviewEvent> read = new ArrayList<>();
    for (ReviewEvent event : review.log) {
      String json = FinegrainJson.write(event);
      ReviewEvent back = FinegrainJson.read(json, ReviewEvent.class);
      assertEquals(event, back, json);
      read.add(back);
    }

    assertEquals(review.state, ReviewCase.replay(read));
    assertEquals(List.of("case-submitted", "stage-opened", "stage-opened", "commented", "delegated", "reassigned",
        "vote-cast", "stage-approved", "vote-cast", "stage-approved", "stage-opened", "vote-cast", "changes-requested",
        "resubmitted", "stage-opened", "vote-cast", "stage-approved", "stage-opened", "escalated", "vote-cast",
        "vote-cast", "stage-rejected", "case-closed"), review.log.stream().map(WorkflowJsonTest::typeName).toList());
  }

  private static String typeName(ReviewEvent event) {
    String json = FinegrainJson.write(event);
    return json.substring(json.indexOf("\"type\" : \"") + 10, json.indexOf("\","));
  }

  @Test
  void aGateFailureRoundTripsWithItsViolations() {
    CaseDriver review = new CaseDriver(GateScenarioTest.gated(), ReviewContext.of(Fixtures.team(),
        dev.finegrain.core.standard.StandardCatalog.of(GateScenarioTest.BASICS)), "listing-5");
    review.accept(review.submit("chen", Fixtures.listing("food", 20)));

    GateFailed gate = (GateFailed) review.log.get(1);
    String json = FinegrainJson.write(gate);

    assertEquals(gate, FinegrainJson.read(json, ReviewEvent.class));
    assertTrue(json.contains("\"ruleId\" : \"images\""), json);
  }

  @Test
  void rejectsAnInstantGivenAsANumberNamingItsPath() {
    String tick = "{\"type\": \"tick\", \"commandId\": \"t-1\", \"caseId\": \"listing-42\", \"actor\": \"system\","
        + " \"at\": 1772442900000}";
    String delegate = "{\"type\": \"delegate\", \"commandId\": \"d-1\", \"caseId\": \"listing-42\", \"actor\": \"ma\","
        + " \"at\": \"2026-03-02T09:15:00Z\", \"from\": \"ma\", \"to\": \"boss\", \"validFrom\": 0,"
        + " \"validUntil\": \"2026-03-09T09:15:00Z\"}";

    DefinitionException at = assertThrows(DefinitionException.class, () -> FinegrainJson.read(tick,
        ReviewCommand.class));
    DefinitionException validFrom = assertThrows(DefinitionException.class, () -> FinegrainJson.read(delegate,
        ReviewCommand.class));

    assertEquals(List.of(Problem.of("at", "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\","
        + " got 1772442900000")), at.problems());
    assertEquals(List.of(Problem.of("validFrom", "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\","
        + " got 0")), validFrom.problems());
  }

  @Test
  void rejectsAnInstantThatIsNotIsoTextOrIsANumberInQuotes() {
    String tick = "{\"type\": \"tick\", \"commandId\": \"t-1\", \"caseId\": \"listing-42\", \"actor\": \"system\","
        + " \"at\": AT}";

    for (String bad : List.of("\"1772442900000\"", "\"2026-03-02 09:15\"", "\"\"")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
          tick.replace("AT", bad), ReviewCommand.class), bad);
      assertEquals(List.of(Problem.of("at", "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\", got "
          + bad)), e.problems());
    }
    assertEquals(java.time.Instant.parse("2026-03-02T01:15:00Z"),
        FinegrainJson.read(tick.replace("AT", "\"2026-03-02T09:15:00+08:00\""), ReviewCommand.class).at());
  }

  @Test
  void aRefusalRoundTrips() {
    Refusal refusal = Refusal.of(RefusalReason.SELF_REVIEW, "wang submitted case listing-42 and may not review it");

    assertEquals(refusal, FinegrainJson.read(FinegrainJson.write(refusal), Refusal.class));
  }
}
