package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.event.ReviewEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command's or event's {@code "type"}, and a quorum's or re-review policy's {@code "kind"}, that
 * is there but not a text is named for what it is, not reported missing (or, for a policy, not left
 * unnamed); a command or event that is not an object is named too; a missing one still says so.
 */
class TypeFieldJsonTest {
  private static final String COMMANDS = "[approve, comment, delegate, reassign, reject, request-changes, resubmit,"
      + " submit, tick, withdraw]";
  private static final String EVENTS = "[vote-cast, stage-opened, stage-approved, case-closed, case-submitted,"
      + " stage-skipped, stage-rejected, changes-requested, gate-failed, resubmitted, commented, delegated,"
      + " reassigned, escalated]";
  private static final String QUORUMS = "[any, all, majority, at-least]";
  private static final String RE_REVIEWS = "[keep, reset, reset-if-changed]";
  private static final Map<String, String> WRONG_KINDS = Map.of("[\"any\"]", "a list", "{}", "an object",
      "null", "null", "2", "2", "true", "true");

  private static List<Problem> problems(String json, Class<?> type) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type), json).problems();
  }

  private static String workflowWithStage(String field) {
    return "{\"id\": \"w\", \"version\": 1, \"subjectKind\": \"listing\", \"phases\": [{\"stages\": [{\"id\": \"a\","
        + " \"name\": \"A\", \"reviewerRoles\": [\"manager\"], " + field + "}]}]}";
  }

  @Test
  void aCommandOrEventTypeOfTheWrongKindIsNamedForWhatItIs() {
    WRONG_KINDS.forEach((type, got) -> {
      assertEquals(List.of(Problem.of("type", "expected one of " + COMMANDS + ", got " + got)),
          problems("{\"caseId\": \"c\", \"type\": " + type + "}", ReviewCommand.class));
      assertEquals(List.of(Problem.of("type", "expected one of " + EVENTS + ", got " + got)),
          problems("{\"type\": " + type + ", \"caseId\": \"c\"}", ReviewEvent.class));
    });
  }

  @Test
  void aCommandOrEventThatIsNotAnObjectIsNamedForWhatItIs() {
    Map<String, String> values = Map.of("true", "true", "\"approve\"", "\"approve\"", "[\"approve\", {}]", "a list");
    values.forEach((value, got) -> {
      assertEquals(List.of(Problem.of("", "expected a ReviewCommand object, got " + got)),
          problems(value, ReviewCommand.class));
      assertEquals(List.of(Problem.of("", "expected a ReviewEvent object, got " + got)),
          problems(value, ReviewEvent.class));
    });
  }

  @Test
  void aMissingCommandOrEventTypeIsStillMissingAndTheKnownTypesAreListed() {
    assertEquals(List.of(Problem.of("", "missing 'type'; expected one of " + COMMANDS)),
        problems("{\"caseId\": \"c\"}", ReviewCommand.class));
    assertEquals(List.of(Problem.of("", "missing 'type'; expected one of " + EVENTS)),
        problems("{}", ReviewEvent.class));
  }

  @Test
  void aQuorumOrPolicyKindOfTheWrongKindIsNamedForWhatItIs() {
    WRONG_KINDS.forEach((kind, got) -> {
      assertEquals(List.of(Problem.of("phases[0].stages[0].quorum.kind",
          "expected one of " + QUORUMS + ", got " + got)),
          problems(workflowWithStage("\"quorum\": {\"kind\": " + kind + "}"), ReviewWorkflow.class));
      assertEquals(List.of(Problem.of("phases[0].stages[0].reReview.kind",
          "expected one of " + RE_REVIEWS + ", got " + got)),
          problems(workflowWithStage("\"reReview\": {\"kind\": " + kind + "}"), ReviewWorkflow.class));
    });
  }

  @Test
  void aMissingQuorumOrPolicyKindSaysItIsMissing() {
    assertEquals(List.of(Problem.of("phases[0].stages[0].quorum", "missing 'kind'; expected one of " + QUORUMS)),
        problems(workflowWithStage("\"quorum\": {\"count\": 2}"), ReviewWorkflow.class));
    assertEquals(List.of(Problem.of("phases[0].stages[0].reReview", "missing 'kind'; expected one of " + RE_REVIEWS)),
        problems(workflowWithStage("\"reReview\": {}"), ReviewWorkflow.class));
  }
}
