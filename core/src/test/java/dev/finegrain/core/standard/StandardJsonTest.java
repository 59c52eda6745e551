package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Severity;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardJsonTest {
  private static final List<Rule> EVERY_KIND = List.of(
      Rules.required("title"),
      Rules.textLength("title", 10, 60).withSeverity(Severity.WARNING),
      Rules.notMatching("title", "!{2,}"),
      TextPattern.builder().field("sku").regex("^[A-Z]{3}-\\d{4}$").description("SKU format").build(),
      Rules.forbiddenTerms("title", "最佳", "best ever").withId("ad-law"),
      Rules.numberRange("price", 0.01, 9999),
      Rules.minimum("weight", 1),
      Rules.allowedValues("category", "tea", 3, true, 2.5),
      Rules.listSize("images", 5, 9),
      Rules.eachElement("images", Rules.eachElement("tags", Rules.maxLength("", 8))).withSeverity(Severity.INFO),
      Rules.when(Condition.and(Condition.eq("category", "food"), Condition.compare("price", Comparison.GE, 10)),
          Rules.required("foodLicence")));

  @Test
  void everyRuleKindRoundTripsThroughJson() {
    for (Rule rule : EVERY_KIND) {
      String json = FinegrainJson.write(rule);
      assertTrue(json.contains("\"type\" : \"" + rule.type() + "\""), json);
      assertEquals(rule, FinegrainJson.read(json, Rule.class), json);
    }
  }

  @Test
  void allowedNumbersThatDifferOnlyPastADoublesPrecisionRoundTrip() {
    // read from JSON the values are BigDecimals first: their repeat check compares them exactly, as Java's does
    Rule rule = AllowedValues.builder().id("weight").field("w").addValues(9007199254740993L, 9007199254740992.0).build();

    assertEquals(rule, FinegrainJson.read(FinegrainJson.write(rule), Rule.class));
  }

  @Test
  void aSetOfRulesChecksItsNumbersAsWrittenAsAListDoes() {
    // the set's elements are read from its tokens as written: 1e-400 is refused, not read as 0
    String json = "[{\"type\": \"number-range\", \"field\": \"t\", \"min\": 1e-400}]";

    DefinitionException asList = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(json, new com.fasterxml.jackson.core.type.TypeReference<List<Rule>>() {}));
    DefinitionException asSet = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.Set<Rule>>() {}));

    assertEquals(asList.problems(), asSet.problems());
  }

  @Test
  void aStandardWithAParentRoundTripsWithExtends() {
    Standard standard = Standard.builder().id("listing-cn").version(2).artifactKind("listing").name("Listing, China")
        .description("Copy rules for tmall and jd").parent("listing-base").addAllRules(EVERY_KIND).build();

    String json = FinegrainJson.write(standard);

    assertTrue(json.contains("\"extends\" : \"listing-base\""), json);
    assertFalse(json.contains("parent"), json);
    assertEquals(standard, FinegrainJson.read(json, Standard.class));
  }

  @Test
  void readsAHandWrittenStandardWithDefaults() {
    Standard standard = FinegrainJson.read("""
        {"id": "listing-cn", "version": 2, "artifactKind": "listing", "name": "Listing, China",
         "extends": "listing-base",
         "rules": [
           {"type": "required", "field": "title"},
           {"type": "text-length", "id": "title-length", "field": "title", "max": 60, "severity": "WARNING"},
           {"type": "each-element", "id": "image-width", "field": "images",
            "rule": {"type": "number-range", "field": "width", "min": 800}},
           {"type": "conditional", "id": "licence",
            "when": {"type": "equals", "field": "category", "value": "food"},
            "rule": {"type": "required", "field": "foodLicence"}}
         ]}
        """, Standard.class);

    assertEquals(Standard.builder().id("listing-cn").version(2).artifactKind("listing").name("Listing, China")
        .parent("listing-base")
        .addRule(Rules.required("title"))
        .addRule(Rules.maxLength("title", 60).withId("title-length").withSeverity(Severity.WARNING))
        .addRule(Rules.eachElement("images", Rules.minimum("width", 800)).withId("image-width"))
        .addRule(Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence")).withId("licence"))
        .build(), standard);
  }

  @Test
  void aTextWhereANumberBelongsNamesTheJsonPath() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "required", "field": "a"},
          {"type": "required", "field": "b"},
          {"type": "required", "field": "c"},
          {"type": "text-length", "field": "title", "max": "ten"}]}
        """, Standard.class));

    assertEquals(List.of(Problem.of("rules[3].max", "expected a whole number, got \"ten\"")), e.problems());
    assertTrue(e.getMessage().contains("rules[3].max"), e.getMessage());
  }

  @Test
  void anInvalidRuleInJsonNamesItsPathInTheStandard() {
    DefinitionException bounds = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "required", "field": "a"},
          {"type": "list-size", "field": "images", "min": 5, "max": 3}]}
        """, Standard.class));
    DefinitionException regex = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "pattern", "field": "sku", "regex": "("}]}
        """, Standard.class));
    DefinitionException nested = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "required", "field": "a"},
          {"type": "each-element", "field": "images",
           "rule": {"type": "number-range", "field": "width", "min": 800, "max": 1}}]}
        """, Standard.class));
    DefinitionException type = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "forbidden-words", "field": "title"}]}
        """, Standard.class));
    DefinitionException duplicate = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"id": "s", "version": 1, "artifactKind": "listing", "name": "S", "rules": [
          {"type": "required", "field": "a"}, {"type": "required", "field": "a"}]}
        """, Standard.class));

    assertEquals(List.of(Problem.of("rules[1].max", "max 3 is below min 5")), bounds.problems());
    assertEquals("rules[0].regex", regex.problems().get(0).path());
    assertEquals(List.of(Problem.of("rules[1].rule.max", "max 1 is below min 800")), nested.problems());
    assertEquals("rules[0]", type.problems().get(0).path());
    assertTrue(type.problems().get(0).message().startsWith("unknown type 'forbidden-words'; expected one of"),
        type.getMessage());
    assertEquals(List.of(Problem.of("rules[1].id", "duplicate rule id 'required:a'")), duplicate.problems());
  }

  @Test
  void aCatalogRoundTripsAndReportsItsProblemsFromJson() {
    StandardCatalog catalog = StandardCatalog.of(
        Standard.builder().id("base").version(1).artifactKind("listing").name("Base")
            .addRule(Rules.required("title")).build(),
        Standard.builder().id("cn").version(3).artifactKind("listing").name("CN").parent("base").build());

    assertEquals(catalog, FinegrainJson.read(FinegrainJson.write(catalog), StandardCatalog.class));
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read("""
        {"standards": [{"id": "cn", "version": 1, "artifactKind": "listing", "name": "CN", "extends": "base"}]}
        """, StandardCatalog.class));
    assertEquals(List.of(Problem.of("standards[0].extends", "unknown standard 'base'; known standards: [cn]")),
        e.problems());
  }

  @Test
  void aConformanceReportRoundTrips() {
    Standard standard = Standard.builder().id("s").version(1).artifactKind("listing").name("S")
        .addRule(Rules.forbiddenTerms("title", "最佳")).build();
    Conformance report = standard.check(Artifact.builder("listing").put("title", "最佳最佳").build());

    assertEquals(report, FinegrainJson.read(FinegrainJson.write(report), Conformance.class));
  }
}
