package dev.finegrain.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Durations that would overflow when added up are refused when the process is built, never later. */
class ProcessDurationLimitsTest {
  private static final Duration HUGE = Duration.parse("PT2562047788015215H"); // about Long.MAX_VALUE seconds

  private static Step step(String id, Duration d, String... deps) {
    return Step.builder().id(id).name(id).ownerRole("ops").expectedDuration(d).addDependsOn(deps).build();
  }

  @Test
  void aStepLongerThanTheMaximumIsRefusedWithItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> step("a", HUGE));

    assertEquals(List.of(Problem.of("expectedDuration", "must be at most PT2562047788015H12M55.807S "
        + "(ProcessDefinition.MAX_TOTAL_DURATION, about 292 million years), got PT2562047788015215H")), e.problems());
  }

  @Test
  void stepsWhoseDurationsAddUpToMoreThanTheMaximumAreRefusedAtTheStepThatOverflows() {
    Duration half = ProcessDefinition.MAX_TOTAL_DURATION.dividedBy(2).plusMillis(1);

    DefinitionException e = assertThrows(DefinitionException.class, () -> ProcessDefinition.builder().id("p")
        .name("p").addSteps(step("a", half), step("b", Duration.ofHours(1)), step("c", half, "a")).build());

    assertEquals(List.of(Problem.of("steps[2].expectedDuration", "the steps' expected durations up to this one add up "
        + "to more than PT2562047788015H12M55.807S (ProcessDefinition.MAX_TOTAL_DURATION, about 292 million years)")),
        e.problems());
  }

  @Test
  void theIssuesProcessIsRefusedInJsonWithThePathInsteadOfOverflowingInTheAnalysis() {
    String json = "{\"id\": \"p\", \"name\": \"p\", \"steps\": ["
        + "{\"id\": \"a\", \"name\": \"a\", \"ownerRole\": \"ops\", \"expectedDuration\": \"PT2562047788015215H\"},"
        + "{\"id\": \"b\", \"name\": \"b\", \"ownerRole\": \"ops\", \"expectedDuration\": \"PT2562047788015215H\","
        + " \"dependsOn\": [\"a\"]}]}";

    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(json, ProcessDefinition.class));

    assertEquals("steps[0].expectedDuration", e.problems().get(0).path());
  }

  @Test
  void aProcessAtTheMaximumIsAnalysedAndItsTimesConvertToMilliseconds() {
    Duration half = ProcessDefinition.MAX_TOTAL_DURATION.dividedBy(2);
    Duration rest = ProcessDefinition.MAX_TOTAL_DURATION.minus(half);
    ProcessDefinition p = ProcessDefinition.builder().id("p").name("p")
        .addSteps(step("a", half), step("b", rest, "a")).build();

    ProcessAnalysis analysis = ProcessAnalysis.of(p);

    assertEquals(Long.MAX_VALUE, analysis.leadTime().toMillis());
    assertEquals(Long.MAX_VALUE, analysis.totalEffort().toMillis());
    assertEquals(Long.MAX_VALUE, analysis.effortByRole().get("ops").toMillis());
    ProcessComparison shorter = ProcessComparison.of(p, ProcessDefinition.builder().id("p").name("p")
        .addSteps(step("x", Duration.ofMillis(1))).build());
    assertEquals(Duration.ofMillis(1).minus(ProcessDefinition.MAX_TOTAL_DURATION), shorter.leadTimeDelta());
    assertEquals(true, shorter.summary().contains("-PT2562047788015H12M55.806S"), shorter.summary());
  }
}
