package dev.finegrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Rule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document that is not well-formed JSON, or that the JSON reader refuses (a member given twice,
 * NaN, a comment), is a {@link DefinitionException} in finegrain's words: the path of the member
 * or element, what was expected and what came instead, and the line and column. Never Jackson's
 * own text, which is kept as the cause.
 */
class MalformedJsonTest {
  private static final String A_VALUE = "expected a text, number, list, object, true, false or null";

  private static Problem problem(String json, Class<?> type) {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type));
    assertEquals(1, e.problems().size(), e::getMessage);
    assertInstanceOf(JsonProcessingException.class, e.getCause(), "Jackson's exception is kept as the cause");
    return e.problems().get(0);
  }

  private static Problem problem(byte[] json, Class<?> type) {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(new ByteArrayInputStream(json), type));
    assertEquals(1, e.problems().size(), e::getMessage);
    assertInstanceOf(JsonProcessingException.class, e.getCause(), "Jackson's exception is kept as the cause");
    return e.problems().get(0);
  }

  private static String numberRange(String min) {
    return "{\"type\": \"number-range\", \"field\": \"price\", \"min\": " + min + "}";
  }

  private static String textLength(String min) {
    return "{\"type\": \"text-length\", \"field\": \"title\", \"min\": " + min + "}";
  }

  @Test
  void aMemberGivenTwiceIsNamedByItsFullPathAndPlace() {
    String team = "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\", \"name\": \"A\"}], \"members\": [\n"
        + "  {\"id\": \"m\", \"name\": \"M\", \"roles\": [\"a\"]},\n  {\"id\": \"n\", \"name\": \"N\", \"roles\": [\"a\"]},\n"
        + "  {\"id\": \"o\", \"name\": \"O\", \"id\": \"p\", \"roles\": [\"a\"]}]}";

    assertEquals(Problem.of("members[2].id", "expected each field once, got 'id' a second time at line 4, column 32"),
        problem(team, Team.class));
  }

  @Test
  void aMemberGivenTwiceIsRefusedAtTheTopInAConditionAndInAnArtifact() {
    assertEquals(Problem.of("id", "expected each field once, got 'id' a second time at line 1, column 17"),
        problem("{\"id\": \"a\", \"id\": \"b\"}", Team.class));
    assertEquals(Problem.of("op", "expected each field once, got 'op' a second time at line 1, column 51"),
        problem("{\"type\": \"compare\", \"field\": \"p\", \"op\": \">=\", \"op\": \"<\", \"value\": 1}", Condition.class));
    assertEquals(Problem.of("fields.a.b", "expected each field once, got 'b' a second time at line 1, column 43"),
        problem("{\"kind\": \"l\", \"fields\": {\"a\": {\"b\": 1, \"b\": 2}}}", Artifact.class));
    assertEquals(Problem.of("value.$instant", "expected each field once, got '$instant' a second time at line 1,"
        + " column 111"), problem("{\"type\": \"compare\", \"field\": \"shippedAt\", \"op\": \"<=\", \"value\":"
        + " {\"$instant\": \"2026-01-01T00:00:00Z\", \"$instant\": \"x\"}}", Condition.class));
  }

  @Test
  void aDocumentCutShortSaysWhatWasLeftOpen() {
    assertEquals(Problem.of("roles", "expected the rest of the list and its ']', got the end of the input"
        + " at line 1, column 42"), problem("{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [", Team.class));
    assertEquals(Problem.of("", "expected the rest of the object and its '}', got the end of the input"
        + " at line 1, column 31"), problem("{\"id\": \"shop\", \"name\": \"Shop\",", Team.class));
    assertEquals(Problem.of("id", "expected the rest of the text and its closing '\"', got the end of the input"
        + " at line 1, column 11"), problem("{\"id\": \"sh", Team.class));
    assertEquals(Problem.of("", "expected the rest of the field name and its closing '\"', got the end of the input"
        + " at line 1, column 19"), problem("{\"id\": \"shop\", \"na", Team.class));
    assertEquals(Problem.of("fields.a", "expected the rest of the list and its ']', got the end of the input"
        + " at line 1, column 36"), problem("{\"kind\": \"l\", \"fields\": {\"a\": [1, 2", Artifact.class));
    assertEquals(Problem.of("value", "expected the rest of the object and its '}', got the end of the input"
        + " at line 1, column 99"), problem("{\"type\": \"compare\", \"field\": \"shippedAt\", \"op\": \"<=\", \"value\":"
        + " {\"$instant\": \"2026-01-01T00:00:00Z\"", Condition.class));
  }

  @Test
  void aNumberCutShortIsTheEndOfTheInputNotItsLastChar() {
    String cut = numberRange("1.");
    assertEquals(Problem.of("min", "expected a digit after the decimal point, got the end of the input"
        + " at line 1, column 53"), problem(cut.substring(0, cut.length() - 1), Rule.class));
    assertEquals(Problem.of("min", "expected a digit after the decimal point, got the end of the input"
        + " at line 1, column 53"), problem(cut.substring(0, cut.length() - 1).getBytes(StandardCharsets.UTF_8),
        Rule.class));
    assertEquals(Problem.of("min", "expected a digit after the decimal point, got '}' at line 1, column 52"),
        problem(cut, Rule.class));
    assertEquals(Problem.of("", "expected the rest of the object and its '}', got the end of the input"
        + " at line 1, column 52"), problem("{\"type\": \"number-range\", \"field\": \"price\", \"min\": -", Rule.class));
  }

  @Test
  void nanAndInfinityAreRefusedAsNumbersNamingTheirPathAndFirstChar() {
    assertEquals(Problem.of("min", "expected a finite number, got NaN at line 1, column 51"),
        problem(numberRange("NaN"), Rule.class));
    assertEquals(Problem.of("min", "expected a finite number, got Infinity at line 1, column 51"),
        problem(numberRange("Infinity"), Rule.class));
    assertEquals(Problem.of("min", "expected a finite number, got -Infinity at line 1, column 51"),
        problem(numberRange("-Infinity"), Rule.class));
    assertEquals(Problem.of("value", "expected a finite number, got NaN at line 1, column 56"),
        problem("{\"type\": \"compare\", \"field\": \"p\", \"op\": \">=\", \"value\": NaN}", Condition.class));
    assertEquals(Problem.of("fields.a[1]", "expected a finite number, got NaN at line 1, column 35"),
        problem("{\"kind\": \"l\", \"fields\": {\"a\": [1, NaN]}}", Artifact.class));
    assertEquals(Problem.of("min", "expected a finite number, got NaN at line 1, column 51"),
        problem(numberRange("NaN").getBytes(StandardCharsets.UTF_8), Rule.class));
  }

  @Test
  void commentsAreRefused() {
    assertEquals(Problem.of("", "expected JSON without comments, got '/' at line 1, column 12"),
        problem("{\"id\": \"a\" /* the shop */}", Team.class));
    assertEquals(Problem.of("", "expected JSON without comments, got '/' at line 1, column 1"),
        problem("// shops\n{\"id\": \"a\"}", Team.class));
  }

  @Test
  void singleQuotesAndBareNamesAreRefused() {
    assertEquals(Problem.of("", "expected a field name in double quotes, got a single quote (') at line 1, column 2"),
        problem("{'id': 'a'}", Team.class));
    assertEquals(Problem.of("id", A_VALUE + ", got a single quote (') at line 1, column 8"),
        problem("{\"id\": 'a'}", Team.class));
    assertEquals(Problem.of("", "expected a field name in double quotes, got 'i' at line 1, column 2"),
        problem("{id: \"a\"}", Team.class));
  }

  @Test
  void controlCharactersAndUnknownEscapesAreNamed() {
    assertEquals(Problem.of("id", "expected U+0009 escaped as \\u0009, got it unescaped at line 1, column 10"),
        problem("{\"id\": \"a\tb\"}", Team.class));
    assertEquals(Problem.of("id", "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after a backslash, got 'q'"
        + " at line 1, column 11"), problem("{\"id\": \"a\\qb\"}", Team.class));
    assertEquals(Problem.of("id", "expected four hex digits after \\u, got 'z' at line 1, column 14"),
        problem("{\"id\": \"a\\u00zz\"}", Team.class));
    assertEquals(Problem.of("", "expected only spaces, tabs and line breaks between tokens, got U+0001"
        + " at line 1, column 11"), problem("{\"id\": \"a\"\u0001}", Team.class));
    assertEquals(Problem.of("", "expected only spaces, tabs and line breaks between tokens, got U+0001"
        + " at line 1, column 11"), problem("{\"id\": \"a\"\u0001}".getBytes(StandardCharsets.UTF_8), Team.class));
    assertEquals(Problem.of("", A_VALUE + ", got U+FEFF at line 1, column 1"), problem("\uFEFF{}", Team.class));
  }

  @Test
  void anythingAfterTheDocumentIsRefused() {
    assertEquals(Problem.of("", "expected the end of the document, got 'x' at line 1, column 8"),
        problem("\"PT4H\" x", Duration.class));
    assertEquals(Problem.of("", "expected the end of the document, got '}' at line 1, column 7"),
        problem("\"PT4H\"}", Duration.class));
    assertEquals(Problem.of("", "expected the end of the document, got an object at line 1, column 8"),
        problem("\"PT4H\" {}", Duration.class));
    assertEquals(Problem.of("", "expected the end of the document, got NaN at line 1, column 8"),
        problem("\"PT4H\" NaN", Duration.class));
    assertEquals(Problem.of("", "expected the end of the document, got U+0000 at line 1, column 8"),
        problem("\"PT4H\" \u0000", Duration.class));
    assertEquals(Problem.of("", "expected the end of the document, got 'x' at line 1, column 2"),
        problem("7x", Integer.class));
  }

  @Test
  void missingAndStrayPunctuationIsNamed() {
    assertEquals(Problem.of("", "expected a field name in double quotes, got '}' at line 1, column 12"),
        problem("{\"id\": \"a\",}", Team.class));
    assertEquals(Problem.of("roles[1]", A_VALUE + ", got ']' at line 1, column 61"),
        problem("{\"id\": \"s\", \"name\": \"S\", \"roles\": [{\"id\": \"a\", \"name\": \"A\"},]}", Team.class));
    assertEquals(Problem.of("", "expected ',' or '}', got '\"' at line 1, column 12"),
        problem("{\"id\": \"a\" \"name\": \"b\"}", Team.class));
    assertEquals(Problem.of("id", "expected ':' after the field name, got '\"' at line 1, column 7"),
        problem("{\"id\" \"a\"}", Team.class));
    assertEquals(Problem.of("roles", "expected ']' closing the list, got '}' at line 1, column 23"),
        problem("{\"id\": \"s\", \"roles\": [}", Team.class));
  }

  @Test
  void malformedNumbersAndBareWordsAreNamed() {
    assertEquals(Problem.of("min", "expected a number without leading zeros, got a leading '0' at line 1, column 51"),
        problem(textLength("01"), Rule.class));
    assertEquals(Problem.of("min", "expected a number without a plus sign, got '+' at line 1, column 51"),
        problem(textLength("+1"), Rule.class));
    assertEquals(Problem.of("min", A_VALUE + ", got '.' at line 1, column 51"), problem(numberRange(".5"), Rule.class));
    assertEquals(Problem.of("min", "expected a digit after '-', got 'x' at line 1, column 52"),
        problem(numberRange("-x"), Rule.class));
    assertEquals(Problem.of("min", "expected a digit in the exponent, got '}' at line 1, column 52"),
        problem(numberRange("1e"), Rule.class));
    assertEquals(Problem.of("id", A_VALUE + ", got 'tru' at line 1, column 8"), problem("{\"id\": tru}", Team.class));
    assertEquals(Problem.of("id", A_VALUE + ", got 'True' at line 1, column 8"), problem("{\"id\": True}", Team.class));
  }

  @Test
  void aWholeNumberPastItsFieldsRangeNamesTheRange() {
    assertEquals(Problem.of("min", "expected a whole number from -2147483648 to 2147483647, got 99999999999"
        + " at line 1, column 50"), problem(textLength("99999999999"), Rule.class));
    // read after its type was found, from the tokens held until then: the path, but no place
    assertEquals(Problem.of("min", "expected a whole number from -2147483648 to 2147483647, got 99999999999"),
        problem("{\"field\": \"title\", \"min\": 99999999999, \"type\": \"text-length\"}", Rule.class));
    Problem huge = problem(textLength("9".repeat(200)), Rule.class);
    assertTrue(huge.message().startsWith("expected a whole number from -2147483648 to 2147483647, got 999"),
        huge::toString);
    assertTrue(huge.message().length() < 200, huge::toString);
  }

  /** And a text past 20,000,000 chars, the same way, which takes too long to build here. */
  @Test
  void theReadersLimitsAreNamed() {
    assertEquals(Problem.of("min", "expected a number of at most 1000 chars, got 1001 at line 1, column 1052"),
        problem(numberRange("1".repeat(1001)), Rule.class));
    assertEquals(Problem.of("", "expected a field name of at most 50000 chars, got 50001 at line 1, column 50005"),
        problem("{\"" + "a".repeat(50_001) + "\": 1}", Team.class));

    Problem deep = problem("{\"type\": \"equals\", \"field\": \"a\", \"value\": " + "[".repeat(300) + "]".repeat(300) + "}",
        Condition.class);

    assertEquals("value" + "[0]".repeat(FinegrainJson.MAX_NESTING_DEPTH - 1), deep.path());
    assertEquals("expected objects and lists nested at most 256 deep (FinegrainJson.MAX_NESTING_DEPTH), got 257 levels"
        + " at line 1, column 299", deep.message());
  }

  @Test
  void bytesThatAreNotUtf8AreNamed() {
    assertEquals(Problem.of("id", "expected UTF-8, got the byte 0x80 at line 1, column 9"),
        problem(new byte[] {'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0x80, '"', '}'}, Team.class));
    assertEquals(Problem.of("id", "expected UTF-8, got the surrogate U+D800 encoded as bytes at line 1, column 9"),
        problem(new byte[] {'{', '"', 'i', 'd', '"', ':', ' ', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            Team.class));
    assertEquals(Problem.of("name", "expected the rest of the text and its closing '\"', got the end of the input"
        + " at line 1, column 27"), problem("{\"id\": \"shop\", \"name\": \"Sh".getBytes(StandardCharsets.UTF_8),
        Team.class));
  }

  @Test
  void aListReadByTypeReferenceNamesTheElement() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "[{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"id\": \"c\"}]", new TypeReference<List<Role>>() {}));

    assertEquals("invalid JSON for List<Role>: [1].id: expected each field once, got 'id' a second time"
        + " at line 1, column 44", e.getMessage());
    assertInstanceOf(JsonProcessingException.class, e.getCause());
  }

  @Test
  void aMappingErrorKeepsJacksonsExceptionAsItsCauseToo() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": \"a\", \"name\": \"A\", \"requiredSkills\":"
            + " {\"writing\": \"ten\"}}]}", Team.class));

    assertEquals(List.of(Problem.of("roles[0].requiredSkills.writing", "expected a whole number, got \"ten\"")),
        e.problems());
    assertInstanceOf(JsonProcessingException.class, e.getCause());
  }
}
