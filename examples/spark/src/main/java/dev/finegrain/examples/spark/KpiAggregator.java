package dev.finegrain.examples.spark;

import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.json.FinegrainJson;
import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.CountMeasure;
import dev.finegrain.kpi.DistinctMeasure;
import dev.finegrain.kpi.FieldType;
import dev.finegrain.kpi.Kpi;
import dev.finegrain.kpi.Kpis;
import dev.finegrain.kpi.MeanMeasure;
import dev.finegrain.kpi.Measure;
import dev.finegrain.kpi.QuantileMeasure;
import dev.finegrain.kpi.RatioMeasure;
import dev.finegrain.kpi.RatioTerm;
import dev.finegrain.kpi.SumMeasure;
import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.accumulator.Count;
import dev.finegrain.kpi.accumulator.DistinctLongs;
import dev.finegrain.kpi.accumulator.DistinctStrings;
import dev.finegrain.kpi.accumulator.DoubleRatio;
import dev.finegrain.kpi.accumulator.DoubleSum;
import dev.finegrain.kpi.accumulator.ExactQuantiles;
import dev.finegrain.kpi.accumulator.HistogramQuantiles;
import dev.finegrain.kpi.accumulator.LongRatio;
import dev.finegrain.kpi.accumulator.LongSum;
import dev.finegrain.kpi.accumulator.MeanVariance;
import dev.finegrain.kpi.accumulator.QuantileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One finegrain {@link Kpi} as a Spark {@link Aggregator}: its buffer is the finegrain
 * {@link Accumulator} of the KPI's measure, shipped between executors in the accumulator's own
 * versioned byte form ({@link AccumulatorEncoder}), and {@link #finish} gives the value with the
 * semantics of {@code KpiCell.value()}: {@code null} when undefined (no records for a mean or a
 * quantile, a zero denominator for a ratio), never {@code NaN} or 0; a ratio is kept as numerator and
 * denominator until the end; quantiles are nearest-rank.
 *
 * <pre>{@code
 * // typed Datasets
 * KpiAggregator<Order> onTime = KpiAggregator.of(onTimeKpi, orderFields);
 * Dataset<Tuple2<String, Double>> byChannel =
 *     orders.groupByKey((MapFunction<Order, String>) Order::getChannel, Encoders.STRING())
 *           .agg(onTime.toColumn().name("on_time_rate"));
 *
 * // DataFrames and Spark SQL: the arguments are the KPI's fields, in {@link #argumentNames()} order
 * spark.udf().register("on_time_rate", KpiAggregator.udaf(onTimeKpi, df.schema()));
 * spark.sql("SELECT channel, on_time_rate(shippedAt, promisedShipBy) FROM orders GROUP BY channel");
 * }</pre>
 *
 * <p>The KPI's filter and the filters of a ratio's sides are finegrain core {@link Condition}s,
 * evaluated per input record over a {@link RecordFields} view of it, with finegrain's semantics (a
 * missing value compares false). The KPI travels to the executors as its JSON form and is compiled
 * there once per aggregator instance. A derived KPI (a formula over other KPIs) reads KPI values,
 * not records: compute it from the aggregated columns. A query's derived fields (such as
 * {@code (shippedAt - createdAt) // 1h}) are computed in Spark or in the record extraction.
 *
 * <p>An aggregator is checked when built, on the driver, before any job runs: against the types of
 * its fields, by {@link Kpis#check(Kpi, java.util.Map)}, the checks {@code Kpis.run} makes. A KPI
 * that {@code Kpis.run} refuses (a field the records lack, a sum of an instant, a filter constant
 * of another kind than its field, such as the text {@code "true"} against a boolean field) is
 * refused here with the same {@link dev.finegrain.core.DefinitionException}, never left to
 * aggregate to 0 or a wrong number.
 *
 * @param <T> the input record type
 */
public final class KpiAggregator<T> extends Aggregator<T, Accumulator<?, ?>, Double> {
  private static final long serialVersionUID = 1L;

  private final String kpiJson;
  private final RecordFields<T> fields;
  private transient Plan<T> plan;

  private KpiAggregator(Kpi kpi, RecordFields<T> fields) {
    if (kpi.isDerived()) {
      throw new IllegalArgumentException("KPI '" + kpi.id() + "' is derived (" + kpi.measure() + "): it reads"
          + " other KPIs, not records; compute it from their aggregated columns");
    }
    // on the driver, before any job: what Kpis.run refuses is refused here, with the same exception
    Kpis.check(kpi, fields.types());
    this.kpiJson = FinegrainJson.write(kpi);
    this.fields = fields;
    this.plan = Plan.compile(kpi, fields);
  }

  /**
   * An aggregator of {@code kpi} over records read through {@code fields}, checked against their
   * types as {@code Kpis.run} checks a query of the KPI ({@link Kpis#check(Kpi, java.util.Map)}).
   *
   * @throws dev.finegrain.core.DefinitionException if the KPI does not fit the fields' types: a field
   *     {@code fields} lacks, or has with a type the measure cannot use (an instant is no number), a
   *     filter constant of another kind than its field, two compared fields of different kinds; each
   *     problem with its path, as {@code Kpis.run} reports it ({@code kpis[0].measure.numerator.filter.value:
   *     'returned' is a BOOLEAN field; expected true or false, got a text "true"})
   * @throws IllegalArgumentException if the KPI is derived
   */
  public static <T> KpiAggregator<T> of(Kpi kpi, RecordFields<T> fields) {
    return new KpiAggregator<>(kpi, fields);
  }

  /**
   * An aggregator of {@code kpi} over Spark rows with the columns of {@code schema} that the KPI
   * reads ({@link #argumentNames}), for {@link functions#udaf}.
   *
   * @throws dev.finegrain.core.DefinitionException as {@link #udaf} does
   * @throws IllegalArgumentException if the KPI is derived
   */
  public static KpiAggregator<Row> forRows(Kpi kpi, StructType schema) {
    Kpis.check(kpi, RecordFields.typesOf(schema)); // every column: an unknown field names them all
    return of(kpi, RecordFields.ofRow(argumentSchema(kpi, schema)));
  }

  /**
   * {@code kpi} as a user-defined aggregate function for DataFrames and Spark SQL: register it with
   * {@code spark.udf().register(name, udaf)} and call it with the KPI's fields in
   * {@link #argumentNames(Kpi)} order; {@code schema} (usually {@code df.schema()}) gives their types
   * ({@link RecordFields#ofRow}).
   *
   * @throws dev.finegrain.core.DefinitionException if the KPI does not fit the types of the
   *     schema's columns, as {@link #of} says; a column the schema lacks is an unknown field, and the
   *     known fields are the columns of a type finegrain reads
   * @throws IllegalArgumentException if the KPI is derived
   */
  public static UserDefinedFunction udaf(Kpi kpi, StructType schema) {
    return functions.udaf(forRows(kpi, schema), Encoders.row(argumentSchema(kpi, schema)));
  }

  /** The fields {@code kpi} reads, measure's first, then its filter's: the arguments of its UDAF. */
  public static List<String> argumentNames(Kpi kpi) {
    return kpi.fields();
  }

  /** The argument columns of {@code kpi}'s UDAF, in {@link #argumentNames(Kpi)} order. */
  public static StructType argumentSchema(Kpi kpi, StructType schema) {
    List<StructField> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : argumentNames(kpi)) {
      StructField f = null;
      for (StructField candidate : schema.fields()) {
        if (candidate.name().equals(name)) {
          f = candidate;
        }
      }
      if (f == null) {
        missing.add(name);
      } else {
        out.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("KPI '" + kpi.id() + "' reads " + missing + ", which the schema lacks; "
          + "it has " + List.of(schema.fieldNames()));
    }
    return new StructType(out.toArray(new StructField[0]));
  }

  /** The KPI's id. */
  public String kpiId() {
    return plan().kpi.id();
  }

  private Plan<T> plan() {
    if (plan == null) {
      plan = Plan.compile(FinegrainJson.read(kpiJson, Kpi.class), fields);
    }
    return plan;
  }

  @Override
  public Accumulator<?, ?> zero() {
    return plan().fresh();
  }

  @Override
  public Accumulator<?, ?> reduce(Accumulator<?, ?> buffer, T record) {
    plan().add(buffer, record);
    return buffer;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Accumulator<?, ?> merge(Accumulator<?, ?> b1, Accumulator<?, ?> b2) {
    return (Accumulator<?, ?>) ((Accumulator) b1).merge((Accumulator) b2);
  }

  @Override
  public Double finish(Accumulator<?, ?> buffer) {
    OptionalDouble v = plan().value(buffer);
    return v.isPresent() ? v.getAsDouble() : null;
  }

  @Override
  public Encoder<Accumulator<?, ?>> bufferEncoder() {
    return AccumulatorEncoder.get();
  }

  @Override
  public Encoder<Double> outputEncoder() {
    return Encoders.DOUBLE();
  }

  @Override
  public String toString() {
    return "KpiAggregator[" + plan().kpi + "]";
  }

  /** The KPI compiled against the record fields: how each record adds to the accumulator. */
  private static final class Plan<T> {
    final Kpi kpi;
    final RecordFields<T> fields;
    final Predicate<T> filter;
    final Kind kind;
    final String field;
    final Side<T> numerator;
    final Side<T> denominator;
    final Integer significantDigits;
    final double q;

    enum Kind {
      COUNT, LONG_SUM, DOUBLE_SUM, MEAN, LONG_RATIO, DOUBLE_RATIO, EXACT_QUANTILES, HISTOGRAM_QUANTILES,
      DISTINCT_LONGS, DISTINCT_STRINGS
    }

    private Plan(Kpi kpi, RecordFields<T> fields, Kind kind, String field, Side<T> numerator, Side<T> denominator,
        Integer significantDigits, double q) {
      this.kpi = kpi;
      this.fields = fields;
      this.filter = predicate(kpi.filter().orElse(null), fields);
      this.kind = kind;
      this.field = field;
      this.numerator = numerator;
      this.denominator = denominator;
      this.significantDigits = significantDigits;
      this.q = q;
    }

    static <T> Predicate<T> predicate(Condition c, RecordFields<T> fields) {
      return c == null ? null : r -> c.test(fields.source(r));
    }

    /** The plan of {@code kpi}, a measured KPI that {@code Kpis.check} has accepted for {@code fields}. */
    static <T> Plan<T> compile(Kpi kpi, RecordFields<T> fields) {
      Measure m = kpi.measure();
      if (m instanceof CountMeasure) {
        return new Plan<>(kpi, fields, Kind.COUNT, null, null, null, null, 0);
      }
      if (m instanceof SumMeasure sum) {
        Kind kind = type(fields, sum.field()).isWhole() ? Kind.LONG_SUM : Kind.DOUBLE_SUM;
        return new Plan<>(kpi, fields, kind, sum.field(), null, null, null, 0);
      }
      if (m instanceof MeanMeasure mean) {
        return new Plan<>(kpi, fields, Kind.MEAN, mean.field(), null, null, null, 0);
      }
      if (m instanceof QuantileMeasure qm) {
        Integer digits = qm.significantDigits().orElse(null);
        return new Plan<>(kpi, fields, digits == null ? Kind.EXACT_QUANTILES : Kind.HISTOGRAM_QUANTILES,
            qm.field(), null, null, digits, qm.q());
      }
      if (m instanceof DistinctMeasure distinct) {
        Kind kind = type(fields, distinct.field()) == FieldType.DIMENSION ? Kind.DISTINCT_STRINGS : Kind.DISTINCT_LONGS;
        return new Plan<>(kpi, fields, kind, distinct.field(), null, null, null, 0);
      }
      if (m instanceof RatioMeasure r) {
        Side<T> num = side(fields, r.numerator());
        Side<T> den = side(fields, r.denominator());
        boolean whole = num.wholeField && den.wholeField;
        return new Plan<>(kpi, fields, whole ? Kind.LONG_RATIO : Kind.DOUBLE_RATIO, null, num, den, null, 0);
      }
      throw new IllegalArgumentException("KPI '" + kpi.id() + "': unsupported measure " + m.getClass().getSimpleName());
    }

    private static <T> FieldType type(RecordFields<T> fields, String name) {
      return fields.type(name).orElseThrow(() -> new IllegalStateException("'" + name + "' is not in " + fields));
    }

    private static <T> Side<T> side(RecordFields<T> fields, RatioTerm term) {
      String f = term.field().orElse(null);
      boolean whole = f == null || type(fields, f).isWhole();
      return new Side<>(f, predicate(term.filter().orElse(null), fields), whole);
    }

    Accumulator<?, ?> fresh() {
      switch (kind) {
        case COUNT: return Count.create();
        case LONG_SUM: return LongSum.create();
        case DOUBLE_SUM: return DoubleSum.create();
        case MEAN: return MeanVariance.create();
        case LONG_RATIO: return LongRatio.create();
        case DOUBLE_RATIO: return DoubleRatio.create();
        case EXACT_QUANTILES: return ExactQuantiles.create();
        case HISTOGRAM_QUANTILES: return HistogramQuantiles.create(significantDigits);
        case DISTINCT_LONGS: return DistinctLongs.create();
        case DISTINCT_STRINGS: return DistinctStrings.create();
        default: throw new AssertionError(kind);
      }
    }

    /** Adds {@code r} to {@code acc} as finegrain's engine does (see its {@code Kernels}). */
    void add(Accumulator<?, ?> acc, T r) {
      if (filter != null && !filter.test(r)) {
        return;
      }
      switch (kind) {
        case COUNT:
          ((Count) acc).add();
          return;
        case LONG_SUM: {
          long x = fields.wholeOf(r, field);
          if (x != ColumnBatch.ABSENT) {
            ((LongSum) acc).add(x);
          }
          return;
        }
        case DOUBLE_SUM: {
          double x = fields.decimalOf(r, field);
          if (!Double.isNaN(x)) {
            ((DoubleSum) acc).add(x);
          }
          return;
        }
        case MEAN: {
          double x = fields.decimalOf(r, field);
          if (!Double.isNaN(x)) {
            ((MeanVariance) acc).add(x);
          }
          return;
        }
        case LONG_RATIO:
          ((LongRatio) acc).add(numerator.whole(fields, r), denominator.whole(fields, r));
          return;
        case DOUBLE_RATIO:
          ((DoubleRatio) acc).add(numerator.decimal(fields, r), denominator.decimal(fields, r));
          return;
        case EXACT_QUANTILES: {
          long x = fields.wholeOf(r, field);
          if (x != ColumnBatch.ABSENT) {
            ((ExactQuantiles) acc).add(x);
          }
          return;
        }
        case HISTOGRAM_QUANTILES: {
          long x = fields.wholeOf(r, field);
          if (x != ColumnBatch.ABSENT) {
            ((HistogramQuantiles) acc).add(x);
          }
          return;
        }
        case DISTINCT_LONGS: {
          long x = fields.wholeOf(r, field);
          if (x != ColumnBatch.ABSENT) {
            ((DistinctLongs) acc).add(x);
          }
          return;
        }
        case DISTINCT_STRINGS: {
          String x = fields.textOf(r, field);
          if (x != null) {
            ((DistinctStrings) acc).add(x);
          }
          return;
        }
        default:
          throw new AssertionError(kind);
      }
    }

    /** The value as {@code KpiCell.value()} gives it. */
    OptionalDouble value(Accumulator<?, ?> acc) {
      switch (kind) {
        case COUNT:
          return OptionalDouble.of(acc.count());
        case LONG_SUM:
          return OptionalDouble.of(((LongSum) acc).result().sum());
        case DOUBLE_SUM:
          return OptionalDouble.of(((DoubleSum) acc).result().sum());
        case MEAN:
          return ((MeanVariance) acc).result().mean();
        case LONG_RATIO: {
          LongRatio.Result r = ((LongRatio) acc).result();
          return ratio(r.numerator(), r.denominator());
        }
        case DOUBLE_RATIO: {
          DoubleRatio.Result r = ((DoubleRatio) acc).result();
          return ratio(r.numerator(), r.denominator());
        }
        case EXACT_QUANTILES:
        case HISTOGRAM_QUANTILES: {
          OptionalLong v = ((QuantileResult) acc.result()).quantile(q);
          return v.isPresent() ? OptionalDouble.of(v.getAsLong()) : OptionalDouble.empty();
        }
        case DISTINCT_LONGS:
        case DISTINCT_STRINGS:
          return OptionalDouble.of(((Long) acc.result()).doubleValue());
        default:
          throw new AssertionError(kind);
      }
    }

    private static OptionalDouble ratio(double numerator, double denominator) {
      return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of(numerator / denominator);
    }
  }

  /** One side of a ratio: 1 or the field's value where its filter passes, else 0. */
  private static final class Side<T> {
    final String field;
    final Predicate<T> pass;
    final boolean wholeField;

    Side(String field, Predicate<T> pass, boolean wholeField) {
      this.field = field;
      this.pass = pass;
      this.wholeField = wholeField;
    }

    long whole(RecordFields<T> fields, T r) {
      if (pass != null && !pass.test(r)) {
        return 0;
      }
      if (field == null) {
        return 1;
      }
      long v = fields.wholeOf(r, field);
      return v == ColumnBatch.ABSENT ? 0 : v;
    }

    double decimal(RecordFields<T> fields, T r) {
      if (pass != null && !pass.test(r)) {
        return 0;
      }
      if (field == null) {
        return 1;
      }
      double v = fields.decimalOf(r, field);
      return Double.isNaN(v) ? 0 : v;
    }
  }
}
