package dev.finegrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Team;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinegrainJsonTest {
  private static List<Problem> problemsReading(String json) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Team.class)).problems();
  }

  private static String team(String roles, String members) {
    return "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": " + roles + ", \"members\": " + members + "}";
  }

  @Test
  void aTextWhereANumberBelongsNamesThePathAndTheValue() {
    assertEquals(List.of(Problem.of("roles[1].requiredSkills.writing", "expected a whole number, got \"ten\"")),
        problemsReading(team("[{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\", "
            + "\"requiredSkills\": {\"writing\": \"ten\"}}]", "[]")));
  }

  @Test
  void numbersInQuotesAndFractionsForWholeNumbersAreRejectedNotCoerced() {
    assertEquals(List.of(Problem.of("roles[0].requiredSkills.writing", "expected a whole number, got \"3\"")),
        problemsReading(team("[{\"id\": \"a\", \"name\": \"A\", \"requiredSkills\": {\"writing\": \"3\"}}]", "[]")));
    assertEquals(List.of(Problem.of("roles[0].requiredSkills.writing", "expected a whole number, got 3.5")),
        problemsReading(team("[{\"id\": \"a\", \"name\": \"A\", \"requiredSkills\": {\"writing\": 3.5}}]", "[]")));
  }

  @Test
  void anUnknownFieldIsAnErrorListingTheKnownOnes() {
    assertEquals(List.of(Problem.of("roles[0].nmae", "unknown field 'nmae'; known fields: [id, name, requiredSkills]")),
        problemsReading(team("[{\"id\": \"a\", \"nmae\": \"A\"}]", "[]")));
  }

  @Test
  void aMissingOrNullRequiredFieldIsNamed() {
    assertEquals(List.of(Problem.of("roles[0].name", "required, not set")),
        problemsReading(team("[{\"id\": \"a\"}]", "[]")));
    assertEquals(List.of(Problem.of("roles[0].name", "expected a text, got null")),
        problemsReading(team("[{\"id\": \"a\", \"name\": null}]", "[]")));
  }

  @Test
  void aListWhereAnObjectBelongsAndViceVersaAreNamed() {
    assertEquals(List.of(Problem.of("roles", "expected a list, got an object")), problemsReading(team("{}", "[]")));
  }

  @Test
  void everyProblemOfATeamIsListedWithItsFullPath() {
    assertEquals(List.of(
            Problem.of("members[0].roles[0]", "unknown role 'designer'; known roles: [a]"),
            Problem.of("members[1].roles", "a member needs at least one role")),
        problemsReading(team("[{\"id\": \"a\", \"name\": \"A\"}]",
            "[{\"id\": \"m\", \"name\": \"M\", \"roles\": [\"designer\"]}, "
                + "{\"id\": \"n\", \"name\": \"N\", \"roles\": []}]")));
  }

  @Test
  void problemsInsideANestedDefinitionArePrefixedWithItsPath() {
    assertEquals(List.of(Problem.of("roles[1].requiredSkills.writing", "minimum level must be 1 to 5, got 9")),
        problemsReading(team("[{\"id\": \"a\", \"name\": \"A\"}, "
            + "{\"id\": \"b\", \"name\": \"B\", \"requiredSkills\": {\"writing\": 9}}]", "[]")));
  }

  @Test
  void malformedJsonNamesThePathAndTheLineAndColumn() {
    assertEquals(List.of(Problem.of("name", "expected a text, number, list, object, true, false or null, got '}'"
        + " at line 2, column 10")), problemsReading("{\"id\": \"shop\",\n \"name\": }"));
  }

  @Test
  void trailingContentAndDuplicateKeysAreErrors() {
    assertEquals(1, problemsReading(team("[]", "[]") + " {}").size());
    assertEquals(List.of(Problem.of("", "expected the end of the document, got a list at line 1, column 60")),
        problemsReading(team("[]", "[]") + " []"));
    assertEquals(List.of(Problem.of("", "expected the end of the document, got a number at line 1, column 60")),
        problemsReading(team("[]", "[]") + " 7"));
    assertEquals(1, problemsReading("{\"id\": \"a\", \"id\": \"b\", \"name\": \"N\", \"roles\": [], \"members\": []}").size());
  }

  @Test
  void anInstantIsReadOnlyFromIsoTextNotFromANumberOfUnknownUnit() {
    for (String number : List.of("1772442900000", "0", "1.5", "\"1772442900000\"")) {
      assertEquals(List.of(Problem.of("", "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\", got "
          + number)), assertThrows(DefinitionException.class, () -> FinegrainJson.read(number, Instant.class),
          number).problems());
    }
    assertEquals(Instant.parse("2026-03-02T09:15:00.5Z"), FinegrainJson.read("\"2026-03-02T09:15:00.500Z\"",
        Instant.class));
  }

  @Test
  void readsFromAStream() {
    String json = team("[{\"id\": \"a\", \"name\": \"A\"}]", "[{\"id\": \"m\", \"name\": \"M\", \"roles\": [\"a\"]}]");

    Team team = FinegrainJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Team.class);

    assertEquals("M", team.member("m").orElseThrow().name());
  }

  @Test
  void aStreamIsReadOnlyAsFarAsItsErrorAndALittleMoreNotToItsEnd() {
    byte[] head = (team("[{\"id\": \"a\", \"name\": \"A\"}]", "[{\"id\": \"m\", \"name\": \"M\", \"roles\": [\"a\"]}]")
        + " x").getBytes(StandardCharsets.UTF_8);
    long[] served = {0};
    InputStream endless = new InputStream() {  // the document, trailing text, then white space for ever
      @Override
      public int read() {
        long i = served[0]++;
        return i < head.length ? head[(int) i] : ' ';
      }
    };

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(endless, Team.class));

    assertTrue(e.getMessage().contains("expected the end of the document, got 'x'"), e.getMessage());
    assertTrue(served[0] < 1_000_000, "read " + served[0] + " bytes");
  }

  @Test
  void aStreamCutShortIsSaidToEndThere() {
    byte[] cut = "{\"id\": \"t\", \"roles\": [1.".getBytes(StandardCharsets.UTF_8);

    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(new ByteArrayInputStream(cut), Team.class));

    assertTrue(e.getMessage().contains("the end of the input"), e.getMessage());
  }

  @Test
  void aStreamIsClosedOnceWhetherTheDocumentIsGoodOrNot() {
    String good = team("[{\"id\": \"a\", \"name\": \"A\"}]", "[{\"id\": \"m\", \"name\": \"M\", \"roles\": [\"a\"]}]");
    for (String json : List.of(good, good + " x", "{\"id\": \"t\", \"roles\": [1.")) {
      int[] closes = {0};
      ByteArrayInputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)) {
        @Override
        public void close() {
          closes[0]++;
        }
      };
      try {
        FinegrainJson.read(in, Team.class);
      } catch (DefinitionException expected) {
        // the second and third are refused
      }
      assertEquals(1, closes[0], json);
    }
  }
}
