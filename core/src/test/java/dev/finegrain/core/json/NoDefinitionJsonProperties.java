package dev.finegrain.core.json;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.strings;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Member;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.process.Assignment;
import dev.finegrain.core.process.ProcessDefinition;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.process.Step;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.core.standard.Standard;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No read entry point of {@link FinegrainJson} returns Java null: a document that is {@code null}
 * or holds nothing but whitespace is refused for every definition type, with one problem at the
 * document's own (empty) path.
 */
class NoDefinitionJsonProperties {
  private static final List<Class<?>> TYPES = List.of(Team.class, Role.class, Member.class, ProcessDefinition.class,
      Step.class, ResponsibilityMatrix.class, Assignment.class, Standard.class, Rule.class, Condition.class,
      Artifact.class);
  private static final List<String> WHITESPACE = List.of(" ", "\t", "\n", "\r");

  @Test
  void aDocumentWithoutADefinitionIsRefusedByEveryEntryPoint() {
    // how: even for "null", odd for nothing; and by String (0, 1), stream (2, 3) or type reference (4, 5)
    qt().forAll(pick(TYPES), strings(WHITESPACE, 0, 4), strings(WHITESPACE, 0, 4), ints(0, 5))
        .checkAssert((type, before, after, how) -> {
          String content = how % 2 == 0 ? "null" : "";
          int entry = how / 2;
          String json = before + content + after;
          DefinitionException e = assertThrows(DefinitionException.class, () -> read(json, type, entry),
              () -> "'" + json + "' as " + type.getSimpleName() + " by entry point " + entry);
          assertEquals(1, e.problems().size(), e::getMessage);
          Problem problem = e.problems().get(0);
          assertEquals("", problem.path(), e::getMessage);
          assertTrue(problem.message().matches("expected an? " + type.getSimpleName() + " object, got "
              + (content.isEmpty() ? "empty input" : "null")), e::getMessage);
        });
  }

  private static Object read(String json, Class<?> type, int entry) {
    switch (entry) {
      case 0:
        return FinegrainJson.read(json, type);
      case 1:
        return FinegrainJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
      default:
        return FinegrainJson.read(json, new TypeReference<Object>() {
          @Override
          public Type getType() {
            return type;
          }
        });
    }
  }
}
