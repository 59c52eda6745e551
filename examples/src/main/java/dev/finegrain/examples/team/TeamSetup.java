package dev.finegrain.examples.team;

import dev.finegrain.core.Role;
import dev.finegrain.core.SkillGap;
import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import dev.finegrain.core.process.Finding;
import dev.finegrain.core.process.ProcessAnalysis;
import dev.finegrain.core.process.ProcessComparison;
import dev.finegrain.core.process.ProcessDefinition;
import dev.finegrain.core.process.RaciPolicy;
import dev.finegrain.core.process.Responsibility;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.process.Step;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import dev.finegrain.examples.Words;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Scenario 1: loads the West Lake Tea shop's team, its listing-launch process and the RACI matrix
 * from JSON, and prints the responsibility findings, the process analysis (with the comparison to
 * an optimised version that drops a needless step and a hand-off) and the skill gaps. Run alone with
 * {@code mvn -B -q -pl examples -am compile exec:java -Ddemo.main=dev.finegrain.examples.team.TeamSetup}.
 */
public final class TeamSetup {
  private TeamSetup() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** The shop's team, as the examples use it. */
  public static Team team() {
    return Resources.read("shop/team.json", Team.class);
  }

  /** The listing-launch process as the shop runs it today (version 1). */
  public static ProcessDefinition currentProcess() {
    return Resources.read("shop/listing-process-v1.json", ProcessDefinition.class);
  }

  /** The optimised listing-launch process (version 2). */
  public static ProcessDefinition optimisedProcess() {
    return Resources.read("shop/listing-process-v2.json", ProcessDefinition.class);
  }

  /** Who is responsible, accountable, consulted and informed on each step of version 1. */
  public static ResponsibilityMatrix raci() {
    return Resources.read("shop/listing-raci.json", ResponsibilityMatrix.class);
  }

  /** Prints the scenario to {@code out}. */
  public static void run(PrintStream out) {
    Team team = team();
    out.printf("%s: %d members in %d roles%n%n", team.name(), team.members().size(), team.roles().size());
    TextTable roles = TextTable.of("role", "held by");
    team.roles().forEach(role -> roles.row(role.name(),
        String.join(", ", team.holders(role.id()).stream().map(m -> m.name()).toList())));
    out.print(roles.render(2));

    ProcessDefinition current = currentProcess();
    printRaci(out, raci(), current, team);
    printAnalysis(out, current);
    printComparison(out, current, optimisedProcess());
    printSkills(out, team);
  }

  private static void printRaci(PrintStream out, ResponsibilityMatrix raci, ProcessDefinition process, Team team) {
    RaciPolicy policy = RaciPolicy.defaults();
    var findings = raci.validate(process, team, policy);
    out.printf("%nResponsibilities (RACI) of '%s': %d findings%n", process.name(), findings.size());
    TextTable table = TextTable.of("severity", "subject", "finding");
    for (Finding f : findings) {
      table.row(f.severity(), subject(f, process, team), finding(f, raci, process, team, policy));
    }
    out.print(table.render(2));
  }

  /** What a finding is about, by name: {@code step: Retouch and crop images}; an unknown id in quotes. */
  static String subject(Finding f, ProcessDefinition process, Team team) {
    String id = f.subject().id();
    return switch (f.subject().kind()) {
      case STEP -> "step: " + stepName(process, id);
      case ROLE -> "role: " + team.role(id).map(Role::name).orElse("'" + id + "'");
      case PROCESS -> "process: " + (process.id().equals(id) ? process.name() : "'" + id + "'");
    };
  }

  /**
   * A finding as a shop manager reads it, its subject left to the subject column: steps and roles by name
   * where the core's message (for any reader of the library) names them by id.
   */
  static String finding(Finding f, ResponsibilityMatrix raci, ProcessDefinition process, Team team,
      RaciPolicy policy) {
    String id = f.subject().id();
    return switch (f.kind()) {
      case NO_ACCOUNTABLE -> "no Accountable role; exactly one is required";
      case MULTIPLE_ACCOUNTABLE -> {
        List<String> roles = raci.roles(id, Responsibility.A).stream().map(r -> roleName(team, r)).toList();
        yield roles.size() + " Accountable roles (" + String.join(", ", roles) + "); exactly one is required";
      }
      case NO_RESPONSIBLE -> "no Responsible role; at least one is required";
      case UNKNOWN_STEP -> "named by the matrix, but not a step of the process";
      case UNKNOWN_ROLE -> "not a role of the team, assigned on " + assignedOn(raci, process, id);
      case ROLE_WITHOUT_MEMBER -> "no member of the team holds it, assigned on " + assignedOn(raci, process, id);
      case ACCOUNTABLE_OVERLOAD -> {
        List<String> steps = process.steps().stream()
            .filter(s -> raci.letters(s.id(), id).contains(Responsibility.A)).map(Step::name).toList();
        yield "Accountable for " + steps.size() + " steps (" + String.join(", ", steps) + "); the limit is "
            + policy.maxAccountableStepsPerRole();
      }
      case PROCESS_MISMATCH -> f.message();
    };
  }

  /** The steps a role is assigned on, with its letters: {@code Write title and description (C)}. */
  private static String assignedOn(ResponsibilityMatrix raci, ProcessDefinition process, String role) {
    return raci.assignments().stream().filter(a -> a.role().equals(role))
        .map(a -> stepName(process, a.step()) + " ("
            + a.letters().stream().map(Enum::name).collect(Collectors.joining()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** A step's name in the process ({@code Write the product brief} for {@code brief}); an unknown id in quotes. */
  static String stepName(ProcessDefinition process, String stepId) {
    return process.step(stepId).map(Step::name).orElse("'" + stepId + "'");
  }

  private static void printAnalysis(PrintStream out, ProcessDefinition process) {
    ProcessAnalysis analysis = ProcessAnalysis.of(process);
    out.printf("%nProcess analysis of '%s' v%d: %d steps, %d hand-offs, lead time %s%n", process.name(),
        process.version(), process.steps().size(), analysis.handOffCount(), hours(analysis.leadTime()));
    out.printf("  critical path: %s%n",
        String.join(" -> ", analysis.criticalPath().stream().map(step -> stepName(process, step)).toList()));
    analysis.removalCandidates().forEach(c -> out.printf("  candidate for removal: %s (%s)%n",
        stepName(process, c.step()), c.reason()));
    TextTable effort = TextTable.of("role", "effort").rightAlign(1);
    for (Map.Entry<String, Duration> e : analysis.effortByRole().entrySet()) {
      effort.row(roleName(TeamSetup.team(), e.getKey()), hours(e.getValue()));
    }
    out.print(effort.render(2));
  }

  private static void printComparison(PrintStream out, ProcessDefinition before, ProcessDefinition after) {
    ProcessComparison c = ProcessComparison.of(before, after);
    // the comparison's own summary writes durations as ISO-8601 (PT12H30M); the demo writes them one way throughout
    StringBuilder line = new StringBuilder()
        .append("hand-offs ").append(c.handOffsBefore()).append(" -> ").append(c.handOffsAfter())
        .append(" (").append(signed(c.handOffsDelta())).append("), lead time ").append(hours(c.leadTimeBefore()))
        .append(" -> ").append(hours(c.leadTimeAfter())).append(" (").append(signed(c.leadTimeDelta()))
        .append("), steps ").append(c.stepsBefore()).append(" -> ").append(c.stepsAfter())
        .append(" (").append(signed(c.stepsDelta())).append(')');
    if (!c.addedSteps().isEmpty()) {
      line.append("; added: ").append(Words.list(c.addedSteps().stream().map(s -> stepName(after, s)).toList()));
    }
    if (!c.removedSteps().isEmpty()) {
      line.append("; removed: ").append(Words.list(c.removedSteps().stream().map(s -> stepName(before, s)).toList()));
    }
    out.printf("%nOptimised v%d against v%d:%n  %s%n", after.version(), before.version(), line);
  }

  private static String signed(int delta) {
    return delta > 0 ? "+" + delta : String.valueOf(delta);
  }

  private static String signed(Duration delta) {
    return delta.isZero() ? "0" : (delta.isNegative() ? "-" : "+") + hours(delta.abs());
  }

  private static void printSkills(PrintStream out, Team team) {
    SkillMatrix skills = SkillMatrix.of(team);
    out.printf("%nSkill gaps, largest first (%d):%n", skills.gaps().size());
    TextTable gaps = TextTable.of("member", "skill", "needs", "has", "gap", "required as").rightAlign(2, 3, 4);
    for (SkillGap gap : skills.gaps()) {
      gaps.row(team.member(gap.memberId()).orElseThrow().name(), gap.skill(), gap.requiredLevel(), gap.actualLevel(),
          gap.size(), roleName(team, gap.requiredBy()));
    }
    out.print(gaps.render(2));
    // a member "holds" a skill at the lowest level any role requires of it, as SkillMatrix counts
    Map<String, Integer> required = requiredLevels(team);
    out.printf("%nSkills only one person holds at the level a role requires (cover them before that person is"
        + " away):%n");
    TextTable single = TextTable.of("skill", "level", "held by", "below that level").rightAlign(1);
    skills.singleHolderSkills().forEach((skill, member) -> single.row(skill, required.get(skill),
        team.member(member).orElseThrow().name(), below(team, skill, required.get(skill))));
    out.print(single.render(2));
    if (!skills.uncoveredSkills().isEmpty()) {
      out.printf("%nSkills nobody holds at the level a role requires:%n");
      TextTable none = TextTable.of("skill", "level", "below that level").rightAlign(1);
      skills.uncoveredSkills().forEach(skill -> none.row(skill, required.get(skill),
          below(team, skill, required.get(skill))));
      out.print(none.render(2));
    }
  }

  /** Each skill some role requires, with the lowest level any role requires of it. */
  static Map<String, Integer> requiredLevels(Team team) {
    Map<String, Integer> lowest = new TreeMap<>();
    team.roles().forEach(role -> role.requiredSkills().forEach((skill, level) -> lowest.merge(skill, level, Math::min)));
    return lowest;
  }

  /** The members who have {@code skill} but below {@code level}, with their level: {@code Sun Li (1)}; {@code -}. */
  private static String below(Team team, String skill, int level) {
    List<String> some = team.members().stream().filter(m -> m.level(skill) > 0 && m.level(skill) < level)
        .map(m -> m.name() + " (" + m.level(skill) + ")").toList();
    return some.isEmpty() ? "-" : Words.list(some);
  }

  static String roleName(Team team, String roleId) {
    return team.role(roleId).map(r -> r.name()).orElse(roleId);
  }

  static String hours(Duration d) {
    return Words.duration(d);
  }
}
