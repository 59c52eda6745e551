package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.StandardArbitraries.RuleCase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class StandardProperties {
  @Provide
  Arbitrary<Standard> standards() {
    return StandardArbitraries.standards();
  }

  @Provide
  Arbitrary<List<RuleCase>> cases() {
    return StandardArbitraries.cases();
  }

  @Property
  void jsonRoundTripIsIdentity(@ForAll("standards") Standard standard) {
    String json = FinegrainJson.write(standard);

    assertEquals(standard, FinegrainJson.read(json, Standard.class), json);
  }

  @Example
  void generatedStandardsCoverEveryRuleKind() {
    Set<String> kinds = StandardArbitraries.standards().sampleStream().limit(60)
        .flatMap(s -> s.rules().stream()).map(Rule::type).collect(Collectors.toCollection(TreeSet::new));

    assertEquals(new TreeSet<>(StandardArbitraries.KINDS), kinds);
  }

  @Property
  void anArtifactBuiltToSatisfyAStandardHasNoViolations(@ForAll("cases") List<RuleCase> cases) {
    Conformance report = StandardArbitraries.standardOf(cases).check(StandardArbitraries.satisfying(cases));

    assertEquals(List.of(), report.violations());
    assertTrue(report.conforms());
    assertEquals(cases.size(), report.rulesPassed());
    assertEquals(1.0, report.passRate());
  }

  @Property
  void breakingOneRuleGivesThatRulesViolationsOnly(@ForAll("cases") List<RuleCase> cases,
      @ForAll @IntRange(min = 0, max = 5) int pick) {
    int broken = pick % cases.size();
    Rule rule = cases.get(broken).rule();

    Conformance report = StandardArbitraries.standardOf(cases).check(StandardArbitraries.breaking(cases, broken));

    assertFalse(report.violations().isEmpty(), () -> "no violation of " + rule);
    assertEquals(Set.of(rule.id()), report.violations().stream().map(Violation::ruleId).collect(Collectors.toSet()),
        report::summary);
    assertTrue(report.violations().stream().allMatch(v -> v.severity() == rule.severity()));
    assertEquals(cases.size() - 1, report.rulesPassed());
    assertEquals(rule.severity() != dev.finegrain.core.Severity.ERROR, report.conforms());
  }
}
