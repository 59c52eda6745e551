package dev.finegrain.core.process;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.finegrain.core.Severity;
import dev.finegrain.core.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks a {@link ResponsibilityMatrix} against a process and a team; see {@link ResponsibilityMatrix#validate}. */
final class RaciValidation {
  private final ResponsibilityMatrix matrix;
  private final ProcessDefinition process;
  private final Team team;
  private final RaciPolicy policy;
  private final ImmutableList.Builder<Finding> findings = ImmutableList.builder();

  RaciValidation(ResponsibilityMatrix matrix, ProcessDefinition process, Team team, RaciPolicy policy) {
    this.matrix = checkNotNull(matrix, "matrix");
    this.process = checkNotNull(process, "process");
    this.team = checkNotNull(team, "team");
    this.policy = checkNotNull(policy, "policy");
  }

  ImmutableList<Finding> findings() {
    if (!matrix.processId().equals(process.id())) {
      add(FindingKind.PROCESS_MISMATCH, Severity.ERROR, Subject.process(process.id()),
          "the matrix is for process '%s' but is checked against process '%s'", matrix.processId(), process.id());
    }
    for (Step step : process.steps()) {
      checkStep(step.id());
    }
    for (String step : matrix.steps()) {
      if (process.step(step).isEmpty()) {
        add(FindingKind.UNKNOWN_STEP, Severity.ERROR, Subject.step(step),
            "the matrix names step '%s', which process '%s' does not have", step, process.id());
      }
    }
    for (String role : matrix.roles()) {
      checkRole(role);
    }
    return findings.build();
  }

  private void checkStep(String step) {
    List<String> accountable = matrix.roles(step, Responsibility.A);
    if (accountable.isEmpty()) {
      add(FindingKind.NO_ACCOUNTABLE, Severity.ERROR, Subject.step(step),
          "step '%s' has no Accountable role; exactly one is required", step);
    } else if (accountable.size() > 1) {
      add(FindingKind.MULTIPLE_ACCOUNTABLE, Severity.ERROR, Subject.step(step),
          "step '%s' has %s Accountable roles (%s); exactly one is required", step, accountable.size(),
          String.join(", ", accountable));
    }
    if (matrix.roles(step, Responsibility.R).isEmpty()) {
      add(FindingKind.NO_RESPONSIBLE, Severity.ERROR, Subject.step(step),
          "step '%s' has no Responsible role; at least one is required", step);
    }
  }

  private void checkRole(String role) {
    Map<String, String> cells = new LinkedHashMap<>(); // step -> letters, in matrix order
    boolean doesWork = false;
    for (Assignment a : matrix.assignments()) {
      if (a.role().equals(role)) {
        cells.put(a.step(), a.letters().stream().map(Enum::name).collect(Collectors.joining()));
        doesWork |= a.has(Responsibility.R) || a.has(Responsibility.A);
      }
    }
    String where = cells.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    if (team.role(role).isEmpty()) {
      add(FindingKind.UNKNOWN_ROLE, Severity.ERROR, Subject.role(role),
          "role '%s', assigned on %s, is not a role of team '%s'", role, where, team.id());
    } else if (team.holders(role).isEmpty()) {
      add(FindingKind.ROLE_WITHOUT_MEMBER, doesWork ? Severity.ERROR : Severity.WARNING, Subject.role(role),
          "no member of team '%s' holds role '%s', which is assigned on %s", team.id(), role, where);
    }
    List<String> accountableFor = process.steps().stream().map(Step::id)
        .filter(step -> matrix.letters(step, role).contains(Responsibility.A))
        .collect(ImmutableList.toImmutableList());
    int limit = policy.maxAccountableStepsPerRole();
    if (accountableFor.size() > limit) {
      add(FindingKind.ACCOUNTABLE_OVERLOAD, Severity.WARNING, Subject.role(role),
          "role '%s' is Accountable for %s steps (%s); the limit is %s", role, accountableFor.size(),
          String.join(", ", accountableFor), limit);
    }
  }

  private void add(FindingKind kind, Severity severity, Subject subject, String format, Object... args) {
    findings.add(Finding.of(kind, severity, subject, String.format(format, args)));
  }
}
