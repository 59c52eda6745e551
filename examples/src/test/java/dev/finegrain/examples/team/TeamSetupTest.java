package dev.finegrain.examples.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.SkillMatrix;
import dev.finegrain.core.Team;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TeamSetupTest {
  private static String output() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TeamSetup.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheTeamAndItsLargestSkillGapFirst() {
    String out = output();

    assertTrue(out.contains("West Lake Tea online shop: 10 members in 7 roles"), out);
    // Tang Ning is a manager (data-analysis 3 required) with level 1: the only gap of 2
    String firstGap = out.lines().dropWhile(l -> !l.startsWith("Skill gaps")).skip(3).findFirst().orElseThrow();
    assertTrue(firstGap.matches("\\s+Tang Ning\\s+data-analysis\\s+3\\s+1\\s+2\\s+manager"), firstGap);
    assertTrue(out.contains("Skill gaps, largest first (5):"), out);
  }

  @Test
  void namesSkillsNobodyHoldsComputedIndependently() {
    Team team = TeamSetup.team();
    // product-knowledge: customer service needs 2; Sun Li, the only one who has it, has 1
    long holders = team.members().stream().filter(m -> m.level("product-knowledge") >= 2).count();

    assertEquals(0, holders);
    assertEquals(java.util.List.of("product-knowledge"), SkillMatrix.of(team).uncoveredSkills());
    assertTrue(output().contains("Skills nobody holds: [product-knowledge]"));
  }
}
