package dev.finegrain.core;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.immutables.value.Value;

/**
 * A team: its roles and its members, validated together so that every role a member holds is
 * known and every id is unique.
 *
 * <pre>{@code
 * Team team = Team.builder().id("shop").name("Tea shop")
 *     .addRoles(Role.of("copywriter", "Copywriter"), Role.of("manager", "Manager"))
 *     .addMember(Member.builder().id("ana").name("Ana").addRole("copywriter").build())
 *     .addMember(Member.builder().id("bo").name("Bo").addRole("manager").build())
 *     .build();
 * team.holders("manager");   // [bo]
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTeam.class)
@JsonDeserialize(as = ImmutableTeam.class)
public abstract class Team {
  Team() {}

  /**
   * Stable id. Required, not blank, at most {@link Ids#MAX_LENGTH} chars.
   *
   * @return the id
   */
  public abstract String id();

  /**
   * Readable name. Required, not blank.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The roles on the team, each id unique. Default: none.
   *
   * @return the roles, in order
   */
  public abstract List<Role> roles();

  /**
   * The members, each id unique, each holding at least one known role. Default: none.
   *
   * @return the members, in order
   */
  public abstract List<Member> members();

  /**
   * The role with this id, if the team has it.
   *
   * @param roleId the id of the role
   * @return the role with this id, if the team has it
   */
  public Optional<Role> role(String roleId) {
    return Optional.ofNullable(rolesById().get(roleId));
  }

  /**
   * The member with this id, if the team has them.
   *
   * @param memberId the id of the member
   * @return the member with this id, if the team has them
   */
  public Optional<Member> member(String memberId) {
    return Optional.ofNullable(membersById().get(memberId));
  }

  /**
   * The members who hold role {@code roleId}, in team order; empty for a role nobody holds.
   *
   * @param roleId the id of the role
   * @return the members who hold role {@code roleId}, in team order; empty for a role nobody holds
   */
  public List<Member> holders(String roleId) {
    return members().stream().filter(m -> m.holds(roleId)).collect(ImmutableList.toImmutableList());
  }

  /**
   * The roles that no member holds, in team order.
   *
   * @return the roles that no member holds, in team order
   */
  public List<Role> vacantRoles() {
    return roles().stream().filter(r -> holders(r.id()).isEmpty()).collect(ImmutableList.toImmutableList());
  }

  @Value.Lazy
  ImmutableMap<String, Role> rolesById() {
    return roles().stream().collect(ImmutableMap.toImmutableMap(Role::id, Function.identity()));
  }

  @Value.Lazy
  ImmutableMap<String, Member> membersById() {
    return members().stream().collect(ImmutableMap.toImmutableMap(Member::id, Function.identity()));
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkId("id", id());
    problems.checkName("name", name());
    problems.checkUniqueIds("roles", roles(), Role::id, "role");
    problems.checkUniqueIds("members", members(), Member::id, "member");
    List<String> known = roles().stream().map(Role::id).collect(ImmutableList.toImmutableList());
    for (int i = 0; i < members().size(); i++) {
      List<String> held = members().get(i).roles();
      problems.check(!held.isEmpty(), "members[" + i + "].roles", "a member needs at least one role");
      for (int j = 0; j < held.size(); j++) {
        problems.check(known.contains(held.get(j)), "members[" + i + "].roles[" + j + "]",
            "unknown role '%s'; known roles: %s", held.get(j), known);
      }
    }
    problems.throwIfAny("team '" + id() + "'");
  }

  /**
   * Builds a {@link Team}.
   *
   * <p>Required: {@link Team#id() id}, {@link Team#name() name}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableTeam.Builder {
    Builder() {}
  }
}
