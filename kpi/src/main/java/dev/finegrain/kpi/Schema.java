package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Names the fields of a record type {@code T} for the KPI engine's row path, each with its type
 * and an extractor. The engine reads each field of each record once per query (a block of records
 * whose reading fails is read again, field by field, so that the failure is the same whichever way
 * the block was read).
 *
 * <p>Build a schema once and keep it, as a constant or beside the code that queries its records: a
 * schema makes, at the first query that reads a whole block of records (2,048) with a given set of
 * fields, a small class that reads those fields record by record (two for a query of the common
 * shape: the second counts each record into the query's loop as it reads it), and keeps them for
 * later queries and threads. A schema built anew for each query reads correctly, but makes those
 * classes each time.
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
 *
 * @since 0.1
 */
public final class Schema<T> {
  /**
   * How one field is read from a record.
   *
   * @since 0.1
   */
  public abstract static class Field<T> {
    private final String name;
    private final FieldType type;

    Field(String name, FieldType type) {
      this.name = name;
      this.type = type;
    }

    /**
     * Reads this field of {@code records[from..to)} into the same positions of {@code slot}'s block
     * array: one field at a time over a run of records, so the loop runs one extractor and no
     * per-record type dispatch.
     */
    abstract void fill(T[] records, int from, int to, Slot slot);

    /** {@return the field's name} */
    public String name() {
      return name;
    }

    /** {@return the field's type} */
    public FieldType type() {
      return type;
    }

    @Override
    public String toString() {
      return name + ": " + type;
    }
  }

  // Every field type has two classes with the same fill loop, and a schema's fields of one type
  // alternate between them. The JIT profiles the extractor call in a loop per class, and inlines
  // it while that call has seen at most two extractors; a shared loop for, say, three instant
  // fields would call each extractor through an interface dispatch per record. With two copies a
  // schema may have four fields of each type before that happens (measured: the benchmark's rows
  // path with three instant fields takes about a fifth less time than with one shared loop). The
  // copies are shared by every schema in the JVM, so the gain is for the schemas a JVM reads most;
  // others still read correctly, through the dispatch.

  abstract static class LongField<T> extends Field<T> {
    final ToLongFunction<? super T> extractor;

    LongField(String name, ToLongFunction<? super T> extractor) {
      super(name, FieldType.LONG);
      this.extractor = extractor;
    }

    static <T> LongField<T> of(String name, ToLongFunction<? super T> extractor, int copy) {
      return copy % 2 == 0 ? new LongField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          long[] out = slot.longs;
          long low = slot.low;
          long high = slot.high;
          boolean absent = false;
          for (int i = from; i < to; i++) {
            long v = extractor.applyAsLong(records[i]);
            out[i] = v;
            if (v == ColumnBatch.ABSENT) {
              absent = true;
            } else {
              low = Math.min(low, v);
              high = Math.max(high, v);
            }
          }
          slot.low = low;
          slot.high = high;
          slot.absent |= absent;
        }
      } : new LongField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          long[] out = slot.longs;
          long low = slot.low;
          long high = slot.high;
          boolean absent = false;
          for (int i = from; i < to; i++) {
            long v = extractor.applyAsLong(records[i]);
            out[i] = v;
            if (v == ColumnBatch.ABSENT) {
              absent = true;
            } else {
              low = Math.min(low, v);
              high = Math.max(high, v);
            }
          }
          slot.low = low;
          slot.high = high;
          slot.absent |= absent;
        }
      };
    }
  }

  abstract static class DoubleField<T> extends Field<T> {
    final ToDoubleFunction<? super T> extractor;

    DoubleField(String name, ToDoubleFunction<? super T> extractor) {
      super(name, FieldType.DOUBLE);
      this.extractor = extractor;
    }

    static <T> DoubleField<T> of(String name, ToDoubleFunction<? super T> extractor, int copy) {
      return copy % 2 == 0 ? new DoubleField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          double[] out = slot.doubles;
          for (int i = from; i < to; i++) {
            out[i] = extractor.applyAsDouble(records[i]);
          }
        }
      } : new DoubleField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          double[] out = slot.doubles;
          for (int i = from; i < to; i++) {
            out[i] = extractor.applyAsDouble(records[i]);
          }
        }
      };
    }
  }

  abstract static class BooleanField<T> extends Field<T> {
    final Predicate<? super T> extractor;

    BooleanField(String name, Predicate<? super T> extractor) {
      super(name, FieldType.BOOLEAN);
      this.extractor = extractor;
    }

    static <T> BooleanField<T> of(String name, Predicate<? super T> extractor, int copy) {
      return copy % 2 == 0 ? new BooleanField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          boolean[] out = slot.booleans;
          for (int i = from; i < to; i++) {
            out[i] = extractor.test(records[i]);
          }
        }
      } : new BooleanField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          boolean[] out = slot.booleans;
          for (int i = from; i < to; i++) {
            out[i] = extractor.test(records[i]);
          }
        }
      };
    }
  }

  abstract static class DimensionField<T> extends Field<T> {
    final Function<? super T, String> extractor;

    DimensionField(String name, Function<? super T, String> extractor) {
      super(name, FieldType.DIMENSION);
      this.extractor = extractor;
    }

    static <T> DimensionField<T> of(String name, Function<? super T, String> extractor, int copy) {
      return copy % 2 == 0 ? new DimensionField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          int[] out = slot.codes;
          Slot.Dictionary dictionary = slot.dictionary;
          for (int i = from; i < to; i++) {
            out[i] = dictionary.code(extractor.apply(records[i]));
          }
        }
      } : new DimensionField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          int[] out = slot.codes;
          Slot.Dictionary dictionary = slot.dictionary;
          for (int i = from; i < to; i++) {
            out[i] = dictionary.code(extractor.apply(records[i]));
          }
        }
      };
    }
  }

  abstract static class InstantField<T> extends Field<T> {
    final Function<? super T, Instant> extractor;

    InstantField(String name, Function<? super T, Instant> extractor) {
      super(name, FieldType.INSTANT);
      this.extractor = extractor;
    }

    static <T> InstantField<T> of(String name, Function<? super T, Instant> extractor, int copy) {
      return copy % 2 == 0 ? new InstantField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          long[] out = slot.longs;
          long low = slot.low;
          long high = slot.high;
          boolean absent = false;
          for (int i = from; i < to; i++) {
            Instant t = extractor.apply(records[i]);
            if (t == null) {
              out[i] = ColumnBatch.ABSENT;
              absent = true;
            } else {
              long v = millis(t);
              out[i] = v;
              low = Math.min(low, v);
              high = Math.max(high, v);
            }
          }
          slot.low = low;
          slot.high = high;
          slot.absent |= absent;
        }
      } : new InstantField<T>(name, extractor) {
        @Override
        void fill(T[] records, int from, int to, Slot slot) {
          long[] out = slot.longs;
          long low = slot.low;
          long high = slot.high;
          boolean absent = false;
          for (int i = from; i < to; i++) {
            Instant t = extractor.apply(records[i]);
            if (t == null) {
              out[i] = ColumnBatch.ABSENT;
              absent = true;
            } else {
              long v = millis(t);
              out[i] = v;
              low = Math.min(low, v);
              high = Math.max(high, v);
            }
          }
          slot.low = low;
          slot.high = high;
          slot.absent |= absent;
        }
      };
    }
  }

  /** Seconds this far from the epoch cannot overflow a long count of milliseconds. */
  private static final long SAFE_SECONDS = Long.MAX_VALUE / 1000 - 1;

  /**
   * {@link Instant#toEpochMilli()}, whose overflow checks only instants more than 290 million
   * years from the epoch can fail; those still go through it and throw as it does. The first
   * millisecond, {@code Long.MIN_VALUE}, stands for an absent instant ({@link ColumnBatch#ABSENT}),
   * so an instant in it is refused as one beyond the range rather than read as absent.
   */
  static long millis(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds > -SAFE_SECONDS && seconds < SAFE_SECONDS) {
      return seconds * 1000 + t.getNano() / 1_000_000; // nanos are 0 or more, so this floors as toEpochMilli
    }
    long millis = t.toEpochMilli();
    if (millis == ColumnBatch.ABSENT) {
      throw new ArithmeticException("long overflow: " + t + " is in the first epoch millisecond, Long.MIN_VALUE, "
          + "which stands for an absent instant");
    }
    return millis;
  }

  private final ImmutableMap<String, Field<T>> fields;
  /**
   * The record-by-record readers made for this schema, by the names of the fields they read and,
   * for a reader that counts into the fused loop, the fields' roles there ({@link RowReaders});
   * empty where none could be made. Made once per key and shared by the queries and threads that
   * read it.
   */
  private final ConcurrentHashMap<List<Object>, Optional<RowReaders.Reader>> readers = new ConcurrentHashMap<>();

  /** A schema keeps at most this many readers; further lists of fields (or roles) are read field by field. */
  static final int MAX_READERS = 64;

  private Schema(Map<String, Field<T>> fields) {
    this.fields = ImmutableMap.copyOf(fields);
  }

  /**
   * The reader of {@code fields} (at most {@link RowReaders#LANES}, all of this schema) record by
   * record, made on first use; empty where the runtime does not allow one or this schema already
   * keeps {@link #MAX_READERS}.
   */
  Optional<RowReaders.Reader> reader(List<Field<T>> fields) {
    return reader(fields, null);
  }

  /**
   * {@link #reader(List)}, able to count straight into a fused kernel if {@code roles} is not
   * null ({@link RowReaders#define}); kept apart from the reader of the same fields without roles.
   */
  Optional<RowReaders.Reader> reader(List<Field<T>> fields, int[] roles) {
    ImmutableList.Builder<Object> key = ImmutableList.builder();
    fields.forEach(f -> key.add(f.name()));
    if (roles != null) {
      key.add("roles");
      for (int role : roles) {
        key.add(role);
      }
    }
    List<Object> names = key.build();
    Optional<RowReaders.Reader> known = readers.get(names);
    if (known != null) {
      return known;
    }
    if (readers.size() >= MAX_READERS) {
      return Optional.empty();
    }
    return readers.computeIfAbsent(names, k -> RowReaders.define(fields, roles));
  }

  /** The number of readers (lists of fields, with or without roles) this schema has been asked for (for tests). */
  int readers() {
    return readers.size();
  }

  /**
   * Starts a schema.
   *
   * @param <T> the record type
   * @return a builder with no fields yet
   */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** {@return the fields, in the order they were declared} */
  public Map<String, Field<T>> fields() {
    return fields;
  }

  /**
   * The field called {@code name}, if declared.
   *
   * @param name the field's name, as queries refer to it
   * @return the field called {@code name}, if declared
   */
  public Optional<Field<T>> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** {@return the type of each field, in declaration order} */
  public Map<String, FieldType> types() {
    return fields.values().stream().collect(ImmutableMap.toImmutableMap(Field::name, Field::type));
  }

  @Override
  public String toString() {
    return "Schema" + fields.values();
  }

  /**
   * Builds a {@link Schema}; a field name may be declared once.
   *
   * @since 0.1
   */
  public static final class Builder<T> {
    private final Map<String, Field<T>> fields = new LinkedHashMap<>();

    private final int[] ofType = new int[FieldType.values().length];

    private Builder() {}

    /** Which of the two copies of its type's class the next field of {@code type} takes. */
    private int copy(FieldType type) {
      return ofType[type.ordinal()]++;
    }

    private Builder<T> add(Field<T> field) {
      checkArgument(!field.name().isBlank(), "field name must not be blank");
      checkArgument(!fields.containsKey(field.name()), "field '%s' is declared twice", field.name());
      fields.put(field.name(), field);
      return this;
    }

    /**
     * A whole-number field; {@link ColumnBatch#ABSENT} ({@code Long.MIN_VALUE}) means absent.
     *
     * @param name the field's name, as queries refer to it
     * @param extractor reads the field's value from a record
     * @return a whole-number field
     */
    public Builder<T> longField(String name, ToLongFunction<? super T> extractor) {
      return add(LongField.of(checkNotNull(name, "name"), checkNotNull(extractor, "extractor"), copy(FieldType.LONG)));
    }

    /**
     * A decimal field; {@code NaN} means absent.
     *
     * @param name the field's name, as queries refer to it
     * @param extractor reads the field's value from a record
     * @return a decimal field; {@code NaN} means absent
     */
    public Builder<T> doubleField(String name, ToDoubleFunction<? super T> extractor) {
      return add(DoubleField.of(checkNotNull(name, "name"), checkNotNull(extractor, "extractor"), copy(FieldType.DOUBLE)));
    }

    /**
     * A boolean field.
     *
     * @param name the field's name, as queries refer to it
     * @param extractor reads the field's value from a record
     * @return a boolean field
     */
    public Builder<T> booleanField(String name, Predicate<? super T> extractor) {
      return add(BooleanField.of(checkNotNull(name, "name"), checkNotNull(extractor, "extractor"), copy(FieldType.BOOLEAN)));
    }

    /**
     * A text field to group or filter by; the extractor returns {@code null} when absent.
     *
     * @param name the field's name, as queries refer to it
     * @param extractor reads the field's value from a record
     * @return a text field to group or filter by; the extractor returns {@code null} when absent
     */
    public Builder<T> dimension(String name, Function<? super T, String> extractor) {
      return add(DimensionField.of(checkNotNull(name, "name"), checkNotNull(extractor, "extractor"), copy(FieldType.DIMENSION)));
    }

    /**
     * An instant field; the extractor returns {@code null} when absent.
     *
     * @param name the field's name, as queries refer to it
     * @param extractor reads the field's value from a record
     * @return an instant field; the extractor returns {@code null} when absent
     */
    public Builder<T> instant(String name, Function<? super T, Instant> extractor) {
      return add(InstantField.of(checkNotNull(name, "name"), checkNotNull(extractor, "extractor"), copy(FieldType.INSTANT)));
    }

    /** {@return the schema} */
    public Schema<T> build() {
      checkArgument(!fields.isEmpty(), "a schema needs at least one field");
      return new Schema<>(fields);
    }
  }
}
