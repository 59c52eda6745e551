package dev.finegrain.core.json;

import static dev.finegrain.core.testing.Gens.alpha;
import static dev.finegrain.core.testing.Gens.booleans;
import static dev.finegrain.core.testing.Gens.doubles;
import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Gens.lists;
import static dev.finegrain.core.testing.Gens.longs;
import static dev.finegrain.core.testing.Gens.maps;
import static dev.finegrain.core.testing.Gens.oneOf;
import static dev.finegrain.core.testing.Gens.pick;
import static dev.finegrain.core.testing.Gens.sets;
import static dev.finegrain.core.testing.Gens.strings;
import static dev.finegrain.core.testing.Gens.subsets;
import static dev.finegrain.core.testing.Theories.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.testing.Gens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** JSON round-trip is the identity for generated core definitions. */
class CoreJsonProperties {
  @Test
  void teamRoundTripsThroughJson() {
    qt().forAll(teams()).checkAssert(team -> assertEquals(team, FinegrainJson.read(FinegrainJson.write(team), Team.class)));
  }

  @Test
  void conditionRoundTripsThroughJson() {
    qt().forAll(condition(3)).checkAssert(condition ->
        assertEquals(condition, FinegrainJson.read(FinegrainJson.write(condition), Condition.class)));
  }

  @Test
  void artifactRoundTripsThroughJson() {
    qt().forAll(artifacts()).checkAssert(artifact ->
        assertEquals(artifact, FinegrainJson.read(FinegrainJson.write(artifact), Artifact.class)));
  }

  private static final List<String> LOWER_CASE = "abcdefghijklmnopqrstuvwxyz".chars()
      .mapToObj(c -> String.valueOf((char) c)).toList();

  static Gen<Team> teams() {
    Gen<String> ids = strings(LOWER_CASE, 1, 6);
    Gen<Map<String, Integer>> skills = maps(pick("writing", "retouching", "food-law", "客服", "packing"), ints(1, 5), 3);
    Gen<List<Role>> roles = in -> {
      List<Role> list = new ArrayList<>();
      for (String id : sets(ids, 1, 5).generate(in)) {
        list.add(Role.builder().id(id).name("Role " + id).requiredSkills(skills.generate(in)).build());
      }
      return list;
    };
    Gen<Map<String, Integer>> levels = maps(pick("writing", "retouching", "food-law"), ints(0, 5), 3);
    Gen<String> names = alpha(1, 10);
    return in -> {
      List<Role> roleList = roles.generate(in);
      List<String> roleIds = roleList.stream().map(Role::id).toList();
      Gen<Member> member = subsets(roleIds, 1, roleIds.size()).zip(levels, names,
          (held, skillLevels, name) -> Member.builder().id("tmp").name(name).roles(held).skills(skillLevels).build());
      List<Member> members = lists(member, 6).generate(in);
      Team.Builder team = Team.builder().id("shop").name("Shop").roles(roleList);
      for (int i = 0; i < members.size(); i++) {
        team.addMember(Member.builder().from(members.get(i)).id("m" + i).build());
      }
      return team.build();
    };
  }

  static Gen<Condition> condition(int depth) {
    Gen<String> fields = pick("category", "price", "images[2].width", "a.b", "标题");
    Gen<Object> constants = oneOf(
        Gens.strings(8).map(s -> (Object) s),
        longs(-1000, 1000).map(n -> (Object) n),
        doubles(-1e6, 1e6).map(n -> (Object) n),
        booleans().map(b -> (Object) b),
        longs(-100_000_000_000L, 100_000_000_000L).zip(ints(0, 999_999_999),
            (seconds, nanos) -> (Object) Instant.ofEpochSecond(seconds, nanos)));
    Gen<Condition> leaf = oneOf(
        fields.zip(constants, Condition::eq),
        fields.zip(lists(constants, 1, 4), (f, vs) -> Condition.in(f, vs.toArray())),
        fields.zip(pick(Comparison.values()), constants, Condition::compare),
        fields.zip(pick(Comparison.values()), fields, Condition::compareFields),
        fields.map(Condition::exists));
    if (depth == 0) {
      return leaf;
    }
    Gen<Condition> inner = condition(depth - 1);
    return Generate.frequency(List.of(
        Pair.of(3, leaf),
        Pair.of(1, lists(inner, 3).map((List<Condition> all) -> Condition.and(all))),
        Pair.of(1, lists(inner, 3).map((List<Condition> any) -> Condition.or(any))),
        Pair.of(1, inner.map(Condition::not))));
  }

  static Gen<Artifact> artifacts() {
    Gen<Object> scalar = oneOf(
        Gens.strings(12).map(s -> (Object) s),
        longs().map(n -> (Object) n),
        doubles(-1e9, 1e9).map(n -> (Object) n),
        booleans().map(b -> (Object) b));
    Gen<Object> nested = oneOf(
        scalar,
        lists(scalar, 3).map(l -> (Object) l),
        maps(alpha(1, 5), scalar, 3).map(m -> (Object) m));
    return maps(alpha(1, 6), nested, 5).map(fields -> Artifact.of("listing", fields));
  }
}
