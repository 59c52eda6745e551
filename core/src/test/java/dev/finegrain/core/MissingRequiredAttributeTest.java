package dev.finegrain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.process.Assignment;
import dev.finegrain.core.process.ProcessDefinition;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.process.Step;
import dev.finegrain.core.standard.AllowedValues;
import dev.finegrain.core.standard.Conditional;
import dev.finegrain.core.standard.Conformance;
import dev.finegrain.core.standard.EachElement;
import dev.finegrain.core.standard.ForbiddenTerms;
import dev.finegrain.core.standard.ListSize;
import dev.finegrain.core.standard.NumberRange;
import dev.finegrain.core.standard.Required;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.TextLength;
import dev.finegrain.core.standard.TextPattern;
import dev.finegrain.core.standard.Violation;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A builder missing required attributes fails with a DefinitionException naming the type and each attribute. */
class MissingRequiredAttributeTest {

  static Stream<Arguments> emptyBuilders() {
    return Stream.of(
        arguments("Team", (Supplier<?>) () -> Team.builder().build(), List.of("id", "name")),
        arguments("Role", (Supplier<?>) () -> Role.builder().build(), List.of("id", "name")),
        arguments("Member", (Supplier<?>) () -> Member.builder().build(), List.of("id", "name")),
        arguments("ProcessDefinition", (Supplier<?>) () -> ProcessDefinition.builder().build(), List.of("id", "name")),
        arguments("Step", (Supplier<?>) () -> Step.builder().build(),
            List.of("id", "name", "ownerRole", "expectedDuration")),
        arguments("ResponsibilityMatrix", (Supplier<?>) () -> ResponsibilityMatrix.builder().build(),
            List.of("processId")),
        arguments("Assignment", (Supplier<?>) () -> Assignment.builder().build(), List.of("step", "role")),
        arguments("Standard", (Supplier<?>) () -> Standard.builder().build(),
            List.of("id", "version", "artifactKind", "name")),
        arguments("Required", (Supplier<?>) () -> Required.builder().build(), List.of("field")),
        arguments("TextLength", (Supplier<?>) () -> TextLength.builder().build(), List.of("field")),
        arguments("TextPattern", (Supplier<?>) () -> TextPattern.builder().build(), List.of("field", "regex")),
        arguments("ForbiddenTerms", (Supplier<?>) () -> ForbiddenTerms.builder().build(), List.of("field")),
        arguments("AllowedValues", (Supplier<?>) () -> AllowedValues.builder().build(), List.of("field")),
        arguments("NumberRange", (Supplier<?>) () -> NumberRange.builder().build(), List.of("field")),
        arguments("ListSize", (Supplier<?>) () -> ListSize.builder().build(), List.of("field")),
        arguments("EachElement", (Supplier<?>) () -> EachElement.builder().build(), List.of("field", "rule")),
        arguments("Conditional", (Supplier<?>) () -> Conditional.builder().build(), List.of("when", "rule")),
        arguments("Violation", (Supplier<?>) () -> Violation.builder().build(),
            List.of("ruleId", "severity", "path", "message")),
        arguments("Conformance", (Supplier<?>) () -> Conformance.builder().build(),
            List.of("standardId", "standardVersion", "rulesEvaluated", "rulesPassed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyBuilders")
  void aMissingRequiredAttributeIsADefinitionExceptionNamingTypeAndAttribute(
      String type, Supplier<?> build, List<String> required) {
    DefinitionException e = assertThrows(DefinitionException.class, build::get);

    assertEquals(type, e.subject());
    assertEquals(required.stream().map(a -> Problem.of(a, "required, not set")).toList(), e.problems());
  }

  @Test
  void theMessageReadsTypeAttributeRequired() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Team.builder().name("Tea shop").build());

    assertEquals("invalid Team: id: required, not set", e.getMessage());
  }

  @Test
  void aMissingAttributeInJsonIsNamedAtItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [], \"members\": [{\"name\": \"Ana\", \"roles\": []}]}",
        Team.class));

    assertEquals(List.of(Problem.of("members[0].id", "required, not set")), e.problems());
  }

  @Test
  void aConditionMissingItsValueInJsonIsNamedAtItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read("{\"type\": \"equals\", \"field\": \"category\"}", Condition.class));

    assertEquals("value", e.problems().get(0).path());
  }
}
