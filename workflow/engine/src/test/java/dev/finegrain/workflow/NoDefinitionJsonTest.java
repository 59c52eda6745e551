package dev.finegrain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.workflow.command.Approve;
import dev.finegrain.workflow.command.ReviewCommand;
import dev.finegrain.workflow.command.Submit;
import dev.finegrain.workflow.event.ReviewEvent;
import dev.finegrain.workflow.event.VoteCast;
import dev.finegrain.workflow.store.RecordedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JSON document that is {@code null}, empty or only whitespace holds no workflow, command or
 * event: refused, never read as Java null (which the engine would only trip over later).
 */
class NoDefinitionJsonTest {
  private static final List<Class<?>> TYPES = List.of(ReviewWorkflow.class, Phase.class, Stage.class,
      Deadline.class, ReviewCommand.class, Approve.class, Submit.class, ReviewEvent.class, VoteCast.class,
      RecordedEvent.class);

  @Test
  void aJsonNullWhereAWorkflowDefinitionOrCommandBelongsIsRefused() {
    for (Class<?> type : TYPES) {
      for (String json : List.of("null", " null\n")) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type),
            type.getSimpleName());
        assertEquals(List.of(Problem.of("", "expected " + aOrAn(type) + " object, got null")),
            e.problems());
      }
    }
  }

  @Test
  void emptyOrBlankJsonWhereAWorkflowDefinitionOrCommandBelongsIsRefused() {
    for (Class<?> type : TYPES) {
      for (String json : List.of("", " \n\t")) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, type),
            type.getSimpleName());
        assertEquals(List.of(Problem.of("", "expected " + aOrAn(type) + " object, got empty input")),
            e.problems());
      }
    }
  }

  private static String aOrAn(Class<?> type) {
    String name = type.getSimpleName();
    return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }
}
