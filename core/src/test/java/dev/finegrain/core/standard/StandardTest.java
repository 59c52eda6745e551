package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Severity;
import dev.finegrain.core.condition.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardTest {
  private static final Standard BASE = Standard.builder().id("listing-base").version(1).artifactKind("listing")
      .name("Listing basics")
      .addRule(Rules.required("title").withId("title"))
      .addRule(Rules.maxLength("title", 60).withId("title-length"))
      .addRule(Rules.minSize("images", 3).withId("images"))
      .build();

  private static final Standard CN = Standard.builder().id("listing-cn").version(2).artifactKind("listing")
      .name("Listing copy, China").parent("listing-base")
      .addRule(Rules.maxLength("title", 30).withId("title-length"))
      .addRule(RulePacks.chinaAdvertisingLawArticle9("title").withId("ad-law"))
      .addRule(Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence")).withId("licence")
          .withSeverity(Severity.WARNING))
      .build();

  private static Artifact listing(String title, int images) {
    return Artifact.builder("listing").put("title", title).put("category", "food")
        .put("images", java.util.Collections.nCopies(images, Map.of("width", 800))).build();
  }

  @Test
  void aStandardWithoutParentChecksAnArtifact() {
    Conformance ok = BASE.check(listing("Organic green tea", 3));
    Conformance bad = BASE.check(listing("Organic green tea", 1));

    assertTrue(ok.conforms());
    assertEquals(List.of(), ok.violations());
    assertEquals(1.0, ok.passRate());
    assertFalse(bad.conforms());
    assertEquals(List.of("images"), bad.violations().stream().map(Violation::ruleId).toList());
    assertEquals(2, bad.rulesPassed());
    assertEquals(3, bad.rulesEvaluated());
  }

  @Test
  void aCatalogAppliesInheritedRulesAndAChildRuleOverridesTheParentsRuleWithItsId() {
    StandardCatalog catalog = StandardCatalog.of(CN, BASE);

    assertEquals(List.of("title", "title-length", "images", "ad-law", "licence"),
        catalog.effectiveRules("listing-cn").stream().map(Rule::id).toList());
    assertEquals(30, ((TextLength) catalog.effectiveRules("listing-cn").get(1)).max().orElseThrow());
    String title = "有机绿茶 最佳口感 高山云雾 明前采摘 一级 250 克 礼盒装 送礼佳品";

    Conformance cn = catalog.check("listing-cn", listing(title, 1));
    Conformance base = catalog.check("listing-base", listing(title, 1));

    assertEquals(List.of("title-length", "images", "ad-law", "licence"),
        cn.violations().stream().map(Violation::ruleId).toList());
    assertEquals(List.of("images"), base.violations().stream().map(Violation::ruleId).toList());
    assertEquals("listing-cn", cn.standardId());
    assertEquals(2, cn.standardVersion());
  }

  @Test
  void checkingAStandardWithAParentAloneTellsTheCallerToUseACatalog() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CN.check(listing("Tea", 3)));

    assertTrue(e.getMessage().contains("extends 'listing-base'") && e.getMessage().contains("StandardCatalog"),
        e.getMessage());
  }

  @Test
  void anArtifactsPutAndWithTakeAFieldNameAsWrittenNotAPathAsItsJavadocSays() {
    Artifact artifact = Artifact.builder("listing").put("images[2].width", 800).build();

    assertEquals(Map.of("images[2].width", 800L), artifact.fields());
    assertEquals(Map.of("images[2].width", 800L, "x[0]", 1L), artifact.with("x[0]", 1).fields());
  }

  @Test
  void rejectsAnArtifactOfAnotherKindNamingBothKinds() {
    Artifact script = Artifact.builder("service-script").put("title", "Greeting").build();

    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> BASE.check(script));
    IllegalArgumentException viaCatalog = assertThrows(IllegalArgumentException.class,
        () -> StandardCatalog.of(BASE, CN).check("listing-cn", script));

    assertEquals("standard 'listing-base' checks 'listing' artifacts, but this artifact is a 'service-script'",
        alone.getMessage());
    assertEquals("standard 'listing-cn' checks 'listing' artifacts, but this artifact is a 'service-script'",
        viaCatalog.getMessage());
  }

  @Test
  void anUnknownStandardIdListsTheKnownIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StandardCatalog.of(BASE, CN).check("listing-us", listing("Tea", 3)));

    assertEquals("unknown standard 'listing-us'; known standards: [listing-base, listing-cn]", e.getMessage());
  }

  @Test
  void conformanceCountsSeveritiesAndOnlyErrorsFail() {
    Standard standard = Standard.builder().id("listing-cn").version(2).artifactKind("listing").name("Listing")
        .addRule(Rules.forbiddenTerms("title", "最佳", "第一").withId("ad-law"))
        .addRule(Rules.maxLength("title", 8).withId("title-length").withSeverity(Severity.WARNING))
        .addRule(Rules.required("brand").withId("brand").withSeverity(Severity.INFO))
        .addRule(Rules.required("title").withId("title"))
        .build();

    Conformance fails = standard.check(Artifact.builder("listing").put("title", "绿茶最佳，销量第一的好茶叶").build());
    Conformance warns = standard.check(Artifact.builder("listing").put("title", "高山云雾绿茶明前采摘").build());

    assertEquals("listing-cn v2: FAILS (2 errors, 1 warning, 1 info; 1 of 4 rules passed)\n"
        + "ERROR  title  ad-law: forbidden term \"最佳\" at 2\n"
        + "ERROR  title  ad-law: forbidden term \"第一\" at 7\n"
        + "WARNING  title  title-length: text of 13 characters is longer than the maximum 8\n"
        + "INFO  brand  brand: required field is missing", fails.toString());
    assertEquals(0.25, fails.passRate());
    assertEquals(2, fails.violations(Severity.ERROR).size());
    assertEquals(List.of("brand"), fails.violations(Severity.INFO).stream().map(Violation::path).toList());
    assertTrue(warns.conforms());
    assertEquals(0.5, warns.passRate());
    assertEquals("listing-cn v2: CONFORMS (1 warning, 1 info; 2 of 4 rules passed)", warns.headline());
  }

  @Test
  void aStandardWithoutRulesConformsWithPassRateOne() {
    Standard empty = Standard.builder().id("empty").version(1).artifactKind("listing").name("Empty").build();

    Conformance report = empty.check(Artifact.builder("listing").build());

    assertEquals(1.0, report.passRate());
    assertEquals("empty v1: CONFORMS (no violations; 0 of 0 rules passed)", report.summary());
  }

  @Test
  void reportsEveryProblemOfAStandardAtOnceWithItsPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> Standard.builder()
        .id("listing").version(0).artifactKind(" ").name("Listing").parent("listing")
        .addRule(Rules.required("title"))
        .addRule(Rules.maxLength("title", 60).withId("required:title"))
        .addRule(Rules.when(Condition.exists("x"), Rules.required("")))
        .build());

    assertEquals(List.of(
        Problem.of("version", "must be 1 or more, got 0"),
        Problem.of("artifactKind", "must not be blank"),
        Problem.of("extends", "a standard cannot extend itself"),
        Problem.of("rules[1].id", "duplicate rule id 'required:title'"),
        Problem.of("rules[2].rule.field",
            "a field path is required; only a rule inside each-element may check the element itself")),
        e.problems());
    assertTrue(e.getMessage().startsWith("invalid standard 'listing': 5 problems"), e.getMessage());
  }

  @Test
  void reportsMissingParentsKindMismatchesCyclesAndDuplicatesInACatalog() {
    Standard a = Standard.builder().id("a").version(1).artifactKind("listing").name("A").parent("b").build();
    Standard b = Standard.builder().id("b").version(1).artifactKind("listing").name("B").parent("a").build();
    Standard c = Standard.builder().id("c").version(1).artifactKind("image-set").name("C").parent("a").build();
    Standard d = Standard.builder().id("d").version(1).artifactKind("listing").name("D").parent("zz").build();

    DefinitionException e = assertThrows(DefinitionException.class, () -> StandardCatalog.of(a, b, c, d, a));

    assertEquals(List.of(
        Problem.of("standards[4].id", "duplicate standard id 'a'"),
        Problem.of("standards[0].extends", "extends cycle: a -> b -> a"),
        Problem.of("standards[1].extends", "extends cycle: b -> a -> b"),
        Problem.of("standards[2].extends",
            "standard 'c' checks 'image-set' artifacts, but its parent 'a' checks 'listing' artifacts"),
        Problem.of("standards[3].extends", "unknown standard 'zz'; known standards: [a, b, c, d]"),
        Problem.of("standards[4].extends", "extends cycle: a -> b -> a")), e.problems());
  }

  @Test
  void inheritanceIsTransitive() {
    Standard child = Standard.builder().id("listing-cn-food").version(1).artifactKind("listing").name("Food")
        .parent("listing-cn").addRule(Rules.required("foodLicence").withId("licence")).build();

    StandardCatalog catalog = StandardCatalog.of(BASE, CN, child);

    assertEquals(List.of("title", "title-length", "images", "ad-law", "licence"),
        catalog.effectiveRules("listing-cn-food").stream().map(Rule::id).toList());
    assertEquals(Severity.ERROR, catalog.effectiveRules("listing-cn-food").get(4).severity());
    assertEquals(Severity.ERROR, catalog.check("listing-cn-food", listing("Tea", 3)).violations().get(0).severity());
  }
}
