package dev.finegrain.examples.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import dev.finegrain.core.process.ProcessComparison;
import dev.finegrain.core.process.ProcessDefinition;
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
  void reportsTheThreeDefectsOfTheShopsRaciMatrix() {
    assertTrue(out.contains("Responsibilities (RACI) of 'Launch a product listing': 3 findings"), out);
    assertTrue(out.contains("step 'retouch' has no Accountable role"), out);
    assertTrue(out.contains("step 'compliance-check' has 2 Accountable roles (compliance, manager)"), out);
    assertTrue(out.contains("role 'brand-lead'"), out);
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
    assertTrue(out.contains("candidate for removal: ops-copy-check"), out);
    // the optimised version drops ops-copy-check (3 h) but its parallel branch keeps the path at 11 h 30 min
    ProcessComparison comparison = ProcessComparison.of(v1, TeamSetup.optimisedProcess());
    assertEquals(Duration.ofMinutes(11 * 60 + 30), comparison.leadTimeAfter());
    assertTrue(out.contains("hand-offs 7 -> 6 (-1), lead time 12 h 30 min -> 11 h 30 min (-1 h), steps 8 -> 7 (-1);"
        + " removed: ops-copy-check"), out);
    assertFalse(out.contains("PT"), "durations are written one way throughout");
  }
}
