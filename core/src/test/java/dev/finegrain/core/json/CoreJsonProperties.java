package dev.finegrain.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finegrain.core.Member;
import dev.finegrain.core.Role;
import dev.finegrain.core.Team;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.standard.Artifact;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JSON round-trip is the identity for generated core definitions. */
class CoreJsonProperties {
  @Property
  void teamRoundTripsThroughJson(@ForAll("teams") Team team) {
    assertEquals(team, FinegrainJson.read(FinegrainJson.write(team), Team.class));
  }

  @Property
  void conditionRoundTripsThroughJson(@ForAll("conditions") Condition condition) {
    assertEquals(condition, FinegrainJson.read(FinegrainJson.write(condition), Condition.class));
  }

  @Property
  void artifactRoundTripsThroughJson(@ForAll("artifacts") Artifact artifact) {
    assertEquals(artifact, FinegrainJson.read(FinegrainJson.write(artifact), Artifact.class));
  }

  @Provide
  Arbitrary<Team> teams() {
    Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<Map<String, Integer>> skills = Arbitraries.maps(
        Arbitraries.of("writing", "retouching", "food-law", "客服", "packing"), Arbitraries.integers().between(1, 5))
        .ofMaxSize(3);
    Arbitrary<List<Role>> roles = ids.set().ofMinSize(1).ofMaxSize(5).flatMap(roleIds ->
        Combinators.combine(roleIds.stream().map(id -> skills.map(s ->
            Role.builder().id(id).name("Role " + id).requiredSkills(s).build())).toList()).as(list -> list));
    return roles.flatMap(roleList -> {
      List<String> roleIds = roleList.stream().map(Role::id).toList();
      Arbitrary<Member> member = Combinators.combine(
          Arbitraries.of(roleIds).set().ofMinSize(1),
          Arbitraries.maps(Arbitraries.of("writing", "retouching", "food-law"), Arbitraries.integers().between(0, 5))
              .ofMaxSize(3),
          Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10))
          .as((held, levels, name) -> Member.builder().id("tmp").name(name).roles(held).skills(levels).build());
      return member.list().ofMaxSize(6).map(members -> {
        Team.Builder team = Team.builder().id("shop").name("Shop").roles(roleList);
        for (int i = 0; i < members.size(); i++) {
          team.addMember(Member.builder().from(members.get(i)).id("m" + i).build());
        }
        return team.build();
      });
    });
  }

  @Provide
  Arbitrary<Condition> conditions() {
    return condition(3);
  }

  private Arbitrary<Condition> condition(int depth) {
    Arbitrary<String> fields = Arbitraries.of("category", "price", "images[2].width", "a.b", "标题");
    Arbitrary<Object> constants = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s),
        Arbitraries.longs().between(-1000, 1000).map(n -> (Object) n),
        Arbitraries.doubles().between(-1e6, 1e6).map(n -> (Object) n),
        Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Condition> leaf = Arbitraries.oneOf(
        Combinators.combine(fields, constants).as(Condition::eq),
        Combinators.combine(fields, constants.list().ofMinSize(1).ofMaxSize(4))
            .as((f, vs) -> Condition.in(f, vs.toArray())),
        Combinators.combine(fields, Arbitraries.of(Comparison.class), constants).as(Condition::compare),
        Combinators.combine(fields, Arbitraries.of(Comparison.class), fields).as(Condition::compareFields),
        fields.map(Condition::exists));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Condition> inner = Arbitraries.lazy(() -> condition(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(Condition::and)),
        net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(Condition::or)),
        net.jqwik.api.Tuple.of(1, inner.map(Condition::not)));
  }

  @Provide
  Arbitrary<Artifact> artifacts() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.longs().map(n -> (Object) n),
        Arbitraries.doubles().between(-1e9, 1e9).map(n -> (Object) n),
        Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Object> nested = Arbitraries.oneOf(
        scalar,
        scalar.list().ofMaxSize(3).map(l -> (Object) l),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), scalar).ofMaxSize(3)
            .map(m -> (Object) m));
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), nested).ofMaxSize(5)
        .map(fields -> Artifact.of("listing", fields));
  }
}
