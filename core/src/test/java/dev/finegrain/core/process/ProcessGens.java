package dev.finegrain.core.process;

import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.strings;
import static dev.finegrain.core.testing.Gens.uniqueLists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;

/** Generators of processes and matrices for the property tests; sizes stay small (up to 12 steps). */
final class ProcessGens {
  static final List<String> ROLES = List.of("copywriter", "designer", "manager", "ops-lead");
  static final List<String> ARTIFACTS = List.of("brief", "copy", "photos", "listing", "labels");
  static final int MAX_STEPS = 12;

  private ProcessGens() {}

  /** One generated step: owner index, duration, dependency and artifact bit masks, final marker. */
  private record StepSpec(int owner, long millis, long dependencyMask, int inputMask, int outputMask,
      boolean isFinal, String name) {}

  /** Letters, then characters that JSON must escape, then digits: texts shrink towards "a". */
  private static final List<String> TEXT_ALPHABET = textAlphabet();

  private static List<String> textAlphabet() {
    List<String> alphabet = new ArrayList<>();
    for (char c = 'a'; c <= 'z'; c++) {
      alphabet.add(String.valueOf(c));
      alphabet.add(String.valueOf(Character.toUpperCase(c)));
    }
    alphabet.addAll(List.of(" ", "-", "_", "é", "\"", "\\", "/", "\n"));
    for (char c = '0'; c <= '9'; c++) {
      alphabet.add(String.valueOf(c));
    }
    return List.copyOf(alphabet);
  }

  /** Non-blank texts, including characters that JSON must escape (a blank one gets an "a"). */
  static Gen<String> texts() {
    return strings(TEXT_ALPHABET, 1, 10).map(s -> s.isBlank() ? s + "a" : s);
  }

  /**
   * Valid processes of 1 to 12 steps {@code s0, s1, ...} (each with a generated suffix): step i
   * depends only on a random subset of the steps before it, so the steps always form a DAG.
   */
  static Gen<ProcessDefinition> processes() {
    return processes(1);
  }

  /**
   * Valid processes of 2 to 12 steps in which some step depends on another: when none does, the
   * last step depends on the first.
   */
  static Gen<ProcessDefinition> processesWithADependency() {
    return processes(2).map(process -> {
      if (process.steps().stream().anyMatch(s -> !s.dependsOn().isEmpty())) {
        return process;
      }
      List<Step> steps = new ArrayList<>(process.steps());
      Step last = steps.get(steps.size() - 1);
      steps.set(steps.size() - 1, Step.builder().from(last).addDependsOn(steps.get(0).id()).build());
      return ProcessDefinition.builder().from(process).steps(steps).build();
    });
  }

  private static Gen<ProcessDefinition> processes(int minSteps) {
    Gen<Integer> owners = ints(0, ROLES.size() - 1);
    Gen<Long> millis = longs(1, 36_000_000);
    Gen<Long> dependencyMasks = longs();
    Gen<Integer> artifactMasks = ints(0, (1 << ARTIFACTS.size()) - 1);
    Gen<Boolean> finals = booleans();
    Gen<String> names = texts();
    Gen<StepSpec> specs = in -> new StepSpec(owners.generate(in), millis.generate(in),
        dependencyMasks.generate(in), artifactMasks.generate(in), artifactMasks.generate(in), finals.generate(in),
        names.generate(in));
    Gen<List<StepSpec>> stepLists = lists(specs, minSteps, MAX_STEPS);
    Gen<Integer> versions = ints(1, 9);
    return in -> process(stepLists.generate(in), names.generate(in), names.generate(in), versions.generate(in));
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
  static Gen<ResponsibilityMatrix> matrices() {
    Gen<Cell> cells = ints(0, 5).zip(ints(0, ROLES.size() - 1), ints(1, 15), Cell::new);
    return texts().zip(uniqueLists(cells, 0, 20, c -> List.of(c.step(), c.role())),
        (processId, list) -> {
          ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId(processId);
          for (Cell c : list) {
            matrix.addAssignment(Assignment.builder().step("s" + c.step()).role(ROLES.get(c.role()))
                .addAllLetters(pick(List.of(Responsibility.values()), c.letters())).build());
          }
          return matrix.build();
        });
  }
}
