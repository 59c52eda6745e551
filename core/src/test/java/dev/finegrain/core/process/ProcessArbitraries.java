package dev.finegrain.core.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Generators of processes and matrices for the property tests; sizes stay small (up to 12 steps). */
final class ProcessArbitraries {
  static final List<String> ROLES = List.of("copywriter", "designer", "manager", "ops-lead");
  static final List<String> ARTIFACTS = List.of("brief", "copy", "photos", "listing", "labels");
  static final int MAX_STEPS = 12;

  private ProcessArbitraries() {}

  /** One generated step: owner index, duration, dependency and artifact bit masks, final marker. */
  private record StepSpec(int owner, long millis, long dependencyMask, int inputMask, int outputMask,
      boolean isFinal, String name) {}

  /** Non-blank texts, including characters that JSON must escape. */
  static Arbitrary<String> texts() {
    return Arbitraries.strings().alpha().numeric().withChars(" -_é\"\\/\n").ofMinLength(1).ofMaxLength(10)
        .filter(s -> !s.isBlank());
  }

  /**
   * Valid processes of 1 to 12 steps {@code s0, s1, ...} (each with a generated suffix): step i
   * depends only on a random subset of the steps before it, so the steps always form a DAG.
   */
  static Arbitrary<ProcessDefinition> processes() {
    Arbitrary<StepSpec> specs = Combinators.combine(
        Arbitraries.integers().between(0, ROLES.size() - 1),
        Arbitraries.longs().between(1, 36_000_000),
        Arbitraries.longs(),
        Arbitraries.integers().between(0, (1 << ARTIFACTS.size()) - 1),
        Arbitraries.integers().between(0, (1 << ARTIFACTS.size()) - 1),
        Arbitraries.of(true, false),
        texts()).as(StepSpec::new);
    return Combinators.combine(specs.list().ofMinSize(1).ofMaxSize(MAX_STEPS)
        .withSizeDistribution(RandomDistribution.uniform()), texts(), texts(),
        Arbitraries.integers().between(1, 9)).as(ProcessArbitraries::process);
  }

  private static ProcessDefinition process(List<StepSpec> specs, String id, String name, int version) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ids.add("s" + i + "-" + specs.get(i).name().replaceAll("\\s", "_"));
    }
    ProcessDefinition.Builder process = ProcessDefinition.builder().id(id).name(name).version(version);
    for (int i = 0; i < specs.size(); i++) {
      StepSpec spec = specs.get(i);
      Step.Builder step = Step.builder().id(ids.get(i)).name(spec.name()).ownerRole(ROLES.get(spec.owner()))
          .expectedDuration(Duration.ofMillis(spec.millis())).isFinal(spec.isFinal())
          .addAllInputs(pick(ARTIFACTS, spec.inputMask())).addAllOutputs(pick(ARTIFACTS, spec.outputMask()));
      for (int j = 0; j < i; j++) {
        if ((spec.dependencyMask() & (1L << j)) != 0) {
          step.addDependsOn(ids.get(j));
        }
      }
      process.addStep(step.build());
    }
    return process.build();
  }

  static <T> List<T> pick(List<T> from, long mask) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < from.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        out.add(from.get(i));
      }
    }
    return out;
  }

  private record Cell(int step, int role, int letters) {}

  /** Matrices of up to 20 cells over a few steps and roles, each (step, role) at most once, each with some letters. */
  static Arbitrary<ResponsibilityMatrix> matrices() {
    Arbitrary<Cell> cells = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(0, ROLES.size() - 1), Arbitraries.integers().between(1, 15)).as(Cell::new);
    return Combinators.combine(texts(), cells.list().ofMaxSize(20).uniqueElements(c -> List.of(c.step(), c.role())))
        .as((processId, list) -> {
          ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId(processId);
          for (Cell c : list) {
            matrix.addAssignment(Assignment.builder().step("s" + c.step()).role(ROLES.get(c.role()))
                .addAllLetters(pick(List.of(Responsibility.values()), c.letters())).build());
          }
          return matrix.build();
        });
  }
}
