package dev.finegrain.core.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.Severity;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesTest {
  private static List<String> messages(Rule rule, Map<String, ?> fields) {
    return rule.checkValue(fields).stream().map(v -> v.path() + ": " + v.message()).toList();
  }

  @Test
  void requiredReportsAMissingFieldAndABlankText() {
    Rule rule = Rules.required("title");

    assertEquals(List.of(), messages(rule, Map.of("title", "Green tea")));
    assertEquals(List.of("title: required field is missing"), messages(rule, Map.of("price", 3)));
    assertEquals(List.of("title: required text is blank"), messages(rule, Map.of("title", "  \t")));
    assertEquals(List.of(), messages(rule, Map.of("title", 0)));
    assertEquals(Optional.empty(), rule.checkValue(Map.of()).get(0).value());
  }

  @Test
  void countsChineseTitleLengthInCodePoints() {
    Rule rule = Rules.textLength("title", 2, 4);

    assertEquals(List.of(), messages(rule, Map.of("title", "有机绿茶")));
    assertEquals(List.of("title: text of 5 characters is longer than the maximum 4"),
        messages(rule, Map.of("title", "有机绿茶叶")));
    assertEquals(List.of("title: text of 1 character is shorter than the minimum 2"),
        messages(rule, Map.of("title", "茶")));
  }

  @Test
  void countsEmojiAsOneCharacterEach() {
    String fourEmoji = "🍵🍵🍵🍵"; // 8 UTF-16 chars

    assertEquals(8, fourEmoji.length());
    assertEquals(4, TextLength.lengthOf(fourEmoji));
    assertEquals(List.of(), messages(Rules.maxLength("title", 4), Map.of("title", fourEmoji)));
    assertEquals(List.of("title: text of 5 characters is longer than the maximum 4"),
        messages(Rules.maxLength("title", 4), Map.of("title", fourEmoji + "茶")));
  }

  @Test
  void textRulesReportAValueOfTheWrongKindWithoutThrowing() {
    Map<String, Object> fields = Map.of("title", 42, "images", "none");

    assertEquals(List.of("title: expected a text, got a number 42"), messages(Rules.maxLength("title", 4), fields));
    assertEquals(List.of("title: expected a text, got a number 42"), messages(Rules.matching("title", "x"), fields));
    assertEquals(List.of("title: expected a text, got a number 42"),
        messages(Rules.forbiddenTerms("title", "x"), fields));
    assertEquals(List.of("images: expected a list, got a text \"none\""), messages(Rules.minSize("images", 1), fields));
    assertEquals(List.of("images: expected a list, got a text \"none\""),
        messages(Rules.eachElement("images", Rules.required("url")), fields));
    assertEquals(List.of("title: expected a number, got a text \"x\""),
        messages(Rules.minimum("title", 1), Map.of("title", "x")));
  }

  @Test
  void rulesOtherThanRequiredSkipAnAbsentField() {
    Map<String, Object> none = Map.of("other", 1);

    for (Rule rule : List.of(Rules.textLength("f", 1, 2), Rules.matching("f", "^x$"), Rules.forbiddenTerms("f", "x"),
        Rules.numberRange("f", 1, 2), Rules.allowedValues("f", "a"), Rules.listSize("f", 1, 2),
        Rules.eachElement("f", Rules.required("g")))) {
      assertEquals(List.of(), rule.checkValue(none), rule.type());
    }
  }

  @Test
  void patternMustMatchSearchesTheText() {
    Rule sku = Rules.matching("sku", "^[A-Z]{3}-\\d{4}$");

    assertEquals(List.of(), messages(sku, Map.of("sku", "TEA-0042")));
    assertEquals(List.of("sku: does not match /^[A-Z]{3}-\\d{4}$/"), messages(sku, Map.of("sku", "tea-42")));
    assertEquals(List.of(), messages(Rules.matching("title", "\\d+ ?g"), Map.of("title", "Green tea 250 g")));
  }

  @Test
  void patternMustNotMatchReportsTheMatchAndItsPosition() {
    Rule noShouting = Rules.notMatching("title", "!{2,}");

    assertEquals(List.of(), messages(noShouting, Map.of("title", "Tea!")));
    assertEquals(List.of("title: matches forbidden /!{2,}/ with \"!!!\" at 4"),
        messages(noShouting, Map.of("title", "好茶🍵 !!!")));
  }

  @Test
  void patternIsCompiledOncePerRule() {
    TextPattern rule = Rules.matching("sku", "^[A-Z]+$");

    assertTrue(rule.compiled() == rule.compiled());
    rule.checkValue(Map.of("sku", "ABC"));
    assertTrue(rule.compiled() == rule.compiled());
  }

  @Test
  void rejectsAnInvalidRegexNamingTheRuleAndTheProblem() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> TextPattern.builder().id("sku-format").field("sku").regex("[A-Z").build());

    assertEquals("regex", e.problems().get(0).path());
    assertTrue(e.getMessage().startsWith("invalid pattern rule 'sku-format': regex: invalid regex: "
        + "missing closing ]"), e.getMessage());
    assertTrue(e.getMessage().contains("/[A-Z/"), e.getMessage());
  }

  @Test
  void forbiddenTermsIgnoreCaseAndReportEveryOccurrenceWithItsPosition() {
    Rule rule = Rules.forbiddenTerms("title", "best", "最佳").withId("ad-law");

    List<Violation> found = rule.checkValue(Map.of("title", "Best tea, 最佳 and BEST: the best 最佳"));

    assertEquals(List.of(
        "forbidden term \"best\" at 0 (written \"Best\")",
        "forbidden term \"最佳\" at 10",
        "forbidden term \"best\" at 17 (written \"BEST\")",
        "forbidden term \"best\" at 27",
        "forbidden term \"最佳\" at 32"), found.stream().map(Violation::message).toList());
    assertTrue(found.stream().allMatch(v -> v.ruleId().equals("ad-law") && v.path().equals("title")));
  }

  @Test
  void forbiddenTermPositionsCountCodePointsAndTheLongestOfOverlappingTermsReports() {
    ForbiddenTerms rule = Rules.forbiddenTerms("title", "第一", "全网第一");

    assertEquals("[\"全网第一\" at 2, \"第一\" at 7]",
        rule.occurrences("🍵🍵全网第一，第一").toString());
    assertEquals(List.of(), rule.occurrences("第 一"));
  }

  @Test
  void numberRangeIsInclusiveAndComparesWholeNumbersWithDecimals() {
    Rule price = Rules.numberRange("price", 1, 99.5);

    assertEquals(List.of(), messages(price, Map.of("price", 1)));
    assertEquals(List.of(), messages(price, Map.of("price", 99.5)));
    assertEquals(List.of("price: 0.99 is below the minimum 1"), messages(price, Map.of("price", 0.99)));
    assertEquals(List.of("price: 100 is above the maximum 99.5"), messages(price, Map.of("price", 100)));
  }

  @Test
  void numberRangeComparesAWholeNumberAboveTwoToThe53WithADecimalBoundExactly() {
    Rule atMost = NumberRange.builder().field("n").max(9007199254740992.0).build();
    Rule atLeast = NumberRange.builder().field("n").min(9007199254740992.0).build();

    assertEquals(List.of("n: 9007199254740993 is above the maximum 9.007199254740992E15"),
        messages(atMost, Map.of("n", 9007199254740993L)));
    assertEquals(List.of(), messages(atMost, Map.of("n", 9007199254740992L)));
    assertEquals(List.of("n: 9007199254740991 is below the minimum 9.007199254740992E15"),
        messages(atLeast, Map.of("n", 9007199254740991L)));
    assertEquals(List.of("n: 9223372036854775807 is below the minimum 9.223372036854776E18"),
        messages(NumberRange.builder().field("n").min(0x1p63).build(), Map.of("n", Long.MAX_VALUE)));
  }

  @Test
  void allowedValuesAcceptsListedValuesOnly() {
    Rule category = Rules.allowedValues("category", "tea", "food", 3);

    assertEquals(List.of(), messages(category, Map.of("category", "food")));
    assertEquals(List.of(), messages(category, Map.of("category", 3.0)));
    assertEquals(List.of("category: \"Food\" is not one of [\"tea\", \"food\", 3]"),
        messages(category, Map.of("category", "Food")));
  }

  @Test
  void listSizeCountsElements() {
    Rule images = Rules.minSize("images", 5);

    assertEquals(List.of(), messages(images, Map.of("images", List.of(1, 2, 3, 4, 5))));
    assertEquals(List.of("images: list of 2 elements is shorter than the minimum 5"),
        messages(images, Map.of("images", List.of(1, 2))));
    assertEquals(List.of("images: list of 3 elements is longer than the maximum 2"),
        messages(Rules.maxSize("images", 2), Map.of("images", List.of(1, 2, 3))));
  }

  @Test
  void eachElementReportsThePathOfEveryFailingElement() {
    Rule width = Rules.eachElement("images", Rules.minimum("width", 800)).withId("image-width");
    Map<String, Object> listing = Map.of("images", List.of(
        Map.of("width", 1200), Map.of("width", 800), Map.of("width", 640), Map.of("url", "x"), Map.of("width", 10)));

    List<Violation> found = width.checkValue(listing);

    assertEquals(List.of("images[2].width: 640 is below the minimum 800", "images[4].width: 10 is below the minimum 800"),
        found.stream().map(v -> v.path() + ": " + v.message()).toList());
    assertTrue(found.stream().allMatch(v -> v.ruleId().equals("image-width")));
    assertEquals(Optional.of("640"), found.get(0).value());
  }

  @Test
  void eachElementWithAnEmptyFieldChecksTheElementItself() {
    Rule tags = Rules.eachElement("tags", Rules.maxLength("", 4));

    assertEquals(List.of("tags[1]: text of 5 characters is longer than the maximum 4"),
        messages(tags, Map.of("tags", List.of("绿茶", "有机绿茶叶"))));
  }

  @Test
  void conditionalAppliesOnlyWhenItsConditionHolds() {
    Rule licence = Rules.when(Condition.eq("category", "food"), Rules.required("foodLicence"));

    assertEquals("when:required:foodLicence", licence.id());
    assertEquals(List.of("foodLicence: required field is missing"), messages(licence, Map.of("category", "food")));
    assertEquals(List.of(), messages(licence, Map.of("category", "food", "foodLicence", "SC123")));
    assertEquals(List.of(), messages(licence, Map.of("category", "tea")));
    assertEquals(List.of(), messages(licence, Map.of()));
  }

  @Test
  void conditionalComparesAnArtifactInstantWithAnInstantConstantAlsoAfterJson() {
    Rule recall = Rules.when(Condition.compare("listedAt", Comparison.LT, Instant.parse("2026-03-01T00:00:00Z")),
        Rules.required("recallCheck"));
    Rule read = FinegrainJson.read(FinegrainJson.write(recall), Rule.class);

    for (Rule rule : List.of(recall, read)) {
      assertEquals(List.of("recallCheck: required field is missing"),
          messages(rule, Map.of("listedAt", Instant.parse("2026-02-28T23:59:59Z"))));
      assertEquals(List.of(), messages(rule, Map.of("listedAt", Instant.parse("2026-03-01T00:00:00Z"))));
    }
    assertEquals(recall, read);
  }

  @Test
  void conditionalInsideEachElementReadsTheElement() {
    Rule alt = Rules.eachElement("images",
        Rules.when(Condition.eq("kind", "photo"), Rules.required("alt")));

    assertEquals(List.of("images[1].alt: required field is missing"), messages(alt, Map.of("images", List.of(
        Map.of("kind", "photo", "alt", "tea"), Map.of("kind", "photo"), Map.of("kind", "icon")))));
  }

  @Test
  void nestedRulesReportUnderTheEnclosingRulesIdAndSeverity() {
    Rule rule = Rules.eachElement("images", Rules.minimum("width", 800)).withId("w").withSeverity(Severity.WARNING);

    Violation v = rule.checkValue(Map.of("images", List.of(Map.of("width", 1)))).get(0);

    assertEquals("w", v.ruleId());
    assertEquals(Severity.WARNING, v.severity());
    assertEquals("WARNING  images[0].width  w: 1 is below the minimum 800", v.toString());
  }

  @Test
  void rejectsASeverityOnANestedRule() {
    DefinitionException e = assertThrows(DefinitionException.class,
        () -> Rules.when(Condition.exists("x"), Rules.required("y").withSeverity(Severity.INFO)));

    assertEquals(List.of(Problem.of("rule.severity",
        "a nested rule reports with the severity of rule 'when:required:y'; set INFO there instead")), e.problems());
  }

  @Test
  void rejectsMinAboveMaxAndNegativeOrMissingBounds() {
    DefinitionException length = assertThrows(DefinitionException.class,
        () -> TextLength.builder().id("t").field("title").min(-1).max(-2).build());
    DefinitionException size = assertThrows(DefinitionException.class, () -> Rules.listSize("images", 5, 3));
    DefinitionException none = assertThrows(DefinitionException.class,
        () -> NumberRange.builder().field("price").build());
    DefinitionException range = assertThrows(DefinitionException.class, () -> Rules.numberRange("price", 10, 9.5));

    assertEquals(List.of(Problem.of("min", "must be 0 or more, got -1"), Problem.of("max", "must be 0 or more, got -2"),
        Problem.of("max", "max -2 is below min -1")), length.problems());
    assertEquals(List.of(Problem.of("max", "max 3 is below min 5")), size.problems());
    assertEquals(List.of(Problem.of("min", "give at least one of 'min' and 'max'")), none.problems());
    assertEquals(List.of(Problem.of("max", "max 9.5 is below min 10")), range.problems());
  }

  @Test
  void boundsAndAllowedValuesThatNoFieldValueCanHoldAreDefinitionProblemsNamingTheirPath() {
    DefinitionException huge = assertThrows(DefinitionException.class, () -> NumberRange.builder().field("n")
        .max(new BigInteger("12345678901234567890123")).build());
    DefinitionException tiny = assertThrows(DefinitionException.class, () -> NumberRange.builder().field("n")
        .min(new BigDecimal("1e-400")).max(new BigDecimal("1e-400")).build());
    DefinitionException surrogate = assertThrows(DefinitionException.class, () -> AllowedValues.builder().field("n")
        .addValues("tea", "\uD800").build());
    DefinitionException kinds = assertThrows(DefinitionException.class, () -> AllowedValues.builder().field("n")
        .addValues(List.of("tea"), Map.of("a", 1), Instant.EPOCH).build());

    assertEquals(List.of(Problem.of("max", "whole number 12345678901234567890123 does not fit in a long")),
        huge.problems());
    assertEquals(List.of(
        Problem.of("min", "number 1E-400 is too small for a double; it would become 0 (write 0 if that is meant)"),
        Problem.of("max", "number 1E-400 is too small for a double; it would become 0 (write 0 if that is meant)")),
        tiny.problems());
    assertEquals(List.of(Problem.of("values[1]",
        "malformed text: a lone surrogate \\uD800 at index 0, which no UTF-8 text can hold")), surrogate.problems());
    assertEquals(List.of(Problem.of("values[0]", "expected a text, number or boolean, got a list"),
        Problem.of("values[1]", "expected a text, number or boolean, got an object"),
        Problem.of("values[2]", "expected a text, number or boolean, got an instant")), kinds.problems());
  }

  @Test
  void rejectsAMalformedFieldPathABlankIdAndEmptyLists() {
    DefinitionException path = assertThrows(DefinitionException.class, () -> Rules.required("images[x].width"));
    DefinitionException blank = assertThrows(DefinitionException.class,
        () -> ForbiddenTerms.builder().id(" ").field("title").addTerms("ok", "", "OK").build());
    DefinitionException values = assertThrows(DefinitionException.class, () -> Rules.allowedValues("category"));

    assertEquals(List.of(Problem.of("field",
        "malformed field path 'images[x].width': expected a list index at position 7")), path.problems());
    assertEquals(List.of(Problem.of("id", "must not be blank"), Problem.of("terms[1]", "must not be blank"),
        Problem.of("terms[2]", "term \"OK\" repeats terms[0]")), blank.problems());
    assertEquals(List.of(Problem.of("values", "at least one value is required")), values.problems());
  }

  @Test
  void normalisesNumbersSoThatEqualRulesAreEqual() {
    new EqualsTester()
        .addEqualityGroup(Rules.numberRange("p", 1, 2.5), Rules.numberRange("p", 1L, 2.5f),
            NumberRange.builder().id("number-range:p").field("p").min(1).max(2.5).build())
        .addEqualityGroup(Rules.numberRange("p", 1.0, 2.5))
        .addEqualityGroup(Rules.allowedValues("c", 1, "a"), Rules.allowedValues("c", 1L, "a"))
        .addEqualityGroup(Rules.required("title"), Required.builder().field("title").build())
        .addEqualityGroup(Rules.required("title").withSeverity(Severity.WARNING))
        .testEquals();
  }

  @Test
  void defaultIdsNameTheKindAndField() {
    assertEquals(List.of("required:title", "text-length:title", "pattern:sku", "forbidden-terms:title",
        "number-range:price", "allowed-values:category", "list-size:images", "each-element:images"),
        List.of(Rules.required("title"), Rules.textLength("title", 1, 2), Rules.matching("sku", "x"),
            Rules.forbiddenTerms("title", "x"), Rules.minimum("price", 0), Rules.allowedValues("category", "a"),
            Rules.minSize("images", 1), Rules.eachElement("images", Rules.required(""))).stream()
            .map(Rule::id).toList());
  }
}
