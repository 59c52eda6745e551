package dev.finegrain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkillMatrixTest {
  // given: designers need retouching 3, copywriters need writing 3 and retouching 1,
  // compliance needs food law 4
  private final Team team = Team.builder().id("shop").name("Shop")
      .addRole(Role.builder().id("designer").name("Designer").putRequiredSkill("retouching", 3).build())
      .addRole(Role.builder().id("copywriter").name("Copywriter")
          .putRequiredSkill("writing", 3).putRequiredSkill("retouching", 1).build())
      .addRole(Role.builder().id("compliance").name("Compliance").putRequiredSkill("food-law", 4).build())
      .addMember(Member.builder().id("li").name("Li").addRole("designer").putSkill("retouching", 1).build())
      .addMember(Member.builder().id("ana").name("Ana").addRoles("copywriter", "designer")
          .putSkill("writing", 3).putSkill("retouching", 2).build())
      .addMember(Member.builder().id("mei").name("Mei").addRole("compliance")
          .putSkill("food-law", 4).putSkill("writing", 1).build())
      .build();

  @Test
  void listsGapsLargestFirstAgainstTheHighestRequirementOfTheMembersRoles() {
    SkillMatrix matrix = SkillMatrix.of(team);

    assertEquals(List.of("li needs retouching 3 (as designer), has 1: gap 2",
            "ana needs retouching 3 (as designer), has 2: gap 1"),
        matrix.gaps().stream().map(SkillGap::toString).toList());
    assertEquals(List.of(), matrix.gapsOf("mei"));
  }

  @Test
  void findsSkillsThatRestOnOnePersonAndSkillsNobodyHolds() {
    SkillMatrix matrix = SkillMatrix.of(team);

    // retouching: lowest requirement is 1, held by li (1) and ana (2); writing (3): only ana;
    // food-law (4): only mei
    assertEquals(Map.of("food-law", "mei", "writing", "ana"), matrix.singleHolderSkills());
    assertEquals(List.of("li", "ana"), matrix.holders("retouching"));
    assertEquals(List.of(), matrix.uncoveredSkills());
    assertEquals(List.of("food-law", "retouching", "writing"), matrix.skills());
  }

  @Test
  void reportsARequiredSkillThatNobodyHolds() {
    Team withGap = Team.builder().from(team)
        .addRole(Role.builder().id("packer").name("Packer").putRequiredSkill("cold-chain", 2).build())
        .build();

    assertEquals(List.of("cold-chain"), SkillMatrix.of(withGap).uncoveredSkills());
  }
}
