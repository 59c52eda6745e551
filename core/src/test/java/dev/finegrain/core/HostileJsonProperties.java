package dev.finegrain.core;

import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.process.ProcessDefinition;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.testing.Gens;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run per definition type: valid JSON of each type, mutated one to three times with
 * hostile values (wrong kinds, null, huge or tiny numbers, lone surrogates, deep nesting,
 * unsupported regexes, huge texts) or cut short. Reading it either gives a definition that equals
 * itself after a JSON round trip, or a {@link DefinitionException} with at least one problem;
 * never any other exception or an {@code Error}.
 */
class HostileJsonProperties {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /** Keeps 1e400 as written rather than reading it as Infinity. */
  private static final ObjectMapper EXACT = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Map<String, AtomicLong[]> OUTCOMES = new ConcurrentHashMap<>();

  private static final String DEEP_NOTS = "{\"type\": \"not\", \"condition\": ".repeat(120)
      + "{\"type\": \"exists\", \"field\": \"a\"}" + "}".repeat(120);
  private static final String DEEP_RULES = "{\"type\": \"each-element\", \"field\": \"a\", \"rule\": ".repeat(120)
      + "{\"type\": \"required\", \"field\": \"a\"}" + "}".repeat(120);

  /** Values put in place of a member or element, as JSON text. */
  private static final List<String> HOSTILE = List.of(
      "null", "true", "false", "0", "7", "-1", "1.5", "2.9", "-0.0", "1e400", "-1e400", "1e-400",
      "123456789012345678901234567890", "9223372036854775808", "\"\"", "\" \"", "\"\\uD800\"", "\"a\\uDC00b\"",
      "\"PT4H\"", "\"PT2562047788015215H\"", "\"2026-01-01T00:00:00Z\"", "\"x[\"", "\"a..b\"", "\"ｂｅｓｔ\"",
      "[]", "{}", "[null]", "[1, \"a\"]", "{\"$instant\": \"2026-01-01T00:00:00Z\"}", "{\"$instant\": 5}",
      "\"" + "x".repeat(5_000) + "\"", "[" .repeat(300) + "]".repeat(300), "[".repeat(70) + "]".repeat(70),
      DEEP_NOTS, DEEP_RULES,
      "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"^(a+)+\\\\1$\"}",
      "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"(?=a)\"}",
      "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"^(a|a)+?$\"}",
      "{\"type\": \"forbidden-terms\", \"field\": \"t\", \"terms\": [\"\\u200B\"]}",
      "{\"type\": \"nope\"}", "{\"type\": 5}");

  @Test
  void aMutatedTeamIsReadOrRefusedCleanly() {
    fuzz(Team.class, "{\"id\": \"shop\", \"name\": \"Tea shop\", \"roles\": [{\"id\": \"copywriter\", \"name\":"
        + " \"Copywriter\", \"requiredSkills\": {\"writing\": 3}}, {\"id\": \"manager\", \"name\": \"Manager\"}],"
        + " \"members\": [{\"id\": \"ana\", \"name\": \"Ana\", \"roles\": [\"copywriter\"], \"skills\": {\"writing\": 4}},"
        + " {\"id\": \"bo\", \"name\": \"Bo\", \"roles\": [\"manager\", \"copywriter\"]}]}");
  }

  @Test
  void aMutatedProcessIsReadOrRefusedCleanly() {
    fuzz(ProcessDefinition.class, "{\"id\": \"listing\", \"name\": \"Listing\", \"steps\": ["
        + "{\"id\": \"brief\", \"name\": \"Brief\", \"ownerRole\": \"manager\", \"expectedDuration\": \"PT1H\","
        + " \"outputs\": [\"brief\"]},"
        + "{\"id\": \"write\", \"name\": \"Write\", \"ownerRole\": \"copywriter\", \"expectedDuration\": \"PT4H\","
        + " \"dependsOn\": [\"brief\"], \"inputs\": [\"brief\"], \"outputs\": [\"copy\"], \"final\": true}]}");
  }

  @Test
  void aMutatedResponsibilityMatrixIsReadOrRefusedCleanly() {
    fuzz(ResponsibilityMatrix.class, "{\"processId\": \"listing\", \"assignments\": ["
        + "{\"step\": \"brief\", \"role\": \"manager\", \"letters\": [\"A\", \"R\"]},"
        + "{\"step\": \"write\", \"role\": \"copywriter\", \"letters\": [\"R\"]}]}");
  }

  @Test
  void aMutatedStandardIsReadOrRefusedCleanly() {
    fuzz(Standard.class, "{\"id\": \"listing-cn\", \"version\": 2, \"artifactKind\": \"listing\", \"name\": \"Listing\","
        + " \"description\": \"copy\", \"rules\": ["
        + "{\"type\": \"required\", \"field\": \"title\"},"
        + "{\"type\": \"text-length\", \"field\": \"title\", \"min\": 1, \"max\": 60, \"severity\": \"WARNING\"},"
        + "{\"type\": \"pattern\", \"field\": \"sku\", \"regex\": \"^[A-Z]{3}-\\\\d{4}$\"},"
        + "{\"type\": \"forbidden-terms\", \"field\": \"title\", \"terms\": [\"最佳\", \"best\"]},"
        + "{\"type\": \"number-range\", \"field\": \"price\", \"min\": 0.5, \"max\": 999},"
        + "{\"type\": \"allowed-values\", \"field\": \"category\", \"values\": [\"tea\", 3, true]},"
        + "{\"type\": \"list-size\", \"field\": \"images\", \"min\": 1, \"max\": 9},"
        + "{\"type\": \"each-element\", \"field\": \"images\", \"rule\": {\"type\": \"number-range\", \"field\": \"w\","
        + " \"min\": 800}},"
        + "{\"type\": \"conditional\", \"when\": {\"type\": \"equals\", \"field\": \"category\", \"value\": \"food\"},"
        + " \"rule\": {\"type\": \"required\", \"field\": \"licence\"}}]}");
  }

  @Test
  void aMutatedConditionIsReadOrRefusedCleanly() {
    fuzz(Condition.class, "{\"type\": \"and\", \"conditions\": ["
        + "{\"type\": \"in\", \"field\": \"category\", \"values\": [\"food\", \"tea\", 2]},"
        + "{\"type\": \"or\", \"conditions\": [{\"type\": \"compare\", \"field\": \"price\", \"op\": \">=\", \"value\": 10},"
        + " {\"type\": \"compare\", \"field\": \"shippedAt\", \"op\": \"<=\", \"otherField\": \"promisedBy\"}]},"
        + "{\"type\": \"not\", \"condition\": {\"type\": \"exists\", \"field\": \"images[2].width\"}}]}");
  }

  @Test
  void aMutatedArtifactIsReadOrRefusedCleanly() {
    fuzz(Artifact.class, "{\"kind\": \"listing\", \"fields\": {\"title\": \"Organic green tea 250 g\","
        + " \"price\": 39.9, \"stock\": 12, \"organic\": true, \"launch\": {\"$instant\": \"2026-03-01T08:00:00Z\"},"
        + " \"images\": [{\"width\": 1200, \"tags\": [\"front\", \"茶\"]}, {\"width\": 640}], \"meta\": {\"a\": {\"b\": [1]}}}}");
  }

  private static <T> void fuzz(Class<T> type, String valid) {
    FinegrainJson.read(valid, type);  // the seed itself is valid
    AtomicLong[] counts = OUTCOMES.computeIfAbsent(type.getSimpleName(),
        k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
    // at most 300 inputs per type: each try builds and throws exceptions with deep stacks (a few ms)
    qtWithAtMost(300).forAll(Gens.seeds()).checkAssert(seed -> {
      String json = mutate(valid, new Random(seed));
      T read;
      try {
        read = FinegrainJson.read(json, type);
      } catch (DefinitionException e) {
        assertFalse(e.problems().isEmpty());
        counts[1].incrementAndGet();
        return;
      } catch (Throwable t) {
        fail("reading " + shorten(json) + " threw " + t, t);
        return;
      }
      counts[0].incrementAndGet();
      String written = FinegrainJson.write(read);
      assertEquals(read, FinegrainJson.read(written, type), written);
    });
  }

  private static String mutate(String valid, Random random) {
    JsonNode tree;
    try {
      tree = PLAIN.readTree(valid);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    int mutations = 1 + random.nextInt(3);
    String text = null;
    for (int m = 0; m < mutations; m++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(tree, containers);
      JsonNode at = containers.get(random.nextInt(containers.size()));
      JsonNode value = hostile(random);
      if (at instanceof ObjectNode object && object.size() > 0) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        if (random.nextInt(5) == 0) {
          object.remove(name);
        } else {
          object.set(name, value);
        }
      } else if (at instanceof ArrayNode array && array.size() > 0) {
        array.set(random.nextInt(array.size()), value);
      } else if (at instanceof ArrayNode array) {
        array.add(value);
      }
    }
    text = tree.toString();
    if (random.nextInt(10) == 0) {
      text = text.substring(0, random.nextInt(text.length()));  // cut short
    }
    return text;
  }

  private static JsonNode hostile(Random random) {
    String json = HOSTILE.get(random.nextInt(HOSTILE.size()));
    try {
      return EXACT.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        JsonNode child = it.next();
        if (out.size() < 500) {
          collect(child, out);
        }
      }
    }
  }

  private static String shorten(String json) {
    return json.length() <= 300 ? json : json.substring(0, 300) + "...";
  }

  @AfterAll
  static void report() {
    OUTCOMES.forEach((type, counts) -> System.out.printf("hostile JSON for %s: %d read and round-tripped, %d refused"
        + " with a DefinitionException, nothing else%n", type, counts[0].get(), counts[1].get()));
  }
}
