package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.event.Commented;
import dev.finegrain.workflow.event.ReviewEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A workflow or event whose JSON is malformed is refused as core's definitions are: the path
 * inside it, what was expected and got, and the line and column, with Jackson's exception as the
 * cause.
 */
class MalformedWorkflowJsonTest {
  private static final String WORKFLOW = "{\"id\": \"w\", \"version\": 1, \"subjectKind\": \"listing\", \"phases\": [\n"
      + "  {\"stages\": [{\"id\": \"copy\", \"name\": \"Copy\", \"reviewerRoles\": [\"copywriter\"]},\n"
      + "              {\"id\": \"price\", \"name\": \"Price\", \"reviewerRoles\": [\"manager\"], %s}]}]}";

  private static List<Problem> refused(String json, Class<?> type) {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type));
    assertInstanceOf(JsonProcessingException.class, e.getCause());
    return e.problems();
  }

  @Test
  void aMemberGivenTwiceInAStageIsNamedWithItsPathAndPlace() {
    assertEquals(List.of(Problem.of("phases[0].stages[1].name",
            "expected each field once, got 'name' a second time at line 3, column 84")),
        refused(String.format(WORKFLOW, "\"name\": \"Again\""), ReviewWorkflow.class));
  }

  @Test
  void nanInAStagesConditionAndACommentInItsReReviewPolicyAreNamed() {
    assertEquals(List.of(Problem.of("phases[0].stages[1].condition.value",
            "expected a finite number, got NaN at line 3, column 149")),
        refused(String.format(WORKFLOW, "\"condition\": {\"type\": \"compare\", \"field\": \"price\", \"op\": \">\","
            + " \"value\": NaN}"), ReviewWorkflow.class));
    assertEquals(List.of(Problem.of("phases[0].stages[1].reReview",
            "expected JSON without comments, got '/' at line 3, column 119")),
        refused(String.format(WORKFLOW, "\"reReview\": {\"kind\": \"reset-if-changed\", /* c */ \"fields\": [\"price\"]}"),
            ReviewWorkflow.class));
  }

  @Test
  void aWorkflowCutShortSaysWhatWasLeftOpen() {
    String json = String.format(WORKFLOW, "\"quorum\": \"all\"");
    String cut = json.substring(0, json.indexOf("\"manager\"") + 4);

    assertEquals(List.of(Problem.of("phases[0].stages[1].reviewerRoles[0]",
            "expected the rest of the text and its closing '\"', got the end of the input at line 3, column 70")),
        refused(cut, ReviewWorkflow.class));
  }

  @Test
  void anEventsSequencePastALongNamesTheRange() {
    String json = FinegrainJson.write(Commented.builder().caseId("A").sequence(1).at(Instant.parse("2026-03-02T09:00:00Z"))
        .actor("ma").text("x").build()).replace("\"sequence\" : 1", "\"sequence\" : 18446744073709551616");

    assertEquals(List.of(Problem.of("sequence", "expected a whole number from -9223372036854775808 to"
        + " 9223372036854775807, got 18446744073709551616 at line 4, column 16")), refused(json, ReviewEvent.class));
  }
}
