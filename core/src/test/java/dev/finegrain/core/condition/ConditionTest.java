package dev.finegrain.core.condition;

import static dev.finegrain.core.condition.Condition.and;
import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.compareFields;
import static dev.finegrain.core.condition.Condition.eq;
import static dev.finegrain.core.condition.Condition.exists;
import static dev.finegrain.core.condition.Condition.in;
import static dev.finegrain.core.condition.Condition.not;
import static dev.finegrain.core.condition.Condition.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.json.FinegrainJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private final FieldSource order = FieldSource.of(Map.of(
      "category", "food",
      "price", 39.9,
      "quantity", 3,
      "express", true,
      "shippedAt", Instant.parse("2026-03-02T10:00:00Z"),
      "promisedShipBy", Instant.parse("2026-03-02T12:00:00Z"),
      "images", List.of(Map.of("width", 1200), Map.of("width", 640))));

  @Test
  void equalsComparesNumbersByValueAndTextExactly() {
    assertTrue(eq("category", "food").test(order));
    assertFalse(eq("category", "Food").test(order));
    assertTrue(eq("quantity", 3.0).test(order));
    assertTrue(eq("express", true).test(order));
    assertTrue(eq("images[1].width", 640).test(order));
  }

  @Test
  void inMatchesAnyListedValue() {
    assertTrue(in("category", "cosmetics", "food").test(order));
    assertFalse(in("category", "toys", "books").test(order));
    assertTrue(in("quantity", 1, 2, 3).test(order));
  }

  @Test
  void compareWorksWithConstantsAndWithAnotherField() {
    assertTrue(compare("price", Comparison.GE, 39.9).test(order));
    assertFalse(compare("price", Comparison.GT, 39.9).test(order));
    assertTrue(compare("quantity", Comparison.LT, 3.5).test(order));
    assertTrue(compareFields("shippedAt", Comparison.LE, "promisedShipBy").test(order));
    assertFalse(compareFields("promisedShipBy", Comparison.LE, "shippedAt").test(order));
    assertTrue(compare("category", Comparison.NE, "toys").test(order));
  }

  @Test
  void aWholeNumberAboveTwoToThe53IsComparedWithADecimalExactlyNotRounded() {
    FieldSource big = FieldSource.of(Map.of("n", 9007199254740993L));

    assertFalse(eq("n", 9007199254740992.0).test(big));
    assertTrue(compare("n", Comparison.GT, 9007199254740992.0).test(big));
    assertTrue(compare("n", Comparison.NE, 9007199254740992.0).test(big));
    assertFalse(in("n", 9007199254740992.0, 1.5).test(big));
    assertTrue(eq("n", 9007199254740993L).test(big));
    assertTrue(compare("n", Comparison.LT, 9007199254740994.0).test(big));
  }

  @Test
  void aMissingFieldOrAKindMismatchIsFalseAndItsNegationTrue() {
    assertFalse(eq("colour", "red").test(order));
    assertFalse(compare("category", Comparison.GT, 5).test(order));
    assertFalse(compareFields("price", Comparison.LE, "nothing").test(order));
    assertTrue(not(compare("category", Comparison.GT, 5)).test(order));
  }

  @Test
  void existsAndOrNotCombine() {
    assertTrue(exists("images[1]").test(order));
    assertFalse(exists("images[2]").test(order));
    assertTrue(and().test(order));
    assertFalse(or().test(order));
    assertTrue(or(eq("category", "toys"), eq("express", true)).test(order));
    assertFalse(and(eq("category", "food"), not(exists("price"))).test(order));
  }

  @Test
  void readsAsWrittenByItsToString() {
    Condition c = and(eq("category", "food"), not(exists("licence")), in("tier", 1, 2),
        or(compare("price", Comparison.GE, 100), compareFields("shippedAt", Comparison.LE, "promisedShipBy")));

    assertEquals("(category == \"food\" and not exists(licence) and tier in [1, 2] and "
        + "(price >= 100 or shippedAt <= promisedShipBy))", c.toString());
    assertEquals(List.of("category", "licence", "tier", "price", "shippedAt", "promisedShipBy"), c.fields());
  }

  @Test
  void wholeNumberConstantsAreHeldAsLongSoEqualConditionsAreEqual() {
    new EqualsTester()
        .addEqualityGroup(eq("q", 3), eq("q", 3L), eq("q", (short) 3))
        .addEqualityGroup(eq("q", 3.0))
        .addEqualityGroup(in("q", 1, 2), in("q", 1L, 2L))
        .addEqualityGroup(compare("q", Comparison.LT, 3), compare("q", Comparison.LT, 3L))
        .testEquals();
  }

  @Test
  void rejectsBadConditionsNamingTheField() {
    DefinitionException both = assertThrows(DefinitionException.class, () -> ImmutableCompare.builder()
        .field("a").op(Comparison.LT).value(1).otherField("b").build());
    DefinitionException path = assertThrows(DefinitionException.class, () -> eq("images[x]", 1));
    DefinitionException list = assertThrows(DefinitionException.class, () -> eq("tags", List.of("a")));
    DefinitionException empty = assertThrows(DefinitionException.class, () -> in("tier"));
    DefinitionException nan = assertThrows(DefinitionException.class, () -> compare("p", Comparison.LT, Double.NaN));

    assertEquals(List.of(Problem.of("value", "give exactly one of 'value' and 'otherField'")), both.problems());
    assertEquals(List.of(Problem.of("field", "malformed field path 'images[x]': expected a list index at position 7")),
        path.problems());
    assertEquals(List.of(Problem.of("value", "expected a text, number, boolean or instant, got a list")),
        list.problems());
    assertEquals(List.of(Problem.of("values", "at least one value is required")), empty.problems());
    assertEquals(List.of(Problem.of("value", "expected a finite number, got NaN")), nan.problems());
  }

  @Test
  void aConstantNoFieldValueCanHoldIsADefinitionProblemNamingItsPath() {
    DefinitionException huge = assertThrows(DefinitionException.class,
        () -> eq("n", new BigInteger("12345678901234567890123")));
    DefinitionException tiny = assertThrows(DefinitionException.class,
        () -> in("n", 1, new BigDecimal("1e-400")));
    DefinitionException surrogate = assertThrows(DefinitionException.class,
        () -> compare("n", Comparison.GT, "\uDC00"));

    assertEquals(List.of(Problem.of("value", "whole number 12345678901234567890123 does not fit in a long")),
        huge.problems());
    assertEquals(List.of(Problem.of("values[1]",
        "number 1E-400 is too small for a double; it would become 0 (write 0 if that is meant)")), tiny.problems());
    assertEquals("value", surrogate.problems().get(0).path());
  }

  @Test
  void roundTripsThroughJsonWithStableTypeNames() {
    Condition c = and(eq("category", "food"), not(exists("licence")), in("tier", 1, 2.5, "x", true),
        or(compare("price", Comparison.GE, 100), compareFields("shippedAt", Comparison.LE, "promisedShipBy")));

    String json = FinegrainJson.write(c);

    assertEquals(c, FinegrainJson.read(json, Condition.class));
    assertTrue(json.contains("\"type\" : \"compare\""), json);
    assertFalse(json.contains("Immutable"), json);
  }

  @Test
  void anInstantConstantComparesWithAnInstantFieldInTimeOrder() {
    Instant noon = Instant.parse("2026-03-02T12:00:00Z");

    assertTrue(compare("shippedAt", Comparison.LT, noon).test(order));
    assertFalse(compare("promisedShipBy", Comparison.LT, noon).test(order));
    assertTrue(eq("promisedShipBy", noon).test(order));
    assertTrue(in("shippedAt", noon, Instant.parse("2026-03-02T10:00:00Z")).test(order));
    assertEquals("shippedAt < 2026-03-02T12:00:00Z", compare("shippedAt", Comparison.LT, noon).toString());
    // an instant is not a text, nor a number of any unit: those compare with an instant field as false
    assertFalse(eq("promisedShipBy", "2026-03-02T12:00:00Z").test(order));
    assertFalse(eq("promisedShipBy", noon.toEpochMilli()).test(order));
  }

  @Test
  void anInstantConstantIsWrittenInJsonAsAnArtifactInstantIsAndReadBackAsAnInstant() {
    Condition c = and(compare("shippedAt", Comparison.GE, Instant.parse("2026-03-01T00:00:00.000000001Z")),
        eq("at", Instant.parse("2026-03-01T08:00:00Z")), in("at", Instant.EPOCH, "1970-01-01T00:00:00Z"));

    String json = FinegrainJson.write(c);

    assertTrue(json.contains("\"$instant\" : \"2026-03-01T00:00:00.000000001Z\""), json);
    assertEquals(c, FinegrainJson.read(json, Condition.class));
    assertEquals(compare("t", Comparison.LT, Instant.parse("2026-03-01T08:00:00Z")), FinegrainJson.read(
        "{\"type\": \"compare\", \"field\": \"t\", \"op\": \"<\", \"value\": {\"$instant\": \"2026-03-01T08:00:00Z\"}}",
        Condition.class));
    // ISO text without the tag stays a text
    assertEquals(eq("t", "2026-03-01T08:00:00Z"),
        FinegrainJson.read("{\"type\": \"equals\", \"field\": \"t\", \"value\": \"2026-03-01T08:00:00Z\"}",
            Condition.class));
  }

  @Test
  void aMalformedInstantConstantInJsonIsRefusedNamingItsPath() {
    DefinitionException notIso = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"in\", \"field\": \"t\", \"values\": [1, {\"$instant\": \"2026-03-01\"}]}", Condition.class));
    DefinitionException extra = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"equals\", \"field\": \"t\", \"value\": {\"$instant\": \"2026-03-01T00:00:00Z\", \"x\": 1}}",
        Condition.class));
    DefinitionException object = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"compare\", \"field\": \"t\", \"op\": \"<\", \"value\": {\"x\": 1}}", Condition.class));

    assertEquals(List.of(Problem.of("values[1].$instant",
        "expected an ISO-8601 instant such as \"2026-03-01T08:00:00Z\", got \"2026-03-01\"")), notIso.problems());
    assertEquals("value", extra.problems().get(0).path(), extra.getMessage());
    assertEquals("value", object.problems().get(0).path(), object.getMessage());
    assertTrue(object.getMessage().contains("{\"$instant\": \"2026-03-01T08:00:00Z\"}"), object.getMessage());
  }

  @Test
  void unknownConditionTypeFailsListingTheKnownTypes() {
    DefinitionException e = assertThrows(DefinitionException.class, () -> FinegrainJson.read(
        "{\"type\": \"and\", \"conditions\": [{\"type\": \"equal\", \"field\": \"a\", \"value\": 1}]}",
        Condition.class));

    assertEquals(List.of(Problem.of("conditions[0]",
        "unknown type 'equal'; expected one of [and, compare, equals, exists, in, not, or]")), e.problems());
  }
}
