package dev.finegrain.core.process;

import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessAnalysisProperties {
  @Test
  void leadTimeLiesBetweenTheLongestStepAndTheSumOfAllSteps() {
    qt().forAll(ProcessGens.processes()).checkAssert(process -> {
      ProcessAnalysis analysis = ProcessAnalysis.of(process);
      Duration longest = process.steps().stream().map(Step::expectedDuration).max(Duration::compareTo).orElseThrow();
      Duration sum = process.steps().stream().map(Step::expectedDuration).reduce(Duration.ZERO, Duration::plus);

      assertTrue(analysis.leadTime().compareTo(longest) >= 0, analysis::summary);
      assertTrue(analysis.leadTime().compareTo(sum) <= 0, analysis::summary);
      assertEquals(sum, analysis.totalEffort());
    });
  }

  @Test
  void criticalPathIsAChainOfDependenciesWhoseDurationsAddUpToTheLeadTime() {
    qt().forAll(ProcessGens.processes()).checkAssert(process -> {
      ProcessAnalysis analysis = ProcessAnalysis.of(process);
      List<String> path = analysis.criticalPath();

      for (int i = 1; i < path.size(); i++) {
        assertTrue(process.step(path.get(i)).orElseThrow().dependsOn().contains(path.get(i - 1)), path::toString);
      }
      assertEquals(analysis.leadTime(), path.stream().map(id -> process.step(id).orElseThrow().expectedDuration())
          .reduce(Duration.ZERO, Duration::plus));
    });
  }

  @Test
  void handOffsAreDependenciesBetweenDifferentOwners() {
    qt().forAll(ProcessGens.processes()).checkAssert(process -> {
      ProcessAnalysis analysis = ProcessAnalysis.of(process);
      int edges = process.steps().stream().mapToInt(s -> s.dependsOn().size()).sum();

      assertEquals(edges, analysis.dependencyCount());
      assertTrue(analysis.handOffCount() <= edges);
      for (HandOff h : analysis.handOffs()) {
        assertTrue(process.step(h.toStep()).orElseThrow().dependsOn().contains(h.fromStep()));
        assertTrue(!h.fromRole().equals(h.toRole()));
      }
    });
  }

  @Test
  void finalStepsAreNeverRemovalCandidates() {
    qt().forAll(ProcessGens.processes()).checkAssert(process -> {
      for (RemovalCandidate c : ProcessAnalysis.of(process).removalCandidates()) {
        assertTrue(!process.step(c.step()).orElseThrow().isFinal(), c::toString);
      }
    });
  }

  @Test
  void topologicalOrderIsAPermutationWithDependenciesFirst() {
    qt().forAll(ProcessGens.processes()).checkAssert(process -> {
      List<Step> order = process.topologicalOrder();
      Set<String> done = new HashSet<>();

      for (Step step : order) {
        assertTrue(done.containsAll(step.dependsOn()), step::id);
        done.add(step.id());
      }
      assertEquals(new HashSet<>(process.steps()), new HashSet<>(order));
      assertEquals(process.steps(), order); // generated steps only depend on earlier ones
    });
  }

  @Test
  void aBackEdgeIsReportedAsACycleOfRealDependencies() {
    qt().forAll(ProcessGens.processesWithADependency()).checkAssert(process -> {
      Step later = process.steps().stream().filter(s -> !s.dependsOn().isEmpty()).reduce((a, b) -> b).orElseThrow();
      String earlier = later.dependsOn().get(0);
      List<Step> steps = new ArrayList<>();
      for (Step s : process.steps()) {
        steps.add(s.id().equals(earlier) ? Step.builder().from(s).addDependsOn(later.id()).build() : s);
      }

      DefinitionException e = assertThrows(DefinitionException.class,
          () -> ProcessDefinition.builder().from(process).steps(steps).build());

      assertEquals(1, e.problems().size(), e::getMessage);
      String prefix = "the steps form a cycle: ";
      assertEquals("steps", e.problems().get(0).path());
      assertTrue(e.problems().get(0).message().startsWith(prefix), e::getMessage);
      String[] cycle = e.problems().get(0).message().substring(prefix.length()).split(" -> ");
      assertEquals(cycle[0], cycle[cycle.length - 1]);
      for (int i = 1; i < cycle.length; i++) {
        String from = cycle[i - 1];
        String to = cycle[i];
        assertTrue(steps.stream().anyMatch(s -> s.id().equals(to) && s.dependsOn().contains(from)), e::getMessage);
      }
    });
  }
}
