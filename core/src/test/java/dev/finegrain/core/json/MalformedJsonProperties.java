package dev.finegrain.core.json;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Laws of reading malformed JSON, over generated teams, conditions and artifacts written as JSON
 * (indented, so over many lines): any cut of a document, any member given twice and any number
 * replaced by NaN or an infinity is refused with one {@link DefinitionException} in finegrain's
 * words, naming the path and the line and column, with Jackson's exception as its cause; never
 * another exception, never Jackson's own text.
 */
class MalformedJsonProperties {
  /** Keeps numbers as written, so a document rewritten from its tree reads as the original did. */
  private static final ObjectMapper EXACT = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();
  private static final Pattern PLACE = Pattern.compile(".* at line (\\d+), column (\\d+)", Pattern.DOTALL);
  /** Words of Jackson's messages that finegrain's never use. */
  private static final List<String> JACKSON_WORDS = List.of("`", "Jackson", "JsonToken", "(code", "enable",
      "Feature", "Source", "REDACTED", "Non-standard", "Unexpected", "the JSON reader says");

  /** A valid document and the type it is read as. */
  record Document(String json, Class<?> type) {
    @Override
    public String toString() {
      return type.getSimpleName() + " " + json;
    }
  }

  static Gen<Document> documents() {
    return oneOf(
        CoreJsonProperties.teams().map(team -> new Document(FinegrainJson.write(team), Team.class)),
        CoreJsonProperties.condition(3).map(condition -> new Document(FinegrainJson.write(condition), Condition.class)),
        CoreJsonProperties.artifacts().map(artifact -> new Document(FinegrainJson.write(artifact), Artifact.class)));
  }

  /** {@link #documents()}, each with at least one number: a role's skill, a condition's constant, a field. */
  static Gen<Document> documentsWithNumbers() {
    return oneOf(
        CoreJsonProperties.teams().map(team -> new Document(FinegrainJson.write(Team.builder().from(team)
            .addRole(Role.builder().id("numbered").name("Numbered").requiredSkills(Map.of("writing", 3)).build()).build()),
            Team.class)),
        CoreJsonProperties.condition(3).map(condition -> new Document(FinegrainJson.write(
            Condition.and(condition, Condition.eq("price", 7))), Condition.class)),
        CoreJsonProperties.artifacts().map(artifact -> new Document(FinegrainJson.write(artifact.with("n7", 7)),
            Artifact.class)));
  }

  @Test
  void anyCutOfAValidDocumentIsRefusedNamingALineAndColumn() {
    qtWithAtMost(300).forAll(documents(), ints(0, Integer.MAX_VALUE)).checkAssert((document, r) -> {
      String json = document.json();
      String cut = json.substring(0, 1 + r % (json.length() - 1));  // '{' and more, never the whole
      Problem read = refused(() -> FinegrainJson.read(cut, document.type()));
      checkPlace(read, cut.length(), cut);

      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      byte[] cutBytes = Arrays.copyOf(bytes, 1 + r % (bytes.length - 1));  // may split a char in two
      Problem readBytes = refused(() -> FinegrainJson.read(new ByteArrayInputStream(cutBytes), document.type()));
      checkPlace(readBytes, cutBytes.length, new String(cutBytes, StandardCharsets.ISO_8859_1));
    });
  }

  @Test
  void aMemberGivenTwiceIsRefusedNamingItsPathAndPlace() {
    qtWithAtMost(300).forAll(documents(), ints(0, Integer.MAX_VALUE)).checkAssert((document, r) -> {
      Rewrite twice = new Rewrite(tree(document.json()), Rewrite.Change.MEMBER_TWICE, r, null);
      Problem read = refused(() -> FinegrainJson.read(twice.json, document.type()));

      assertEquals(Problem.of(twice.path, "expected each field once, got '" + twice.name + "' a second time"
          + twice.place), read, twice.json);
    });
  }

  @Test
  void aNumberReplacedByNanOrAnInfinityIsRefusedNamingItsPathAndPlace() {
    qtWithAtMost(300).forAll(documentsWithNumbers(), ints(0, Integer.MAX_VALUE), pick("NaN", "Infinity", "-Infinity"))
        .checkAssert((document, r, word) -> {
          Rewrite replaced = new Rewrite(tree(document.json()), Rewrite.Change.NUMBER_REPLACED, r, word);
          Problem read = refused(() -> FinegrainJson.read(replaced.json, document.type()));

          assertEquals(Problem.of(replaced.path, "expected a finite number, got " + word + replaced.place), read,
              replaced.json);
        });
  }

  /** The one problem of the {@link DefinitionException} {@code reading} throws, which has Jackson's as its cause. */
  private static Problem refused(org.junit.jupiter.api.function.Executable reading) {
    DefinitionException e = assertThrows(DefinitionException.class, reading);
    assertEquals(1, e.problems().size(), e::getMessage);
    assertInstanceOf(JsonProcessingException.class, e.getCause(), e::getMessage);
    for (String word : JACKSON_WORDS) {
      assertFalse(e.getMessage().contains(word), () -> "Jackson's words in " + e.getMessage());
    }
    return e.problems().get(0);
  }

  /**
   * {@code problem} names a line and column; when it is that the input ended, they are the end of
   * {@code cut}, counted in chars of a text and in bytes of bytes (given here one char per byte).
   */
  private static void checkPlace(Problem problem, int length, String cut) {
    Matcher place = PLACE.matcher(problem.message());
    assertTrue(place.matches(), problem::toString);
    if (problem.message().contains("got the end of the input")) {
      int lastLine = cut.lastIndexOf('\n');
      String expected = "line " + (1 + cut.chars().filter(c -> c == '\n').count()) + ", column " + (length - lastLine);
      assertEquals(expected, "line " + place.group(1) + ", column " + place.group(2), problem::toString);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return EXACT.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A document written again from its tree, indented, with one change at the {@code r}-th member
   * or number (in document order, modulo their count): the path of the change, the member's name,
   * and the place a reader names (past a repeated member's name, at a replaced number's first char).
   */
  static final class Rewrite {
    enum Change { MEMBER_TWICE, NUMBER_REPLACED }

    final String json;
    String path = "";
    String name = "";
    String place = "";
    private final Change change;
    private final String word;
    private final StringWriter text = new StringWriter();
    private int target;

    Rewrite(JsonNode tree, Change change, int r, String word) {
      this.change = change;
      this.word = word;
      int count = change == Change.MEMBER_TWICE ? countMembers(tree) : count(tree, JsonNode::isNumber);
      this.target = r % count;
      try (JsonGenerator out = EXACT.createGenerator(text).useDefaultPrettyPrinter()) {
        write(tree, "", out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      this.json = text.toString();
    }

    private static int count(JsonNode node, Predicate<JsonNode> which) {
      int n = which.test(node) ? 1 : 0;
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        n += count(it.next(), which);
      }
      return n;
    }

    private static int countMembers(JsonNode node) {
      int n = node.isObject() ? node.size() : 0;
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        n += countMembers(it.next());
      }
      return n;
    }

    private void write(JsonNode node, String at, JsonGenerator out) throws IOException {
      if (node.isObject()) {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          String memberPath = at.isEmpty() ? member.getKey() : at + "." + member.getKey();
          boolean twice = change == Change.MEMBER_TWICE && target-- == 0;
          out.writeFieldName(member.getKey());
          write(member.getValue(), memberPath, out);
          if (twice) {
            out.writeFieldName(member.getKey());
            path = memberPath;
            name = member.getKey();
            place = placeAt(out, 0);  // just past the name's closing quote
            write(member.getValue(), memberPath, out);
          }
        }
        out.writeEndObject();
      } else if (node.isArray()) {
        out.writeStartArray();
        for (int i = 0; i < node.size(); i++) {
          write(node.get(i), at + "[" + i + "]", out);
        }
        out.writeEndArray();
      } else if (node.isNumber() && change == Change.NUMBER_REPLACED && target-- == 0) {
        out.writeRawValue(word);
        path = at;
        place = placeAt(out, word.length());  // at its first char
      } else {
        out.writeTree(node);
      }
    }

    /** The place {@code back} chars before the end of what {@code out} has written. */
    private String placeAt(JsonGenerator out, int back) throws IOException {
      out.flush();
      String written = text.toString();
      int offset = written.length() - back;
      int lastLine = written.lastIndexOf('\n', offset - 1);
      long line = 1 + written.substring(0, offset).chars().filter(c -> c == '\n').count();
      return " at line " + line + ", column " + (offset - lastLine);
    }
  }
}
