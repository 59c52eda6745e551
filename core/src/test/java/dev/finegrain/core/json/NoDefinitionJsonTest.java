package dev.finegrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A JSON document that holds no definition — {@code null}, nothing, or only whitespace — is refused
 * by every read entry point, never read as Java {@code null}; so are nulls inside a definition.
 */
class NoDefinitionJsonTest {
  private static final String TEAM = "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\", \"name\": \"A\"}]}";

  private static DefinitionException refused(Executable read) {
    return assertThrows(DefinitionException.class, read);
  }

  private static ByteArrayInputStream utf8(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aJsonNullWhereADefinitionBelongsIsRefusedNotReadAsJavaNull() {
    for (String json : List.of("null", " null\n", "\tnull ")) {
      List<Problem> expected = List.of(Problem.of("", "expected a Team object, got null"));
      assertEquals(expected, refused(() -> FinegrainJson.read(json, Team.class)).problems(), json);
      assertEquals(expected, refused(() -> FinegrainJson.read(utf8(json), Team.class)).problems(), json);
      assertEquals(expected, refused(() -> FinegrainJson.read(json, new TypeReference<Team>() {})).problems(), json);
    }
    assertEquals("invalid JSON for Team: expected a Team object, got null",
        refused(() -> FinegrainJson.read("null", Team.class)).getMessage());
    assertEquals(List.of(Problem.of("", "expected a list, got null")),
        refused(() -> FinegrainJson.read("null", new TypeReference<List<Team>>() {})).problems());
    assertEquals(List.of(Problem.of("", "expected a Condition object, got null")),
        refused(() -> FinegrainJson.read("null", Condition.class)).problems());
    assertEquals(List.of(Problem.of("", "expected an Artifact object, got null")),
        refused(() -> FinegrainJson.read("null", Artifact.class)).problems());
    assertEquals(List.of(Problem.of("", "expected a text, got null")),
        refused(() -> FinegrainJson.read("null", String.class)).problems());
  }

  @Test
  void emptyOrBlankJsonIsRefusedAsEmpty() {
    for (String json : List.of("", " ", "\n\t \r\n")) {
      List<Problem> expected = List.of(Problem.of("", "expected a Team object, got empty input"));
      assertEquals(expected, refused(() -> FinegrainJson.read(json, Team.class)).problems(), json);
      assertEquals(expected, refused(() -> FinegrainJson.read(utf8(json), Team.class)).problems(), json);
      assertEquals(List.of(Problem.of("", "expected a list, got empty input")),
          refused(() -> FinegrainJson.read(json, new TypeReference<List<Team>>() {})).problems(), json);
    }
  }

  @Test
  void nullsInsideADefinitionAreRefusedWithTheirPaths() {
    assertEquals(List.of(Problem.of("roles", "expected a list, got null")),
        refused(() -> FinegrainJson.read("{\"id\": \"t\", \"name\": \"T\", \"roles\": null}", Team.class)).problems());
    assertEquals(List.of(Problem.of("roles[0]", "expected a Role object, got null")),
        refused(() -> FinegrainJson.read("{\"id\": \"t\", \"name\": \"T\", \"roles\": [null]}", Team.class)).problems());
    assertEquals(List.of(Problem.of("[1]", "expected a Team object, got null")),
        refused(() -> FinegrainJson.read("[" + TEAM + ", null]", new TypeReference<List<Team>>() {})).problems());
    assertEquals(List.of(Problem.of("b", "expected a Team object, got null")),
        refused(() -> FinegrainJson.read("{\"a\": " + TEAM + ", \"b\": null}",
            new TypeReference<Map<String, Team>>() {})).problems());
  }

  @Test
  void aListOfDefinitionsIsNamedAsJavaWritesItsType() {
    assertEquals("invalid JSON for List<Team>: [0]: expected a Team object, got null",
        refused(() -> FinegrainJson.read("[null]", new TypeReference<List<Team>>() {})).getMessage());
    assertEquals("JSON for Map<String, List<Team>>",
        refused(() -> FinegrainJson.read("7", new TypeReference<Map<String, List<Team>>>() {})).subject());
  }

  @Test
  void aListOrANumberWhereADefinitionBelongsNamesTheDefinitionAndWhatCame() {
    assertEquals(List.of(Problem.of("", "expected a Team object, got a list")),
        refused(() -> FinegrainJson.read("[]", Team.class)).problems());
    assertEquals(List.of(Problem.of("", "expected a Team object, got 7")),
        refused(() -> FinegrainJson.read("7", Team.class)).problems());
  }

  @Test
  void aNullTypeIsNamed() {
    assertEquals("type", assertThrows(NullPointerException.class,
        () -> FinegrainJson.read(TEAM, (Class<Team>) null)).getMessage());
    assertEquals("type", assertThrows(NullPointerException.class,
        () -> FinegrainJson.read(TEAM, (TypeReference<Team>) null)).getMessage());
    assertEquals("type", assertThrows(NullPointerException.class,
        () -> FinegrainJson.read(utf8(TEAM), null)).getMessage());
  }
}
