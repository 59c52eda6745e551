package dev.finegrain.core.process;

import static dev.finegrain.core.process.Responsibility.A;
import static dev.finegrain.core.process.Responsibility.C;
import static dev.finegrain.core.process.Responsibility.I;
import static dev.finegrain.core.process.Responsibility.R;
import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Builds a sound matrix for a generated process and team (each step exactly one Accountable and
 * some Responsible roles, every role held, no role over the limit), injects a random set of
 * defects, and checks that validation reports exactly those, each once.
 */
class RaciValidationProperties {
  private static final int NO_DEFECT = 0;
  private static final int REMOVE_ACCOUNTABLE = 1;
  private static final int ADD_SECOND_ACCOUNTABLE = 2;

  /** A process and team size, and which defects to inject where. */
  record Injection(ProcessDefinition process, int workers, int slack, List<Integer> responsibleMasks,
      List<Integer> accountableDefects, List<Boolean> removeResponsible, boolean vacantRole, boolean unknownRole,
      boolean unknownStep, boolean otherProcess, boolean overload) {}

  static Gen<Injection> injections() {
    Gen<ProcessDefinition> processes = ProcessGens.processes();
    Gen<Integer> workers = ints(1, 4);
    Gen<Integer> slack = ints(0, 2);
    Gen<List<Integer>> responsibleMasks = lists(ints(1, 15), ProcessGens.MAX_STEPS);
    Gen<List<Integer>> accountableDefects = lists(ints(0, 2), ProcessGens.MAX_STEPS);
    Gen<List<Boolean>> removeResponsible = lists(booleans(), ProcessGens.MAX_STEPS);
    Gen<Boolean> flags = booleans();
    return in -> new Injection(processes.generate(in), workers.generate(in), slack.generate(in),
        responsibleMasks.generate(in), accountableDefects.generate(in), removeResponsible.generate(in),
        flags.generate(in), flags.generate(in), flags.generate(in), flags.generate(in), flags.generate(in));
  }

  @Test
  void validationFindsExactlyTheInjectedDefects() {
    qt().forAll(injections()).checkAssert(RaciValidationProperties::validationFindsExactlyTheInjectedDefects);
  }

  private static void validationFindsExactlyTheInjectedDefects(Injection injection) {
    ProcessDefinition process = injection.process();
    int workers = injection.workers();
    int slack = injection.slack();
    List<Integer> responsibleMasks = injection.responsibleMasks();
    List<Integer> accountableDefects = injection.accountableDefects();
    List<Boolean> removeResponsible = injection.removeResponsible();
    boolean vacantRole = injection.vacantRole();
    boolean unknownRole = injection.unknownRole();
    boolean unknownStep = injection.unknownStep();
    boolean otherProcess = injection.otherProcess();
    boolean overload = injection.overload();
    List<String> steps = process.steps().stream().map(Step::id).toList();
    int n = steps.size();
    int limit = (n + workers - 1) / workers + slack;
    RaciPolicy policy = RaciPolicy.builder().maxAccountableStepsPerRole(limit).build();

    // sound matrix: worker i % workers is Accountable for step i, so no worker exceeds the limit
    Map<String, Map<String, EnumSet<Responsibility>>> cells = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      int mask = i < responsibleMasks.size() ? responsibleMasks.get(i) % (1 << workers) : 0;
      if (mask == 0) {
        mask = 1 << (i % workers);
      }
      for (int w = 0; w < workers; w++) {
        if ((mask & (1 << w)) != 0) {
          give(cells, steps.get(i), worker(w), R);
        }
      }
      give(cells, steps.get(i), worker(i % workers), A);
    }

    Set<String> expected = new HashSet<>();
    Set<String> heldRoles = new HashSet<>();
    for (int w = 0; w < workers; w++) {
      heldRoles.add(worker(w));
    }
    List<Integer> stillAccountable = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int defect = i < accountableDefects.size() ? accountableDefects.get(i) : NO_DEFECT;
      String step = steps.get(i);
      if (defect == REMOVE_ACCOUNTABLE) {
        take(cells, step, worker(i % workers), A);
        expected.add("NO_ACCOUNTABLE step '" + step + "'");
      } else {
        stillAccountable.add(i);
      }
      if (defect == ADD_SECOND_ACCOUNTABLE) {
        give(cells, step, "second-" + i, A); // one step each, so never over the limit
        heldRoles.add("second-" + i);
        expected.add("MULTIPLE_ACCOUNTABLE step '" + step + "'");
      }
    }
    if (overload && stillAccountable.size() > limit) {
      // 'busy' takes over the Accountable of limit + 1 steps, which keeps each of them at one
      for (int i : stillAccountable.subList(0, limit + 1)) {
        take(cells, steps.get(i), worker(i % workers), A);
        give(cells, steps.get(i), "busy", A);
      }
      heldRoles.add("busy");
      expected.add("ACCOUNTABLE_OVERLOAD role 'busy'");
    }
    for (int i = 0; i < n; i++) {
      if (i < removeResponsible.size() && removeResponsible.get(i)) {
        for (String role : List.copyOf(cells.getOrDefault(steps.get(i), Map.of()).keySet())) {
          take(cells, steps.get(i), role, R);
        }
        expected.add("NO_RESPONSIBLE step '" + steps.get(i) + "'");
      }
    }
    if (vacantRole) {
      give(cells, steps.get(0), "vacant", C);
      expected.add("ROLE_WITHOUT_MEMBER role 'vacant'");
    }
    if (unknownRole) {
      give(cells, steps.get(n - 1), "ghost", I);
      expected.add("UNKNOWN_ROLE role 'ghost'");
    }
    if (unknownStep) {
      give(cells, "phantom", worker(0), C);
      expected.add("UNKNOWN_STEP step 'phantom'");
    }
    String processId = otherProcess ? process.id() + "-other" : process.id();
    if (otherProcess) {
      expected.add("PROCESS_MISMATCH process '" + process.id() + "'");
    }

    ResponsibilityMatrix matrix = matrix(processId, cells);
    List<String> found = matrix.validate(process, team(heldRoles), policy).stream()
        .map(f -> f.kind() + " " + f.subject()).toList();

    assertEquals(expected, new HashSet<>(found));
    assertEquals(found.size(), new HashSet<>(found).size(), found::toString);
  }

  private static String worker(int w) {
    return "worker-" + w;
  }

  private static void give(Map<String, Map<String, EnumSet<Responsibility>>> cells, String step, String role,
      Responsibility letter) {
    cells.computeIfAbsent(step, s -> new LinkedHashMap<>())
        .computeIfAbsent(role, r -> EnumSet.noneOf(Responsibility.class)).add(letter);
  }

  private static void take(Map<String, Map<String, EnumSet<Responsibility>>> cells, String step, String role,
      Responsibility letter) {
    Map<String, EnumSet<Responsibility>> roles = cells.get(step);
    if (roles != null && roles.containsKey(role)) {
      roles.get(role).remove(letter);
      if (roles.get(role).isEmpty()) {
        roles.remove(role);
      }
    }
  }

  private static ResponsibilityMatrix matrix(String processId, Map<String, Map<String, EnumSet<Responsibility>>> cells) {
    ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId(processId);
    cells.forEach((step, roles) -> roles.forEach((role, letters) ->
        matrix.addAssignment(Assignment.builder().step(step).role(role).letters(letters).build())));
    return matrix.build();
  }

  /** A team that has every role in {@code held} held by a member, plus the role 'vacant' that nobody holds. */
  private static Team team(Set<String> held) {
    Team.Builder team = Team.builder().id("shop").name("Shop").addRole(Role.of("vacant", "Vacant"));
    for (String role : held.stream().sorted().toList()) {
      team.addRole(Role.of(role, role));
    }
    return team.addMember(Member.builder().id("ana").name("Ana").addAllRoles(held.stream().sorted().toList()).build())
        .build();
  }
}
