package dev.finegrain.kpi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.kpi.Kernels.Kernel;
import dev.finegrain.kpi.Kernels.Side;
import dev.finegrain.kpi.Masks.Mask;
import dev.finegrain.kpi.accumulator.Accumulator;
import dev.finegrain.kpi.internal.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one {@link KpiQuery} over blocks of records. The query is compiled once: fields resolve to
 * slots, filters to {@link Masks}, derived fields to {@link Formulas}, measures to
 * {@link Kernels}. Each block then costs a handful of tight loops over primitive arrays. Rows and
 * columns feed the same blocks, so both paths give the same answer.
 */
final class QueryEngine {
  /** Records per block: small enough for the block's arrays to stay in cache. */
  static final int BLOCK = 2048;

  /** The label of an absent dimension value in results. */
  static final String NONE = "(none)";

  private final KpiQuery query;
  private final Map<String, FieldType> types;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final List<Slot> recordSlots = new ArrayList<>();
  private final List<Runnable> derivedSteps = new ArrayList<>();
  private final Map<String, Runnable> derivedStepByName = new LinkedHashMap<>();
  /** Derived field name to the record fields its formula reads. */
  private final Map<String, List<String>> derivedInputs = new HashMap<>();
  /** Record fields the query reads; only these are read from each record. */
  private final Set<String> usedNames = new HashSet<>();
  private final Slot time;
  private final Slot[] dimensions;
  private final Map<Condition, boolean[]> maskBuffers = new LinkedHashMap<>();
  private final Map<Condition, Mask> masks = new LinkedHashMap<>();
  private final List<Measured> measured = new ArrayList<>();
  private final Windows windows;
  private final Groups groups;
  private final int[] gid = new int[BLOCK];
  private final int[] wid = new int[BLOCK];
  private final int[][] dimensionCodes;
  private final int[] dimensionOffsets;
  private int length;
  private long skippedNoTime;
  private long skippedOutOfRange;

  /** A KPI computed from records: its kernel, filter and, for ratios, the two sides. */
  private static final class Measured {
    final Kpi kpi;
    final Kernel<?> kernel;
    final Condition filter;
    final Side numerator;
    final Condition numeratorFilter;
    final Side denominator;
    final Condition denominatorFilter;

    Measured(Kpi kpi, Kernel<?> kernel, Condition filter, Side numerator, Condition numeratorFilter, Side denominator,
        Condition denominatorFilter) {
      this.kpi = kpi;
      this.kernel = kernel;
      this.filter = filter;
      this.numerator = numerator;
      this.numeratorFilter = numeratorFilter;
      this.denominator = denominator;
      this.denominatorFilter = denominatorFilter;
    }
  }

  /**
   * Compiles {@code query} for records with fields of {@code types}.
   *
   * @param dictionaries the dictionary of each dimension field
   * @throws dev.finegrain.core.DefinitionException listing every field the query names that the
   *     records lack or that has the wrong type, each with its path in the query
   */
  QueryEngine(KpiQuery query, Map<String, FieldType> types, Function<String, Slot.Dictionary> dictionaries) {
    this.query = query;
    this.types = types;
    Problems problems = new Problems();
    for (Map.Entry<String, FieldType> e : types.entrySet()) {
      FieldType type = e.getValue();
      slots.put(e.getKey(), new Slot(e.getKey(), type, type.isWhole(),
          type == FieldType.DIMENSION ? dictionaries.apply(e.getKey()) : null));
    }
    compileDerivedFields(problems);
    this.time = require(problems, "timeField", query.timeField(), t -> t == FieldType.INSTANT, "an instant field");
    this.dimensions = new Slot[query.groupBy().size()];
    for (int i = 0; i < dimensions.length; i++) {
      dimensions[i] = require(problems, "groupBy[" + i + "]", query.groupBy().get(i), t -> t == FieldType.DIMENSION,
          "a dimension field");
    }
    for (int i = 0; i < query.kpis().size(); i++) {
      Kpi kpi = query.kpis().get(i);
      if (!kpi.isDerived()) {
        compileKpi(problems, "kpis[" + i + "]", kpi);
      }
    }
    problems.throwIfAny("KPI query over fields " + types.keySet());
    this.windows = new Windows(query.grain(), query.zone(), query.range());
    this.groups = new Groups(dimensions.length);
    this.dimensionCodes = new int[dimensions.length][];
    this.dimensionOffsets = new int[dimensions.length];
    slots.values().stream().filter(s -> types.containsKey(s.name) && used(s)).forEach(recordSlots::add);
    // only derived fields some KPI reads are computed
    derivedStepByName.forEach((name, step) -> {
      if (usedNames.contains(name)) {
        derivedSteps.add(step);
      }
    });
  }

  private boolean used(Slot s) {
    return usedNames.contains(s.name);
  }

  /** The slot of {@code name} if it has a type {@code ok} accepts, else a problem at {@code path}. */
  private Slot require(Problems problems, String path, String name, Predicate<FieldType> ok,
      String expected) {
    Slot s = slots.get(name);
    if (s == null) {
      problems.add(path, "unknown field '%s'; known fields: %s", name, slots.keySet());
      return null;
    }
    if (!ok.test(s.type)) {
      problems.add(path, "expected %s, but '%s' is %s", expected, name, describe(s));
      return null;
    }
    markUsed(s);
    return s;
  }

  private String describe(Slot s) {
    if (derivedInputs.containsKey(s.name)) {
      return s.isWhole() ? "a whole-number derived field" : "a decimal derived field";
    }
    return "a " + s.type + " field";
  }

  private void markUsed(Slot s) {
    usedNames.add(s.name);
    if (derivedInputs.containsKey(s.name)) {
      derivedInputs.get(s.name).forEach(n -> usedNames.add(n));
    }
  }

  private void compileDerivedFields(Problems problems) {
    for (Map.Entry<String, Formula> e : query.derivedFields().entrySet()) {
      String name = e.getKey();
      Formula formula = e.getValue();
      String path = "derivedFields." + name;
      if (types.containsKey(name)) {
        problems.add(path, "'%s' is already a field of the records", name);
        continue;
      }
      boolean ok = true;
      for (String input : formula.names()) {
        FieldType t = types.get(input);
        if (t == null) {
          problems.add(path, "unknown field '%s'; known fields: %s", input, types.keySet());
          ok = false;
        } else if (!t.isNumeric()) {
          problems.add(path, "field '%s' is %s; a formula needs numbers", input, t);
          ok = false;
        }
      }
      if (!ok) {
        continue;
      }
      boolean whole = formula.isWhole(n -> types.get(n).isWhole());
      Slot slot = new Slot(name, whole ? FieldType.LONG : FieldType.DOUBLE, whole, null);
      if (whole) {
        slot.longs = new long[BLOCK];
        Formulas.WholeEval eval = Formulas.whole(formula.root(), slots);
        derivedStepByName.put(name, () -> eval.eval(length, slot.longs));
      } else {
        slot.doubles = new double[BLOCK];
        Formulas.DecimalEval eval = Formulas.decimal(formula.root(), slots);
        derivedStepByName.put(name, () -> eval.eval(length, slot.doubles));
      }
      slots.put(name, slot);
      derivedInputs.put(name, formula.names());
    }
  }

  private void compileKpi(Problems problems, String path, Kpi kpi) {
    Condition filter = kpi.filter().orElse(null);
    if (filter != null) {
      compileMask(problems, path + ".filter", filter);
    }
    Measure m = kpi.measure();
    String field = path + ".measure.field";
    Kernel<?> kernel = null;
    Side num = null;
    Side den = null;
    Condition numFilter = null;
    Condition denFilter = null;
    if (m instanceof CountMeasure) {
      kernel = Kernels.count();
    } else if (m instanceof SumMeasure) {
      Slot s = require(problems, field, ((SumMeasure) m).field(), FieldType::isNumeric, "a number field");
      if (s != null) {
        kernel = s.isWhole() ? Kernels.longSum(s) : Kernels.doubleSum(s);
      }
    } else if (m instanceof MeanMeasure) {
      Slot s = require(problems, field, ((MeanMeasure) m).field(), FieldType::isNumeric, "a number field");
      if (s != null) {
        kernel = Kernels.mean(s);
      }
    } else if (m instanceof QuantileMeasure) {
      QuantileMeasure q = (QuantileMeasure) m;
      Slot s = require(problems, field, q.field(), FieldType::isNumeric, "a whole-number field");
      if (s != null && !s.isWhole()) {
        problems.add(field, "a quantile needs whole numbers, but '%s' is %s; make it whole with // (such as"
            + " (shippedAt - createdAt) // 1h)", q.field(), describe(s));
      } else if (s != null) {
        kernel = q.significantDigits().isPresent() ? Kernels.histogramQuantiles(s, q.significantDigits().get())
            : Kernels.exactQuantiles(s);
      }
    } else if (m instanceof DistinctMeasure) {
      Slot s = require(problems, field, ((DistinctMeasure) m).field(),
          t -> t == FieldType.DIMENSION || t.isWhole(), "a dimension or whole-number field");
      if (s != null) {
        kernel = s.type == FieldType.DIMENSION ? Kernels.distinctStrings(s) : Kernels.distinctLongs(s);
      }
    } else if (m instanceof RatioMeasure) {
      RatioMeasure r = (RatioMeasure) m;
      Slot n = ratioField(problems, path + ".measure.numerator", r.numerator());
      Slot d = ratioField(problems, path + ".measure.denominator", r.denominator());
      numFilter = r.numerator().filter().orElse(null);
      denFilter = r.denominator().filter().orElse(null);
      if (numFilter != null) {
        compileMask(problems, path + ".measure.numerator.filter", numFilter);
      }
      if (denFilter != null) {
        compileMask(problems, path + ".measure.denominator.filter", denFilter);
      }
      boolean nOk = r.numerator().field().isEmpty() || n != null;
      boolean dOk = r.denominator().field().isEmpty() || d != null;
      if (nOk && dOk) {
        num = new Side(n);
        den = new Side(d);
        boolean whole = (n == null || n.isWhole()) && (d == null || d.isWhole());
        kernel = whole ? Kernels.longRatio(num, den) : Kernels.doubleRatio(num, den);
      }
    }
    if (kernel != null) {
      measured.add(new Measured(kpi, kernel, filter, num, numFilter, den, denFilter));
    }
  }

  private Slot ratioField(Problems problems, String path, RatioTerm term) {
    return term.field().map(f -> require(problems, path + ".field", f, FieldType::isNumeric, "a number field"))
        .orElse(null);
  }

  private void compileMask(Problems problems, String path, Condition condition) {
    boolean ok = true;
    for (String f : condition.fields()) {
      Slot s = slots.get(f);
      if (s == null) {
        problems.add(path, "unknown field '%s'; known fields: %s", f, slots.keySet());
        ok = false;
      } else {
        markUsed(s);
      }
    }
    if (ok && !masks.containsKey(condition)) {
      masks.put(condition, Masks.compile(condition, slots));
      maskBuffers.put(condition, new boolean[BLOCK]);
    }
  }

  // ---- feeding blocks ----

  /** Names of the record fields the query reads. */
  List<Slot> recordSlots() {
    return recordSlots;
  }

  /** Aggregates one block of {@code n} records whose record slots have been pointed at their values. */
  void aggregateBlock(int n) {
    this.length = n;
    for (Runnable step : derivedSteps) {
      step.run();
    }
    for (Map.Entry<Condition, Mask> e : masks.entrySet()) {
      e.getValue().eval(n, maskBuffers.get(e.getKey()));
    }
    assignGroups(n);
    for (Measured m : measured) {
      m.kernel.reserve(groups.size());
      if (m.numerator != null) {
        m.numerator.pass = m.numeratorFilter == null ? null : maskBuffers.get(m.numeratorFilter);
        m.denominator.pass = m.denominatorFilter == null ? null : maskBuffers.get(m.denominatorFilter);
      }
      m.kernel.add(n, gid, m.filter == null ? null : maskBuffers.get(m.filter));
    }
  }

  private void assignGroups(int n) {
    long[] t = time.longs;
    int off = time.offset;
    for (int i = 0; i < n; i++) {
      long at = t[off + i];
      int w = windows.idOf(at);
      wid[i] = w;
      if (w < 0) {
        if (at == ColumnBatch.ABSENT) {
          skippedNoTime++;
        } else {
          skippedOutOfRange++;
        }
      }
    }
    for (int d = 0; d < dimensions.length; d++) {
      dimensionCodes[d] = dimensions[d].codes;
      dimensionOffsets[d] = dimensions[d].offset;
    }
    groups.assign(n, wid, dimensionCodes, dimensionOffsets, gid);
  }

  // ---- results ----

  KpiTable finish() {
    List<String> dims = query.groupBy();
    int rollupIndex = query.rollup().map(r -> dims.indexOf(r.dimension())).orElse(-1);
    double[] qs = new double[measured.size()];
    for (int m = 0; m < qs.length; m++) {
      Measure measure = measured.get(m).kpi.measure();
      qs[m] = measure instanceof QuantileMeasure ? ((QuantileMeasure) measure).q() : Double.NaN;
    }
    // level -> (window id, dimension values) -> summaries per measured KPI; ordinary rows read the
    // kernels' state directly, roll-up rows merge accumulators and are summarised at the end
    Map<String, Map<List<Object>, Summary[]>> levels = new LinkedHashMap<>();
    Map<String, Map<List<Object>, Accumulator<?, ?>[]>> merged = new LinkedHashMap<>();
    levels.put(KpiRow.BASE_LEVEL, new LinkedHashMap<>());
    query.rollup().ifPresent(r -> {
      merged.put(r.parentLevel(), new LinkedHashMap<>());
      merged.put("all", new LinkedHashMap<>());
    });
    for (int g = 0; g < groups.size(); g++) {
      List<Object> k = new ArrayList<>(1 + dims.size());
      k.add(groups.part(g, 0));
      for (int d = 0; d < dims.size(); d++) {
        int code = groups.part(g, d + 1);
        k.add(code < 0 ? NONE : dimensions[d].dictionary.text(code));
      }
      Summary[] summaries = new Summary[measured.size()];
      for (int m = 0; m < measured.size(); m++) {
        summaries[m] = measured.get(m).kernel.summary(g, qs[m]);
      }
      levels.get(KpiRow.BASE_LEVEL).put(k, summaries);
      if (rollupIndex >= 0) {
        Accumulator<?, ?>[] accs = new Accumulator<?, ?>[measured.size()];
        for (int m = 0; m < measured.size(); m++) {
          accs[m] = measured.get(m).kernel.result(g);
        }
        Rollup r = query.rollup().get();
        List<Object> parent = new ArrayList<>(k);
        parent.set(rollupIndex + 1, r.parentOf((String) k.get(rollupIndex + 1)));
        mergeInto(merged.get(r.parentLevel()), parent, accs);
        List<Object> all = new ArrayList<>(k);
        all.set(rollupIndex + 1, Rollup.ALL);
        mergeInto(merged.get("all"), all, accs);
      }
    }
    merged.forEach((level, byKey) -> {
      Map<List<Object>, Summary[]> summarised = new LinkedHashMap<>();
      byKey.forEach((key, accs) -> {
        Summary[] summaries = new Summary[accs.length];
        for (int m = 0; m < accs.length; m++) {
          summaries[m] = Summary.of(accs[m], qs[m]);
        }
        summarised.put(key, summaries);
      });
      levels.put(level, summarised);
    });
    // each row is built once: cells first, then its place in the table, then the change from
    // the previous window, and only then the row object
    List<String> levelOrder = new ArrayList<>(levels.keySet());
    List<Pending> pending = new ArrayList<>();
    for (Map.Entry<String, Map<List<Object>, Summary[]>> level : levels.entrySet()) {
      int levelIndex = levelOrder.indexOf(level.getKey());
      for (Map.Entry<List<Object>, Summary[]> e : level.getValue().entrySet()) {
        pending.add(pending(level.getKey(), levelIndex, e.getKey(), e.getValue()));
      }
    }
    pending.sort(QueryEngine::compare);
    return new KpiTable(query, withDeltas(pending), skippedNoTime, skippedOutOfRange);
  }

  /** A result row before it is built: where it sorts, and its cells in query order. */
  private record Pending(Window window, String levelName, int level, long start, long end, String dimensionKey,
      ImmutableMap<String, String> dimensions, KpiCell[] cells) {
    /** The same level and dimension values, in any window. */
    String groupKey() {
      return level + "\u0001" + dimensionKey;
    }
  }

  /** Table order: window start, then level, then dimension values. */
  private static int compare(Pending a, Pending b) {
    int c = Long.compare(a.start(), b.start());
    if (c == 0) {
      c = Integer.compare(a.level(), b.level());
    }
    return c != 0 ? c : a.dimensionKey().compareTo(b.dimensionKey());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void mergeInto(Map<List<Object>, Accumulator<?, ?>[]> level, List<Object> key,
      Accumulator<?, ?>[] accs) {
    Accumulator<?, ?>[] target = level.get(key);
    if (target == null) {
      target = new Accumulator<?, ?>[accs.length];
      for (int m = 0; m < accs.length; m++) {
        target[m] = (Accumulator<?, ?>) accs[m].copy();
      }
      level.put(key, target);
      return;
    }
    for (int m = 0; m < accs.length; m++) {
      ((Accumulator) target[m]).merge((Accumulator) accs[m]);
    }
  }

  private Pending pending(String level, int levelIndex, List<Object> key, Summary[] summaries) {
    Window window = windows.window((Integer) key.get(0));
    ImmutableMap.Builder<String, String> dims = ImmutableMap.builderWithExpectedSize(query.groupBy().size());
    StringBuilder dimensionKey = new StringBuilder();
    for (int d = 0; d < query.groupBy().size(); d++) {
      String value = (String) key.get(d + 1);
      dims.put(query.groupBy().get(d), value);
      dimensionKey.append(d == 0 ? "" : "\u0000").append(value);
    }
    KpiCell[] ordered = new KpiCell[query.kpis().size()];
    if (measured.size() == ordered.length) {
      // no derived KPI: the measured KPIs are the query's, in its order
      for (int m = 0; m < ordered.length; m++) {
        Summary sum = summaries[m];
        ordered[m] = finishCell(measured.get(m).kpi, sum.value(), sum.numerator(), sum.denominator(), sum.n());
      }
    } else {
      Map<String, KpiCell> cells = new HashMap<>();
      for (int m = 0; m < measured.size(); m++) {
        Kpi kpi = measured.get(m).kpi;
        Summary sum = summaries[m];
        cells.put(kpi.id(), finishCell(kpi, sum.value(), sum.numerator(), sum.denominator(), sum.n()));
      }
      for (int k = 0; k < ordered.length; k++) {
        ordered[k] = derivedCell(query.kpis().get(k), cells);
      }
    }
    return new Pending(window, level, levelIndex, window.start().toEpochMilli(), window.end().toEpochMilli(),
        dimensionKey.toString(), dims.buildOrThrow(), ordered);
  }

  private KpiCell derivedCell(Kpi kpi, Map<String, KpiCell> cells) {
    KpiCell known = cells.get(kpi.id());
    if (known != null) {
      return known;
    }
    DerivedMeasure d = (DerivedMeasure) kpi.measure();
    long[] n = {Long.MAX_VALUE};
    OptionalDouble value = Formulas.evaluate(d.formula().root(), id -> {
      KpiCell input = derivedCell(query.kpi(id).get(), cells);
      n[0] = Math.min(n[0], input.sampleSize());
      return input.value();
    });
    long size = n[0] == Long.MAX_VALUE ? 0 : n[0];
    KpiCell cell = finishCell(kpi, value, OptionalDouble.empty(), OptionalDouble.empty(), size);
    cells.put(kpi.id(), cell);
    return cell;
  }

  private KpiCell finishCell(Kpi kpi, OptionalDouble value, OptionalDouble numerator, OptionalDouble denominator,
      long n) {
    Status status = kpi.target().map(t -> t.status(value, kpi.direction())).orElse(Status.UNKNOWN);
    return new KpiCell(kpi.id(), value, numerator, denominator, n, status, OptionalDouble.empty(),
        n < query.smallSampleBelow());
  }

  /** Builds the rows, each cell with its change from the same row in the previous window. */
  private ImmutableList<KpiRow> withDeltas(List<Pending> rows) {
    // rows come in window order, so a group's latest row so far is its previous window's if that
    // window ends where this one starts
    Map<String, Pending> latest = new HashMap<>(rows.size() * 2);
    ImmutableList.Builder<KpiRow> out = ImmutableList.builderWithExpectedSize(rows.size());
    for (Pending p : rows) {
      Pending last = latest.put(p.groupKey(), p);
      Pending previous = last != null && last.end() == p.start() ? last : null;
      ImmutableMap.Builder<String, KpiCell> cells = ImmutableMap.builderWithExpectedSize(p.cells().length);
      for (int k = 0; k < p.cells().length; k++) {
        KpiCell cell = p.cells()[k];
        if (previous != null) {
          OptionalDouble before = previous.cells()[k].value();
          cell = cell.withDelta(cell.value().isPresent() && before.isPresent()
              ? OptionalDouble.of(cell.value().getAsDouble() - before.getAsDouble()) : OptionalDouble.empty());
        }
        cells.put(cell.kpi(), cell);
      }
      out.add(new KpiRow(p.window(), p.levelName(), p.dimensions(), cells.buildOrThrow()));
    }
    return out.build();
  }
}
