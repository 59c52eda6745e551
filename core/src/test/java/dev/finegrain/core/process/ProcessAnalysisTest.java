package dev.finegrain.core.process;

import static dev.finegrain.core.process.Fixtures.process;
import static dev.finegrain.core.process.Fixtures.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Analyses of {@link Fixtures#listing()}, computed by hand from the diagram in its javadoc. */
class ProcessAnalysisTest {
  private final ProcessAnalysis analysis = ProcessAnalysis.of(Fixtures.listing());

  @Test
  void countsDependenciesWhoseOwnerRoleChangesAsHandOffs() {
    assertEquals(8, analysis.dependencyCount());
    assertEquals(7, analysis.handOffCount());
    assertEquals(List.of(
        HandOff.of("brief", "write-copy", "manager", "copywriter"),
        HandOff.of("brief", "shoot-photos", "manager", "photographer"),
        HandOff.of("write-copy", "build-listing", "copywriter", "designer"),
        HandOff.of("shoot-photos", "build-listing", "photographer", "designer"),
        HandOff.of("build-listing", "approve", "designer", "manager"),
        HandOff.of("double-check", "approve", "copywriter", "manager"),
        HandOff.of("brief", "notify", "manager", "ops")), analysis.handOffs());
  }

  @Test
  void findsTheCriticalPathAndLeadTime() {
    // brief ends 1h, write-copy 5h, shoot-photos 4h, double-check 6h, build-listing 7h, approve 8h, notify 1h30
    assertEquals(List.of("brief", "write-copy", "build-listing", "approve"), analysis.criticalPath());
    assertEquals(Duration.ofHours(8), analysis.leadTime());
  }

  @Test
  void breaksTiesBetweenEquallyLongPathsByDefinitionOrder() {
    ProcessAnalysis diamond = ProcessAnalysis.of(process("diamond",
        step("a", "r", 60), step("c", "r", 120, "a"), step("b", "r", 120, "a"), step("d", "r", 60, "b", "c"),
        step("e", "r", 240)));

    assertEquals(List.of("a", "c", "d"), diamond.criticalPath());
    assertEquals(Duration.ofHours(4), diamond.leadTime());
  }

  @Test
  void aLoneLongStepIsTheCriticalPath() {
    ProcessAnalysis analysis = ProcessAnalysis.of(process("p", step("a", "r", 60), step("b", "r", 60, "a"),
        step("long", "r", 180)));

    assertEquals(List.of("long"), analysis.criticalPath());
    assertEquals(Duration.ofHours(3), analysis.leadTime());
  }

  @Test
  void suggestsRemovingStepsWhoseOutputsNoLaterStepUsesUnlessFinal() {
    assertEquals(List.of(
        RemovalCandidate.of("double-check", "no later step uses its outputs (checked-copy) and it is not final"),
        RemovalCandidate.of("notify", "it produces no outputs and is not final")), analysis.removalCandidates());
  }

  @Test
  void countsAnOutputUsedFurtherDownstreamButNotOneUsedOnAParallelBranch() {
    ProcessAnalysis analysis = ProcessAnalysis.of(process("p",
        step("measure", "ops", 10).addOutput("dimensions"),
        step("pack", "ops", 10, "measure").addOutput("parcel"),
        step("label", "ops", 10, "pack").addInputs("dimensions", "parcel").addOutput("labelled-parcel").isFinal(true),
        step("weigh", "ops", 10).addOutput("weight"),
        step("quote", "ops", 10).addInput("weight").addOutput("quote").isFinal(true)));

    assertEquals(List.of("weigh"), analysis.removalCandidates().stream().map(RemovalCandidate::step).toList());
  }

  @Test
  void sumsEffortPerOwnerRoleInOrderOfFirstAppearance() {
    assertEquals(Map.of(
        "manager", Duration.ofHours(2),
        "copywriter", Duration.ofHours(5),
        "photographer", Duration.ofHours(3),
        "designer", Duration.ofHours(2),
        "ops", Duration.ofMinutes(30)), analysis.effortByRole());
    assertEquals(List.of("manager", "copywriter", "photographer", "designer", "ops"),
        List.copyOf(analysis.effortByRole().keySet()));
    assertEquals(Duration.ofMinutes(12 * 60 + 30), analysis.totalEffort());
  }

  @Test
  void summarisesForPeople() {
    assertEquals("""
        process 'listing' v1: 7 steps, 7 hand-offs, lead time PT8H
        critical path: brief -> write-copy -> build-listing -> approve
        hand-offs: brief -> write-copy (manager -> copywriter); brief -> shoot-photos (manager -> photographer); \
        write-copy -> build-listing (copywriter -> designer); shoot-photos -> build-listing (photographer -> designer); \
        build-listing -> approve (designer -> manager); double-check -> approve (copywriter -> manager); \
        brief -> notify (manager -> ops)
        removal candidates: double-check: no later step uses its outputs (checked-copy) and it is not final; \
        notify: it produces no outputs and is not final
        effort by role: manager PT2H, copywriter PT5H, photographer PT3H, designer PT2H, ops PT30M""",
        analysis.summary());
    assertEquals(analysis.summary(), analysis.toString());
  }

  @Test
  void aSingleStepProcessHasNoHandOffsAndItsDurationAsLeadTime() {
    ProcessAnalysis single = ProcessAnalysis.of(process("p", step("a", "r", 45).addOutput("x").isFinal(true)));

    assertEquals(0, single.handOffCount());
    assertEquals(Duration.ofMinutes(45), single.leadTime());
    assertEquals(List.of(), single.removalCandidates());
    assertEquals("process 'p' v1: 1 step, 0 hand-offs, lead time PT45M\ncritical path: a\nhand-offs: none\n"
        + "removal candidates: none\neffort by role: r PT45M", single.summary());
  }
}
