package dev.finegrain.core;

import org.immutables.value.Value;

/**
 * One member short of one skill: the level their roles require, the level they have, and the
 * difference, which is what training should close.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class SkillGap {
  SkillGap() {}

  /**
   * The member who lacks the level.
   *
   * @return the member's id
   */
  public abstract String memberId();

  /**
   * The skill the member lacks.
   *
   * @return the skill's id
   */
  public abstract String skill();

  /**
   * The highest minimum level that any of the member's roles requires.
   *
   * @return the highest minimum level that any of the member's roles requires
   */
  public abstract int requiredLevel();

  /**
   * The member's level, 0 if they have none.
   *
   * @return the member's level, 0 if they have none
   */
  public abstract int actualLevel();

  /**
   * The role that requires {@link #requiredLevel()} (the first in the member's role order).
   *
   * @return the role that requires {@link #requiredLevel()} (the first in the member's role order)
   */
  public abstract String requiredBy();

  /**
   * {@code requiredLevel - actualLevel}, always at least 1.
   *
   * @return {@code requiredLevel - actualLevel}, always at least 1
   */
  public int size() {
    return requiredLevel() - actualLevel();
  }

  @Value.Check
  void check() {
    if (size() < 1) {
      throw new IllegalArgumentException("a skill gap needs actualLevel < requiredLevel, got "
          + actualLevel() + " >= " + requiredLevel());
    }
  }

  @Override
  public String toString() {
    return memberId() + " needs " + skill() + " " + requiredLevel() + " (as " + requiredBy() + "), has "
        + actualLevel() + ": gap " + size();
  }

  static SkillGap of(String memberId, String skill, int required, int actual, String requiredBy) {
    return ImmutableSkillGap.builder().memberId(memberId).skill(skill).requiredLevel(required)
        .actualLevel(actual).requiredBy(requiredBy).build();
  }
}
