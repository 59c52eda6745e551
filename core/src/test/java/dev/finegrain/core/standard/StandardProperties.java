package dev.finegrain.core.standard;

import static dev.finegrain.core.testing.Gens.ints;
import static dev.finegrain.core.testing.Theories.qt;
import static dev.finegrain.core.testing.Theories.qtWithAtMost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.standard.StandardGens.RuleCase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandardProperties {
  @Test
  void jsonRoundTripIsIdentity() {
    qt().forAll(StandardGens.standards()).checkAssert(standard -> {
      String json = FinegrainJson.write(standard);

      assertEquals(standard, FinegrainJson.read(json, Standard.class), json);
    });
  }

  @Test
  void generatedStandardsCoverEveryRuleKind() {
    Set<String> kinds = new TreeSet<>();

    qtWithAtMost(60).forAll(StandardGens.standards())
        .checkAssert(standard -> standard.rules().forEach(rule -> kinds.add(rule.type())));

    assertEquals(new TreeSet<>(StandardGens.KINDS), kinds);
  }

  @Test
  void anArtifactBuiltToSatisfyAStandardHasNoViolations() {
    qt().forAll(StandardGens.cases()).checkAssert(cases -> {
      Conformance report = StandardGens.standardOf(cases).check(StandardGens.satisfying(cases));

      assertEquals(List.of(), report.violations());
      assertTrue(report.conforms());
      assertEquals(cases.size(), report.rulesPassed());
      assertEquals(1.0, report.passRate());
    });
  }

  @Test
  void breakingOneRuleGivesThatRulesViolationsOnly() {
    qt().forAll(StandardGens.cases(), ints(0, 5)).checkAssert((cases, pick) -> {
      int broken = pick % cases.size();
      Rule rule = cases.get(broken).rule();

      Conformance report = StandardGens.standardOf(cases).check(StandardGens.breaking(cases, broken));

      assertFalse(report.violations().isEmpty(), () -> "no violation of " + rule);
      assertEquals(Set.of(rule.id()), report.violations().stream().map(Violation::ruleId).collect(Collectors.toSet()),
          report::summary);
      assertTrue(report.violations().stream().allMatch(v -> v.severity() == rule.severity()));
      assertEquals(cases.size() - 1, report.rulesPassed());
      assertEquals(rule.severity() != dev.finegrain.core.Severity.ERROR, report.conforms());
    });
  }
}
