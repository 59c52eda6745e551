package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Names the fields of a record type {@code T} for the KPI engine's row path, each with its type
 * and an extractor. The engine reads each field of each record once per query.
 *
 * <pre>{@code
 * Schema<Order> orders = Schema.<Order>builder()
 *     .instant("createdAt", Order::createdAt)
 *     .instant("shippedAt", Order::shippedAt)          // null: not shipped yet
 *     .longField("amountCents", Order::amountCents)
 *     .booleanField("returned", Order::returned)
 *     .dimension("channel", Order::channel)
 *     .build();
 * }</pre>
 */
public final class Schema<T> {
  /** How one field is read from a record. */
  public abstract static class Field<T> {
    private final String name;
    private final FieldType type;

    Field(String name, FieldType type) {
      this.name = name;
      this.type = type;
    }

    /**
     * Reads this field of {@code records[0..n)} into {@code slot}'s block array: one field at a
     * time over a block, so the loop runs one extractor and no per-record type dispatch.
     */
    abstract void fill(T[] records, int n, Slot slot);

    public String name() {
      return name;
    }

    public FieldType type() {
      return type;
    }

    @Override
    public String toString() {
      return name + ": " + type;
    }
  }

  static final class LongField<T> extends Field<T> {
    final ToLongFunction<? super T> extractor;

    LongField(String name, ToLongFunction<? super T> extractor) {
      super(name, FieldType.LONG);
      this.extractor = extractor;
    }

    @Override
    void fill(T[] records, int n, Slot slot) {
      long[] out = slot.longs;
      for (int i = 0; i < n; i++) {
        out[i] = extractor.applyAsLong(records[i]);
      }
    }
  }

  static final class DoubleField<T> extends Field<T> {
    final ToDoubleFunction<? super T> extractor;

    DoubleField(String name, ToDoubleFunction<? super T> extractor) {
      super(name, FieldType.DOUBLE);
      this.extractor = extractor;
    }

    @Override
    void fill(T[] records, int n, Slot slot) {
      double[] out = slot.doubles;
      for (int i = 0; i < n; i++) {
        out[i] = extractor.applyAsDouble(records[i]);
      }
    }
  }

  static final class BooleanField<T> extends Field<T> {
    final Predicate<? super T> extractor;

    BooleanField(String name, Predicate<? super T> extractor) {
      super(name, FieldType.BOOLEAN);
      this.extractor = extractor;
    }

    @Override
    void fill(T[] records, int n, Slot slot) {
      boolean[] out = slot.booleans;
      for (int i = 0; i < n; i++) {
        out[i] = extractor.test(records[i]);
      }
    }
  }

  static final class DimensionField<T> extends Field<T> {
    final Function<? super T, String> extractor;

    DimensionField(String name, Function<? super T, String> extractor) {
      super(name, FieldType.DIMENSION);
      this.extractor = extractor;
    }

    @Override
    void fill(T[] records, int n, Slot slot) {
      int[] out = slot.codes;
      Slot.Dictionary dictionary = slot.dictionary;
      for (int i = 0; i < n; i++) {
        out[i] = dictionary.code(extractor.apply(records[i]));
      }
    }
  }

  static final class InstantField<T> extends Field<T> {
    final Function<? super T, Instant> extractor;

    InstantField(String name, Function<? super T, Instant> extractor) {
      super(name, FieldType.INSTANT);
      this.extractor = extractor;
    }

    @Override
    void fill(T[] records, int n, Slot slot) {
      long[] out = slot.longs;
      for (int i = 0; i < n; i++) {
        Instant t = extractor.apply(records[i]);
        out[i] = t == null ? ColumnBatch.ABSENT : millis(t);
      }
    }
  }

  /** Seconds this far from the epoch cannot overflow a long count of milliseconds. */
  private static final long SAFE_SECONDS = Long.MAX_VALUE / 1000 - 1;

  /**
   * {@link Instant#toEpochMilli()}, whose overflow checks only instants more than 290 million
   * years from the epoch can fail; those still go through it and throw as it does.
   */
  static long millis(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds > -SAFE_SECONDS && seconds < SAFE_SECONDS) {
      return seconds * 1000 + t.getNano() / 1_000_000; // nanos are 0 or more, so this floors as toEpochMilli
    }
    return t.toEpochMilli();
  }

  private final ImmutableMap<String, Field<T>> fields;

  private Schema(Map<String, Field<T>> fields) {
    this.fields = ImmutableMap.copyOf(fields);
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** The fields, in the order they were declared. */
  public ImmutableMap<String, Field<T>> fields() {
    return fields;
  }

  /** The field called {@code name}, if declared. */
  public Optional<Field<T>> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The type of each field, in declaration order. */
  public ImmutableMap<String, FieldType> types() {
    return fields.values().stream().collect(ImmutableMap.toImmutableMap(Field::name, Field::type));
  }

  @Override
  public String toString() {
    return "Schema" + fields.values();
  }

  /** Builds a {@link Schema}; a field name may be declared once. */
  public static final class Builder<T> {
    private final Map<String, Field<T>> fields = new LinkedHashMap<>();

    private Builder() {}

    private Builder<T> add(Field<T> field) {
      checkArgument(!field.name().isBlank(), "field name must not be blank");
      checkArgument(!fields.containsKey(field.name()), "field '%s' is declared twice", field.name());
      fields.put(field.name(), field);
      return this;
    }

    /** A whole-number field. */
    public Builder<T> longField(String name, ToLongFunction<? super T> extractor) {
      return add(new LongField<>(checkNotNull(name, "name"), checkNotNull(extractor, "extractor")));
    }

    /** A decimal field; {@code NaN} means absent. */
    public Builder<T> doubleField(String name, ToDoubleFunction<? super T> extractor) {
      return add(new DoubleField<>(checkNotNull(name, "name"), checkNotNull(extractor, "extractor")));
    }

    /** A boolean field. */
    public Builder<T> booleanField(String name, Predicate<? super T> extractor) {
      return add(new BooleanField<>(checkNotNull(name, "name"), checkNotNull(extractor, "extractor")));
    }

    /** A text field to group or filter by; the extractor returns {@code null} when absent. */
    public Builder<T> dimension(String name, Function<? super T, String> extractor) {
      return add(new DimensionField<>(checkNotNull(name, "name"), checkNotNull(extractor, "extractor")));
    }

    /** An instant field; the extractor returns {@code null} when absent. */
    public Builder<T> instant(String name, Function<? super T, Instant> extractor) {
      return add(new InstantField<>(checkNotNull(name, "name"), checkNotNull(extractor, "extractor")));
    }

    public Schema<T> build() {
      checkArgument(!fields.isEmpty(), "a schema needs at least one field");
      return new Schema<>(fields);
    }
  }
}
