package dev.finegrain.kpi;

import static dev.finegrain.core.condition.Condition.compareFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Comparison;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instant is not a number: a query that sums one, takes its mean or quantile, computes with it
 * other than subtracting another instant, or compares it with a number field is refused with its
 * path, over rows and columns alike, instead of giving epoch milliseconds as a value.
 */
class InstantKindTest {
  private static final Instant T = Instant.parse("2026-03-02T02:00:00Z");
  private static final List<Order> ORDERS = List.of(
      new Order("a", "web", "ana", T, T.plus(Duration.ofHours(48)), T.plus(Duration.ofHours(20)), 1_000, false, 4.5),
      new Order("b", "app", "bo", T.plusSeconds(60), T.plus(Duration.ofHours(48)), null, 2_000, true, 3.0));

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  private static List<Problem> refusal(KpiQuery query) {
    List<Problem> rows = assertThrows(DefinitionException.class, () -> Kpis.run(query, Order.SCHEMA, ORDERS))
        .problems();
    List<Problem> columns = assertThrows(DefinitionException.class, () -> Kpis.run(query, Order.columns(ORDERS)))
        .problems();
    assertEquals(rows, columns, "rows and columns refuse alike");
    assertEquals(rows, assertThrows(DefinitionException.class, () -> Kpis.check(query, Order.SCHEMA.types()))
        .problems(), "Kpis.check refuses as a run does");
    return rows;
  }

  private static final String NO_NUMBER = "; an instant is no number: derive a duration from two, such as"
      + " (shippedAt - createdAt) // 1h";

  @Test
  void aSumMeanQuantileOrRatioOfAnInstantFieldIsRefusedNotEpochMilliseconds() {
    KpiQuery query = KpiQuery.builder().addKpis(
        kpi("sum", Measure.sum("createdAt")),
        kpi("mean", Measure.mean("shippedAt")),
        kpi("median", Measure.quantile("createdAt", 0.5)),
        kpi("per-order", Measure.ratio(RatioTerm.sum("promisedShipBy"), RatioTerm.count()))).build();

    assertEquals(List.of(
        Problem.of("kpis[0].measure.field", "expected a number field, but 'createdAt' is an INSTANT field" + NO_NUMBER),
        Problem.of("kpis[1].measure.field", "expected a number field, but 'shippedAt' is an INSTANT field" + NO_NUMBER),
        Problem.of("kpis[2].measure.field",
            "expected a whole-number field, but 'createdAt' is an INSTANT field" + NO_NUMBER),
        Problem.of("kpis[3].measure.numerator.field",
            "expected a number field, but 'promisedShipBy' is an INSTANT field" + NO_NUMBER)),
        refusal(query));
  }

  @Test
  void distinctInstantsAndAQuantileOfADurationAreStillComputed() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("times", Measure.distinct("createdAt")),
            kpi("p50-delay", Measure.quantile("delayHours", 0.5)), kpi("late", Measure.sum("lateHours")))
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .putDerivedField("lateHours", Formula.parse("(shippedAt - createdAt - 12h) // 1h"))
        .build();

    KpiTable table = Kpis.run(query, Order.columns(ORDERS));

    assertEquals(Kpis.run(query, Order.SCHEMA, ORDERS), table);
    assertEquals(2, table.rows().get(0).cell("times").orElseThrow().value().orElseThrow());
    assertEquals(20, table.rows().get(0).cell("p50-delay").orElseThrow().value().orElseThrow());
    assertEquals(8, table.rows().get(0).cell("late").orElseThrow().value().orElseThrow());
  }

  @Test
  void aDerivedFieldMaySubtractAnInstantOnlyFromAnotherInstant() {
    KpiQuery query = KpiQuery.builder().addKpis(kpi("n", Measure.count()))
        .putDerivedField("minusNumber", Formula.parse("createdAt - amountCents"))
        .putDerivedField("fromNumber", Formula.parse("amountCents - createdAt"))
        .putDerivedField("plusHour", Formula.parse("shippedAt - (createdAt + 1h)"))
        .putDerivedField("day", Formula.parse("createdAt // 1d"))
        .putDerivedField("negated", Formula.parse("-createdAt + shippedAt"))
        .putDerivedField("copy", Formula.parse("createdAt"))
        .putDerivedField("twoWrongs", Formula.parse("createdAt * 2 + shippedAt / 2"))
        .putDerivedField("fine", Formula.parse("(shippedAt - createdAt) / 2 + amountCents"))
        .build();
    String only = "; an instant may only be subtracted from another instant, giving milliseconds (such as"
        + " (shippedAt - createdAt) // 1h)";

    assertEquals(List.of(
        Problem.of("derivedFields.minusNumber", "'createdAt - amountCents' subtracts a number from an instant" + only),
        Problem.of("derivedFields.fromNumber", "'amountCents - createdAt' subtracts an instant from a number" + only),
        Problem.of("derivedFields.plusHour", "'createdAt + 1h' applies + to an instant" + only),
        Problem.of("derivedFields.day", "'createdAt // 1d' applies // to an instant" + only),
        Problem.of("derivedFields.negated", "'-createdAt' applies - to an instant" + only),
        Problem.of("derivedFields.copy", "'createdAt' is an instant, and a derived field is a number" + only),
        Problem.of("derivedFields.twoWrongs", "'createdAt * 2' applies * to an instant" + only),
        Problem.of("derivedFields.twoWrongs", "'shippedAt / 2' applies / to an instant" + only)),
        refusal(query));
  }

  @Test
  void comparedFieldsMustBeOfOneKindNumbersWithNumbers() {
    KpiQuery query = KpiQuery.builder()
        .addKpis(Kpi.builder().id("a").name("a").measure(Measure.count())
            .filter(compareFields("amountCents", Comparison.LT, "createdAt")).build())
        .addKpis(kpi("b", Measure.share(compareFields("channel", Comparison.EQ, "returned"))))
        .addKpis(kpi("c", Measure.share(compareFields("delayHours", Comparison.GE, "shippedAt"))))
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .build();
    KpiQuery numbers = KpiQuery.builder()
        .addKpis(kpi("low-rated", Measure.share(compareFields("rating", Comparison.LT, "delayHours"))))
        .putDerivedField("delayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
        .build();
    String oneKind = "; compared fields must be of one kind: two numbers, two instants, two texts or two booleans";

    assertEquals(List.of(
        Problem.of("kpis[0].filter.otherField",
            "'amountCents' is a LONG field and 'createdAt' is an INSTANT field" + oneKind),
        Problem.of("kpis[1].measure.numerator.filter.otherField",
            "'channel' is a DIMENSION field and 'returned' is a BOOLEAN field" + oneKind),
        Problem.of("kpis[2].measure.numerator.filter.otherField",
            "'delayHours' is a whole-number derived field and 'shippedAt' is an INSTANT field" + oneKind)),
        refusal(query));
    assertEquals(0.5, Kpis.run(numbers, Order.columns(ORDERS)).rows().get(0).cell("low-rated").orElseThrow()
        .value().orElseThrow());
  }
}
