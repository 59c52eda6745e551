package dev.finegrain.core.process;

import static dev.finegrain.core.process.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessJsonTest {
  private static final String LISTING = """
      {
        "id": "listing",
        "version": 3,
        "name": "New listing",
        "steps": [
          {"id": "write-copy", "name": "Write copy", "ownerRole": "copywriter",
           "outputs": ["copy"], "expectedDuration": "PT4H"},
          {"id": "approve", "name": "Approve", "ownerRole": "manager", "inputs": ["copy"],
           "outputs": ["approved-copy"], "expectedDuration": "PT30M", "dependsOn": ["write-copy"], "final": true}
        ]
      }
      """;

  @Test
  void readsAProcessWithDurationsAsIsoTextAndTheFinalMarker() {
    ProcessDefinition p = FinegrainJson.read(LISTING, ProcessDefinition.class);

    assertEquals(3, p.version());
    assertEquals(Duration.ofMinutes(30), p.step("approve").orElseThrow().expectedDuration());
    assertTrue(p.step("approve").orElseThrow().isFinal());
    assertEquals(false, p.step("write-copy").orElseThrow().isFinal());
    assertEquals(List.of("write-copy"), p.step("approve").orElseThrow().dependsOn());
  }

  @Test
  void writesTheFinalMarkerAsFinalAndDurationsAsIsoText() {
    String json = FinegrainJson.write(step("approve", "manager", 90).isFinal(true).build());

    assertTrue(json.contains("\"final\" : true"), json);
    assertTrue(json.contains("\"expectedDuration\" : \"PT1H30M\""), json);
    assertTrue(!json.contains("isFinal"), json);
  }

  @Test
  void stepRoundTripsThroughJson() {
    Step original = step("approve", "manager", 90, "write", "photos").addInputs("copy", "photos")
        .addOutput("listing").isFinal(true).build();

    assertEquals(original, FinegrainJson.read(FinegrainJson.write(original), Step.class));
  }

  @Test
  void processRoundTripsThroughJson() {
    ProcessDefinition read = FinegrainJson.read(LISTING, ProcessDefinition.class);
    ProcessDefinition listing = Fixtures.listing();

    assertEquals(read, FinegrainJson.read(FinegrainJson.write(read), ProcessDefinition.class));
    assertEquals(listing, FinegrainJson.read(FinegrainJson.write(listing), ProcessDefinition.class));
  }

  @Test
  void matrixRoundTripsThroughJsonWithLettersAsAList() {
    ResponsibilityMatrix raci = ResponsibilityMatrix.builder().processId("listing")
        .assign("write-copy", "copywriter", Responsibility.R)
        .assign("approve", "manager", Responsibility.A, Responsibility.R)
        .assign("approve", "copywriter", Responsibility.I)
        .build();

    String json = FinegrainJson.write(raci);

    assertTrue(json.replaceAll("\\s+", "").contains(
        "{\"step\":\"approve\",\"role\":\"manager\",\"letters\":[\"R\",\"A\"]}"), json);
    assertEquals(raci, FinegrainJson.read(json, ResponsibilityMatrix.class));
  }

  @Test
  void readsAMatrix() {
    ResponsibilityMatrix raci = FinegrainJson.read("""
        {"processId": "listing", "assignments": [
          {"step": "approve", "role": "manager", "letters": ["A", "R"]},
          {"step": "approve", "role": "legal", "letters": ["C"]}]}
        """, ResponsibilityMatrix.class);

    assertEquals(Set.of(Responsibility.R, Responsibility.A), raci.letters("approve", "manager"));
    assertEquals(List.of("legal"), raci.roles("approve", Responsibility.C));
  }

  @Test
  void rejectsADurationGivenAsANumberNamingItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        LISTING.replace("\"PT30M\"", "5"), ProcessDefinition.class));

    assertEquals(List.of(Problem.of("steps[1].expectedDuration", "expected a duration such as \"PT4H\", got 5")),
        e.problems());
  }

  @Test
  void rejectsADurationThatIsNotIsoText() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        LISTING.replace("\"PT4H\"", "\"4 hours\""), ProcessDefinition.class));

    assertEquals(List.of(Problem.of("steps[0].expectedDuration",
        "expected a duration such as \"PT4H\", got \"4 hours\"")), e.problems());
  }

  @Test
  void rejectsAnUnknownFieldNamingItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        LISTING.replace("\"final\": true", "\"final\": true, \"owner\": \"bo\""), ProcessDefinition.class));

    assertEquals(1, e.problems().size());
    assertEquals("steps[1].owner", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().startsWith("unknown field 'owner'"), e.getMessage());
  }

  @Test
  void reportsAnInvalidProcessReadFromJsonWithPathsIntoIt() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        LISTING.replace("\"dependsOn\": [\"write-copy\"]", "\"dependsOn\": [\"pack\"]"), ProcessDefinition.class));

    assertEquals(List.of(Problem.of("steps[1].dependsOn[0]", "unknown step 'pack'")), e.problems());
  }

  @Test
  void rejectsAnUnknownRaciLetter() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"processId\": \"p\", \"assignments\": [{\"step\": \"a\", \"role\": \"r\", \"letters\": [\"X\"]}]}",
        ResponsibilityMatrix.class));

    assertEquals("assignments[0].letters[0]", e.problems().get(0).path(), e.getMessage());
  }

  @Test
  void rejectsARaciLetterGivenTwiceRatherThanDropOne() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"processId\": \"p\", \"assignments\": [{\"step\": \"a\", \"role\": \"r\", \"letters\": [\"A\", \"R\", \"A\"]}]}",
        ResponsibilityMatrix.class));

    assertEquals("assignments[0].letters", e.problems().get(0).path(), e.getMessage());
    assertEquals("element 2 repeats element 0 ('A'); a set holds each element once", e.problems().get(0).message(),
        e.getMessage());
  }
}
