package dev.finegrain.examples.spark;

import static dev.finegrain.core.condition.Condition.and;
import static dev.finegrain.core.condition.Condition.compare;
import static dev.finegrain.core.condition.Condition.compareFields;
import static dev.finegrain.core.condition.Condition.eq;
import static dev.finegrain.core.condition.Condition.exists;
import static dev.finegrain.core.condition.Condition.in;
import static dev.finegrain.core.condition.Condition.not;
import static dev.finegrain.core.condition.Condition.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.core.condition.Comparison;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiQuery;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.RatioTerm;
import dev.finegrain.kpi.Schema;
import dev.finegrain.kpi.accumulator.Accumulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A KPI that {@code Kpis.run} refuses for its fields' types is refused by {@link KpiAggregator#of}
 * and {@link KpiAggregator#udaf} when they are built, on the driver, with the same
 * {@link DefinitionException}, instead of aggregating to 0 or a wrong number in Spark. No Spark
 * session runs: nothing here needs a job.
 */
class KpiAggregatorChecksTest {
  private static final List<Order> ORDERS = Orders.generate(500, 3L);

  /** {@link Orders#FIELDS} for the single-JVM engine: {@code delayHours} read as a field, not derived. */
  private static final Schema<Order> SCHEMA = Schema.<Order>builder()
      .dimension("channel", Order::getChannel)
      .dimension("member", Order::getMember)
      .instant("createdAt", Order::getCreatedAt)
      .instant("promisedShipBy", Order::getPromisedShipBy)
      .instant("shippedAt", Order::getShippedAt)
      .longField("amountCents", Order::getAmountCents)
      .booleanField("returned", Order::isReturned)
      .doubleField("rating", Order::getRating)
      .doubleField("shippingFee", Order::getShippingFee)
      .longField("delayHours", Orders::shipDelayHours)
      .build();

  /** The columns of the example job's DataFrame ({@code WeeklyDashboard.frame}), with the types Spark gives them. */
  private static final StructType COLUMNS = new StructType(new StructField[] {
      column("amountCents", DataTypes.LongType), column("channel", DataTypes.StringType),
      column("createdAt", DataTypes.TimestampType), column("id", DataTypes.StringType),
      column("member", DataTypes.StringType), column("promisedShipBy", DataTypes.TimestampType),
      column("rating", DataTypes.DoubleType), column("returned", DataTypes.BooleanType),
      column("shippedAt", DataTypes.TimestampType), column("shippingFee", DataTypes.DoubleType),
      column("delayHours", DataTypes.LongType), column("week", DataTypes.StringType)});

  private static StructField column(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  private static Kpi kpi(String id, Measure measure) {
    return Kpi.builder().id(id).name(id).measure(measure).build();
  }

  private static Kpi filtered(String id, Measure measure, Condition filter) {
    return Kpi.builder().from(kpi(id, measure)).filter(filter).build();
  }

  /**
   * The problems {@code kpi} is refused with by {@code KpiAggregator.of} over typed records, which
   * are those {@code Kpis.run} refuses a query of it with, in the same message; and by {@code udaf}
   * over a DataFrame of the same fields.
   */
  private static List<Problem> refusal(Kpi kpi) {
    DefinitionException typed = assertThrows(DefinitionException.class, () -> KpiAggregator.of(kpi, Orders.FIELDS));
    DefinitionException run = assertThrows(DefinitionException.class,
        () -> Kpis.run(KpiQuery.builder().addKpis(kpi).build(), SCHEMA, ORDERS));
    assertEquals(run.getMessage(), typed.getMessage(), "KpiAggregator.of refuses as Kpis.run does");
    DefinitionException sql = assertThrows(DefinitionException.class, () -> KpiAggregator.udaf(kpi, COLUMNS));
    assertEquals(run.problems(), sql.problems(), "udaf refuses as Kpis.run does");
    assertEquals(run.problems(), assertThrows(DefinitionException.class,
        () -> KpiAggregator.forRows(kpi, COLUMNS)).problems(), "forRows refuses as Kpis.run does");
    return typed.problems();
  }

  /** The value Spark's aggregator gives over {@link #ORDERS} in one buffer; it must be the single-JVM engine's. */
  private static double aggregated(Kpi kpi) {
    KpiAggregator<Order> agg = KpiAggregator.of(kpi, Orders.FIELDS);
    Accumulator<?, ?> buffer = agg.zero();
    for (Order o : ORDERS) {
      buffer = agg.reduce(buffer, o);
    }
    double oneJvm = Kpis.run(KpiQuery.builder().addKpis(kpi).build(), SCHEMA, ORDERS).rows().get(0).cell(kpi.id())
        .orElseThrow().value().orElseThrow();
    assertEquals(oneJvm, agg.finish(buffer), kpi.id());
    return oneJvm;
  }

  private static final String INSTANT_EXPECTED = "expected an instant (an Instant in Java, {\"$instant\": ";

  @Test
  void aReturnRateWhoseFilterComparesABooleanWithTheTextTrueIsRefusedNotAggregatedToZero() {
    Kpi textTrue = Kpi.builder().from(EcommerceKpis.returnRate()).measure(Measure.share(eq("returned", "true")))
        .build();

    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"true\"")), refusal(textTrue));
    double rate = aggregated(EcommerceKpis.returnRate());
    assertTrue(rate > 0.03 && rate < 0.1, "the same KPI with true: " + rate);
  }

  @Test
  void aWholeNumberFieldComparedWithTextIsRefused() {
    Kpi big = filtered("big", Measure.count(), compare("amountCents", Comparison.GE, "1500"));

    assertEquals(List.of(Problem.of("kpis[0].filter.value",
        "'amountCents' is a LONG field; expected a number, got a text \"1500\"")), refusal(big));
  }

  @Test
  void anInstantFieldComparedWithIsoTextIsRefused() {
    Kpi fromFebruary = kpi("from-february", Measure.ratio(RatioTerm.count(),
        RatioTerm.count(compare("createdAt", Comparison.GE, "2026-02-01T00:00:00Z"))));

    assertEquals(List.of(Problem.of("kpis[0].measure.denominator.filter.value", "'createdAt' is an INSTANT field; "
        + INSTANT_EXPECTED + "\"2026-02-01T00:00:00Z\"} in JSON), got a text \"2026-02-01T00:00:00Z\"")),
        refusal(fromFebruary));
  }

  @Test
  void anInstantFieldComparedWithEpochMillisecondsIsRefusedNamingTheInstantTheyWouldBe() {
    Instant february = Instant.parse("2026-02-01T00:00:00Z");
    Kpi fromFebruary = filtered("from-february", Measure.count(),
        compare("createdAt", Comparison.GE, february.toEpochMilli()));

    assertEquals(List.of(Problem.of("kpis[0].filter.value", "'createdAt' is an INSTANT field; " + INSTANT_EXPECTED
        + "\"2026-03-01T00:00:00Z\"} in JSON), got a number 1769904000000 (as epoch milliseconds,"
        + " 2026-02-01T00:00:00Z)")), refusal(fromFebruary));
    aggregated(filtered("from-february", Measure.count(), compare("createdAt", Comparison.GE, february)));
  }

  @Test
  void aFractionCanNeverEqualAWholeNumberFieldSoEqualityWithOneIsRefusedWhileAsABoundItIsExact() {
    String never = " field and never equals %s; expected a whole number (with <, <=, > or >=, a fraction is a bound,"
        + " compared exactly)";

    assertEquals(List.of(Problem.of("kpis[0].filter.value", "'amountCents' is a LONG" + never.formatted("1500.5"))),
        refusal(filtered("eq", Measure.count(), eq("amountCents", 1500.5))));
    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'amountCents' is a LONG" + never.formatted("0.5"))),
        refusal(kpi("ne", Measure.share(compare("amountCents", Comparison.NE, 0.5)))));
    assertEquals(List.of(Problem.of("kpis[0].filter.values[1]", "'delayHours' is a LONG" + never.formatted("20.25"))),
        refusal(filtered("in", Measure.count(), in("delayHours", 20, 20.25))));
    aggregated(filtered("over", Measure.count(), compare("amountCents", Comparison.GT, 1500.5)));
    aggregated(filtered("whole-valued", Measure.count(), in("delayHours", 20.0, 21)));
  }

  @Test
  void aTextFieldComparedWithANumberAndADecimalFieldWithABooleanAreRefused() {
    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'channel' is a DIMENSION field; expected a text, got a number 1")),
        refusal(kpi("one", Measure.share(eq("channel", 1)))));
    assertEquals(List.of(Problem.of("kpis[0].filter.value",
        "'rating' is a DOUBLE field; expected a number, got a boolean true")),
        refusal(filtered("rated", Measure.count(), compare("rating", Comparison.LT, true))));
  }

  @Test
  void aConstantOfAnotherKindInsideAndOrNotIsRefusedAtItsPath() {
    Kpi nested = filtered("nested", Measure.count(),
        and(exists("shippedAt"), or(eq("channel", "web"), not(in("returned", false, "false")))));

    assertEquals(List.of(Problem.of("kpis[0].filter.conditions[1].conditions[1].condition.values[1]",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"false\"")), refusal(nested));
  }

  @Test
  void fieldsOfDifferentKindsCannotBeCompared() {
    String oneKind = "; compared fields must be of one kind: two numbers, two instants, two texts or two booleans";

    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.otherField",
        "'amountCents' is a LONG field and 'createdAt' is an INSTANT field" + oneKind)),
        refusal(kpi("odd", Measure.share(compareFields("amountCents", Comparison.LT, "createdAt")))));
    aggregated(kpi("cheap-fee", Measure.share(compareFields("shippingFee", Comparison.LT, "amountCents"))));
  }

  @Test
  void anInstantIsNoNumberSoItsSumMeanRatioOrQuantileIsRefused() {
    String noNumber = "; an instant is no number: derive a duration from two, such as (shippedAt - createdAt) // 1h";

    assertEquals(List.of(Problem.of("kpis[0].measure.field",
        "expected a number field, but 'createdAt' is an INSTANT field" + noNumber)),
        refusal(kpi("sum", Measure.sum("createdAt"))));
    assertEquals(List.of(Problem.of("kpis[0].measure.field",
        "expected a number field, but 'shippedAt' is an INSTANT field" + noNumber)),
        refusal(kpi("mean", Measure.mean("shippedAt"))));
    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.field",
        "expected a number field, but 'promisedShipBy' is an INSTANT field" + noNumber)),
        refusal(kpi("per-order", Measure.ratio(RatioTerm.sum("promisedShipBy"), RatioTerm.count()))));
    assertEquals(List.of(Problem.of("kpis[0].measure.field",
        "expected a whole-number field, but 'createdAt' is an INSTANT field" + noNumber)),
        refusal(kpi("median", Measure.quantile("createdAt", 0.5))));
    aggregated(kpi("times", Measure.distinct("createdAt")));
  }

  @Test
  void aMeasureOfAFieldOfAnotherTypeIsRefusedAsKpisRunRefusesIt() {
    assertEquals(List.of(Problem.of("kpis[0].measure.field", "a quantile needs whole numbers, but 'rating' is a"
        + " DOUBLE field; make it whole with // (such as (shippedAt - createdAt) // 1h)")),
        refusal(kpi("median-rating", Measure.quantile("rating", 0.5))));
    assertEquals(List.of(Problem.of("kpis[0].measure.field",
        "expected a dimension or whole-number field, but 'rating' is a DOUBLE field")),
        refusal(kpi("ratings", Measure.distinct("rating"))));
    assertEquals(List.of(Problem.of("kpis[0].measure.field",
        "expected a number field, but 'channel' is a DIMENSION field")),
        refusal(kpi("channels", Measure.sum("channel"))));
  }

  @Test
  void anUnknownFieldIsRefusedNamingTheFieldsOrColumnsThereAre() {
    Kpi refunds = kpi("refunds", Measure.sum("refundCents"));

    assertEquals(List.of(Problem.of("kpis[0].measure.field", "unknown field 'refundCents'; known fields: "
        + Orders.FIELDS.types().keySet())),
        assertThrows(DefinitionException.class, () -> KpiAggregator.of(refunds, Orders.FIELDS)).problems());
    assertEquals(List.of(Problem.of("kpis[0].measure.field", "unknown field 'refundCents'; known fields: [amountCents,"
        + " channel, createdAt, id, member, promisedShipBy, rating, returned, shippedAt, shippingFee, delayHours,"
        + " week]")), assertThrows(DefinitionException.class, () -> KpiAggregator.udaf(refunds, COLUMNS)).problems());
  }

  @Test
  void aFrameWithTwoColumnsOfOneNameIsCheckedByTheLastAsItsArgumentWouldBe() {
    // a join's frame: two 'id' columns, which the KPI does not read, and two 'returned', the last boolean
    List<StructField> joined = new ArrayList<>(List.of(COLUMNS.fields()));
    joined.add(0, column("returned", DataTypes.StringType));
    joined.add(column("id", DataTypes.LongType));
    StructType frame = new StructType(joined.toArray(new StructField[0]));

    KpiAggregator.udaf(EcommerceKpis.returnRate(), frame);
    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"true\"")),
        assertThrows(DefinitionException.class, () -> KpiAggregator.udaf(Kpi.builder().from(EcommerceKpis.returnRate())
            .measure(Measure.share(eq("returned", "true"))).build(), frame)).problems());
  }

  @Test
  void aColumnOfATypeFinegrainDoesNotReadIsNoField() {
    StructType withPrice = COLUMNS.add(column("price", DataTypes.createDecimalType(10, 2)));

    List<Problem> problems = assertThrows(DefinitionException.class,
        () -> KpiAggregator.udaf(kpi("revenue", Measure.sum("price")), withPrice)).problems();

    assertEquals(List.of("kpis[0].measure.field"), problems.stream().map(Problem::path).toList());
    assertTrue(problems.get(0).message().startsWith("unknown field 'price'; known fields: [amountCents,"),
        problems.get(0).message());
  }

  @Test
  void aDerivedKpiIsRefusedItReadsKpisNotRecords() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KpiAggregator.of(kpi("net", Measure.derived("gmv - refunds")), Orders.FIELDS));
    assertEquals("KPI 'net' is derived (gmv - refunds): it reads other KPIs, not records; compute it from their"
        + " aggregated columns", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KpiAggregator.udaf(kpi("net", Measure.derived("gmv - refunds")),
        COLUMNS));
  }

  @Test
  void theDashboardKpisAndEveryReadyEcommerceKpiAreAccepted() {
    for (Kpi kpi : DashboardKpis.all()) {
      KpiAggregator.of(kpi, Orders.FIELDS);
      KpiAggregator.udaf(kpi, COLUMNS);
    }
    // the ready KPIs read fields the orders lack: records of their own, as maps
    RecordFields<Map<String, Object>> shop = RecordFields.<Map<String, Object>>builder()
        .instant("shippedAt", r -> (Instant) r.get("shippedAt"))
        .instant("promisedShipBy", r -> (Instant) r.get("promisedShipBy"))
        .longField("amountCents", r -> (Long) r.get("amountCents"))
        .booleanField("returned", r -> (Boolean) r.get("returned"))
        .booleanField("conforms", r -> (Boolean) r.get("conforms"))
        .booleanField("oversold", r -> (Boolean) r.get("oversold"))
        .booleanField("converted", r -> (Boolean) r.get("converted"))
        .longField("onHand", r -> (Long) r.get("onHand"))
        .longField("score", r -> (Long) r.get("score"))
        .longField("firstResponseMinutes", r -> (Long) r.get("firstResponseMinutes"))
        .longField("orders", r -> (Long) r.get("orders"))
        .longField("unitsSold", r -> (Long) r.get("unitsSold"))
        .longField("unitsReceived", r -> (Long) r.get("unitsReceived"))
        .build();
    for (Kpi kpi : List.of(EcommerceKpis.orders(), EcommerceKpis.gmv(), EcommerceKpis.averageOrderValue(),
        EcommerceKpis.onTimeShippingRate(Orders.AS_OF), EcommerceKpis.informationAccuracyRate(),
        EcommerceKpis.oversellRate(), EcommerceKpis.stockOutRate(), EcommerceKpis.returnRate(),
        EcommerceKpis.conversionRate(), EcommerceKpis.csat(), EcommerceKpis.firstResponseTimeP90(),
        EcommerceKpis.repeatPurchaseRate(), EcommerceKpis.sellThroughRate())) {
      KpiAggregator.of(kpi, shop);
    }
  }
}
