package dev.finegrain.core;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A role on the team, such as copywriter or warehouse lead, with the skills it requires.
 *
 * <pre>{@code
 * Role designer = Role.builder().id("designer").name("Designer")
 *     .putRequiredSkill("photo-retouching", 3)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRole.class)
@JsonDeserialize(as = ImmutableRole.class)
public abstract class Role {
  Role() {}

  /** The highest skill level; levels run from 0 (none) to this. */
  public static final int MAX_SKILL_LEVEL = 5;

  /**
   * Stable id that members and processes refer to. Required, not blank, at most {@link Ids#MAX_LENGTH}
   * chars.
   *
   * @return stable id that members and processes refer to
   */
  public abstract String id();

  /**
   * Readable name. Required, not blank.
   *
   * @return readable name
   */
  public abstract String name();

  /**
   * Skill id to the minimum level (1 to {@value #MAX_SKILL_LEVEL}) the role requires. Default: none.
   *
   * @return skill id to the minimum level (1 to {@value #MAX_SKILL_LEVEL}) the role requires
   */
  public abstract Map<String, Integer> requiredSkills();

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A role with this id and name and no required skills.
   *
   * @param id the stable id
   * @param name the readable name
   * @return a role with this id and name and no required skills
   */
  public static Role of(String id, String name) {
    return builder().id(id).name(name).build();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.checkId("id", id());
    problems.checkName("name", name());
    requiredSkills().forEach((skill, level) -> problems.check(level >= 1 && level <= MAX_SKILL_LEVEL,
        "requiredSkills." + skill, "minimum level must be 1 to %s, got %s", MAX_SKILL_LEVEL, level));
    problems.throwIfAny("role '" + id() + "'");
  }

  /**
   * Builds a {@link Role}.
   *
   * <p>Required: {@link Role#id() id}, {@link Role#name() name}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableRole.Builder {
    Builder() {}
  }
}
