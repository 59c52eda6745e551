package dev.finegrain.core.process;

import static dev.finegrain.core.process.Fixtures.ids;
import static dev.finegrain.core.process.Fixtures.process;
import static dev.finegrain.core.process.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessDefinitionTest {
  @Test
  void rejectsADependencyOnAnUnknownStep() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> process("ship",
        step("pick", "ops", 10), step("label", "ops", 5, "pick"), step("send", "ops", 5, "label", "pack")));

    assertEquals(List.of(Problem.of("steps[2].dependsOn[1]", "unknown step 'pack'")), e.problems());
    assertEquals("invalid process 'ship': steps[2].dependsOn[1]: unknown step 'pack'", e.getMessage());
  }

  @Test
  void rejectsAStepThatDependsOnItself() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> process("ship", step("pick", "ops", 10), step("label", "ops", 5, "pick", "label")));

    assertEquals(List.of(Problem.of("steps[1].dependsOn[1]", "step 'label' depends on itself")), e.problems());
  }

  @Test
  void rejectsACycleNamingItsStepsInFlowOrder() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> process("listing",
        step("write", "copywriter", 60),
        step("review", "manager", 30, "write", "edit"),
        step("edit", "copywriter", 30, "review"),
        step("publish", "ops", 10, "edit")));

    assertEquals(List.of(Problem.of("steps", "the steps form a cycle: review -> edit -> review")), e.problems());
  }

  @Test
  void reportsEachSeparateCycleOnceWithItsShortestLoop() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> process("p",
        step("a", "r", 1, "c"), step("b", "r", 1, "a"), step("c", "r", 1, "b", "a"),
        step("x", "r", 1, "y"), step("y", "r", 1, "x")));

    assertEquals(List.of(
        Problem.of("steps", "the steps form a cycle: a -> c -> a"),
        Problem.of("steps", "the steps form a cycle: x -> y -> x")), e.problems());
  }

  @Test
  void rejectsDuplicateStepIds() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> process("ship", step("pick", "ops", 10), step("pick", "ops", 5)));

    assertEquals(List.of(Problem.of("steps[1].id", "duplicate step id 'pick'")), e.problems());
  }

  @Test
  void rejectsANonPositiveExpectedDuration() {
    DefinitionException zero = assertThrows(DefinitionException.class, () -> step("pick", "ops", 0).build());
    DefinitionException negative = assertThrows(DefinitionException.class, () -> step("pick", "ops", -5).build());

    assertEquals("invalid step 'pick': expectedDuration: must be positive, got PT0S", zero.getMessage());
    assertEquals(List.of(Problem.of("expectedDuration", "must be positive, got PT-5M")), negative.problems());
  }

  @Test
  void rejectsBlankFieldsAndRepeatedDependenciesOfAStep() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Step.builder().id("pick").name(" ")
        .ownerRole("").addInput("").expectedDuration(Duration.ofMinutes(5)).addDependsOn("a", "a").build());

    assertEquals(List.of(
        Problem.of("name", "must not be blank"),
        Problem.of("ownerRole", "must not be blank"),
        Problem.of("inputs[0]", "must not be blank"),
        Problem.of("dependsOn[1]", "step 'a' is listed twice")), e.problems());
  }

  @Test
  void reportsEveryProblemOfAProcessAtOnce() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> ProcessDefinition.builder()
        .id("listing").name("").version(0)
        .addSteps(step("a", "r", 1, "b").build(), step("b", "r", 1, "a").build(), step("a", "r", 1).build(),
            step("c", "r", 1, "c", "zzz").build())
        .build());

    assertEquals(List.of(
        Problem.of("name", "must not be blank"),
        Problem.of("version", "must be 1 or more, got 0"),
        Problem.of("steps[2].id", "duplicate step id 'a'"),
        Problem.of("steps[3].dependsOn[0]", "step 'c' depends on itself"),
        Problem.of("steps[3].dependsOn[1]", "unknown step 'zzz'"),
        Problem.of("steps", "the steps form a cycle: a -> b -> a")), e.problems());
    assertTrue(e.getMessage().startsWith("invalid process 'listing': 6 problems\n"), e.getMessage());
  }

  @Test
  void rejectsAProcessWithoutSteps() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> ProcessDefinition.builder().id("empty").name("Empty").build());

    assertEquals(List.of(Problem.of("steps", "a process needs at least one step")), e.problems());
  }

  @Test
  void topologicalOrderPutsDependenciesFirstAndKeepsDefinitionOrderForTies() {
    ProcessDefinition p = process("p",
        step("publish", "ops", 1, "approve"),
        step("write", "copywriter", 1),
        step("photos", "designer", 1),
        step("approve", "manager", 1, "photos", "write"));

    assertEquals(List.of("write", "photos", "approve", "publish"), ids(p.topologicalOrder()));
    assertEquals(ids(Fixtures.listing().steps()), ids(Fixtures.listing().topologicalOrder()));
  }

  @Test
  void findsStepsAndDependentsById() {
    ProcessDefinition p = Fixtures.listing();

    assertEquals("manager", p.step("approve").orElseThrow().ownerRole());
    assertFalse(p.step("nope").isPresent());
    assertEquals(List.of("write-copy", "shoot-photos", "notify"), p.dependents("brief"));
    assertEquals(List.of(), p.dependents("notify"));
  }

  @Test
  void versionDefaultsToOneAndStepsAreNotFinalByDefault() {
    ProcessDefinition p = process("p", step("a", "r", 1));

    assertEquals(1, p.version());
    assertFalse(p.steps().get(0).isFinal());
    assertTrue(step("a", "r", 1).isFinal(true).build().isFinal());
  }

  @Test
  void valuesAreEqualByContent() {
    new EqualsTester()
        .addEqualityGroup(step("a", "r", 1).build(), step("a", "r", 1).build())
        .addEqualityGroup(step("a", "r", 1).isFinal(true).build())
        .addEqualityGroup(step("a", "r", 2).build())
        .addEqualityGroup(process("p", step("a", "r", 1)), process("p", step("a", "r", 1)))
        .addEqualityGroup(ProcessDefinition.builder().from(process("p", step("a", "r", 1))).version(2).build())
        .testEquals();
  }
}
