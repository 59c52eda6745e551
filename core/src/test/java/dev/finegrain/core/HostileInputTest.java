package dev.finegrain.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.core.process.ResponsibilityMatrix;
import dev.finegrain.core.standard.Artifact;
import dev.finegrain.core.standard.ForbiddenTerms;
import dev.finegrain.core.standard.Rule;
import dev.finegrain.core.standard.Rules;
import dev.finegrain.core.standard.Standard;
import dev.finegrain.core.standard.TextPattern;
import dev.finegrain.core.standard.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hostile inputs of issue 16 that concern core, each with the error or result it must give.
 * Big inputs are generated here rather than kept as files.
 */
class HostileInputTest {

  // ---- depth ---------------------------------------------------------------------------------

  private static String notsNested(int depth) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      json.append("{\"type\": \"not\", \"condition\": ");
    }
    json.append("{\"type\": \"exists\", \"field\": \"a\"}");
    json.append("}".repeat(depth));
    return json.toString();
  }

  private static String conditionalsNested(int depth) {
    StringBuilder json = new StringBuilder("{\"id\": \"s\", \"version\": 1, \"artifactKind\": \"listing\","
        + " \"name\": \"S\", \"rules\": [");
    for (int i = 0; i < depth; i++) {
      json.append("{\"type\": \"conditional\", \"when\": {\"type\": \"exists\", \"field\": \"a\"}, \"rule\": ");
    }
    json.append("{\"type\": \"required\", \"field\": \"a\"}");
    json.append("}".repeat(depth)).append("]}");
    return json.toString();
  }

  @Test
  void notConditionsNested494DeepAreRefusedWithThePathNotAStackOverflow() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(notsNested(494), Condition.class));

    Problem problem = e.problems().get(0);
    assertTrue(problem.path().startsWith("condition.condition.condition"), problem.path());
    assertTrue(problem.message().contains("at most 64"), problem.message());
  }

  @Test
  void conditionsUpToTheLimitAreReadAndDeeperOnesRefusedWhenBuiltInJava() {
    assertEquals(Condition.MAX_DEPTH, countNots(FinegrainJson.read(notsNested(Condition.MAX_DEPTH - 1),
        Condition.class)) + 1);

    Condition deepest = Condition.exists("a");
    for (int i = 1; i < Condition.MAX_DEPTH; i++) {
      deepest = Condition.not(deepest);
    }
    Condition atTheLimit = deepest;
    DefinitionException e = assertThrows(DefinitionException.class, () -> Condition.and(Condition.exists("b"),
        atTheLimit));
    assertEquals("conditions[1]" + ".condition".repeat(Condition.MAX_DEPTH - 1), e.problems().get(0).path());
  }

  private static int countNots(Condition c) {
    int n = 0;
    while (c instanceof dev.finegrain.core.condition.Not not) {
      c = not.condition();
      n++;
    }
    return n;
  }

  @Test
  void conditionalRulesNested493DeepAreRefusedWithThePathNotAStackOverflow() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> FinegrainJson.read(conditionalsNested(493), Standard.class));

    Problem problem = e.problems().get(0);
    assertTrue(problem.path().startsWith("rules[0].rule.rule."), problem.path());
    assertTrue(problem.message().contains("at most 64"), problem.message());
  }

  @Test
  void rulesNestedPastTheLimitInJavaAreRefusedNamingTheDeepestRule() {
    Rule rule = Rules.required("a");
    for (int i = 1; i < Rule.MAX_DEPTH; i++) {
      rule = Rules.eachElement("items", rule);
    }
    Rule atTheLimit = rule;
    FinegrainJson.read(FinegrainJson.write(Standard.builder().id("s").version(1).artifactKind("listing").name("S")
        .addRule(atTheLimit).build()), Standard.class);

    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Rules.when(Condition.exists("a"), atTheLimit));
    assertEquals("rule" + ".rule".repeat(Rule.MAX_DEPTH - 1), e.problems().get(0).path());
  }

  @Test
  void artifactValuesNestedPastTheLimitAreRefusedInJavaAndInJson() {
    Object nested = "leaf";
    for (int i = 0; i < Artifact.MAX_DEPTH; i++) {
      nested = List.of(nested);
    }
    Object tooDeep = nested;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Artifact.of("listing", Map.of("a", tooDeep)));
    assertTrue(e.getMessage().contains("at most 64"), e.getMessage());

    String json = "{\"kind\": \"listing\", \"fields\": {\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
    DefinitionException read = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Artifact.class));
    assertTrue(read.problems().get(0).message().contains("nest"), read.getMessage());
  }

  @Test
  void aLongChainOfStandardsExtendingEachOtherIsRefusedNotAStackOverflow() {
    List<Standard> chain = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Standard.Builder s = Standard.builder().id("s" + i).version(1).artifactKind("listing").name("S" + i)
          .addRule(Rules.required("f" + i));
      if (i > 0) {
        s.parent("s" + (i - 1));
      }
      chain.add(s.build());
    }
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> dev.finegrain.core.standard.StandardCatalog.builder().addAllStandards(chain).build());

    Problem first = e.problems().get(0);
    assertEquals("standards[" + dev.finegrain.core.standard.StandardCatalog.MAX_EXTENDS_DEPTH + "].extends", first.path());
    assertTrue(first.message().contains("at most 64"), first.message());
    // at the limit, the catalog resolves and checks
    dev.finegrain.core.standard.StandardCatalog ok = dev.finegrain.core.standard.StandardCatalog.builder()
        .addAllStandards(chain.subList(0, dev.finegrain.core.standard.StandardCatalog.MAX_EXTENDS_DEPTH)).build();
    assertEquals(64, ok.check("s63", Artifact.of("listing", Map.of())).violations().size());
  }

  // ---- regexes -------------------------------------------------------------------------------

  @Test
  void catastrophicRegexesRunInLinearTime() {
    String as = "a".repeat(30);
    assertTrue(Rules.matching("t", "^(a|a)+?$").checkValue(Map.of("t", as)).isEmpty());
    assertEquals(1, Rules.matching("t", "^(a|a)+?$").checkValue(Map.of("t", as + "!")).size());
    assertEquals(1, Rules.matching("t", "^((a+)+)b").checkValue(Map.of("t", as)).size());
  }

  @Test
  void aLongAlternationLoopDoesNotOverflowTheStack() {
    String text = "ab".repeat(1_092);
    assertTrue(Rules.matching("t", "^(a|b)*$").checkValue(Map.of("t", text)).isEmpty());
  }

  @Test
  void backreferencesLookaroundAndPossessiveQuantifiersAreRefusedWithTheReason() {
    for (String regex : List.of("^(?:(a+)\\1?)+$", "^((a+)+)\\2b", "a(?=b)", "(?<!x)y", "a++", "(?>ab)")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> Rules.matching("t", regex), regex);
      assertEquals("regex", e.problems().get(0).path());
      assertTrue(e.problems().get(0).message().contains("is not supported"), e.getMessage());
    }
    // and from JSON, with the path
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"(a)\\\\1\"}", Rule.class));
    assertEquals("regex", e.problems().get(0).path());
  }

  @Test
  void aHugeRegexIsRefusedBeforeItIsCompiled() {
    String regex = "x".repeat(320_000);
    String json = "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": \"" + regex + "\"}";

    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Rule.class));
    assertTrue(e.problems().get(0).message().contains("at most " + TextPattern.MAX_REGEX_LENGTH), e.getMessage());
  }

  @Test
  void nestedCountedRepetitionsAreRefusedNotAnOutOfMemoryError() {
    // 25 chars that RE2/J would write out as 10^9 instructions
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Rules.matching("t", "((a{1000}){1000}){1000}"));

    assertEquals("regex", e.problems().get(0).path());
    assertTrue(e.problems().get(0).message().contains("at most size " + TextPattern.MAX_REGEX_SIZE), e.getMessage());
  }

  @Test
  void aTextLongerThanTheLimitIsAViolationNotASearch() {
    List<Violation> found = Rules.matching("t", "a").checkValue(Map.of("t", "a".repeat(TextPattern.MAX_TEXT_LENGTH + 1)));

    assertEquals(1, found.size());
    assertTrue(found.get(0).message().contains("too long"), found.get(0).message());
  }

  // ---- forbidden terms -----------------------------------------------------------------------

  @Test
  void forbiddenTermHitsAfterAWideCharacterAreCountedInLinearTimeAndCapped() {
    String text = "最" + "a".repeat(320_000);
    List<Violation> found = Rules.forbiddenTerms("t", List.of("a")).checkValue(Map.of("t", text));

    assertEquals(ForbiddenTerms.MAX_REPORTED + 1, found.size());
    assertEquals("forbidden term \"a\" at 1", found.get(0).message());
    assertEquals("forbidden term \"a\" at 100", found.get(99).message());
    assertEquals("319,900 more forbidden terms not listed: 320,000 found, at most 100 reported"
        + " (ForbiddenTerms.MAX_REPORTED)", found.get(100).message());
  }

  @Test
  void fiveMillionHitsKeepOnlyTheCappedViolations() {
    List<Violation> found = Rules.forbiddenTerms("t", List.of("ab")).checkValue(Map.of("t", "ab".repeat(5_000_000)));

    assertEquals(ForbiddenTerms.MAX_REPORTED + 1, found.size());
    assertTrue(found.get(100).message().startsWith("4,999,900 more"), found.get(100).message());
  }

  @Test
  void fullWidthCaseAndZeroWidthSpellingsOfATermAreFoundAtTheirOriginalPositions() {
    ForbiddenTerms rule = Rules.forbiddenTerms("t", List.of("best"));

    assertEquals("[\"best\" at 2]", rule.occurrences("🍵 ｂｅｓｔ tea").toString());
    assertEquals("ｂｅｓｔ", rule.occurrences("🍵 ｂｅｓｔ tea").get(0).text());
    assertEquals("[\"best\" at 0, \"best\" at 7]", rule.occurrences("b\u200Best, BEST").toString());
    assertEquals("b\u200Best", rule.occurrences("b\u200Best").get(0).text());
  }

  @Test
  void termsThatNormaliseAlikeRepeatEachOther() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Rules.forbiddenTerms("t", List.of("best", "ＢＥＳＴ")));
    assertEquals("terms[1]", e.problems().get(0).path());
  }

  // ---- strict values -------------------------------------------------------------------------

  @Test
  void aNumberOrBooleanInATextFieldIsRefusedWithThePath() {
    for (String json : List.of(
        "{\"id\": 7, \"name\": \"Shop\"}",
        "{\"id\": \"shop\", \"name\": true}",
        "{\"id\": \"shop\", \"name\": \"Shop\", \"roles\": [{\"id\": 1.5, \"name\": \"A\"}]}")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Team.class), json);
      assertTrue(e.problems().get(0).message().startsWith("expected a text"), e.getMessage());
    }
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"pattern\", \"field\": \"t\", \"regex\": 5}", Rule.class));
    assertEquals("regex", e.problems().get(0).path());
  }

  @Test
  void aFractionWhereAWholeNumberBelongsIsRefusedNotTruncated() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"text-length\", \"field\": \"t\", \"max\": 1.5}", Rule.class));
    assertEquals("max", e.problems().get(0).path());
  }

  @Test
  void aNumberWhereANamedConstantBelongsIsRefusedNotReadAsItsIndex() {
    DefinitionException severity = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"required\", \"field\": \"t\", \"severity\": 1}", Rule.class));
    assertEquals(List.of(Problem.of("severity", "expected one of [ERROR, WARNING, INFO], got 1")),
        severity.problems());

    DefinitionException letter = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"processId\": \"listing\", \"assignments\": [{\"step\": \"approve\", \"role\": \"manager\","
            + " \"letters\": [\"R\", 1]}]}", ResponsibilityMatrix.class));
    assertEquals("assignments[0].letters[1]", letter.problems().get(0).path(), letter.getMessage());
  }

  @Test
  void artifactNumbersOutsideTheRangeOfADoubleAreRefusedWithThePath() {
    for (String number : List.of("1e400", "-1e400", "1e-400", "1e9999999999", "-1e9999999999", "1e-9999999999")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
          "{\"kind\": \"listing\", \"fields\": {\"dims\": [1, {\"w\": " + number + "}]}}", Artifact.class), number);
      assertEquals("fields.dims[1].w", e.problems().get(0).path(), e.getMessage());
      assertTrue(e.problems().get(0).message().startsWith("number "), e.getMessage());
    }
    DefinitionException overflow = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": {\"w\": 1e9999999999}}", Artifact.class));
    assertEquals(List.of(Problem.of("fields.w", "number 1e9999999999 is outside the range of a double (about ±1.8e308)")),
        overflow.problems());
    DefinitionException underflow = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": {\"w\": 1e-9999999999}}", Artifact.class));
    assertEquals(List.of(Problem.of("fields.w", "number 1e-9999999999 is too small for a double; it would become 0"
        + " (write 0 if that is meant)")), underflow.problems());
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Artifact.of("listing", Map.of("price", bad)));
      assertTrue(e.getMessage().startsWith("price: expected a finite number"), e.getMessage());
    }
  }

  @Test
  void ruleAndConditionNumbersThatWouldBecomeZeroOrInfiniteAreRefusedWithThePath() {
    String tooSmall = "number 1E-400 is too small for a double; it would become 0 (write 0 if that is meant)";
    for (String json : List.of(
        "{\"type\": \"number-range\", \"field\": \"t\", \"min\": 1e-400}",
        "{\"type\": \"allowed-values\", \"field\": \"t\", \"values\": [1, 1e-400]}",
        "{\"type\": \"conditional\", \"when\": {\"type\": \"equals\", \"field\": \"a\", \"value\": 1e-400},"
            + " \"rule\": {\"type\": \"required\", \"field\": \"t\"}}")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Rule.class),
          json);
      String path = json.contains("values") ? "values[1]" : json.contains("when") ? "when.value" : "min";
      assertEquals(List.of(Problem.of(path, tooSmall)), e.problems(), json);
    }
    for (String json : List.of("{\"type\": \"in\", \"field\": \"a\", \"values\": [1e-400]}",
        "{\"type\": \"compare\", \"field\": \"a\", \"op\": \"<\", \"value\": -1e-400}")) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json, Condition.class),
          json);
      assertTrue(e.problems().get(0).message().endsWith("it would become 0 (write 0 if that is meant)"), json);
    }
    DefinitionException overflow = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"number-range\", \"field\": \"t\", \"max\": 1e9999999999}", Rule.class));
    assertEquals(List.of(Problem.of("max", "number 1e9999999999 is outside the range of a double (about ±1.8e308)")),
        overflow.problems());
    // a decimal a double holds reads as that double, as when given in Java
    assertEquals(Rules.numberRange("t", 1e-300, 0.1), FinegrainJson.read(
        "{\"type\": \"number-range\", \"field\": \"t\", \"min\": 1e-300, \"max\": 0.1}", Rule.class));
  }

  @Test
  void nullIsRefusedWhereAFieldIsNotOptionalAndInLists() {
    DefinitionException severity = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"required\", \"field\": \"t\", \"severity\": null}", Rule.class));
    assertEquals("severity", severity.problems().get(0).path());

    DefinitionException term = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"forbidden-terms\", \"field\": \"t\", \"terms\": [\"a\", null]}", Rule.class));
    assertEquals("terms[1]", term.problems().get(0).path());

    DefinitionException element = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": {\"images\": [\"a\", null]}}", Artifact.class));
    assertEquals("fields.images[1]", element.problems().get(0).path());

    // an optional field may be null, meaning empty
    Rule rule = FinegrainJson.read("{\"type\": \"required\", \"field\": \"t\", \"description\": null}", Rule.class);
    assertTrue(rule.description().isEmpty());
  }

  @Test
  void instantsInAnArtifactComeBackAsInstantsAndConditionsGiveTheSameAnswer() {
    Artifact order = Artifact.builder("order")
        .put("shippedAt", Instant.parse("2026-03-01T08:00:00.5Z"))
        .put("promisedBy", Instant.parse("2026-03-01T08:00:00Z"))
        .put("history", List.of(Map.of("at", Instant.parse("2026-02-01T00:00:00Z"))))
        .build();
    Condition onTime = Condition.compareFields("shippedAt", Comparison.LE, "promisedBy");

    Artifact back = FinegrainJson.read(FinegrainJson.write(order), Artifact.class);

    assertEquals(order, back);
    assertEquals(onTime.test(order), onTime.test(back));
    assertTrue(FinegrainJson.write(order).contains("\"$instant\" : \"2026-03-01T08:00:00.500Z\""));
  }

  @Test
  void anArtifactEqualsItselfThroughUtf8BytesAndALoneSurrogateIsRefused() {
    Artifact listing = Artifact.builder("listing").put("title", "茶 🍵 tea").put("price", 0.1).put("n", Long.MAX_VALUE)
        .build();
    byte[] utf8 = FinegrainJson.write(listing).getBytes(StandardCharsets.UTF_8);
    assertEquals(listing, FinegrainJson.read(new java.io.ByteArrayInputStream(utf8), Artifact.class));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Artifact.of("listing", Map.of("title", "tea \uD83C")));
    assertTrue(e.getMessage().startsWith("title: malformed text: a lone surrogate"), e.getMessage());
    DefinitionException json = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": {\"t\": [\"\\uDC00\"]}}", Artifact.class));
    assertEquals("fields.t[0]", json.problems().get(0).path());
  }

  @Test
  void negativeZeroIsHeldAsZeroSoAnArtifactEqualsItselfAfterJson() {
    Artifact listing = Artifact.builder("listing").put("price", -0.0).put("prices", List.of(-0.0f, 1.5)).build();

    assertEquals(listing, FinegrainJson.read(FinegrainJson.write(listing), Artifact.class));
    assertEquals(0.0, listing.field("price").orElseThrow());
    assertEquals(FinegrainJson.read("{\"kind\": \"listing\", \"fields\": {\"price\": -0.0, \"prices\": [-0.0, 1.5]}}",
        Artifact.class), listing);
  }

  @Test
  void theReservedInstantTagIsRefusedAsAFieldName() {
    List<Object> odd = new ArrayList<>();
    odd.add(Map.of("$instant", "not a time"));
    assertThrows(IllegalArgumentException.class, () -> Artifact.of("listing", Map.of("a", odd)));
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"kind\": \"listing\", \"fields\": {\"a\": {\"$instant\": \"yesterday\"}}}", Artifact.class));
    assertEquals("fields.a.$instant", e.problems().get(0).path());
  }

  // ---- ids -----------------------------------------------------------------------------------

  /** 3-byte chars in UTF-8, as many as an id may hold, and one more. */
  private static final String AT_LIMIT = "\u8336".repeat(Ids.MAX_LENGTH);
  private static final String OVER = AT_LIMIT + "\u8336";
  private static final Problem TOO_LONG = Problem.of("id", "an id of 257 chars is too long; at most 256 (Ids.MAX_LENGTH)");

  @Test
  void idsOfTheLimitAreKeptAndOneCharMoreIsRefusedWithThePathWhenBuilt() {
    assertEquals(256, Ids.MAX_LENGTH);
    Team team = Team.builder().id(AT_LIMIT).name("Shop").addRoles(Role.of(AT_LIMIT, "Role"))
        .addMember(Member.builder().id(AT_LIMIT).name("M").addRole(AT_LIMIT).build()).build();
    assertEquals(List.of(AT_LIMIT), team.holders(AT_LIMIT).stream().map(Member::id).toList());

    assertEquals(List.of(TOO_LONG), assertThrows(DefinitionException.class,
        () -> Team.builder().id(OVER).name("Shop").build()).problems());
    assertEquals(List.of(TOO_LONG), assertThrows(DefinitionException.class, () -> Role.of(OVER, "Role")).problems());
    assertEquals(List.of(TOO_LONG), assertThrows(DefinitionException.class,
        () -> Member.builder().id(OVER).name("M").addRole("r").build()).problems());
    // chars are UTF-16 code units: a supplementary character counts 2
    assertEquals(Ids.MAX_LENGTH, Role.of("\ud83c\udf75".repeat(128), "Tea").id().length());
    assertEquals(List.of(TOO_LONG), assertThrows(DefinitionException.class,
        () -> Role.of("\ud83c\udf75".repeat(128) + "a", "Tea")).problems());
    // names are not ids
    assertEquals(10_000, Role.of("r", "n".repeat(10_000)).name().length());
  }

  @Test
  void idsOfTheLimitAreReadFromJsonAndOneCharMoreIsRefusedWithThePath() {
    String team = "{\"id\": \"%s\", \"name\": \"Shop\", \"roles\": [{\"id\": \"%s\", \"name\": \"R\"}],"
        + " \"members\": [{\"id\": \"%s\", \"name\": \"M\", \"roles\": [\"%s\"]}]}";
    Team read = FinegrainJson.read(String.format(team, AT_LIMIT, AT_LIMIT, AT_LIMIT, AT_LIMIT), Team.class);
    assertEquals(AT_LIMIT, read.members().get(0).id());

    for (String[] json : List.of(
        new String[] {String.format(team, OVER, "r", "m", "r"), "id"},
        new String[] {String.format(team, "t", OVER, "m", OVER), "roles[0].id"},
        new String[] {String.format(team, "t", "r", OVER, "r"), "members[0].id"})) {
      DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(json[0], Team.class));
      assertEquals(List.of(Problem.of(json[1], TOO_LONG.message())), e.problems(), json[1]);
    }
  }
}
