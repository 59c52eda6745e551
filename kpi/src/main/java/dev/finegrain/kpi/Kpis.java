package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import dev.finegrain.kpi.Schema.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs KPI queries over records, as rows or as columns; both paths give the same table.
 *
 * <pre>{@code
 * KpiTable daily = Kpis.run(query, batch);                 // columns: the fast path
 * KpiTable same  = Kpis.run(query, ordersSchema, orders);  // rows: any Iterable of your own type
 * }</pre>
 *
 * @since 0.1
 */
public final class Kpis {
  private Kpis() {}

  /**
   * Runs {@code query} over a column batch.
   *
   * @param query the query
   * @param batch the records, as columns
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query names fields the batch lacks or
   *     has with the wrong type
   */
  public static KpiTable run(KpiQuery query, ColumnBatch batch) {
    checkNotNull(query, "query");
    checkNotNull(batch, "batch");
    Map<String, Slot.Dictionary> dictionaries = new HashMap<>();
    batch.columns().values().stream().filter(c -> c.type() == FieldType.DIMENSION)
        .forEach(c -> dictionaries.put(c.name(), Slot.Dictionary.fixed(c.dictionary())));
    QueryEngine engine = new QueryEngine(query, batch.types(), dictionaries::get);
    List<Slot> slots = engine.recordSlots();
    for (Slot slot : slots) {
      ColumnBatch.Column column = batch.column(slot.name).orElseThrow();
      slot.longs = column.longs;
      slot.doubles = column.doubles;
      slot.booleans = column.booleans;
      slot.codes = column.codes;
    }
    for (int start = 0; start < batch.size(); start += QueryEngine.BLOCK) {
      int n = Math.min(QueryEngine.BLOCK, batch.size() - start);
      for (Slot slot : slots) {
        slot.offset = start;
      }
      engine.aggregateBlock(n);
    }
    return engine.finish();
  }

  /**
   * Runs {@code query} over records of any type, read through {@code schema}.
   *
   * @param <T> the record type
   * @param query the query
   * @param schema how the query's fields are read from a record
   * @param records the records, read once in order
   * @return the KPI table
   * @throws dev.finegrain.core.DefinitionException if the query names fields the schema lacks or
   *     has with the wrong type
   */
  public static <T> KpiTable run(KpiQuery query, Schema<T> schema, Iterable<? extends T> records) {
    checkNotNull(query, "query");
    checkNotNull(schema, "schema");
    checkNotNull(records, "records");
    Map<String, Slot.Dictionary> dictionaries = new HashMap<>();
    schema.fields().values().stream().filter(f -> f.type() == FieldType.DIMENSION)
        .forEach(f -> dictionaries.put(f.name(), Slot.Dictionary.growing()));
    QueryEngine engine = new QueryEngine(query, schema.types(), dictionaries::get);
    List<Slot> slots = engine.recordSlots();
    @SuppressWarnings("unchecked")
    Field<T>[] fields = slots.stream().map(s -> schema.field(s.name).orElseThrow()).toArray(Field[]::new);
    for (Slot slot : slots) {
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

    @SuppressWarnings("unchecked")
    T[] block = (T[]) new Object[QueryEngine.BLOCK];
    if (records.getClass() == ArrayList.class || records instanceof ImmutableList) {
      // a block is one bulk copy, not an iterator step per record. Only for lists whose views
      // fail fast when the list changes (an ArrayList) or that cannot change; any other list, a
      // CopyOnWriteArrayList among them, is read through its iterator as before
      List<? extends T> list = (List<? extends T>) records;
      List<? extends T> all = list.subList(0, list.size()); // one view: an ArrayList change throws
      for (int from = 0, size = all.size(); from < size; from += QueryEngine.BLOCK) {
        int n = Math.min(QueryEngine.BLOCK, size - from);
        checkState(all.subList(from, from + n).toArray(block) == block, "a list copied a block elsewhere");
        aggregate(engine, fields, slots, block, n);
      }
      return engine.finish();
    }
    Iterator<? extends T> it = records.iterator();
    while (it.hasNext()) {
      int n = 0;
      while (n < QueryEngine.BLOCK && it.hasNext()) {
        block[n++] = it.next();
      }
      aggregate(engine, fields, slots, block, n);
    }
    return engine.finish();
  }

  private static <T> void aggregate(QueryEngine engine, Field<T>[] fields, List<Slot> slots, T[] block, int n) {
    for (int f = 0; f < fields.length; f++) {
      fields[f].fill(block, n, slots.get(f));
    }
    engine.aggregateBlock(n);
  }
}
