package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an artifact's fields are refused for is named as the reader of the JSON sees it: a list, a
 * text, binary data; never by the name of a token of Jackson's ({@code START_ARRAY}).
 */
class ArtifactJsonKindsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static List<Problem> refusedInJson(String fields) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": " + fields + "}", Artifact.class)).problems();
  }

  private static String refusedFromTree(com.fasterxml.jackson.databind.JsonNode fields) {
    return assertThrows(IllegalArgumentException.class, () -> Artifact.fromJson("listing", fields)).getMessage();
  }

  @Test
  void fieldsThatAreNoObjectAreNamedByWhatTheyAre() {
    assertEquals(List.of(Problem.of("fields", "expected an object of fields, got a list")), refusedInJson("[]"));
    assertEquals(List.of(Problem.of("fields", "expected an object of fields, got \"tea\"")), refusedInJson("\"tea\""));
    assertEquals(List.of(Problem.of("fields", "expected an object of fields, got 7")), refusedInJson("7"));
    assertEquals("fields: expected an object of fields, got a list", refusedFromTree(NODES.arrayNode()));
    assertEquals("fields: expected an object of fields, got \"tea\"", refusedFromTree(NODES.textNode("tea")));
    assertEquals("fields: expected an object of fields, got true", refusedFromTree(NODES.booleanNode(true)));
  }

  @Test
  void aTreeBuiltInJavaWithBinaryDataOrAJavaObjectInAFieldIsRefusedNamingIt() {
    ObjectNode binary = NODES.objectNode();
    binary.set("photo", NODES.binaryNode(new byte[] {1, 2}));
    ObjectNode pojo = NODES.objectNode();
    pojo.set("meta", NODES.objectNode().set("owner", NODES.pojoNode(new StringBuilder("ana"))));

    assertEquals("photo: expected a text, number, boolean, list or object, got binary data", refusedFromTree(binary));
    assertEquals("meta.owner: expected a text, number, boolean, list or object, got a Java object (StringBuilder)",
        refusedFromTree(pojo));
  }
}
