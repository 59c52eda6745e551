package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.FieldSource;
import dev.finegrain.core.json.FinegrainJson;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An artifact refuses a null value and a blank field name the same way wherever they come from —
 * the builder, a map, a nested map or list, {@link Artifact#with}, JSON — naming the field; none
 * is silently dropped or kept.
 */
class ArtifactNullTest {
  private static final String NULL_VALUE = "null is not a field value; leave the field out instead";
  private static final String NULL_ELEMENT = "null is not a list element; leave it out instead";

  private static Map<String, Object> map(Object... entries) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], entries[i + 1]);
    }
    return map;
  }

  private static String refusedInJava(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  private static List<Problem> refusedInJson(String fields) {
    return assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": " + fields + "}", Artifact.class)).problems();
  }

  @Test
  void aNullValueIsRefusedNamingTheFieldWhereverItComesFrom() {
    assertEquals("x: " + NULL_VALUE, assertThrows(NullPointerException.class,
        () -> Artifact.builder("listing").put("x", null)).getMessage());
    assertEquals("x: " + NULL_VALUE, assertThrows(NullPointerException.class,
        () -> Artifact.builder("listing").build().with("x", null)).getMessage());
    assertEquals("a: " + NULL_VALUE, refusedInJava(() -> Artifact.of("listing", map("a", null))));
    assertEquals("meta.a: " + NULL_VALUE, refusedInJava(() -> Artifact.of("listing", map("meta", map("a", null)))));
    assertEquals("images[1]: " + NULL_ELEMENT,
        refusedInJava(() -> Artifact.of("listing", map("images", Arrays.asList(1, null)))));
    assertEquals("images[0].w: " + NULL_VALUE,
        refusedInJava(() -> Artifact.of("listing", map("images", List.of(map("w", null))))));
    assertEquals("a: " + NULL_VALUE, refusedInJava(() -> FieldSource.of(map("a", null))));
    assertEquals("a: " + NULL_VALUE, refusedInJava(() -> Rules.required("a").checkValue(map("a", null))));
  }

  @Test
  void aNullValueInJsonIsRefusedWithItsPath() {
    assertEquals(List.of(Problem.of("fields.a", NULL_VALUE)), refusedInJson("{\"a\": null}"));
    assertEquals(List.of(Problem.of("fields.meta.a", NULL_VALUE)), refusedInJson("{\"meta\": {\"a\": null}}"));
    assertEquals(List.of(Problem.of("fields.images[1]", NULL_ELEMENT)), refusedInJson("{\"images\": [1, null]}"));
    assertEquals(List.of(Problem.of("fields", "expected an object, got null")), refusedInJson("null"));
  }

  @Test
  void aBlankFieldNameIsRefusedNamingWhereItIs() {
    assertEquals("fields: a field name must not be blank, got \"\"", refusedInJava(
        () -> Artifact.builder("listing").put("", 1)));
    assertEquals("fields: a field name must not be blank, got \" \"", refusedInJava(
        () -> Artifact.of("listing", map(" ", 1))));
    assertEquals("meta: a field name must not be blank, got \"\"", refusedInJava(
        () -> Artifact.of("listing", map("meta", map("", 1)))));
    assertEquals("fields: a field name must not be blank, got \"\"", refusedInJava(
        () -> Artifact.builder("listing").build().with("", 1)));
    assertEquals(List.of(Problem.of("fields", "a field name must not be blank, got \"\"")), refusedInJson("{\"\": 1}"));
    assertEquals(List.of(Problem.of("fields.meta", "a field name must not be blank, got \"\\t\"")),
        refusedInJson("{\"meta\": {\"\\t\": 1}}"));
    assertEquals("fields: a field name must not be blank, got \"\"", refusedInJava(
        () -> Artifact.fromJson("listing", FinegrainJson.mapper().createObjectNode().put("", 1))));
    assertEquals("meta: a field name must not be blank, got \"\"", refusedInJava(() -> Artifact.fromJson("listing",
        FinegrainJson.mapper().createObjectNode().set("meta", FinegrainJson.mapper().createObjectNode().put("", 1)))));
  }

  /** A map given to FieldSource.of or Rule.checkValue is the root: it has no 'fields' member, and no path. */
  @Test
  void aBlankFieldNameAtTheRootOfAValueThatIsNoArtifactHasNoPath() {
    assertEquals("a field name must not be blank, got \" \"", refusedInJava(() -> FieldSource.of(map(" ", 1))));
    assertEquals("a field name must not be blank, got \"\"", refusedInJava(
        () -> Rules.required("a").checkValue(map("", 1))));
    assertEquals("meta: a field name must not be blank, got \"\"", refusedInJava(
        () -> FieldSource.of(map("meta", map("", 1)))));
    assertEquals("[0]: a field name must not be blank, got \"\"", refusedInJava(
        () -> Rules.required("a").checkValue(List.of(map("", 1)))));
  }

  @Test
  void aValueThatIsNoFieldValueAtTheRootHasNoPathEither() {
    assertEquals("expected a finite number, got NaN", refusedInJava(() -> Rules.required("a").checkValue(Double.NaN)));
    assertEquals("number 1E+400 is outside the range of a double (about ±1.8e308)", refusedInJava(
        () -> Rules.required("a").checkValue(new java.math.BigDecimal("1e400"))));
    assertEquals("malformed text: a lone surrogate \\uD800 at index 0, which no UTF-8 text can hold", refusedInJava(
        () -> Rules.required("a").checkValue("\uD800")));
    assertEquals("unsupported field value type java.lang.Object; expected text, number, boolean, instant, list or map",
        refusedInJava(() -> Rules.required("a").checkValue(new Object())));
  }

  @Test
  void aMapWithoutNullsIsStillAccepted() {
    Map<String, Object> fields = new HashMap<>(map("title", "tea", "images", List.of(map("w", 800L))));

    assertEquals(Artifact.builder("listing").put("title", "tea").put("images", List.of(Map.of("w", 800L))).build(),
        Artifact.of("listing", fields));
  }
}
