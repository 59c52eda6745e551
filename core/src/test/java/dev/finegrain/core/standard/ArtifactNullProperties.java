package dev.finegrain.core.standard;

import static dev.finegrain.core.testing.Gens.seeds;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.internal.Values;
import dev.finegrain.core.json.FinegrainJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Wherever a null value, a null element or a blank field name sits in an artifact's tree of
 * fields, building it ({@link Artifact#of}) and reading it from JSON refuse it with the same
 * message at the same path ({@code images[1].tags[0]} in Java, {@code fields.images[1].tags[0]}
 * in JSON); nothing is dropped.
 */
class ArtifactNullProperties {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final List<String> BLANK = List.of("", " ", "\t", " \n ");

  @Test
  void aNullOrABlankNameAnywhereIsRefusedAtItsPathInJavaAndJson() {
    qt().forAll(seeds()).checkAssert(seed -> {
      Random random = new Random(seed);
      Map<String, Object> fields = map(random, 0);
      // the flaw: 0 a null value, 1 a null element, 2 a blank field name; at a container picked at random
      List<Object[]> containers = new ArrayList<>();  // {container, its path}
      collect(fields, "", containers);
      int flaw = random.nextInt(3);
      String path;
      String message;
      Object[] picked = containers.get(random.nextInt(containers.size()));
      String at = (String) picked[1];
      if (picked[0] instanceof List<?> list && flaw != 2) {
        @SuppressWarnings("unchecked")
        List<Object> elements = (List<Object>) list;
        int index = random.nextInt(elements.size() + 1);
        elements.add(index, null);
        path = at + "[" + index + "]";
        message = Values.NULL_ELEMENT;
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = picked[0] instanceof Map<?, ?> m ? (Map<String, Object>) m : fields;
        String where = picked[0] instanceof Map<?, ?> ? at : "";
        if (flaw == 2) {
          String name = BLANK.get(random.nextInt(BLANK.size()));
          map.put(name, 1L);
          path = where.isEmpty() ? "fields" : where;
          message = Values.blankFieldName(name);
        } else {
          String name = "z" + random.nextInt(1000);
          map.put(name, null);
          path = where.isEmpty() ? name : where + "." + name;
          message = Values.NULL_VALUE;
        }
      }
      String expected = path + ": " + message;
      assertEquals(expected, assertThrows(IllegalArgumentException.class,
          () -> Artifact.of("listing", fields)).getMessage());
      String json = "{\"kind\": \"listing\", \"fields\": " + json(fields) + "}";
      List<Problem> problems = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Artifact.class),
          json).problems();
      String jsonPath = path.equals("fields") && flaw == 2 ? path : "fields." + path;
      assertEquals(List.of(Problem.of(jsonPath, message)), problems, json);
    });
  }

  private static Map<String, Object> map(Random random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      map.put("f" + i, value(random, depth + 1));
    }
    return map;
  }

  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth >= 3 ? 3 : 5);
    switch (kind) {
      case 0:
        return "t" + random.nextInt(10);
      case 1:
        return (long) random.nextInt(100);
      case 2:
        return random.nextBoolean();
      case 3:
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
          list.add(value(random, depth + 1));
        }
        return list;
      default:
        return map(random, depth);
    }
  }

  /** Every map and list in the tree, with its path; the top-level map's path is empty. */
  private static void collect(Object value, String path, List<Object[]> out) {
    if (value instanceof Map<?, ?> map) {
      out.add(new Object[] {value, path});
      map.forEach((name, child) -> collect(child, path.isEmpty() ? (String) name : path + "." + name, out));
    } else if (value instanceof List<?> list) {
      out.add(new Object[] {value, path});
      for (int i = 0; i < list.size(); i++) {
        collect(list.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static String json(Object value) {
    try {
      return PLAIN.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
