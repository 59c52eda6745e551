package dev.finegrain.kpi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.internal.Problems;
import dev.finegrain.kpi.Kernels.Kernel;
import dev.finegrain.kpi.Kernels.Partial;
import dev.finegrain.kpi.Kernels.Side;
import dev.finegrain.kpi.Kernels.Tally;
import dev.finegrain.kpi.Masks.Mask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
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
  private final Map<Optional<Condition>, Tally> tallies = new LinkedHashMap<>();
  private final Windows windows;
  private final Groups groups;
  private final int[] gid = new int[BLOCK];
  private final int[] wid = new int[BLOCK];
  private final int[][] dimensionCodes;
  private final int[] dimensionOffsets;
  private int length;
  /**
   * The fused loop, when the query has its shape: for blocks of a column batch (see {@link
   * #useColumns}), or of records read through a schema (laid out by {@link #aggregateBlock}).
   */
  private FusedDayKernel fused;
  private ColumnBatch fusedBatch;
  /** For records read into blocks: the fused loop's plan (see {@link #useRows}), until a layout is too large. */
  private FusedDayKernel.Plan rowPlan;
  private FusedDayKernel.Limits rowLimits;
  private long fusedBlocks;
  private long countedAsRead;
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

    /** The KPI this state measures, in an error's words. */
    String what() {
      return "KPI '" + kpi.id() + "'";
    }
  }

  /**
   * Compiles {@code query} for records with fields of {@code types}.
   *
   * @param dictionaries the dictionary of each dimension field
   * @throws dev.finegrain.core.DefinitionException listing every field the query names that the
   *     records lack or that has the wrong type, every filter constant or compared field of another
   *     kind than its field ({@link FilterKinds}) and every derived field that does more with an
   *     instant than subtract another ({@link FormulaKinds}), each with its path in the query
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
    // null when the query has no time field (grain ALL without a range): every record is in window 0
    this.time = query.timeField().map(name -> require(problems, "timeField", name, t -> t == FieldType.INSTANT,
        "an instant field")).orElse(null);
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
    shareSums();
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

  /**
   * Checks {@code query} against records with fields of {@code types} as compiling it for them
   * does, with no record read: the same checks, by the same code, as every run.
   *
   * @throws dev.finegrain.core.DefinitionException as the constructor does
   */
  static void check(KpiQuery query, Map<String, FieldType> types) {
    // a dimension's dictionary is only read with records; an empty growing one costs nothing
    new QueryEngine(query, types, name -> Slot.Dictionary.growing());
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

  /** The slot of {@code name} if it holds numbers, else a problem at {@code path}, for an instant saying what to do. */
  private Slot requireNumber(Problems problems, String path, String name, String expected) {
    Slot s = slots.get(name);
    if (s != null && s.type == FieldType.INSTANT) {
      problems.add(path, "expected %s, but '%s' is %s; an instant is no number: derive a duration from two, such as"
          + " (shippedAt - createdAt) // 1h", expected, name, describe(s));
      return null;
    }
    return require(problems, path, name, FieldType::isNumeric, expected);
  }

  private String describe(Slot s) {
    if (derivedInputs.containsKey(s.name)) {
      return s.isWhole() ? "a whole-number derived field" : "a decimal derived field";
    }
    return (s.type == FieldType.INSTANT ? "an " : "a ") + s.type + " field";
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
        } else if (!t.isNumeric() && t != FieldType.INSTANT) {
          problems.add(path, "field '%s' is %s; a formula needs numbers", input, t);
          ok = false;
        }
      }
      if (!ok || !FormulaKinds.check(problems, path, formula, n -> types.get(n) == FieldType.INSTANT)) {
        continue;
      }
      boolean whole = formula.isWhole(n -> types.get(n).isWhole());
      Slot slot = new Slot(name, whole ? FieldType.LONG : FieldType.DOUBLE, whole, null);
      String text = formula.text();
      String what = "derived field '" + name + "' = " + (text.length() <= 200 ? text : text.substring(0, 200) + "...");
      if (whole) {
        slot.longs = new long[BLOCK];
        Formulas.WholeEval eval = Formulas.whole(formula.root(), slots);
        derivedStepByName.put(name, () -> {
          try {
            eval.eval(length, slot.longs);
          } catch (ArithmeticException overflow) {
            throw overflow(what + ", a whole formula in exact 64-bit arithmetic, for a record", overflow);
          }
        });
      } else {
        slot.doubles = new double[BLOCK];
        Formulas.DecimalEval eval = Formulas.decimal(formula.root(), slots);
        derivedStepByName.put(name, () -> {
          eval.eval(length, slot.doubles);
          for (int i = 0; i < length; i++) {
            if (Double.isInfinite(slot.doubles[i])) {
              throw new ArithmeticException(what + ", in doubles, for a record: " + slot.doubles[i]
                  + ", beyond the range of a double");
            }
          }
        });
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
      kernel = Kernels.count(tally(filter));
    } else if (m instanceof SumMeasure sumMeasure) {
      Slot s = requireNumber(problems, field, sumMeasure.field(), "a number field");
      if (s != null) {
        kernel = s.isWhole() ? Kernels.longSum(s, tally(filter)) : Kernels.doubleSum(s);
      }
    } else if (m instanceof MeanMeasure meanMeasure) {
      Slot s = requireNumber(problems, field, meanMeasure.field(), "a number field");
      if (s != null) {
        kernel = s.isWhole() ? Kernels.wholeMean(s, tally(filter)) : Kernels.mean(s);
      }
    } else if (m instanceof QuantileMeasure q) {
      Slot s = requireNumber(problems, field, q.field(), "a whole-number field");
      if (s != null && !s.isWhole()) {
        problems.add(field, "a quantile needs whole numbers, but '%s' is %s; make it whole with // (such as"
            + " (shippedAt - createdAt) // 1h)", q.field(), describe(s));
      } else if (s != null) {
        kernel = q.significantDigits().isPresent() ? Kernels.histogramQuantiles(s, q.significantDigits().get())
            : Kernels.exactQuantiles(s, tally(filter));
      }
    } else if (m instanceof DistinctMeasure distinctMeasure) {
      Slot s = require(problems, field, distinctMeasure.field(),
          t -> t == FieldType.DIMENSION || t.isWhole(), "a dimension or whole-number field");
      if (s != null) {
        kernel = s.type == FieldType.DIMENSION ? Kernels.distinctStrings(s) : Kernels.distinctLongs(s);
      }
    } else if (m instanceof RatioMeasure r) {
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
        if (n == null && d == null) {
          // a share of counts: the tally of the KPI's filter counts both sides
          kernel = Kernels.share(tally(filter), numFilter == null ? null : maskBuffers.get(numFilter),
              denFilter == null ? null : maskBuffers.get(denFilter));
        } else {
          kernel = whole ? Kernels.longRatio(num, den) : Kernels.doubleRatio(num, den);
        }
      }
    }
    if (kernel != null) {
      measured.add(new Measured(kpi, kernel, filter, num, numFilter, den, denFilter));
    }
  }

  /** Lets each whole-number mean read a sum of the same field with the same filter, where the query has one. */
  private void shareSums() {
    for (Measured mean : measured) {
      if (mean.kernel instanceof Kernels.WholeMeanKernel m) {
        for (Measured sum : measured) {
          if (sum.kernel instanceof Kernels.LongSumKernel s && s.slot() == m.slot()
              && Objects.equals(sum.filter, mean.filter)) {
            m.shareSum(s);
            break;
          }
        }
      }
    }
  }

  /** The tally of the records passing {@code filter} (null: every record), shared by the KPIs with that filter. */
  private Tally tally(Condition filter) {
    return tallies.computeIfAbsent(Optional.ofNullable(filter), f -> new Tally());
  }

  private Slot ratioField(Problems problems, String path, RatioTerm term) {
    return term.field().map(f -> requireNumber(problems, path + ".field", f, "a number field")).orElse(null);
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
    ok &= FilterKinds.check(problems, path, condition, slots, this::describe);
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

  /**
   * Lets the blocks of {@code batch} take one fused loop ({@link FusedDayKernel}) when this query
   * has its shape and the batch's bounds allow; the engine's passes take the others. Once per
   * batch; only the column path calls it.
   */
  void useColumns(ColumnBatch batch, FusedDayKernel.Limits limits) {
    if (fusedBatch == batch) {
      return;
    }
    if (fused != null) {
      fused.flush();
    }
    fusedBatch = batch;
    FusedDayKernel.Plan plan = fusedPlan(name -> {
      ColumnBatch.Column c = recordColumn(batch, name, null);
      return c == null ? null : FusedDayKernel.Source.of(c);
    }, name -> {
      ColumnBatch.Column c = recordColumn(batch, name, FieldType.BOOLEAN);
      return c == null ? null : c.booleans;
    });
    ColumnBatch.Column t = plan == null ? null : recordColumn(batch, time.name, FieldType.INSTANT);
    ColumnBatch.Column d = plan == null ? null : recordColumn(batch, dimensions[0].name, FieldType.DIMENSION);
    if (t == null || d == null) {
      fused = null;
      return;
    }
    plan.timeColumn = t;
    plan.codes = d.codes;
    int size = d.dictionary().size();
    plan.dictionarySize = () -> size;
    fused = plan.over(0, batch.size(), limits);
  }

  /**
   * Lets the blocks of records read into this engine's buffers take the fused loop when this
   * query has its shape: the blocks' bounds are those their reader found ({@link Slot#low}). The
   * layout grows with the days and dimension values the blocks bring. Only the row path calls it.
   */
  void useRows(FusedDayKernel.Limits limits) {
    Map<String, Slot> records = new HashMap<>();
    recordSlots.forEach(slot -> records.put(slot.name, slot));
    FusedDayKernel.Plan plan = fusedPlan(name -> {
      Slot slot = records.get(name);
      return slot == null || (slot.type != FieldType.LONG && slot.type != FieldType.INSTANT) ? null
          : FusedDayKernel.Source.of(slot);
    }, name -> {
      Slot slot = records.get(name);
      return slot == null || slot.type != FieldType.BOOLEAN ? null : slot.booleans;
    });
    if (plan == null || records.get(time.name) == null || records.get(dimensions[0].name) == null) {
      return;
    }
    plan.codes = dimensions[0].codes;
    Slot.Dictionary dictionary = dimensions[0].dictionary;
    plan.dictionarySize = dictionary::size;
    rowPlan = plan;
    rowLimits = limits;
  }

  /**
   * Which of the record slots, as lanes of a reader of them all in order, play which role in the
   * fused loop ({@link RowReaders#ROLES}): null unless this query's blocks of records may be
   * counted straight into the loop as they are read ({@link #fuseRecords}): the loop's shape, at
   * most {@link RowReaders#LANES} record fields, and no decimal among them.
   */
  int[] fusedRoles() {
    FusedDayKernel.Plan p = rowPlan;
    if (p == null || recordSlots.size() > RowReaders.LANES) {
      return null;
    }
    for (Slot slot : recordSlots) {
      if (slot.type == FieldType.DOUBLE) {
        return null;
      }
    }
    int[] roles = new int[RowReaders.ROLES];
    roles[RowReaders.TIME] = lane(p.time);
    roles[RowReaders.CODE] = recordSlots.indexOf(dimensions[0]);
    for (int k = 0; k < 2; k++) {
      int kind = p.maskKind[k];
      int base = k == 0 ? RowReaders.KIND0 : RowReaders.KIND1;
      roles[base] = kind;
      roles[base + 1] = kind == FusedDayKernel.COMPARE ? lane(p.maskLeft[k])
          : kind == FusedDayKernel.FLAG ? flagLane(p.maskFlags[k]) : -1;
      roles[base + 2] = kind == FusedDayKernel.COMPARE ? lane(p.maskRight[k]) : -1;
      if (kind != FusedDayKernel.NONE
          && (roles[base + 1] < 0 || (kind == FusedDayKernel.COMPARE && roles[base + 2] < 0))) {
        return null;
      }
    }
    roles[RowReaders.SUM] = p.sum == null ? -1 : lane(p.sumSource);
    roles[RowReaders.QUANTILE_LEFT] = p.quantile == null ? -1 : lane(p.quantileLeft);
    roles[RowReaders.QUANTILE_RIGHT] = p.quantile == null || p.quantileRight == null ? -1 : lane(p.quantileRight);
    if (roles[RowReaders.TIME] < 0 || roles[RowReaders.CODE] < 0 || (p.sum != null && roles[RowReaders.SUM] < 0)
        || (p.quantile != null && (roles[RowReaders.QUANTILE_LEFT] < 0
            || (p.quantileRight != null && roles[RowReaders.QUANTILE_RIGHT] < 0)))) {
      return null;
    }
    return roles;
  }

  /** The lane of a record slot's source; -1 if it is not one. */
  private int lane(FusedDayKernel.Source source) {
    return source instanceof FusedDayKernel.SlotSource s ? recordSlots.indexOf(s.slot) : -1;
  }

  /** The lane of the yes/no record slot whose buffer is {@code flags}; -1 if none. */
  private int flagLane(boolean[] flags) {
    for (int k = 0; k < recordSlots.size(); k++) {
      if (flags != null && recordSlots.get(k).booleans == flags) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Counts records {@code 0} to {@code n - 1} of {@code records} straight into the fused loop
   * through {@code reader} (defined with {@link #fusedRoles}), once an earlier block has laid the
   * loop out. Returns -1 if it read nothing (no loop laid out yet, or not ready for records), else
   * the first record the loop could not take ({@code n} if none): that record is then in the
   * first place of the block buffers ({@link RowReaders.Reader#fuse}), and the caller reads the
   * rest after it, for {@link #aggregateBlock}. An extractor's failure propagates, with records
   * before it counted: the caller fails the query.
   */
  int fuseRecords(RowReaders.Reader reader, Object[] records, int n, Slot[] slots) {
    if (rowPlan == null || fused == null || !fused.readyForRecords(n)) {
      return -1;
    }
    int stop = reader.fuse(records, 0, n, fused, slots);
    skippedNoTime += fused.takeNoTime();
    skippedOutOfRange += fused.takeOutOfRange();
    countedAsRead += stop;
    if (stop == n) {
      fusedBlocks++;
    }
    return stop;
  }

  /** The records {@link #fuseRecords} counted (or skipped) straight into the loop since the last call (for tests). */
  long takeCountedAsRead() {
    long n = countedAsRead;
    countedAsRead = 0;
    return n;
  }

  /** The blocks the fused loop took since the last call (for tests). */
  long takeFusedBlocks() {
    long n = fusedBlocks;
    fusedBlocks = 0;
    return n;
  }

  /** What {@link FusedDayKernel} needs of this query over {@code batch}; null unless the query has its shape. */
  private FusedDayKernel.Plan fusedPlan(Function<String, FusedDayKernel.Source> wholeFields,
      Function<String, boolean[]> flagFields) {
    if (time == null || !windows.byDay() || dimensions.length != 1 || tallies.size() != 1
        || tallies.keySet().iterator().next().isPresent() || derivedInputs.containsKey(time.name)
        || types.get(time.name) != FieldType.INSTANT || types.get(dimensions[0].name) != FieldType.DIMENSION) {
      return null;
    }
    FusedDayKernel.Plan plan = new FusedDayKernel.Plan();
    plan.windows = windows;
    plan.groups = groups;
    plan.tally = tallies.values().iterator().next();
    plan.wholeFields = wholeFields;
    plan.flagFields = flagFields;
    plan.time = wholeFields.apply(time.name);
    if (plan.time == null || plan.tally.masks.length > 2) {
      return null;
    }
    // every mask is one of the tally's, and the loop evaluates each
    for (Map.Entry<Condition, boolean[]> e : maskBuffers.entrySet()) {
      int k = Arrays.asList(plan.tally.masks).indexOf(e.getValue());
      if (k < 0 || !plan.mask(k, e.getKey())) {
        return null;
      }
    }
    List<Kernel<?>> kernels = new ArrayList<>();
    String quantileField = null;
    for (Measured m : measured) {
      kernels.add(m.kernel);
      if (m.filter != null) {
        return null;
      }
      if (m.kernel instanceof Kernels.TallyKernel) {
        continue;
      }
      if (m.kernel instanceof Kernels.LongSumKernel sum && plan.sum == null) {
        plan.sum = sum;
        plan.sumSource = derivedInputs.containsKey(sum.slot().name) ? null : wholeFields.apply(sum.slot().name);
        if (plan.sumSource == null) {
          return null;
        }
      } else if (m.kernel instanceof Kernels.WholeMeanKernel mean && mean.sharedSum() != null) {
        continue; // checked below: it reads the plan's sum
      } else if (m.kernel instanceof ExactQuantileKernel q && plan.quantile == null) {
        plan.quantile = q;
        quantileField = q.slot().name;
        if (!plan.quantileOf(quantileField, query.derivedFields().get(quantileField))) {
          return null;
        }
      } else {
        return null;
      }
    }
    for (Measured m : measured) {
      if (m.kernel instanceof Kernels.WholeMeanKernel mean && mean.sharedSum() != plan.sum) {
        return null;
      }
    }
    // no derived field but the quantile's is computed: the fused blocks compute none
    for (String derived : derivedStepByName.keySet()) {
      if (usedNames.contains(derived) && !derived.equals(quantileField)) {
        return null;
      }
    }
    plan.kernels = kernels.toArray(new Kernel<?>[0]);
    return plan;
  }

  /** Column {@code name} of {@code batch} if it is a record field (not derived) of {@code type}, or whole if null. */
  private ColumnBatch.Column recordColumn(ColumnBatch batch, String name, FieldType type) {
    if (derivedInputs.containsKey(name)) {
      return null;
    }
    ColumnBatch.Column c = batch.column(name).orElse(null);
    if (c == null || (type != null ? c.type() != type : c.longs == null)) {
      return null;
    }
    return c;
  }

  /** Aggregates one block of {@code n} records whose record slots have been pointed at their values. */
  void aggregateBlock(int n) {
    if (rowPlan != null) {
      // records read into the buffers: the first block with instants in the day table's range lays
      // the loop out over their days (the passes take the blocks before it, and this one too if
      // some of its instants lie outside the range; the blocks after it may be counted into the
      // loop as read, which skips those); a later block may have to grow the layout first
      if (fused == null && time.low <= time.high) {
        long low = time.low;
        long high = time.high;
        if (low < windows.dayLow() || high >= windows.dayHigh()) {
          low = Long.MAX_VALUE;
          high = Long.MIN_VALUE;
          for (int i = 0; i < n; i++) {
            long t = time.longs[time.offset + i];
            if (t != ColumnBatch.ABSENT && t >= windows.dayLow() && t < windows.dayHigh()) {
              low = Math.min(low, t);
              high = Math.max(high, t);
            }
          }
        }
        if (low <= high) {
          long first = windows.localDay(low);
          fused = rowPlan.covering(first, windows.localDay(high) - first + 1,
              rowPlan.dictionarySize.getAsInt() + 1L, rowLimits);
          if (fused == null) {
            rowPlan = null; // too large a layout: the passes take every block from here
          }
        }
      }
      if (fused != null) {
        fused = fused.coveringBlock(n);
        if (fused == null) {
          rowPlan = null;
        }
      }
    }
    if (fused != null && fused.add(time.offset, n)) {
      skippedNoTime += fused.takeNoTime();
      fusedBlocks++;
      return;
    }
    this.length = n;
    for (Runnable step : derivedSteps) {
      step.run();
    }
    for (Map.Entry<Condition, Mask> e : masks.entrySet()) {
      e.getValue().eval(n, maskBuffers.get(e.getKey()));
    }
    assignGroups(n);
    for (Map.Entry<Optional<Condition>, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      t.reserve(groups.size());
      t.add(n, gid, e.getKey().isPresent() ? maskBuffers.get(e.getKey().get()) : null);
    }
    for (Measured m : measured) {
      m.kernel.reserve(groups.size());
      if (m.numerator != null) {
        m.numerator.pass = m.numeratorFilter == null ? null : maskBuffers.get(m.numeratorFilter);
        m.denominator.pass = m.denominatorFilter == null ? null : maskBuffers.get(m.denominatorFilter);
      }
      try {
        m.kernel.add(n, gid, m.filter == null ? null : maskBuffers.get(m.filter));
      } catch (ArithmeticException e) {
        throw overflow(m.what(), e);
      }
    }
  }

  /**
   * Adds the state of {@code other}, this query compiled alike and run over other records, so
   * that this engine holds what one engine run over both sets of records would hold. Groups,
   * windows and (on the row path) dimension codes are matched by value, since each engine numbers
   * them in the order it met them; every kernel then merges its state group by group.
   */
  void merge(QueryEngine other) {
    flushFused();
    other.flushFused();
    int[] map = new int[other.groups.size()];
    int[] key = new int[groups.width()];
    for (int g = 0; g < map.length; g++) {
      key[0] = windows.idOfWindowOf(other.windows, other.groups.part(g, 0));
      for (int d = 0; d < dimensions.length; d++) {
        int code = other.groups.part(g, d + 1);
        Slot.Dictionary mine = dimensions[d].dictionary;
        Slot.Dictionary theirs = other.dimensions[d].dictionary;
        key[d + 1] = code < 0 || mine == theirs ? code : mine.code(theirs.text(code));
      }
      map[g] = groups.idOf(key);
    }
    Tally[] theirTallies = other.tallies.values().toArray(new Tally[0]);
    int t = 0;
    for (Tally tally : tallies.values()) {
      tally.reserve(groups.size());
      tally.merge(theirTallies[t++], map);
    }
    for (int m = 0; m < measured.size(); m++) {
      Kernel<?> kernel = measured.get(m).kernel;
      kernel.reserve(groups.size());
      try {
        kernel.merge(other.measured.get(m).kernel, map);
      } catch (ArithmeticException e) {
        throw overflow(measured.get(m).what(), e);
      }
    }
    skippedNoTime += other.skippedNoTime;
    skippedOutOfRange += other.skippedOutOfRange;
  }

  /**
   * Adds what the fused loop counted to the kernels, before anything reads them. {@link #merge}
   * and {@link #finish} call it; a worker of a parallel query calls it once its chunks are done,
   * so that its flush runs beside the other workers' chunks rather than in the merge after them.
   */
  void flushFused() {
    if (fused != null) {
      fused.flush();
    }
  }

  private void assignGroups(int n) {
    if (time == null) {
      windows.untimed(n, wid);
    } else {
      long[] t = time.longs;
      int off = time.offset;
      int none = windows.idsOf(t, off, n, wid);
      for (int i = 0; none > 0 && i < n; i++) {
        if (wid[i] < 0) {
          none--;
          if (t[off + i] == ColumnBatch.ABSENT) {
            skippedNoTime++;
          } else {
            skippedOutOfRange++;
          }
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

  /** Which values of each base tuple are absent (they read as {@link #NONE}); set by {@link #baseTuples}. */
  private List<boolean[]> baseAbsent = List.of();

  /**
   * Builds the result table. Cells are computed into one row-major primitive table (ordinary rows
   * straight from the kernels' state, in group order; roll-up rows from merged partial states), rows
   * are ordered by packed integer keys (window rank, level, rank of the dimension values in text
   * order), and each row's previous-window row is found through an array by (level, dimension
   * values). Rows are views of that table; a cell object is made only when a caller asks for it.
   */
  KpiTable finish() {
    flushFused();
    Map<String, Integer> kpiIndex = new HashMap<>();
    for (int k = 0; k < query.kpis().size(); k++) {
      kpiIndex.put(query.kpis().get(k).id(), k);
    }
    RowLayout layout = new RowLayout(groups.size());
    List<String[]> baseValues = baseTuples(layout.tupleOfGroup);
    layout.levelNames.add(KpiRow.BASE_LEVEL);
    layout.tupleValues.add(baseValues);
    layout.tupleAbsent.add(baseAbsent);
    List<Map<List<Object>, Partial[]>> merged = List.of();
    if (query.rollup().isPresent()) {
      Rollup r = query.rollup().get();
      merged = rollUp(r, layout.tupleOfGroup, baseValues);
      layout.levelNames.add(r.parentLevel());
      layout.levelNames.add("all");
    }
    layout.placeRows(merged);
    int[] order = rowOrder(layout.rowLevel, layout.rowWindow, layout.rowTuple, layout.tupleValues,
        layout.tupleAbsent);
    CellColumn[] columns = cells(layout, order, kpiIndex);
    return new KpiTable(query, rows(order, layout.rowLevel, layout.rowWindow, layout.rowTuple, columns,
        layout.levelNames, layout.tupleValues, layout.tupleAbsent, ImmutableMap.copyOf(kpiIndex)), skippedNoTime,
        skippedOutOfRange);
  }

  /** Where each row of the table goes: its level, window and dimension values (a tuple id of its level). */
  private final class RowLayout {
    final int groupCount;
    /** The tuple id of each ordinary row's dimension values. */
    final int[] tupleOfGroup;
    final List<String> levelNames = new ArrayList<>();
    /** Level, then tuple id, to the tuple's dimension values. */
    final List<List<String[]>> tupleValues = new ArrayList<>();
    /** Level, then tuple id, to which of the tuple's values are absent (they read as {@link #NONE}). */
    final List<List<boolean[]>> tupleAbsent = new ArrayList<>();
    int[] rowLevel;
    int[] rowWindow;
    int[] rowTuple;
    /** The merged states of each roll-up row, the rows after the ordinary ones. */
    List<Partial[]> rolledUp;

    RowLayout(int groupCount) {
      this.groupCount = groupCount;
      this.tupleOfGroup = new int[groupCount];
    }

    /**
     * Places the ordinary rows first, then each roll-up level's in map order, and gives each
     * roll-up level's dimension values their tuple ids.
     */
    void placeRows(List<Map<List<Object>, Partial[]>> merged) {
      int rowCount = groupCount;
      for (Map<List<Object>, Partial[]> level : merged) {
        rowCount += level.size();
      }
      rowLevel = new int[rowCount];
      rowWindow = new int[rowCount];
      rowTuple = new int[rowCount];
      rolledUp = new ArrayList<>(rowCount - groupCount);
      for (int g = 0; g < groupCount; g++) {
        rowWindow[g] = groups.part(g, 0);
        rowTuple[g] = tupleOfGroup[g];
      }
      int row = groupCount;
      int dimCount = dimensions.length;
      for (int l = 0; l < merged.size(); l++) {
        Map<List<Object>, Integer> tupleIds = new HashMap<>();
        List<String[]> values = new ArrayList<>();
        List<boolean[]> absent = new ArrayList<>();
        for (Map.Entry<List<Object>, Partial[]> e : merged.get(l).entrySet()) {
          List<Object> key = e.getKey(); // window, the values, whether each is absent
          List<Object> tupleKey = key.subList(1, key.size());
          Integer tuple = tupleIds.get(tupleKey);
          if (tuple == null) {
            String[] dimValues = new String[dimCount];
            boolean[] dimAbsent = new boolean[dimCount];
            for (int d = 0; d < dimCount; d++) {
              dimValues[d] = (String) key.get(1 + d);
              dimAbsent[d] = (Boolean) key.get(1 + dimCount + d);
            }
            tuple = values.size();
            tupleIds.put(tupleKey, tuple);
            values.add(dimValues);
            absent.add(dimAbsent);
          }
          rowLevel[row] = l + 1;
          rowWindow[row] = (Integer) key.get(0);
          rowTuple[row] = tuple;
          rolledUp.add(e.getValue());
          row++;
        }
        tupleValues.add(values);
        tupleAbsent.add(absent);
      }
    }
  }

  /**
   * Gives the ordinary rows' dimension values dense tuple ids, in order of first appearance, into
   * {@code tupleOfGroup}; returns the values of each tuple id.
   */
  private List<String[]> baseTuples(int[] tupleOfGroup) {
    int dimCount = dimensions.length;
    int groupCount = groups.size();
    int[][] codes = new int[dimCount][groupCount];
    for (int g = 0; g < groupCount; g++) {
      for (int d = 0; d < dimCount; d++) {
        codes[d][g] = groups.part(g, d + 1);
      }
    }
    Groups baseTuples = new Groups(dimCount);
    baseTuples.assign(groupCount, new int[groupCount], codes, new int[dimCount], tupleOfGroup);
    List<String[]> baseValues = new ArrayList<>(baseTuples.size());
    baseAbsent = new ArrayList<>(baseTuples.size());
    for (int t = 0; t < baseTuples.size(); t++) {
      String[] values = new String[dimCount];
      boolean[] absent = new boolean[dimCount];
      for (int d = 0; d < dimCount; d++) {
        int code = baseTuples.part(t, d + 1);
        values[d] = code < 0 ? NONE : dimensions[d].dictionary.text(code);
        absent[d] = code < 0;
      }
      baseValues.add(values);
      baseAbsent.add(absent);
    }
    return baseValues;
  }

  /**
   * The roll-up rows' partial states, merged per (window, parent values) and per (window, all), in
   * that order of levels. A key is the window, the dimension values, then whether each is absent,
   * so that an absent value and the text {@link #NONE} stay apart. An absent value of the rolled-up
   * dimension rolls up into {@link Rollup#UNASSIGNED}, as a value the map does not name.
   */
  private List<Map<List<Object>, Partial[]>> rollUp(Rollup r, int[] tupleOfGroup,
      List<String[]> baseValues) {
    int at = query.groupBy().indexOf(r.dimension());
    int measuredCount = measured.size();
    Map<List<Object>, Partial[]> parents = new LinkedHashMap<>();
    Map<List<Object>, Partial[]> all = new LinkedHashMap<>();
    // merged in time and value order, not in group id order: ids follow the order in which records
    // arrived (and, for a query split over threads, how it was split), and a state that rounds when
    // merged would round differently in another order
    int[] windowRank = windows.ranks();
    int[] tupleRank = ranks(baseValues, baseAbsent);
    int[] major = new int[groups.size()];
    int[] minor = new int[groups.size()];
    for (int g = 0; g < major.length; g++) {
      major[g] = windowRank[groups.part(g, 0)];
      minor[g] = tupleRank[tupleOfGroup[g]];
    }
    for (int g : countingOrder(major, Math.max(1, windowRank.length), minor, Math.max(1, tupleRank.length))) {
      Partial[] accs = new Partial[measuredCount];
      for (int m = 0; m < measuredCount; m++) {
        accs[m] = measured.get(m).kernel.partial(g);
      }
      String[] values = baseValues.get(tupleOfGroup[g]);
      boolean[] absent = baseAbsent.get(tupleOfGroup[g]);
      List<Object> parent = new ArrayList<>(1 + 2 * values.length);
      parent.add(groups.part(g, 0));
      parent.addAll(Arrays.asList(values));
      for (boolean a : absent) {
        parent.add(a);
      }
      List<Object> everything = new ArrayList<>(parent);
      parent.set(1 + at, absent[at] ? Rollup.UNASSIGNED : r.parentOf(values[at]));
      parent.set(1 + values.length + at, false);
      everything.set(1 + at, Rollup.ALL);
      everything.set(1 + values.length + at, false);
      mergeInto(parents, parent, accs, measured);
      mergeInto(all, everything, accs, measured);
    }
    return List.of(parents, all);
  }

  /** Every row's cells: measured KPIs from the kernels or the merged partial states, then the derived ones. */
  private CellColumn[] cells(RowLayout layout, int[] order, Map<String, Integer> kpiIndex) {
    int measuredCount = measured.size();
    int kpiCount = query.kpis().size();
    double[] qs = new double[measuredCount];
    int[] columnOf = new int[measuredCount];
    for (int m = 0; m < measuredCount; m++) {
      Kpi kpi = measured.get(m).kpi;
      qs[m] = kpi.measure() instanceof QuantileMeasure quantile ? quantile.q() : Double.NaN;
      columnOf[m] = kpiIndex.get(kpi.id());
    }
    int rowCount = layout.rowLevel.length;
    int groupCount = layout.groupCount;
    CellColumn[] columns = CellColumn.table(rowCount, kpiCount);
    // A sum beyond its range fails when read: an exact decimal sum beyond a double's, a whole one
    // beyond a long's. The query then names the first such KPI in the query's order, at its first
    // failing row in table order: group ids follow the order in which records arrived (and which
    // worker took which chunk), and the error must depend on neither.
    Failure failure = new Failure(order, columnOf);
    // base rows are summarised in group order, so each kernel's state is read front to back
    for (int g = 0; g < groupCount; g++) {
      for (int m = 0; m < measuredCount; m++) {
        try {
          measured.get(m).kernel.summarize(g, qs[m], columns[columnOf[m]], g);
        } catch (ArithmeticException e) {
          failure.at(m, g, e);
        }
      }
    }
    for (int r = groupCount; r < rowCount; r++) {
      Partial[] accs = layout.rolledUp.get(r - groupCount);
      for (int m = 0; m < measuredCount; m++) {
        try {
          columns[columnOf[m]].set(r, accs[m].summary(qs[m]));
        } catch (ArithmeticException e) {
          failure.at(m, r, e);
        }
      }
    }
    if (failure.cause != null) {
      throw overflow(measured.get(failure.measured).what() + (failure.row >= groupCount ? ", rolled up" : ""),
          failure.cause);
    }
    if (measuredCount < kpiCount) {
      deriveCells(columns, order, kpiIndex);
    }
    return columns;
  }

  /** The failing cell a query names: the first KPI in the query's order, then the first row in table order. */
  private static final class Failure {
    private final int[] order;
    private final int[] columnOf;
    private int[] position; // row to its place in the table, made at the first failure
    ArithmeticException cause;
    int measured = -1;
    int row = -1;

    Failure(int[] order, int[] columnOf) {
      this.order = order;
      this.columnOf = columnOf;
    }

    void at(int m, int r, ArithmeticException e) {
      if (position == null) {
        position = new int[order.length];
        for (int k = 0; k < order.length; k++) {
          position[order[k]] = k;
        }
      }
      if (cause == null || columnOf[m] < columnOf[measured]
          || (columnOf[m] == columnOf[measured] && position[r] < position[row])) {
        cause = e;
        measured = m;
        row = r;
      }
    }
  }

  /** A derived KPI's overflow, already named: a derived KPI that reads it passes it on as it is. */
  private static final class DerivedOverflow extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    DerivedOverflow(String message, ArithmeticException cause) {
      super(message);
      initCause(cause);
    }
  }

  /**
   * Computes the derived KPIs' cells of every row from the cells they name. A derived KPI beyond the
   * range of a double fails the query, naming the first such KPI in the query's order at its first
   * failing row in table order, as a measured one does: whatever order the records came in.
   */
  private void deriveCells(CellColumn[] columns, int[] order, Map<String, Integer> kpiIndex) {
    int kpiCount = columns.length;
    boolean[] known = new boolean[kpiCount];
    int[][] reads = new int[kpiCount][]; // a derived KPI's inputs, by column
    for (int k = 0; k < kpiCount; k++) {
      if (query.kpis().get(k).measure() instanceof DerivedMeasure d) {
        reads[k] = d.kpis().stream().mapToInt(kpiIndex::get).toArray();
      }
    }
    ArithmeticException failure = null;
    int failedKpi = kpiCount;
    for (int row : order) {
      for (int k = 0; k < kpiCount; k++) {
        known[k] = !query.kpis().get(k).isDerived();
      }
      for (int k = 0; k < kpiCount; k++) {
        try {
          derive(k, row, columns, known, kpiIndex, reads);
        } catch (ArithmeticException e) {
          if (k < failedKpi) {  // rows come in table order: the first failing row of each KPI is met first
            failure = e;
            failedKpi = k;
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The cell of derived KPI {@code k} in {@code row}, after those of the derived KPIs it reads. Its
   * sample size is the smallest of every KPI it reads ({@code reads[k]}), whatever their order in
   * the formula and whether they are empty; a formula that reads no KPI has sample size 0.
   */
  private void derive(int k, int row, CellColumn[] columns, boolean[] known, Map<String, Integer> kpiIndex,
      int[][] reads) {
    if (known[k]) {
      return;
    }
    Kpi kpi = query.kpis().get(k);
    DerivedMeasure d = (DerivedMeasure) kpi.measure();
    OptionalDouble value;
    try {
      value = Formulas.evaluate(d.formula().root(), id -> {
        int input = kpiIndex.get(id);
        derive(input, row, columns, known, kpiIndex, reads);
        return columns[input].value(row);
      });
    } catch (DerivedOverflow named) {
      throw named;  // a derived KPI it reads overflowed, and says so
    } catch (ArithmeticException overflow) {
      String text = d.formula().text();
      throw new DerivedOverflow("KPI '" + kpi.id() + "' = " + (text.length() <= 200 ? text
          : text.substring(0, 200) + "...") + ", in a row of the result: " + overflow.getMessage(), overflow);
    }
    // every input, also those after an empty one, at which the evaluation stopped
    long n = Long.MAX_VALUE;
    for (int input : reads[k]) {
      derive(input, row, columns, known, kpiIndex, reads);
      n = Math.min(n, columns[input].n(row));
    }
    columns[k].set(row, n == Long.MAX_VALUE ? 0 : n, value);
    known[k] = true;
  }

  /**
   * Row indexes in table order: window start, then level, then dimension values in text order.
   * Two stable counting passes, by tuple rank and then by (window rank, level), order the rows in
   * time linear in the rows, windows and tuples (each window and tuple has a row, so neither
   * outnumbers the rows).
   */
  private int[] rowOrder(int[] rowLevel, int[] rowWindow, int[] rowTuple, List<List<String[]>> tupleValues,
      List<List<boolean[]>> tupleAbsent) {
    int rowCount = rowLevel.length;
    int[] windowRank = windows.ranks();
    int[][] tupleRank = new int[tupleValues.size()][];
    int maxTuples = 1;
    for (int l = 0; l < tupleValues.size(); l++) {
      tupleRank[l] = ranks(tupleValues.get(l), tupleAbsent.get(l));
      maxTuples = Math.max(maxTuples, tupleRank[l].length);
    }
    int levels = tupleValues.size();
    int[] minor = new int[rowCount];
    int[] major = new int[rowCount];
    for (int r = 0; r < rowCount; r++) {
      minor[r] = tupleRank[rowLevel[r]][rowTuple[r]];
      major[r] = windowRank[rowWindow[r]] * levels + rowLevel[r];
    }
    return countingOrder(major, Math.max(1, windowRank.length) * levels, minor, maxTuples);
  }

  /**
   * The indexes {@code 0..n)} ordered by {@code major[i]}, then {@code minor[i]}, then index: an
   * LSD radix sort of two counting passes, {@code O(n + majorRange + minorRange)}.
   *
   * @param majorRange above every {@code major[i]} (all are 0 or more)
   * @param minorRange above every {@code minor[i]} (all are 0 or more)
   */
  static int[] countingOrder(int[] major, int majorRange, int[] minor, int minorRange) {
    int n = major.length;
    int[] byMinor = new int[n];
    int[] counts = new int[minorRange + 1];
    for (int i = 0; i < n; i++) {
      counts[minor[i] + 1]++;
    }
    for (int k = 0; k < minorRange; k++) {
      counts[k + 1] += counts[k];
    }
    for (int i = 0; i < n; i++) {
      byMinor[counts[minor[i]]++] = i;
    }
    int[] order = new int[n];
    counts = new int[majorRange + 1];
    for (int i = 0; i < n; i++) {
      counts[major[i] + 1]++;
    }
    for (int k = 0; k < majorRange; k++) {
      counts[k + 1] += counts[k];
    }
    for (int i : byMinor) {
      order[counts[major[i]]++] = i;
    }
    return order;
  }

  /**
   * Tuple id to its rank when the tuples are sorted by their values, compared one dimension at a
   * time. An absent value reads as {@link #NONE}, like the text "(none)"; where two tuples read
   * alike, the one with absent values where the other has that text comes first ({@code absent},
   * by tuple id), so the order never falls back on tuple ids, which follow the order in which
   * records arrived.
   */
  private static int[] ranks(List<String[]> tuples, List<boolean[]> absent) {
    Integer[] sorted = new Integer[tuples.size()];
    for (int t = 0; t < sorted.length; t++) {
      sorted[t] = t;
    }
    Arrays.sort(sorted, (a, b) -> {
      int c = Arrays.compare(tuples.get(a), tuples.get(b));
      return c != 0 ? c : Arrays.compare(absent.get(b), absent.get(a)); // absent (true) first
    });
    int[] rank = new int[sorted.length];
    for (int k = 0; k < sorted.length; k++) {
      rank[sorted[k]] = k;
    }
    return rank;
  }

  /** Makes the rows in {@code order}, each cell with its change from the group's row in the previous window. */
  private ImmutableList<KpiRow> rows(int[] order, int[] rowLevel, int[] rowWindow, int[] rowTuple,
      CellColumn[] columns, List<String> levelNames, List<List<String[]>> tupleValues,
      List<List<boolean[]>> tupleAbsent, ImmutableMap<String, Integer> index) {
    List<String> dims = query.groupBy();
    // (level, tuple) -> 1 + the row last seen, and the shared dimension map
    int[] levelStart = new int[tupleValues.size() + 1];
    for (int l = 0; l < tupleValues.size(); l++) {
      levelStart[l + 1] = levelStart[l] + tupleValues.get(l).size();
    }
    int[] latest = new int[levelStart[tupleValues.size()]];
    List<ImmutableMap<String, String>> dimensionMaps = new ArrayList<>(latest.length);
    List<ImmutableSet<String>> absentSets = new ArrayList<>(latest.length);
    for (int l = 0; l < tupleValues.size(); l++) {
      List<String[]> level = tupleValues.get(l);
      for (int t = 0; t < level.size(); t++) {
        String[] values = level.get(t);
        boolean[] absent = tupleAbsent.get(l).get(t);
        ImmutableMap.Builder<String, String> b = ImmutableMap.builderWithExpectedSize(dims.size());
        ImmutableSet.Builder<String> a = ImmutableSet.builder();
        for (int d = 0; d < dims.size(); d++) {
          b.put(dims.get(d), values[d]);
          if (absent[d]) {
            a.add(dims.get(d));
          }
        }
        dimensionMaps.add(b.buildOrThrow());
        absentSets.add(a.build());
      }
    }
    int[] previous = new int[order.length];
    for (int r : order) {
      int slot = levelStart[rowLevel[r]] + rowTuple[r];
      int last = latest[slot] - 1; // the group's latest row so far
      latest[slot] = r + 1;
      previous[r] = last >= 0 && windows.end(rowWindow[last]) == windows.start(rowWindow[r]) ? last : -1;
    }
    ResultCells cells = new ResultCells(query, columns, previous, index);
    ImmutableList.Builder<KpiRow> out = ImmutableList.builderWithExpectedSize(order.length);
    for (int r : order) {
      int slot = levelStart[rowLevel[r]] + rowTuple[r];
      out.add(new KpiRow(windows.window(rowWindow[r]), levelNames.get(rowLevel[r]), dimensionMaps.get(slot),
          absentSets.get(slot), cells, r));
    }
    return out.build();
  }

  private static void mergeInto(Map<List<Object>, Partial[]> level, List<Object> key,
      Partial[] accs, List<Measured> measured) {
    Partial[] target = level.get(key);
    if (target == null) {
      target = new Partial[accs.length];
      for (int m = 0; m < accs.length; m++) {
        target[m] = accs[m].copy();
      }
      level.put(key, target);
      return;
    }
    for (int m = 0; m < accs.length; m++) {
      try {
        target[m].merge(accs[m]);
      } catch (ArithmeticException e) {
        throw overflow(measured.get(m).what() + ", rolled up", e);
      }
    }
  }

  /**
   * An {@link ArithmeticException} (an overflow, always: nothing else in a query throws one) that
   * says where: the derived field or KPI being computed, then the cause's own message.
   */
  static ArithmeticException overflow(String where, ArithmeticException cause) {
    ArithmeticException named = new ArithmeticException(where + ": " + cause.getMessage());
    named.initCause(cause);
    return named;
  }
}
