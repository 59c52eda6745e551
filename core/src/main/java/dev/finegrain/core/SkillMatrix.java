package dev.finegrain.core;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The skills a team's roles require against the levels its members have (the practice "training
 * and knowledge sharing"): each member's gaps, largest first, and the skills that rest on a single
 * person.
 *
 * <pre>{@code
 * SkillMatrix matrix = SkillMatrix.of(team);
 * matrix.gaps();                // [li needs photo-retouching 3 (as designer), has 1: gap 2, ...]
 * matrix.singleHolderSkills();  // {food-safety-law=mei}: only Mei could cover it
 * }</pre>
 *
 * <p>A member holds a skill when their level reaches the lowest minimum that any role of the team
 * requires for it; a skill no role requires is not tracked.
 *
 * @since 0.1
 */
public final class SkillMatrix {
  private final Team team;
  private final ImmutableSortedMap<String, Integer> threshold; // skill -> lowest required level
  private final ImmutableList<SkillGap> gaps;

  private SkillMatrix(Team team) {
    this.team = team;
    Map<String, Integer> lowest = new LinkedHashMap<>();
    for (Role role : team.roles()) {
      role.requiredSkills().forEach((skill, level) -> lowest.merge(skill, level, Math::min));
    }
    this.threshold = ImmutableSortedMap.copyOf(lowest);
    this.gaps = computeGaps(team);
  }

  /**
   * The skill matrix of {@code team}.
   *
   * @param team the team
   * @return the skill matrix of {@code team}
   */
  public static SkillMatrix of(Team team) {
    return new SkillMatrix(team);
  }

  private static ImmutableList<SkillGap> computeGaps(Team team) {
    List<SkillGap> out = new ArrayList<>();
    for (Member member : team.members()) {
      Map<String, Integer> required = new LinkedHashMap<>();
      Map<String, String> requiredBy = new LinkedHashMap<>();
      for (String roleId : member.roles()) {
        team.role(roleId).ifPresent(role -> role.requiredSkills().forEach((skill, level) -> {
          if (level > required.getOrDefault(skill, 0)) {
            required.put(skill, level);
            requiredBy.put(skill, roleId);
          }
        }));
      }
      required.forEach((skill, level) -> {
        int actual = member.level(skill);
        if (actual < level) {
          out.add(SkillGap.of(member.id(), skill, level, actual, requiredBy.get(skill)));
        }
      });
    }
    // largest gap first; ties in team order (stable sort), then by skill
    out.sort(Comparator.comparingInt(SkillGap::size).reversed());
    return ImmutableList.copyOf(out);
  }

  /**
   * Every gap of every member, largest first; equal gaps keep team order.
   *
   * @return every gap of every member, largest first; equal gaps keep team order
   */
  public List<SkillGap> gaps() {
    return gaps;
  }

  /**
   * The gaps of one member, largest first; empty for a member who meets every requirement.
   *
   * @param memberId the id of the member
   * @return the gaps of one member, largest first; empty for a member who meets every requirement
   */
  public List<SkillGap> gapsOf(String memberId) {
    return gaps.stream().filter(g -> g.memberId().equals(memberId)).collect(ImmutableList.toImmutableList());
  }

  /**
   * The members who hold {@code skill}, in team order.
   *
   * @param skill the id of the skill
   * @return the members who hold {@code skill}, in team order
   */
  public List<String> holders(String skill) {
    Integer needed = threshold.get(skill);
    if (needed == null) {
      return ImmutableList.of();
    }
    return team.members().stream().filter(m -> m.level(skill) >= needed).map(Member::id)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Skills held by exactly one member, each with that member: if they are away, nobody can
   * cover. Sorted by skill.
   *
   * @return skills held by exactly one member, each with that member: if they are away, nobody can cover
   */
  public SortedMap<String, String> singleHolderSkills() {
    ImmutableSortedMap.Builder<String, String> out = ImmutableSortedMap.naturalOrder();
    for (String skill : threshold.keySet()) {
      List<String> holders = holders(skill);
      if (holders.size() == 1) {
        out.put(skill, holders.get(0));
      }
    }
    return out.build();
  }

  /**
   * Skills some role requires that no member holds, sorted.
   *
   * @return skills some role requires that no member holds, sorted
   */
  public List<String> uncoveredSkills() {
    return threshold.keySet().stream().filter(s -> holders(s).isEmpty()).collect(ImmutableList.toImmutableList());
  }

  /**
   * The skills tracked: those any role requires, sorted.
   *
   * @return the skills tracked: those any role requires, sorted
   */
  public List<String> skills() {
    return threshold.keySet().asList();
  }

  @Override
  public String toString() {
    return "SkillMatrix{team=" + team.id() + ", gaps=" + gaps.size() + ", singleHolder=" + singleHolderSkills().keySet()
        + ", uncovered=" + uncoveredSkills() + "}";
  }
}
