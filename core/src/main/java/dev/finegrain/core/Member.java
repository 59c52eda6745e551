package dev.finegrain.core;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A person on the team: the roles they hold and their level (0 to 5) in each skill.
 *
 * <pre>{@code
 * Member li = Member.builder().id("li").name("Li Wei")
 *     .addRole("designer")
 *     .putSkill("photo-retouching", 2)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMember.class)
@JsonDeserialize(as = ImmutableMember.class)
public abstract class Member {
  Member() {}

  /**
   * Stable id, unique within the team. Required, not blank, at most {@link Ids#MAX_LENGTH} chars.
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
   * Ids of the roles this member holds; a team requires at least one, each known to it. Default: none.
   *
   * @return ids of the roles this member holds; a team requires at least one, each known to it
   */
  public abstract List<String> roles();

  /**
   * Skill id to this member's level, 0 to {@link Role#MAX_SKILL_LEVEL}; an absent skill is level 0.
   * Default: none (every skill level 0).
   *
   * @return skill id to this member's level, 0 to {@link Role#MAX_SKILL_LEVEL}; an absent skill is level 0
   */
  public abstract Map<String, Integer> skills();

  /**
   * This member's level in {@code skill}, 0 if they have none.
   *
   * @param skill the id of the skill
   * @return the level, 0 to {@link Role#MAX_SKILL_LEVEL}
   */
  public int level(String skill) {
    return skills().getOrDefault(skill, 0);
  }

  /**
   * Whether this member holds the role {@code roleId}.
   *
   * @param roleId the id of the role
   * @return whether this member holds the role {@code roleId}
   */
  public boolean holds(String roleId) {
    return roles().contains(roleId);
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
    for (int i = 0; i < roles().size(); i++) {
      for (int j = 0; j < i; j++) {
        problems.check(!roles().get(i).equals(roles().get(j)), "roles[" + i + "]",
            "role '%s' is listed twice", roles().get(i));
      }
    }
    skills().forEach((skill, level) -> problems.check(level >= 0 && level <= Role.MAX_SKILL_LEVEL,
        "skills." + skill, "level must be 0 to %s, got %s", Role.MAX_SKILL_LEVEL, level));
    problems.throwIfAny("member '" + id() + "'");
  }

  /**
   * Builds a {@link Member}.
   *
   * <p>Required: {@link Member#id() id}, {@link Member#name() name}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableMember.Builder {
    Builder() {}
  }
}
