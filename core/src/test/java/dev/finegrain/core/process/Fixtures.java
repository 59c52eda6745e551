package dev.finegrain.core.process;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import java.time.Duration;
import java.util.List;

/** Small processes and teams shared by the example tests. */
final class Fixtures {
  private Fixtures() {}

  /** A step owned by {@code role} taking {@code minutes}, depending on {@code deps}. */
  static Step.Builder step(String id, String role, long minutes, String... deps) {
    return Step.builder().id(id).name(id.replace('-', ' ')).ownerRole(role)
        .expectedDuration(Duration.ofMinutes(minutes)).addDependsOn(deps);
  }

  static ProcessDefinition process(String id, Step.Builder... steps) {
    ProcessDefinition.Builder b = ProcessDefinition.builder().id(id).name(id);
    for (Step.Builder s : steps) {
      b.addStep(s.build());
    }
    return b.build();
  }

  static Member member(String id, String... roles) {
    return Member.builder().id(id).name(id.toUpperCase()).addRoles(roles).build();
  }

  /**
   * Roles copywriter, manager, ops-lead, designer and legal; legal is vacant.
   */
  static Team shop() {
    return Team.builder().id("shop").name("Tea shop")
        .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"), Role.of("ops-lead", "Ops lead"),
            Role.of("designer", "Designer"), Role.of("legal", "Legal"))
        .addMembers(member("ana", "copywriter"), member("bo", "manager"), member("cy", "ops-lead", "designer"))
        .build();
  }

  /**
   * The listing process of the analysis tests, durations in minutes:
   *
   * <pre>
   * brief (manager 60) -> write-copy (copywriter 240) -> double-check (copywriter 60) -> approve (manager 60, final)
   * brief -> shoot-photos (photographer 180) -> build-listing (designer 120) -> approve
   * write-copy -> build-listing; brief -> notify (ops 30, no outputs)
   * </pre>
   */
  static ProcessDefinition listing() {
    return process("listing",
        step("brief", "manager", 60).addOutput("brief"),
        step("write-copy", "copywriter", 240, "brief").addInput("brief").addOutput("copy"),
        step("shoot-photos", "photographer", 180, "brief").addInput("brief").addOutput("photos"),
        step("double-check", "copywriter", 60, "write-copy").addInput("copy").addOutput("checked-copy"),
        step("build-listing", "designer", 120, "write-copy", "shoot-photos").addInputs("copy", "photos")
            .addOutput("listing"),
        step("approve", "manager", 60, "build-listing", "double-check").addInput("listing")
            .addOutput("approved-listing").isFinal(true),
        step("notify", "ops", 30, "brief"));
  }

  static List<String> ids(List<Step> steps) {
    return steps.stream().map(Step::id).toList();
  }
}
