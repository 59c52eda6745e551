package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.kpi.Schema.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Runs KPI queries over records, as rows or as columns; both paths give the same table. A query
 * runs on the calling thread unless given a {@link Parallelism}: then other threads may take
 * chunks of its records at the same time, and what each found is merged.
 *
 * <pre>{@code
 * KpiTable daily = Kpis.run(query, batch);                 // columns: the fast path
 * KpiTable same  = Kpis.run(query, ordersSchema, orders);  // rows: any Iterable of your own type
 * KpiTable again = Kpis.run(query, batch, Parallelism.on(pool, 8)); // 8 workers at once: this thread, 7 of pool
 * }</pre>
 *
 * @since 0.1
 */
public final class Kpis {
  private Kpis() {}

  /**
   * Runs {@code query} over a column batch, on the calling thread.
   *
   * @param query the query
   * @param batch the records, as columns
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query does not fit the batch's fields, before
   *     any record is read: each problem {@link #check(KpiQuery, Map)} finds, with its path
   * @throws ArithmeticException if record values overflow a derived field or a sum, naming which
   */
  public static KpiTable run(KpiQuery query, ColumnBatch batch) {
    return run(query, batch, Parallelism.none());
  }

  /**
   * Runs {@code query} over a column batch, on as many threads as {@code parallelism} allows: the
   * records are cut into chunks of consecutive records, which the workers take as they come, each
   * into a state of its own, and their states merged.
   * The table is the single thread's, bit for bit (see {@link Parallelism}). The
   * batch's arrays must not change once it is built (see {@link ColumnBatch}).
   *
   * @param query the query
   * @param batch the records, as columns
   * @param parallelism how many threads the query may use, and whose
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query does not fit the batch's fields, before
   *     any record is read: each problem {@link #check(KpiQuery, Map)} finds, with its path
   * @throws ArithmeticException if record values overflow a derived field or a sum, naming which
   */
  public static KpiTable run(KpiQuery query, ColumnBatch batch, Parallelism parallelism) {
    return run(query, batch, parallelism, FusedDayKernel.Limits.DEFAULT, null);
  }

  /**
   * {@link #run(KpiQuery, ColumnBatch, Parallelism)} with the fused loop of the common shape
   * ({@link FusedDayKernel}) flushing at {@code fuse}'s limits, or without it (null), adding to
   * {@code fusedBlocks} (if not null) the blocks it took: for tests, which check that both give
   * the same table.
   */
  static KpiTable run(KpiQuery query, ColumnBatch batch, Parallelism parallelism, FusedDayKernel.Limits fuse,
      LongAdder fusedBlocks) {
    checkNotNull(query, "query");
    checkNotNull(batch, "batch");
    checkNotNull(parallelism, "parallelism");
    Map<String, Slot.Dictionary> dictionaries = new HashMap<>();
    batch.columns().values().stream().filter(c -> c.type() == FieldType.DIMENSION)
        .forEach(c -> dictionaries.put(c.name(), Slot.Dictionary.fixed(c.dictionary())));
    return inParts(parallelism, batch.size(), new Part() {
      @Override
      public QueryEngine engine() {
        return new QueryEngine(query, batch.types(), dictionaries::get);
      }

      @Override
      public void aggregate(QueryEngine engine, int from, int to) {
        if (fuse != null) {
          engine.useColumns(batch, fuse);
        }
        List<Slot> slots = engine.recordSlots();
        for (Slot slot : slots) {
          ColumnBatch.Column column = batch.column(slot.name).orElseThrow();
          slot.longs = column.longs;
          slot.doubles = column.doubles;
          slot.booleans = column.booleans;
          slot.codes = column.codes;
        }
        for (int start = from; start < to; start += QueryEngine.BLOCK) {
          int n = Math.min(QueryEngine.BLOCK, to - start);
          for (Slot slot : slots) {
            slot.offset = start;
          }
          engine.aggregateBlock(n);
        }
        if (fusedBlocks != null) {
          fusedBlocks.add(engine.takeFusedBlocks());
        }
      }
    });
  }

  /**
   * Runs {@code query} over records of any type, read through {@code schema}, on the calling thread.
   *
   * @param <T> the record type
   * @param query the query
   * @param schema how the query's fields are read from a record
   * @param records the records, read once in order
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query does not fit the schema's fields, before
   *     any record is read: each problem {@link #check(KpiQuery, Map)} finds, with its path
   * @throws ArithmeticException if record values overflow a derived field or a sum, naming which
   * @throws IllegalArgumentException if a record's decimal field is infinite, naming the field
   * @throws NullPointerException if a record is null, naming its index
   *     ({@code records[1]: expected a record, got null}), unless every extractor the query calls
   *     takes a null record without failing
   */
  public static <T> KpiTable run(KpiQuery query, Schema<T> schema, Iterable<? extends T> records) {
    return run(query, schema, records, Parallelism.none());
  }

  /**
   * Runs {@code query} over records of any type, read through {@code schema}, on as many threads
   * as {@code parallelism} allows. Records in an {@link ArrayList}, in a list made by
   * {@code List.of}, {@code List.copyOf}, {@code Stream.toList} or {@code Arrays.asList}, or in a
   * Guava {@code ImmutableList} are cut into chunks of consecutive records, which the workers take as they come, each into a
   * state of its own, and their states merged; the table is the single thread's, bit for bit (see {@link Parallelism}).
   * Any other {@code Iterable} is read once, in order, on the calling thread. The schema's
   * extractors are then called from several threads at once, and the list must not change while
   * the query runs.
   *
   * @param <T> the record type
   * @param query the query
   * @param schema how the query's fields are read from a record
   * @param records the records
   * @param parallelism how many threads the query may use, and whose
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query does not fit the schema's fields, before
   *     any record is read: each problem {@link #check(KpiQuery, Map)} finds, with its path
   * @throws ArithmeticException if record values overflow a derived field or a sum, naming which
   * @throws IllegalArgumentException if a record's decimal field is infinite, naming the field
   * @throws NullPointerException if a record is null, naming its index
   *     ({@code records[1]: expected a record, got null}), unless every extractor the query calls
   *     takes a null record without failing
   */
  public static <T> KpiTable run(KpiQuery query, Schema<T> schema, Iterable<? extends T> records,
      Parallelism parallelism) {
    return run(query, schema, records, parallelism, FusedDayKernel.Limits.DEFAULT, null, RowRead.FUSED);
  }

  /**
   * Checks {@code query} against records whose fields have {@code types}, as {@code run} does before
   * it reads a record: for code that reads the records itself (a Spark job, an engine of your own)
   * and should refuse what {@code Kpis.run} refuses, with the same problems at the same paths,
   * rather than count a filter of another kind than its field as matching nothing.
   *
   * <pre>{@code
   * Kpis.check(query, schema.types());   // what Kpis.run(query, schema, records) checks first
   * Kpis.check(query, Map.of("returned", FieldType.BOOLEAN, "amountCents", FieldType.LONG));
   * }</pre>
   *
   * @param query the query
   * @param types the type of each field of the records, by name; its order is that of the known
   *     fields a message lists
   * @throws dev.finegrain.core.DefinitionException listing, each with its path in the query: every
   *     field the query names that {@code types} lacks; every field of a type its use cannot take
   *     (a time field that is no instant, a group-by field that is no dimension, a sum, mean or
   *     ratio of a field that is no number, an instant included, a quantile of one that is no whole
   *     number, a distinct count of a boolean or a decimal); every filter constant of another kind
   *     than its field ({@code "returned": "true"} against a boolean field, ISO text against an
   *     instant, {@code amountCents == 1500.5}), and every two compared fields of different kinds;
   *     every derived field named as a field of the records, reading a field that is neither a
   *     number nor an instant, or doing more with an instant than subtract another from it
   * @throws NullPointerException if an argument, a name or a type in {@code types} is null
   */
  public static void check(KpiQuery query, Map<String, FieldType> types) {
    checkNotNull(query, "query");
    QueryEngine.check(query, copyOfTypes(types));
  }

  /**
   * Checks one KPI against records whose fields have {@code types}, as {@link #check(KpiQuery, Map)}
   * checks a query of this KPI alone: the problems are those {@code Kpis.run} reports for such a
   * query, and their paths begin with {@code kpis[0]}
   * ({@code kpis[0].measure.numerator.filter.value: 'returned' is a BOOLEAN field; expected true or
   * false, got a text "true"}). A derived KPI reads other KPIs, not records, so it has no field to
   * check; the query that holds it checks the KPIs it reads.
   *
   * <pre>{@code
   * Kpis.check(EcommerceKpis.returnRate(), Map.of("returned", FieldType.BOOLEAN));
   * }</pre>
   *
   * @param kpi the KPI
   * @param types the type of each field of the records, by name
   * @throws dev.finegrain.core.DefinitionException as {@link #check(KpiQuery, Map)} does
   * @throws NullPointerException if an argument, a name or a type in {@code types} is null
   */
  public static void check(Kpi kpi, Map<String, FieldType> types) {
    checkNotNull(kpi, "kpi");
    Map<String, FieldType> copy = copyOfTypes(types);
    if (!kpi.isDerived()) {
      QueryEngine.check(KpiQuery.builder().addKpis(kpi).build(), copy);
    }
  }

  private static Map<String, FieldType> copyOfTypes(Map<String, FieldType> types) {
    checkNotNull(types, "types");
    types.forEach((name, type) -> {
      checkNotNull(name, "types: a field name is null");
      checkNotNull(type, "types: the type of field '%s' is null", name);
    });
    return ImmutableMap.copyOf(types);
  }

  /** How the row path reads records: for tests, which compare the ways. */
  enum RowRead {
    /** Each field over a run of records, then the next ({@link Schema.Field#fill}). */
    BY_FIELD,
    /** Every field of a record, record by record, through the schema's reader into the block buffers. */
    BY_RECORD,
    /**
     * {@link #BY_RECORD}, and where the query has the fused loop's shape, counted straight into
     * the loop as read ({@link QueryEngine#fuseRecords}): what queries do.
     */
    FUSED
  }

  /**
   * {@link #run(KpiQuery, Schema, Iterable, Parallelism)} with the fused loop of the common shape
   * flushing at {@code fuse}'s limits, or without it (null), adding to {@code fusedBlocks} (if not
   * null) the blocks it took whole, and reading records as {@code read} says: for tests.
   */
  static <T> KpiTable run(KpiQuery query, Schema<T> schema, Iterable<? extends T> records,
      Parallelism parallelism, FusedDayKernel.Limits fuse, LongAdder fusedBlocks,
      RowRead read) {
    return run(query, schema, records, parallelism, fuse, fusedBlocks, read, null);
  }

  /**
   * {@link #run(KpiQuery, Schema, Iterable, Parallelism, FusedDayKernel.Limits, LongAdder, RowRead)},
   * adding to {@code countedAsRead} (if not null) the records counted (or skipped) straight into
   * the loop as they were read.
   */
  static <T> KpiTable run(KpiQuery query, Schema<T> schema, Iterable<? extends T> records,
      Parallelism parallelism, FusedDayKernel.Limits fuse, LongAdder fusedBlocks,
      RowRead read, LongAdder countedAsRead) {
    checkNotNull(query, "query");
    checkNotNull(schema, "schema");
    checkNotNull(records, "records");
    checkNotNull(parallelism, "parallelism");
    if (splits(records)) {
      // a block is one bulk copy, not an iterator step per record. Only for lists whose views
      // fail fast when the list changes (an ArrayList), whose size cannot change (Arrays.asList)
      // or that cannot change at all; any other list, a CopyOnWriteArrayList or a wrapper of
      // unknown contents among them, is read through its iterator
      List<? extends T> list = (List<? extends T>) records;
      List<? extends T> all = list.subList(0, list.size()); // one view: an ArrayList change throws
      return inParts(parallelism, all.size(), new Part() {
        @Override
        public QueryEngine engine() {
          return rowEngine(query, schema, fuse);
        }

        @Override
        public void aggregate(QueryEngine engine, int from, int to) {
          RowReading<T> reading = new RowReading<>(engine, schema, read);
          @SuppressWarnings("unchecked")
          T[] block = (T[]) new Object[QueryEngine.BLOCK];
          for (int start = from; start < to; start += QueryEngine.BLOCK) {
            int n = Math.min(QueryEngine.BLOCK, to - start);
            checkState(all.subList(start, start + n).toArray(block) == block, "a list copied a block elsewhere");
            aggregateRows(engine, reading, block, n, start);
          }
          if (fusedBlocks != null) {
            fusedBlocks.add(engine.takeFusedBlocks());
          }
          if (countedAsRead != null) {
            countedAsRead.add(engine.takeCountedAsRead());
          }
        }
      });
    }
    QueryEngine engine = rowEngine(query, schema, fuse);
    RowReading<T> reading = new RowReading<>(engine, schema, read);
    @SuppressWarnings("unchecked")
    T[] block = (T[]) new Object[QueryEngine.BLOCK];
    Iterator<? extends T> it = records.iterator();
    long start = 0;
    while (it.hasNext()) {
      int n = 0;
      while (n < QueryEngine.BLOCK && it.hasNext()) {
        block[n++] = it.next();
      }
      aggregateRows(engine, reading, block, n, start);
      start += n;
    }
    if (fusedBlocks != null) {
      fusedBlocks.add(engine.takeFusedBlocks());
    }
    if (countedAsRead != null) {
      countedAsRead.add(engine.takeCountedAsRead());
    }
    return engine.finish();
  }

  /** The classes of the JDK's lists that {@link #splits} trusts, besides {@link ArrayList}. */
  private static final Set<Class<?>> JDK_SPLIT_LISTS = Set.copyOf(List.of(List.of().getClass(),
      List.of(1).getClass(), List.of(1, 2, 3).getClass(), Arrays.asList().getClass(), Stream.of(1).toList().getClass()));

  /**
   * Whether a query cuts {@code records} into chunks by index: an {@link ArrayList}; a list of
   * {@code List.of}, {@code List.copyOf}, {@code Stream.toList} or {@code Arrays.asList}; a Guava
   * {@code ImmutableList}.
   */
  static boolean splits(Iterable<?> records) {
    return records.getClass() == ArrayList.class || records instanceof ImmutableList
        || JDK_SPLIT_LISTS.contains(records.getClass());
  }

  /** An engine for records read through {@code schema}, with its own dictionaries and block buffers. */
  private static <T> QueryEngine rowEngine(KpiQuery query, Schema<T> schema, FusedDayKernel.Limits fuse) {
    Map<String, Slot.Dictionary> dictionaries = new HashMap<>();
    schema.fields().values().stream().filter(f -> f.type() == FieldType.DIMENSION)
        .forEach(f -> dictionaries.put(f.name(), Slot.Dictionary.growing()));
    QueryEngine engine = new QueryEngine(query, schema.types(), dictionaries::get);
    for (Slot slot : engine.recordSlots()) {
      switch (slot.type) {
        case DOUBLE:
          slot.doubles = new double[QueryEngine.BLOCK];
          break;
        case BOOLEAN:
          slot.booleans = new boolean[QueryEngine.BLOCK];
          break;
        case DIMENSION:
          slot.codes = new int[QueryEngine.BLOCK];
          break;
        default:
          slot.longs = new long[QueryEngine.BLOCK];
      }
    }
    if (fuse != null) {
      engine.useRows(fuse);
    }
    return engine;
  }

  @SuppressWarnings("unchecked")
  private static <T> Field<T>[] fields(QueryEngine engine, Schema<T> schema) {
    return engine.recordSlots().stream().map(s -> schema.field(s.name).orElseThrow()).toArray(Field[]::new);
  }

  /**
   * Records read field by field in runs of this many: the run's objects (a record and the objects
   * its fields point to, 100-200 bytes each) stay in the core's nearest caches while each field
   * is read, where a whole block's would not. Measured on 1M orders: faster while the records lie
   * in the order they were allocated (25-27 against 29-33 ms per query), no different once the
   * collector has moved them (benchmarks/JOURNAL.md, 2026-12-06). Fields a {@link RowReaders}
   * reader takes are read record by record over the whole block instead.
   */
  static final int ROW_RUN = 256;

  /**
   * How one engine reads the fields its query needs from blocks of records: the first
   * {@link RowReaders#LANES} record by record, through the schema's reader for them (asked for at
   * the first whole block, so a query of fewer records than a block defines no class), and any
   * others, or all where no reader can be made, field by field. Where the query has the fused
   * loop's shape, a reader with the fields' roles in it counts the records straight into the loop
   * ({@link QueryEngine#fuseRecords}), and only what it leaves goes through the buffers.
   */
  static final class RowReading<T> {
    private final Schema<T> schema;
    private final Field<T>[] fields;
    private final Slot[] slots;
    private final boolean byRecord;
    private final boolean fusing;
    private RowReaders.Reader reader;
    private boolean asked;
    private RowReaders.Reader fused;
    private boolean askedFused;

    RowReading(QueryEngine engine, Schema<T> schema, RowRead read) {
      this.schema = schema;
      this.fields = fields(engine, schema);
      this.slots = engine.recordSlots().toArray(new Slot[0]);
      this.byRecord = read != RowRead.BY_FIELD && fields.length > 0;
      this.fusing = read == RowRead.FUSED && byRecord;
    }

    /** The reader that counts straight into the fused loop, asked for at the first whole block; null if none. */
    private RowReaders.Reader fused(QueryEngine engine, int n) {
      if (!askedFused && fusing && n == QueryEngine.BLOCK) {
        askedFused = true;
        int[] roles = engine.fusedRoles();
        fused = roles == null ? null : schema.reader(Arrays.asList(fields), roles).orElse(null);
      }
      return fused;
    }

    /** The number of fields the reader takes: 0 when there is none (yet). */
    int laned() {
      return reader == null ? 0 : Math.min(fields.length, RowReaders.LANES);
    }

    private RowReaders.Reader reader(int n) {
      if (!asked && byRecord && n == QueryEngine.BLOCK) {
        asked = true;
        reader = schema.reader(Arrays.asList(fields).subList(0, Math.min(fields.length, RowReaders.LANES)))
            .orElse(null);
      }
      return reader;
    }
  }

  /**
   * Reads the records {@code block[0..n)}, the records from index {@code start} of the caller's,
   * into {@code engine}. A null record is found without a check per record: an extractor handed
   * it throws, and only then is the run it was reading searched ({@link #nullRecord}); a query
   * that reads no field of its records, and so calls no extractor, looks at each reference.
   */
  private static <T> void aggregateRows(QueryEngine engine, RowReading<T> reading, T[] block, int n, long start) {
    Slot[] slots = reading.slots;
    Field<T>[] fields = reading.fields;
    if (fields.length == 0) {
      for (int i = 0; i < n; i++) {
        if (block[i] == null) {
          throw nullRecord(start + i);
        }
      }
    }
    RuntimeException failed = null;
    int first = 0; // records [0, first) are in the buffers already
    int shift = 0; // where record 0 was in the block as given: field by field, runs begin where they began there
    RowReaders.Reader fused = reading.fused(engine, n);
    if (fused != null) {
      try {
        int stop = engine.fuseRecords(fused, block, n, slots);
        if (stop == n) {
          return;
        }
        if (stop >= 0) {
          // the record the loop could not take is in the buffers' first place; it and the rest of
          // the block go through the buffers
          if (stop > 0) {
            System.arraycopy(block, stop, block, 0, n - stop);
          }
          n -= stop;
          shift = stop;
          first = 1;
        }
      } catch (RuntimeException e) {
        failed = e; // read field by field below, which fails as the block read so would
      }
    }
    if (first == 0) {
      for (Slot slot : slots) {
        slot.clearBounds(); // the readers of whole numbers and instants widen them to the block's
      }
    }
    // the block as given was whole if it was before the fused read took its first records
    RowReaders.Reader reader = failed == null ? reading.reader(n + shift) : null;
    int read = 0; // fields [0, read) are read for the whole block
    if (reader != null) {
      try {
        reader.read(block, first, n, slots);
        read = reading.laned();
      } catch (RuntimeException e) {
        // read the block again field by field, which fails as reading it so would have: with the
        // same error for the same field and record, an overflow named after its field
        failed = e;
      }
    }
    for (int from = first; from < n; ) {
      int to = Math.min(n, from + ROW_RUN - (from + shift) % ROW_RUN);
      for (int f = 0; f < fields.length; f++) {
        if (f >= read) {
          try {
            fields[f].fill(block, from, to, slots[f]);
          } catch (NullPointerException e) {
            throw nullRecord(e, fields[f], block, from, to, slots[f], start + shift);
          } catch (ArithmeticException e) {
            // an instant more than 292 million years from the epoch: no count of milliseconds holds it
            throw QueryEngine.overflow("field '" + fields[f].name() + "' of a record"
                + (fields[f].type() == FieldType.INSTANT ? " (an instant within 292 million years of 1970 expected)" : ""),
                e);
          }
        }
        if (fields[f].type() == FieldType.DOUBLE) {
          checkFinite(fields[f].name(), slots[f].doubles, from, to);
        }
      }
      from = to;
    }
    if (failed != null) {
      throw failed; // an extractor that failed once and not again: its first failure stands
    }
    engine.aggregateBlock(n);
  }

  /**
   * What to throw for {@code e}, thrown by {@code field}'s extractor over {@code block[from..to)},
   * whose {@code block[0]} is record {@code start} of the caller's: a null record named by its
   * index where one is among them and the extractor reads the records before it without failing
   * (so the null is what failed), else {@code e} itself, the extractor's own failure.
   */
  private static <T> RuntimeException nullRecord(NullPointerException e, Field<T> field, T[] block, int from, int to,
      Slot slot, long start) {
    for (int i = from; i < to; i++) {
      if (block[i] == null) {
        try {
          field.fill(block, from, i, slot);
        } catch (RuntimeException earlier) {
          return e;
        }
        NullPointerException named = nullRecord(start + i);
        named.initCause(e);
        return named;
      }
    }
    return e;
  }

  private static NullPointerException nullRecord(long index) {
    return new NullPointerException("records[" + index + "]: expected a record, got null");
  }

  /** Refuses an infinite decimal, which no sum, mean or comparison could report honestly. */
  static void checkFinite(String field, double[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(String.format(
            "field '%s' of a record: %s; expected a finite number, or NaN for absent", field, values[i]));
      }
    }
  }

  // ---- parts ----

  /** How one query reads its records: an engine per part, and a part's records into its engine. */
  private interface Part {
    QueryEngine engine();

    void aggregate(QueryEngine engine, int from, int to);
  }

  /**
   * Aggregates {@code size} records with as many workers as {@code parallelism} allows: the
   * calling thread and the others each take the next chunk of records no worker has taken, into an
   * engine of their own, until none is left; each then flushes its fused loop's counts into its
   * own kernels, and the engines are merged into the calling thread's. The first engine is
   * compiled before any other worker starts, so a bad query fails on the calling thread alone.
   * Once the chunks run out, the calling thread ends every worker whose task no thread has started
   * (each worker is begun once: by its task, or ended by the calling thread), so a query never
   * waits for a thread that is busy elsewhere, nor, called from a thread of the executor's own full
   * pool, for ever. Every worker that began is waited for, even when one fails; a worker stops at
   * its first failure, and the failure in the earliest chunk is thrown as it is (a checked exception
   * an extractor throws undeclared too, as on one thread), with the others suppressed
   * (a worker's own failure, in compiling its engine or flushing it, ranks after every chunk's).
   * Chunks are taken in order, so the earliest failing chunk is always taken. An executor that
   * throws anything but a rejection fails the query (with its exception, or with a record's failure
   * found first), once every worker that began has stopped: the query never returns or throws
   * while a task of its own still reads the caller's records.
   */
  private static KpiTable inParts(Parallelism parallelism, int size, Part part) {
    int workers = parallelism.workers(size);
    int[] bounds = parallelism.chunks(size);
    QueryEngine first = part.engine();
    if (workers == 1) {
      part.aggregate(first, 0, size); // one engine taking every chunk in order reads them as one range
      return first.finish();
    }
    int chunks = bounds.length - 1;
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicIntegerArray begun = new AtomicIntegerArray(workers); // 1 once a task began or the caller ended it
    QueryEngine[] engines = new QueryEngine[workers];
    // by chunk, then by worker (the calling thread first): a worker's own engine or flush
    Throwable[] failures = new Throwable[chunks + workers];
    CountDownLatch done = new CountDownLatch(workers - 1);
    Executor executor = parallelism.executor().orElse(null);
    for (int k = 1; k < workers; k++) {
      int w = k;
      Runnable task = () -> {
        if (!begun.compareAndSet(w, 0, 1)) {
          return; // the chunks ran out before this task started: the calling thread ended it
        }
        try {
          QueryEngine engine;
          try {
            engine = part.engine();
          } catch (Throwable t) {
            failures[chunks + w] = t;
            return;
          }
          engines[w] = engine;
          if (takeChunks(part, engine, bounds, nextChunk, failures)) {
            flush(engine, failures, chunks + w);
          }
        } finally {
          done.countDown();
        }
      };
      try {
        if (executor == null) {
          new Thread(task, "finegrain-kpi-part-" + k).start();
        } else {
          executor.execute(task);
        }
      } catch (RejectedExecutionException | OutOfMemoryError e) {
        // no thread to be had (a full executor, or no memory for a new thread): the calling thread
        // takes the chunks this worker would have, and ends it below
      } catch (RuntimeException | Error e) {
        // the executor failed otherwise: hand out nothing more, leave no chunk for the workers
        // that began, wait for them below, then fail with its exception
        failures[chunks + w] = e;
        nextChunk.set(chunks);
        break;
      }
    }
    engines[0] = first;
    boolean taken = takeChunks(part, first, bounds, nextChunk, failures);
    for (int k = 1; k < workers; k++) {
      if (begun.compareAndSet(k, 0, 1)) {
        done.countDown(); // its task has not started, and no chunk is left for it
      }
    }
    if (taken) {
      flush(first, failures, chunks);
    }
    awaitUninterruptibly(done);
    Throwable failure = null;
    for (Throwable t : failures) {
      if (t != null && failure == null) {
        failure = t;
      } else if (t != null) {
        failure.addSuppressed(t);
      }
    }
    if (failure != null) {
      // as itself, as on one thread: a checked exception an extractor threw without declaring it too
      throw Kpis.<RuntimeException>rethrow(failure);
    }
    for (int k = 1; k < workers; k++) {
      if (engines[k] != null) {
        first.merge(engines[k]);
      }
    }
    return first.finish();
  }

  /** Throws {@code failure} as it is, checked or not; declared to return one so that callers can {@code throw} it. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable failure) throws T {
    throw (T) failure;
  }

  /**
   * Aggregates into {@code engine} the next chunk no worker has taken, until none is left or one
   * fails; a failure is kept by its chunk's index. A worker stops at its failure and the others go
   * on, so every chunk before the earliest failing one is taken.
   *
   * @return whether every chunk it took was aggregated
   */
  private static boolean takeChunks(Part part, QueryEngine engine, int[] bounds, AtomicInteger nextChunk,
      Throwable[] failures) {
    int chunks = bounds.length - 1;
    for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
      try {
        part.aggregate(engine, bounds[c], bounds[c + 1]);
      } catch (Throwable t) {
        failures[c] = t;
        return false;
      }
    }
    return true;
  }

  /**
   * Flushes a worker's fused loop into its kernels once its chunks are done, on its own thread,
   * beside the workers still taking chunks (rather than in the merge, on the calling thread alone);
   * a failure is kept at {@code slot}, the worker's own.
   */
  private static void flush(QueryEngine engine, Throwable[] failures, int slot) {
    try {
      engine.flushFused();
    } catch (Throwable t) {
      failures[slot] = t;
    }
  }

  /** Waits for the workers, which read the caller's records; an interrupt is kept for the caller. */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
