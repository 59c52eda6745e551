package dev.finegrain.examples.spark;

import static dev.finegrain.core.condition.Condition.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finegrain.core.DefinitionException;
import dev.finegrain.core.Problem;
import dev.finegrain.kpi.EcommerceKpis;
import dev.finegrain.kpi.FieldType;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.KpiTable;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.TypedColumn;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * finegrain KPIs computed by Spark equal finegrain's single-JVM engine ({@code Kpis.run}) over the
 * same generated orders, KPI by KPI and group by group: on typed Datasets and through SQL, with
 * the default partitioning and with 17 partitions (so that buffers merge in another order and
 * cross a shuffle in their byte form). One local[2] session for the class.
 */
class SparkKpiAggregatorTest {
  private static final int ORDERS = 20_000;
  private static SparkSession spark;
  private static List<Order> orders;
  private static KpiTable expected;
  private static Dataset<Row> frame;

  @BeforeAll
  static void start() {
    spark = WeeklyDashboard.localSession(SparkKpiAggregatorTest.class.getSimpleName());
    orders = Orders.generate(ORDERS, 7L);
    expected = Kpis.run(DashboardKpis.weeklyQuery(), Orders.SCHEMA, orders);
    frame = WeeklyDashboard.frame(spark, orders).cache();
    frame.createOrReplaceTempView("orders");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void theDataHasEmptyRatiosAndMeans() {
    // the comparisons below would prove little if every value were defined
    long emptyFiveStar = expected.rows().stream()
        .filter(r -> r.cell("five-star-share").orElseThrow().value().isEmpty()).count();
    assertEquals(8, emptyFiveStar, "marketplace is never rated: one empty ratio per week");
    assertEquals(32, expected.rows().size(), "8 weeks x 4 channels");
  }

  @Test
  void typedDatasetGroupByKeyEqualsSingleJvm() {
    assertEquals(List.of(), typed(spark.createDataset(orders, Encoders.bean(Order.class))));
  }

  @Test
  void typedDatasetWith17PartitionsEqualsSingleJvm() {
    assertEquals(List.of(), typed(spark.createDataset(orders, Encoders.bean(Order.class)).repartition(17)));
  }

  @Test
  void sqlUdafGroupByEqualsSingleJvm() {
    List<Kpi> kpis = DashboardKpis.all();
    List<String> calls = new ArrayList<>();
    for (Kpi kpi : kpis) {
      String name = kpi.id().equals("on-time-shipping-rate") ? "on_time_rate" : kpi.id().replace('-', '_');
      spark.udf().register(name, KpiAggregator.udaf(kpi, frame.schema()));
      calls.add(name + "(" + String.join(", ", KpiAggregator.argumentNames(kpi)) + ") AS `" + kpi.id() + "`");
    }
    Dataset<Row> result = spark.sql("SELECT week, channel, " + String.join(", ", calls)
        + " FROM orders GROUP BY week, channel ORDER BY week, channel");

    List<Row> rows = result.collectAsList();
    assertEquals(List.of(), WeeklyDashboard.differences(rows, kpis, expected));
    Row marketplace = rows.stream().filter(r -> r.getAs("channel").equals("marketplace")).findFirst().orElseThrow();
    assertNull(marketplace.getAs("five-star-share"), "an empty ratio is NULL in Spark, not NaN or 0");
    assertNull(marketplace.getAs("mean-rating"));
    assertTrue(spark.sql("SELECT on_time_rate(shippedAt, promisedShipBy) FROM orders").first().getDouble(0) > 0.8);
  }

  @Test
  void dataFrameUdafsWith17PartitionsEqualSingleJvm() {
    List<Kpi> kpis = DashboardKpis.all();
    List<Row> rows = WeeklyDashboard.weekly(frame.repartition(17), kpis).collectAsList();
    assertEquals(List.of(), WeeklyDashboard.differences(rows, kpis, expected));
  }

  @Test
  void aKpiKpisRunRefusesIsRefusedWhenItsUdafIsBuiltOverTheFramesSchemaAsOverTypedRecords() {
    // a return rate whose filter compares the boolean 'returned' with the text "true": 0% if it ran
    Kpi textTrue = Kpi.builder().from(EcommerceKpis.returnRate()).measure(Measure.share(eq("returned", "true")))
        .build();

    DefinitionException sql = assertThrows(DefinitionException.class, () -> KpiAggregator.udaf(textTrue,
        frame.schema()));

    assertEquals(List.of(Problem.of("kpis[0].measure.numerator.filter.value",
        "'returned' is a BOOLEAN field; expected true or false, got a text \"true\"")), sql.problems());
    assertEquals(sql.problems(), assertThrows(DefinitionException.class,
        () -> KpiAggregator.of(textTrue, Orders.FIELDS)).problems());
    Map<String, FieldType> columns = RecordFields.ofRow(frame.schema()).types();
    Orders.FIELDS.types().forEach((name, type) -> assertEquals(type, columns.get(name), name));
  }

  @Test
  void emptyGroupsAndSqlNullsAreAbsentValues() {
    // a ratio whose denominator is 0 and a mean of nothing are NULL; NULL inputs are absent values
    StructType schema = new StructType(new StructField[] {
        new StructField("g", DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()),
        new StructField("rating", DataTypes.DoubleType, true, org.apache.spark.sql.types.Metadata.empty())});
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("a", null), RowFactory.create("a", Double.NaN),
        RowFactory.create("b", 5.0), RowFactory.create("b", 3.0)), schema);
    Kpi fiveStar = DashboardKpis.all().stream().filter(k -> k.id().equals("five-star-share")).findFirst().orElseThrow();
    Kpi meanRating = DashboardKpis.all().stream().filter(k -> k.id().equals("mean-rating")).findFirst().orElseThrow();
    List<Row> rows = df.groupBy("g").agg(
            KpiAggregator.udaf(fiveStar, df.schema()).apply(df.col("rating")).as("share"),
            KpiAggregator.udaf(meanRating, df.schema()).apply(df.col("rating")).as("mean"))
        .orderBy("g").collectAsList();

    assertNull(rows.get(0).getAs("share"));
    assertNull(rows.get(0).getAs("mean"));
    assertEquals(0.5, (Double) rows.get(1).getAs("share"));
    assertEquals(4.0, (Double) rows.get(1).getAs("mean"));
  }

  /** Runs every dashboard KPI on the typed Dataset, four at a time; the differences from finegrain. */
  private static List<String> typed(Dataset<Order> ds) {
    KeyValueGroupedDataset<String, Order> byWeekAndChannel = ds.groupByKey(
        (MapFunction<Order, String>) o -> WeeklyDashboard.isoWeek(o.getCreatedAt()) + "|" + o.getChannel(), Encoders.STRING());
    List<Kpi> kpis = DashboardKpis.all();
    List<String> differences = new ArrayList<>();
    for (int from = 0; from < kpis.size(); from += 4) {
      List<Kpi> part = kpis.subList(from, Math.min(kpis.size(), from + 4));
      List<Row> rows = agg(byWeekAndChannel, part);
      differences.addAll(WeeklyDashboard.differences(rows, part, expected));
    }
    return differences;
  }

  /** Up to four KPIs as typed columns of one {@code agg}, as rows of week, channel and one column per KPI id. */
  private static List<Row> agg(KeyValueGroupedDataset<String, Order> grouped, List<Kpi> kpis) {
    List<TypedColumn<Order, Double>> c = kpis.stream()
        .map(k -> KpiAggregator.of(k, Orders.FIELDS).toColumn().name(k.id())).collect(Collectors.toList());
    Dataset<?> out;
    switch (c.size()) {
      case 1: out = grouped.agg(c.get(0)); break;
      case 2: out = grouped.agg(c.get(0), c.get(1)); break;
      case 3: out = grouped.agg(c.get(0), c.get(1), c.get(2)); break;
      default: out = grouped.agg(c.get(0), c.get(1), c.get(2), c.get(3)); break;
    }
    List<Row> rows = new ArrayList<>();
    for (Object t : out.collectAsList()) {
      scala.Product p = (scala.Product) t;
      String[] key = ((String) p.productElement(0)).split("\\|");
      Object[] values = new Object[2 + kpis.size()];
      values[0] = key[0];
      values[1] = key[1];
      for (int i = 0; i < kpis.size(); i++) {
        values[2 + i] = p.productElement(1 + i);
      }
      rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(values, schemaOf(kpis)));
    }
    return rows;
  }

  private static StructType schemaOf(List<Kpi> kpis) {
    StructType s = new StructType().add("week", DataTypes.StringType).add("channel", DataTypes.StringType);
    for (Kpi k : kpis) {
      s = s.add(k.id(), DataTypes.DoubleType);
    }
    return s;
  }
}
