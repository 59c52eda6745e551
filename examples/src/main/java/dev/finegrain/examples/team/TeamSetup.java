package dev.finegrain.examples.team;

import dev.finegrain.core.SkillGap;
import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import dev.finegrain.examples.Resources;
import dev.finegrain.examples.TextTable;
import java.io.PrintStream;

/**
 * Scenario 1: loads the West Lake Tea shop's team from JSON and prints who holds which role and
 * where training is needed. Run alone with
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

  /** Prints the scenario to {@code out}. */
  public static void run(PrintStream out) {
    Team team = team();
    out.printf("%s: %d members in %d roles%n%n", team.name(), team.members().size(), team.roles().size());

    TextTable roles = TextTable.of("role", "held by").rightAlign();
    team.roles().forEach(role -> roles.row(role.name(),
        String.join(", ", team.holders(role.id()).stream().map(m -> m.name()).toList())));
    out.print(roles.render(2));

    SkillMatrix skills = SkillMatrix.of(team);
    out.printf("%nSkill gaps, largest first (%d):%n", skills.gaps().size());
    TextTable gaps = TextTable.of("member", "skill", "needs", "has", "gap", "required as").rightAlign(2, 3, 4);
    for (SkillGap gap : skills.gaps()) {
      gaps.row(team.member(gap.memberId()).orElseThrow().name(), gap.skill(), gap.requiredLevel(), gap.actualLevel(),
          gap.size(), gap.requiredBy());
    }
    out.print(gaps.render(2));
    out.printf("%nSkills only one person holds (cover them before that person is away):%n");
    skills.singleHolderSkills().forEach((skill, member) ->
        out.printf("  %-18s %s%n", skill, team.member(member).orElseThrow().name()));
    if (!skills.uncoveredSkills().isEmpty()) {
      out.printf("Skills nobody holds: %s%n", skills.uncoveredSkills());
    }
  }
}
