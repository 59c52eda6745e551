package dev.finegrain.examples.spark;

import dev.finegrain.core.condition.FieldSource;
import dev.finegrain.kpi.ColumnBatch;
import dev.finegrain.kpi.FieldType;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a {@link KpiAggregator} reads the fields a KPI names from one input record of type {@code T}:
 * the Spark-side twin of finegrain's {@code Schema}, with the same field types and absent values,
 * but serializable, because Spark ships the aggregator to its executors.
 *
 * <pre>{@code
 * RecordFields<Order> fields = RecordFields.<Order>builder()
 *     .instant("createdAt", Order::getCreatedAt)       // null: absent
 *     .instant("shippedAt", Order::getShippedAt)
 *     .longField("amountCents", Order::getAmountCents)
 *     .booleanField("returned", Order::isReturned)
 *     .dimension("channel", Order::getChannel)         // null: absent
 *     .build();
 * RecordFields<Row> sqlArgs = RecordFields.ofRow(structType);   // for DataFrames and SQL
 * }</pre>
 *
 * <p>Absent values are as in finegrain: {@code null} for a dimension or an instant,
 * {@code NaN} for a double; a whole-number field read as {@link ColumnBatch#ABSENT} is absent too.
 * Instants are held as epoch milliseconds, as finegrain's engine holds them, and shown to
 * conditions as {@link Instant}s, so that they compare with each other and with instant constants
 * as the engine compares them.
 *
 * @param <T> the input record type
 */
public final class RecordFields<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A whole-number extractor Spark can serialize. */
  @FunctionalInterface
  public interface LongGetter<T> extends ToLongFunction<T>, Serializable {}

  /** A decimal extractor Spark can serialize. */
  @FunctionalInterface
  public interface DoubleGetter<T> extends ToDoubleFunction<T>, Serializable {}

  /** A boolean extractor Spark can serialize. */
  @FunctionalInterface
  public interface BooleanGetter<T> extends Predicate<T>, Serializable {}

  /** A text or instant extractor Spark can serialize; {@code null} means absent. */
  @FunctionalInterface
  public interface Getter<T, V> extends Function<T, V>, Serializable {}

  /** One field: its type and how to read it as a finegrain value (or {@code null} when absent). */
  private static final class Field<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    final FieldType type;
    final Getter<T, Object> read;

    Field(FieldType type, Getter<T, Object> read) {
      this.type = type;
      this.read = read;
    }
  }

  private final Map<String, Field<T>> fields;

  private RecordFields(Map<String, Field<T>> fields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Fields read from Spark {@link Row}s of {@code schema}, by name: {@code long}, {@code int},
   * {@code short} and {@code byte} columns are whole numbers, {@code double} and {@code float}
   * decimals ({@code NaN} is absent), {@code boolean} booleans, {@code string} dimensions, {@code timestamp} instants
   * ({@code java.sql.Timestamp} or {@code Instant}, whichever Spark hands over). A SQL
   * {@code NULL} is an absent value. Columns of other types are left out.
   */
  public static RecordFields<Row> ofRow(StructType schema) {
    Builder<Row> b = builder();
    for (StructField f : schema.fields()) {
      String name = f.name();
      FieldType type = typeOf(f.dataType()).orElse(null);
      if (type == FieldType.LONG) {
        b.add(name, type, r -> {
          int i = r.fieldIndex(name);
          return r.isNullAt(i) ? null : ((Number) r.get(i)).longValue();
        });
      } else if (type == FieldType.DOUBLE) {
        b.add(name, type, r -> {
          int i = r.fieldIndex(name);
          if (r.isNullAt(i)) {
            return null;
          }
          double v = ((Number) r.get(i)).doubleValue();
          return Double.isNaN(v) ? null : v; // NaN is finegrain's absent decimal
        });
      } else if (type == FieldType.BOOLEAN) {
        // finegrain booleans are always present; a NULL reads as false
        b.add(name, type, r -> {
          int i = r.fieldIndex(name);
          return !r.isNullAt(i) && r.getBoolean(i);
        });
      } else if (type == FieldType.DIMENSION) {
        b.add(name, type, r -> {
          int i = r.fieldIndex(name);
          return r.isNullAt(i) ? null : r.getString(i);
        });
      } else if (type == FieldType.INSTANT) {
        b.add(name, type, r -> {
          int i = r.fieldIndex(name);
          return r.isNullAt(i) ? null : epochMillis(r.get(i));
        });
      }
    }
    return b.build();
  }

  /**
   * The type {@link #ofRow} reads each column of {@code schema} as, leaving out columns of other
   * types; of two columns of one name (a join's), the last, as {@link KpiAggregator#argumentSchema}
   * takes it.
   */
  static Map<String, FieldType> typesOf(StructType schema) {
    Map<String, FieldType> out = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      out.remove(f.name());
      typeOf(f.dataType()).ifPresent(t -> out.put(f.name(), t));
    }
    return out;
  }

  /** The finegrain type of a Spark column type, if {@link #ofRow} reads it. */
  private static Optional<FieldType> typeOf(DataType t) {
    if (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.ByteType)) {
      return Optional.of(FieldType.LONG);
    } else if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)) {
      return Optional.of(FieldType.DOUBLE);
    } else if (t.equals(DataTypes.BooleanType)) {
      return Optional.of(FieldType.BOOLEAN);
    } else if (t.equals(DataTypes.StringType)) {
      return Optional.of(FieldType.DIMENSION);
    } else if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
      return Optional.of(FieldType.INSTANT);
    }
    return Optional.empty();
  }

  private static long epochMillis(Object t) {
    if (t instanceof Instant) {
      return ((Instant) t).toEpochMilli();
    }
    if (t instanceof Timestamp) {
      return ((Timestamp) t).getTime();
    }
    if (t instanceof LocalDateTime) {
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    throw new IllegalArgumentException("not a timestamp: " + t.getClass().getName());
  }

  /** The type of each field, in declaration order. */
  public Map<String, FieldType> types() {
    Map<String, FieldType> out = new LinkedHashMap<>();
    fields.forEach((name, f) -> out.put(name, f.type));
    return out;
  }

  /** The type of {@code name}, if declared. */
  public Optional<FieldType> type(String name) {
    return Optional.ofNullable(fields.get(name)).map(f -> f.type);
  }

  /**
   * The value of {@code name} in {@code record} as finegrain holds it: {@code Long} (whole numbers
   * and instants as epoch milliseconds), {@code Double}, {@code Boolean}, {@code String}; empty
   * when absent.
   */
  public Optional<Object> value(T record, String name) {
    Field<T> f = fields.get(name);
    return f == null ? Optional.empty() : Optional.ofNullable(f.read.apply(record));
  }

  /** A whole-number field's value, or {@link ColumnBatch#ABSENT}. */
  long wholeOf(T record, String name) {
    Object v = fields.get(name).read.apply(record);
    return v == null ? ColumnBatch.ABSENT : ((Number) v).longValue();
  }

  /** A numeric field's value as a {@code double}, or {@code NaN} when absent. */
  double decimalOf(T record, String name) {
    Object v = fields.get(name).read.apply(record);
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Long && (Long) v == ColumnBatch.ABSENT) {
      return Double.NaN;
    }
    return ((Number) v).doubleValue();
  }

  /** A dimension field's value, or {@code null} when absent. */
  String textOf(T record, String name) {
    return (String) fields.get(name).read.apply(record);
  }

  /** The record as a core {@link FieldSource}, for evaluating KPI filters: instants as {@link Instant}s. */
  FieldSource source(T record) {
    return name -> value(record, name).map(v -> fields.get(name).type == FieldType.INSTANT
        ? Instant.ofEpochMilli((Long) v) : v);
  }

  @Override
  public String toString() {
    return "RecordFields" + types();
  }

  /** Builds {@link RecordFields}; a field name may be declared once. */
  public static final class Builder<T> {
    private final Map<String, Field<T>> fields = new LinkedHashMap<>();

    private Builder() {}

    private Builder<T> add(String name, FieldType type, Getter<T, Object> read) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("field name must not be blank");
      }
      if (fields.containsKey(name)) {
        throw new IllegalArgumentException("field '" + name + "' is declared twice");
      }
      fields.put(name, new Field<>(type, read));
      return this;
    }

    /** A whole-number field; {@link ColumnBatch#ABSENT} means absent. */
    public Builder<T> longField(String name, LongGetter<? super T> extractor) {
      return add(name, FieldType.LONG, r -> {
        long v = extractor.applyAsLong(r);
        return v == ColumnBatch.ABSENT ? null : v;
      });
    }

    /** A decimal field; {@code NaN} means absent. */
    public Builder<T> doubleField(String name, DoubleGetter<? super T> extractor) {
      return add(name, FieldType.DOUBLE, r -> {
        double v = extractor.applyAsDouble(r);
        return Double.isNaN(v) ? null : v;
      });
    }

    /** A boolean field, always present. */
    public Builder<T> booleanField(String name, BooleanGetter<? super T> extractor) {
      return add(name, FieldType.BOOLEAN, r -> extractor.test(r));
    }

    /** A text field to group or filter by; {@code null} means absent. */
    public Builder<T> dimension(String name, Getter<? super T, String> extractor) {
      return add(name, FieldType.DIMENSION, r -> extractor.apply(r));
    }

    /** An instant field; {@code null} means absent. */
    public Builder<T> instant(String name, Getter<? super T, Instant> extractor) {
      return add(name, FieldType.INSTANT, r -> {
        Instant t = extractor.apply(r);
        return t == null ? null : t.toEpochMilli();
      });
    }

    /** The fields; none is fine for a KPI that reads none (a count without a filter). */
    public RecordFields<T> build() {
      return new RecordFields<>(fields);
    }
  }
}
