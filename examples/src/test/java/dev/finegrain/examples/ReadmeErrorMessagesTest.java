package dev.finegrain.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Team;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.Measure;
import dev.finegrain.workflow.ReviewWorkflow;
import dev.finegrain.workflow.Stage;
import dev.finegrain.workflow.command.Approve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every error message README.md quotes is the one the code gives: each is made here, and the
 * README must hold it as written (a code span may wrap across lines).
 */
class ReadmeErrorMessagesTest {
  private static final String WORKFLOW = "{\"id\": \"w\", \"version\": 1, \"subjectKind\": \"listing\", \"phases\": [{\"stages\":"
      + " [{\"id\": \"copy\", %s \"reviewerRoles\": [\"copywriter\"]}]}]}";

  private static String message(Executable fails) {
    return assertThrows(IllegalArgumentException.class, fails).getMessage();
  }

  private static String problem(Executable fails) {
    DefinitionException e = assertThrows(DefinitionException.class, fails);
    assertEquals(1, e.problems().size(), e::getMessage);
    return e.problems().get(0).toString();
  }

  @Test
  void theErrorMessagesTheReadmeQuotesAreTheCodes() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8).replaceAll("\\s*\n\\s*", " ");
    List<Supplier<String>> quoted = List.of(
        () -> problem(() -> FinegrainJson.read("{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\", \"name\":"
            + " \"A\"}, {\"id\": \"b\", \"name\": \"B\", \"requiredSkills\": {\"writing\": \"ten\"}}]}", Team.class)),
        () -> message(() -> Team.builder().name("Shop").build()),
        () -> problem(() -> FinegrainJson.read("{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\", \"name\":"
            + " \"A\"}], \"members\": [{\"name\": \"M\", \"roles\": [\"a\"]}]}", Team.class)),
        () -> problem(() -> Approve.builder().commandId("c").caseId("x".repeat(257)).actor("ana").at(Instant.EPOCH)
            .stageId("copy").build()),
        () -> message(() -> Stage.builder().name("Copy").addReviewerRole("copywriter").build()),
        () -> problem(() -> FinegrainJson.read(String.format(WORKFLOW, ""), ReviewWorkflow.class)),
        () -> message(() -> Artifact.builder("listing").put("variants", List.of(Map.of("price", Double.NaN))).build()),
        () -> message(() -> Kpi.builder().id("orders").measure(Measure.count()).build()),
        () -> problem(() -> FinegrainJson.read("{\"kpis\": [{\"id\": \"orders\", \"measure\": {\"type\": \"count\"}}]}",
            KpiQuery.class)),
        () -> problem(() -> FinegrainJson.read("{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\","
            + " \"name\": \"A\"}], \"members\": [\n  {\"id\": \"m\", \"name\": \"M\", \"roles\": [\"a\"]},\n"
            + "  {\"id\": \"n\", \"name\": \"N\", \"roles\": [\"a\"]},\n"
            + "  {\"id\": \"o\", \"name\": \"O\", \"id\": \"p\", \"roles\": [\"a\"]}]}", Team.class)));
    List<String> missing = new ArrayList<>();
    for (Supplier<String> message : quoted) {
      String text = message.get();
      if (!readme.contains("`" + text + "`")) {
        missing.add(text);
      }
    }
    assertEquals(List.of(), missing, "README.md should quote these as the code gives them");
    // quoted with an ellipsis for the limit
    String deadline = problem(() -> FinegrainJson.read(String.format(WORKFLOW, "\"name\": \"Copy\", \"deadline\":"
        + " {\"escalateAfter\": \"PT1000000H\", \"escalationRole\": \"manager\"},"), ReviewWorkflow.class));
    assertTrue(deadline.startsWith("phases[0].stages[0].deadline.escalateAfter: must be at most "), deadline);
    assertTrue(readme.contains("`phases[0].stages[0].deadline.escalateAfter: must be at most ...`"));
  }
}
