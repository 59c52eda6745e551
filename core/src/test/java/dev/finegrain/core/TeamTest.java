package dev.finegrain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamTest {
  private static Member member(String id, String... roles) {
    return Member.builder().id(id).name(id.toUpperCase()).addRoles(roles).build();
  }

  @Test
  void holdersListsMembersOfARoleInTeamOrder() {
    Team team = Team.builder().id("shop").name("Shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"), Role.of("legal", "Legal"))
        .addMembers(member("ana", "copywriter"), member("bo", "manager", "copywriter"), member("cy", "manager"))
        .build();

    assertEquals(List.of("ana", "bo"), team.holders("copywriter").stream().map(Member::id).toList());
    assertEquals(List.of("legal"), team.vacantRoles().stream().map(Role::id).toList());
    assertEquals("Bo", team.member("bo").orElseThrow().name().substring(0, 1) + "o");
    assertTrue(team.role("nobody").isEmpty());
  }

  @Test
  void reportsEveryProblemOfATeamAtOnceWithItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Team.builder().id("shop").name("Shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("copywriter", "Again"))
        .addMembers(member("ana", "designer"), member("ana", "copywriter"))
        .build());

    assertEquals(List.of(
        Problem.of("roles[1].id", "duplicate role id 'copywriter'"),
        Problem.of("members[1].id", "duplicate member id 'ana'"),
        Problem.of("members[0].roles[0]", "unknown role 'designer'; known roles: [copywriter, copywriter]")),
        e.problems());
    assertTrue(e.getMessage().startsWith("invalid team 'shop': 3 problems"), e.getMessage());
  }

  @Test
  void rejectsAMemberWithoutAnyRole() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Team.builder().id("shop").name("Shop")
        .addRole(Role.of("a", "A")).addMembers(member("ana", "a"), member("bo")).build());

    assertEquals("invalid team 'shop': members[1].roles: a member needs at least one role", e.getMessage());
  }

  @Test
  void rejectsSkillLevelsOutsideZeroToFive() {
    DefinitionException member = assertThrows(DefinitionException.class,
        () -> Member.builder().id("ana").name("Ana").addRole("x").putSkill("writing", 6).build());
    DefinitionException role = assertThrows(DefinitionException.class,
        () -> Role.builder().id("x").name("X").putRequiredSkill("writing", 0).build());

    assertEquals(List.of(Problem.of("skills.writing", "level must be 0 to 5, got 6")), member.problems());
    assertEquals(List.of(Problem.of("requiredSkills.writing", "minimum level must be 1 to 5, got 0")), role.problems());
  }

  @Test
  void valuesAreEqualByContent() {
    new EqualsTester()
        .addEqualityGroup(Role.of("a", "A"), Role.builder().id("a").name("A").build())
        .addEqualityGroup(Role.of("a", "B"))
        .addEqualityGroup(member("ana", "a"), member("ana", "a"))
        .addEqualityGroup(member("ana", "b"))
        .testEquals();
  }
}
