package dev.finegrain.examples.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.Role;
import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import dev.finegrain.core.process.Finding;
import dev.finegrain.core.process.FindingKind;
import dev.finegrain.core.process.ProcessComparison;
import dev.finegrain.core.process.ProcessDefinition;
import dev.finegrain.core.process.RaciPolicy;
import dev.finegrain.core.process.Responsibility;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.process.Step;
import dev.finegrain.examples.Outputs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TeamSetupTest {
  private final String out = Outputs.of(TeamSetup::run);

  @Test
  void printsTheTeamAndItsLargestSkillGapFirst() {
    assertTrue(out.contains("West Lake Tea online shop: 10 members in 7 roles"), out);
    // Tang Ning is a manager (data-analysis 3 required) with level 1: the only gap of 2
    String firstGap = out.lines().dropWhile(l -> !l.startsWith("Skill gaps")).skip(3).findFirst().orElseThrow();
    assertTrue(firstGap.matches("\\s+Tang Ning\\s+data-analysis\\s+3\\s+1\\s+2\\s+Shop manager"), firstGap);
    assertTrue(out.contains("Skill gaps, largest first (5):"), out);
  }

  @Test
  void namesSkillsNobodyHoldsAtTheRequiredLevelWithWhoHasThemBelowIt() {
    Team team = TeamSetup.team();
    // product-knowledge: customer service needs 2; Sun Li, the only one who has it, has 1
    long holders = team.members().stream().filter(m -> m.level("product-knowledge") >= 2).count();

    assertEquals(0, holders);
    assertEquals(List.of("product-knowledge"), SkillMatrix.of(team).uncoveredSkills());
    assertTrue(out.contains("Skills nobody holds at the level a role requires:\n"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+product-knowledge\\s+2\\s+Sun Li \\(1\\)")), out);
  }

  @Test
  void singleHoldersAreCountedAtTheLowestLevelAnyRoleRequiresAndOthersBelowItAreNamed() {
    Team team = TeamSetup.team();
    Map<String, Integer> lowest = new java.util.TreeMap<>();
    team.roles().forEach(r -> r.requiredSkills().forEach((skill, level) -> lowest.merge(skill, level, Math::min)));
    int copywriting = lowest.get("copywriting");
    List<String> holders = team.members().stream().filter(m -> m.level("copywriting") >= copywriting)
        .map(m -> m.name()).toList();
    List<String> below = team.members().stream()
        .filter(m -> m.level("copywriting") > 0 && m.level("copywriting") < copywriting)
        .map(m -> m.name() + " (" + m.level("copywriting") + ")").toList();

    assertEquals(List.of("Lin Yue"), holders);
    assertTrue(out.contains("Skills only one person holds at the level a role requires"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+copywriting\\s+" + copywriting + "\\s+Lin Yue\\s+"
        + java.util.regex.Pattern.quote(String.join(", ", below)))), below + "\n" + out);
  }

  @Test
  void listsAreWrittenWithoutJavasBrackets() {
    assertFalse(out.contains("["), out);
  }

  @Test
  void reportsTheThreeDefectsOfTheShopsRaciMatrixWithStepsAndRolesByName() {
    ProcessDefinition v1 = TeamSetup.currentProcess();
    Team team = TeamSetup.team();
    ResponsibilityMatrix raci = TeamSetup.raci();
    // read from the JSON with plain loops: who is Accountable on the compliance check, by role name
    List<String> accountable = raci.assignments().stream()
        .filter(a -> a.step().equals("compliance-check") && a.has(Responsibility.A))
        .map(a -> team.role(a.role()).orElseThrow().name()).toList();

    assertEquals(List.of("Compliance", "Shop manager"), accountable);
    assertTrue(out.contains("Responsibilities (RACI) of 'Launch a product listing': 3 findings"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+ERROR\\s+step: " + v1.step("retouch").orElseThrow().name()
        + "\\s+no Accountable role; exactly one is required")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+ERROR\\s+step: "
        + v1.step("compliance-check").orElseThrow().name() + "\\s+2 Accountable roles \\("
        + String.join(", ", accountable) + "\\); exactly one is required")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+ERROR\\s+role: 'brand-lead'\\s+not a role of the team,"
        + " assigned on " + v1.step("write-copy").orElseThrow().name() + " \\(C\\)")), out);
    String section = out.substring(out.indexOf("Responsibilities (RACI)"), out.indexOf("Skill gaps"));
    for (Step step : v1.steps()) {
      assertFalse(section.contains("'" + step.id() + "'"), step.id() + " is named by id:\n" + section);
    }
    assertFalse(section.contains("(compliance, manager)"), "roles by id:\n" + section);
  }

  @Test
  void theCriticalPathIsTheLongestChainOfStepsByName() {
    ProcessDefinition v1 = TeamSetup.currentProcess();
    // brief 1 h, write-copy 5 h, ops-copy-check 3 h, compliance-check 2 h, manager-approval 1 h, publish 0.5 h
    String path = String.join(" -> ", List.of("brief", "write-copy", "ops-copy-check", "compliance-check",
        "manager-approval", "publish").stream().map(id -> v1.step(id).orElseThrow().name()).toList());

    assertTrue(out.contains("  critical path: " + path + "\n"), out);
    assertTrue(out.contains("critical path: Write the product brief -> Write title and description"), out);
  }

  @Test
  void everyKindOfFindingNamesItsStepsAndRoles() {
    ProcessDefinition v1 = TeamSetup.currentProcess();
    Team team = Team.builder().from(TeamSetup.team())
        .addRole(Role.builder().id("buyer").name("Tea buyer").build()).build();
    ResponsibilityMatrix.Builder matrix = ResponsibilityMatrix.builder().processId(v1.id());
    for (Step step : v1.steps()) {   // the manager is Accountable everywhere, nobody Responsible on publish
      if (step.ownerRole().equals("manager")) {
        matrix.assign(step.id(), "manager", Responsibility.R, Responsibility.A);
      } else {
        matrix.assign(step.id(), "manager", Responsibility.A);
        if (!step.id().equals("publish")) {
          matrix.assign(step.id(), step.ownerRole(), Responsibility.R);
        }
      }
    }
    matrix.assign("taste-test", "operations", Responsibility.R);
    matrix.assign("brief", "buyer", Responsibility.C, Responsibility.I);
    ResponsibilityMatrix raci = matrix.build();
    RaciPolicy policy = RaciPolicy.defaults();

    Map<FindingKind, String> shown = new java.util.EnumMap<>(FindingKind.class);
    for (Finding f : raci.validate(v1, team, policy)) {
      shown.put(f.kind(), TeamSetup.subject(f, v1, team) + " | " + TeamSetup.finding(f, raci, v1, team, policy));
    }

    assertEquals("step: Publish the listing | no Responsible role; at least one is required",
        shown.get(FindingKind.NO_RESPONSIBLE));
    assertEquals("step: 'taste-test' | named by the matrix, but not a step of the process",
        shown.get(FindingKind.UNKNOWN_STEP));
    assertEquals("role: Tea buyer | no member of the team holds it, assigned on Write the product brief (CI)",
        shown.get(FindingKind.ROLE_WITHOUT_MEMBER));
    assertEquals("role: Shop manager | Accountable for 8 steps (" + String.join(", ",
        v1.steps().stream().map(Step::name).toList()) + "); the limit is " + policy.maxAccountableStepsPerRole(),
        shown.get(FindingKind.ACCOUNTABLE_OVERLOAD));
  }

  @Test
  void handOffsAndLeadTimeMatchAnIndependentCount() {
    ProcessDefinition v1 = TeamSetup.currentProcess();
    Map<String, String> owner = v1.steps().stream().collect(Collectors.toMap(Step::id, Step::ownerRole));
    long handOffs = v1.steps().stream()
        .flatMap(s -> s.dependsOn().stream().filter(d -> !owner.get(d).equals(s.ownerRole())))
        .count();

    assertEquals(7, handOffs);
    // longest path: brief 1h + write-copy 5h + ops-copy-check 3h + compliance 2h + manager 1h + publish 0.5h
    assertTrue(out.contains("8 steps, 7 hand-offs, lead time 12 h 30 min"), out);
    String opsCopyCheck = v1.step("ops-copy-check").orElseThrow().name();
    assertTrue(out.contains("candidate for removal: " + opsCopyCheck + " (no later step uses its outputs"), out);
    // the optimised version drops ops-copy-check (3 h) but its parallel branch keeps the path at 11 h 30 min
    ProcessComparison comparison = ProcessComparison.of(v1, TeamSetup.optimisedProcess());
    assertEquals(Duration.ofMinutes(11 * 60 + 30), comparison.leadTimeAfter());
    assertTrue(out.contains("hand-offs 7 -> 6 (-1), lead time 12 h 30 min -> 11 h 30 min (-1 h), steps 8 -> 7 (-1);"
        + " removed: " + opsCopyCheck), out);
    assertFalse(out.contains("PT"), "durations are written one way throughout");
  }
}
