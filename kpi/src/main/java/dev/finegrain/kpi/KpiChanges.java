package dev.finegrain.kpi;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Why a KPI moved: decomposes the change of a ratio or mean KPI between two windows (or two sets of
 * rows) into each group's contribution, split into a <b>rate effect</b> (the group got better or
 * worse) and a <b>mix effect</b> (its share of the volume changed).
 *
 * <pre>{@code
 * KpiQuery weekly = KpiQuery.builder().addKpis(EcommerceKpis.returnRate())
 *     .timeField("createdAt").grain(Grain.ISO_WEEK).zone(shanghai).addGroupBy("channel").build();
 * KpiTable table = Kpis.run(weekly, schema, orders);
 * KpiChange change = KpiChanges.decompose(table, "return-rate", "channel", "2026-W12", "2026-W13")
 *     .orElseThrow();                       // empty if the KPI has no value in either window
 * System.out.print(change.toText());
 * }</pre>
 *
 * <h2>The decomposition</h2>
 *
 * <p>A ratio KPI over groups {@code g} is {@code R = N / D = Σ_g w_g·r_g}, with the group's value
 * {@code r_g = N_g / D_g} and its share of the volume {@code w_g = D_g / D}. A mean KPI is the same with
 * {@code N_g} the sum of the field and {@code D_g} the number of values. With {@code 0} for the earlier
 * window, {@code 1} for the later, {@code Δx = x1 - x0}, {@code x̄ = (x0 + x1) / 2} and the reference
 * {@code c = R̄}, the midpoint (shift-share) form
 *
 * <pre>
 *   ΔR = Σ_g [ Δr_g · w̄_g ]  +  Σ_g [ Δw_g · (r̄_g - c) ]
 *          rate effect            mix effect
 * </pre>
 *
 * <p>is an identity, not an approximation: each group's two terms add up to
 * {@code w1_g·r1_g - w0_g·r0_g - c·Δw_g}, and the {@code c} terms cancel because the shares of each window
 * add up to 1. Subtracting {@code c} changes no group's total but makes the mix effect read naturally:
 * gaining share is good for a group whose value is above the average and bad for one below it.
 *
 * <ul>
 *   <li>A group with no volume in one window (absent, or a zero denominator there) has no value in that
 *       window: its contribution is pure mix, {@code Δw_g · (r_g - c)} with its one value {@code r_g}, and
 *       its rate effect is 0 (if its numerator is not 0 while its denominator is, that numerator's
 *       {@code N_g / D} counts as rate effect, so that the identity still holds).
 *   <li>A group counts as a <b>small sample</b> when in either window it takes part, but on a sample
 *       below the threshold (the query's {@link KpiQuery#smallSampleBelow()}, {@value KpiQuery#SMALL_SAMPLE}
 *       by default): its effects are noise-sized. Its sample in a window is its cells'
 *       {@link KpiCell#sampleSize()} summed over the other dimensions: for a ratio the records its
 *       denominator counts, for a mean the values. It takes part in a window where that sample is not
 *       0, or where its numerator is not 0 while its denominator is (records the numerator counts but
 *       the denominator does not): such a group moves the change on no sample at all, and is flagged.
 *   <li>With more than one group-by dimension in the table, the other dimensions are summed over (the
 *       numerators and denominators, or for a mean the sums and counts); roll-up rows are not read.
 *   <li>The decomposition is empty when the KPI has no value in a window (no records, or a zero
 *       denominator over all groups).
 * </ul>
 *
 * <h2>How exact</h2>
 *
 * <p>Every quantity is computed in exact rational arithmetic from the groups' numerators and
 * denominators (a mean's sum is {@code n × mean}, with the mean as the table has it), and each
 * reported double ({@link KpiChange#change()}, each {@link KpiChange.Contribution#rateEffect()},
 * {@link KpiChange.Contribution#mixEffect()}, ...) is the exact value rounded once to the nearest
 * double. So the reported effects add up to the reported change to within rounding alone: summed
 * exactly, {@code |Σ_g (rate_g + mix_g) - change| ≤ (ulp(change) + Σ_g (ulp(rate_g) + ulp(mix_g))) / 2}.
 * The values before and after are {@code N / D} of the summed groups: for a ratio, what the table
 * shows for all groups; for a mean, the same up to the rounding of each group's mean.
 *
 * <p>Shown with two decimals, effects rounded one by one would not add up ({@code -0.06 pp} and
 * {@code +0.00 pp} beside a total of {@code -0.07 pp}); {@link KpiChange#toText()} rounds them together
 * with {@link RoundedEffects}, so that every line and column it prints adds up, each effect within one
 * unit of its last digit.
 *
 * @since 0.1
 */
public final class KpiChanges {
  private KpiChanges() {}

  /**
   * Decomposes the change of KPI {@code kpiId} between two windows of {@code table} over the groups of
   * {@code dimension}.
   *
   * @param table a KPI table whose query groups by {@code dimension}
   * @param kpiId the id of a ratio or mean KPI of the table's query
   * @param dimension one of the query's group-by dimensions
   * @param beforeWindow the label of the earlier window, such as {@code 2026-W12}
   * @param afterWindow the label of the later window, such as {@code 2026-W13}
   * @return the decomposition; empty when the KPI has no value in either window
   * @throws IllegalArgumentException naming the parameter ({@code kpiId: ...}, {@code dimension: ...},
   *     {@code beforeWindow: ...}) if the KPI is unknown or not a ratio or mean, the dimension is not
   *     grouped by, or the table has no row in a window
   */
  public static Optional<KpiChange> decompose(KpiTable table, String kpiId, String dimension, String beforeWindow,
      String afterWindow) {
    checkNotNull(table, "table");
    checkNotNull(kpiId, "kpiId");
    checkNotNull(dimension, "dimension");
    checkNotNull(beforeWindow, "beforeWindow");
    checkNotNull(afterWindow, "afterWindow");
    KpiQuery query = table.query();
    Kpi kpi = query.kpi(kpiId).orElseThrow(() -> new IllegalArgumentException("kpiId: no KPI '" + kpiId
        + "' in the table's query; it has " + query.kpis().stream().map(Kpi::id).toList()));
    checkKind(kpi, "kpiId");
    if (!query.groupBy().contains(dimension)) {
      throw new IllegalArgumentException("dimension: '" + dimension + "' is not a group-by dimension of the table's"
          + " query; it groups by " + query.groupBy());
    }
    List<String> windows = table.rows().stream().map(r -> r.window().label()).distinct().toList();
    for (String[] w : new String[][] {{"beforeWindow", beforeWindow}, {"afterWindow", afterWindow}}) {
      if (!windows.contains(w[1])) {
        throw new IllegalArgumentException(w[0] + ": the table has no row in a window labelled '" + w[1]
            + "'; it has " + windows);
      }
    }
    return decompose(kpi, dimension, beforeWindow, afterWindow, sides(table, kpi, dimension, beforeWindow),
        sides(table, kpi, dimension, afterWindow), query.smallSampleBelow());
  }

  /**
   * Decomposes the change of {@code kpi} from the records {@code before} to the records {@code after}
   * over the groups of {@code dimension}, flagging groups whose sample in a period is below
   * {@value KpiQuery#SMALL_SAMPLE} (see the class's notes). The windows are labelled {@code before} and
   * {@code after}.
   *
   * @param <T> the record type
   * @param kpi a ratio or mean KPI
   * @param dimension a dimension field of {@code schema}, such as {@code channel}
   * @param schema how the KPI's fields and the dimension are read from a record
   * @param before the records of the earlier period
   * @param after the records of the later period
   * @return the decomposition; empty when the KPI has no value in either set of records
   * @throws IllegalArgumentException naming the parameter if the KPI is not a ratio or mean KPI or the
   *     dimension is blank
   * @throws dev.finegrain.core.DefinitionException if the schema lacks a field the KPI or the dimension
   *     needs
   */
  public static <T> Optional<KpiChange> decompose(Kpi kpi, String dimension, Schema<T> schema,
      Iterable<? extends T> before, Iterable<? extends T> after) {
    return decompose(kpi, dimension, schema, before, after, KpiQuery.SMALL_SAMPLE);
  }

  /**
   * As {@link #decompose(Kpi, String, Schema, Iterable, Iterable)}, with the small-sample threshold given.
   *
   * @param <T> the record type
   * @param kpi a ratio or mean KPI
   * @param dimension a dimension field of {@code schema}, such as {@code channel}
   * @param schema how the KPI's fields and the dimension are read from a record
   * @param before the records of the earlier period
   * @param after the records of the later period
   * @param smallSampleBelow a group that takes part in a period on a sample below this is flagged; 0 or more
   * @return the decomposition; empty when the KPI has no value in either set of records
   * @throws IllegalArgumentException naming the parameter if the KPI is not a ratio or mean KPI, the
   *     dimension is blank or the threshold negative
   * @throws dev.finegrain.core.DefinitionException if the schema lacks a field the KPI or the dimension
   *     needs
   */
  public static <T> Optional<KpiChange> decompose(Kpi kpi, String dimension, Schema<T> schema,
      Iterable<? extends T> before, Iterable<? extends T> after, int smallSampleBelow) {
    checkNotNull(kpi, "kpi");
    checkNotNull(dimension, "dimension");
    checkNotNull(schema, "schema");
    checkNotNull(before, "before");
    checkNotNull(after, "after");
    checkKind(kpi, "kpi");
    if (dimension.isBlank()) {
      throw new IllegalArgumentException("dimension: must not be blank");
    }
    if (smallSampleBelow < 0) {
      throw new IllegalArgumentException("smallSampleBelow: expected 0 or more, got " + smallSampleBelow);
    }
    KpiQuery query = KpiQuery.builder().addKpis(kpi).addGroupBy(dimension).smallSampleBelow(smallSampleBelow)
        .build();
    KpiTable first = Kpis.run(query, schema, before);
    KpiTable second = Kpis.run(query, schema, after);
    return decompose(kpi, dimension, "before", "after", sides(first, kpi, dimension, null),
        sides(second, kpi, dimension, null), smallSampleBelow);
  }

  private static void checkKind(Kpi kpi, String field) {
    Measure m = kpi.measure();
    if (!(m instanceof RatioMeasure || m instanceof MeanMeasure)) {
      String kind = m instanceof CountMeasure ? "count" : m instanceof SumMeasure ? "sum"
          : m instanceof QuantileMeasure ? "quantile" : m instanceof DistinctMeasure ? "distinct" : "derived";
      throw new IllegalArgumentException(field + ": KPI '" + kpi.id() + "' is a " + kind
          + " KPI; a change decomposes into rate and mix effects for ratio and mean KPIs only");
    }
  }

  /** One group's volume in one window: numerator, denominator and sample size. */
  private static final class Side {
    Fraction num = Fraction.ZERO;
    Fraction den = Fraction.ZERO;
    long n;

    /**
     * Whether the group takes part in the window: it has a sample there, or a numerator without
     * one (records its ratio's numerator counts while its denominator counts none), which still
     * moves the change.
     */
    boolean takesPart() {
      return n > 0 || num.signum() != 0;
    }

    /** Whether the group takes part in the window on fewer than {@code smallSampleBelow} records. */
    boolean small(int smallSampleBelow) {
      return takesPart() && n < smallSampleBelow;
    }
  }

  /**
   * A group of the decomposed dimension: its value and whether that value is absent (it reads
   * {@code (none)}, like the text), so that records with the text never merge into the absent group.
   * Ordered by value, the absent group before the text that reads alike.
   */
  private record Group(String value, boolean absent) implements Comparable<Group> {
    @Override
    public int compareTo(Group o) {
      int c = value.compareTo(o.value);
      return c != 0 ? c : Boolean.compare(o.absent, absent);
    }
  }

  /** The groups of one window ({@code null}: every window), other dimensions summed over. */
  private static Map<Group, Side> sides(KpiTable table, Kpi kpi, String dimension, String window) {
    Map<Group, Side> out = new TreeMap<>();
    boolean mean = kpi.measure() instanceof MeanMeasure;
    for (KpiRow row : table.rows(KpiRow.BASE_LEVEL)) {
      if (window != null && !row.window().label().equals(window)) {
        continue;
      }
      KpiCell cell = row.cell(kpi.id()).orElseThrow();
      Group group = new Group(row.dimension(dimension).orElseThrow(), row.absentDimensions().contains(dimension));
      Side side = out.computeIfAbsent(group, g -> new Side());
      side.n += cell.sampleSize();
      if (mean) {
        if (cell.value().isPresent()) {
          Fraction count = Fraction.of(cell.sampleSize());
          side.num = side.num.plus(count.times(Fraction.of(cell.value().getAsDouble())));
          side.den = side.den.plus(count);
        }
      } else {
        side.num = side.num.plus(Fraction.of(cell.numerator().orElse(0)));
        side.den = side.den.plus(Fraction.of(cell.denominator().orElse(0)));
      }
    }
    return out;
  }

  private static Optional<KpiChange> decompose(Kpi kpi, String dimension, String beforeLabel, String afterLabel,
      Map<Group, Side> before, Map<Group, Side> after, int smallSampleBelow) {
    Fraction n0 = Fraction.ZERO;
    Fraction d0 = Fraction.ZERO;
    Fraction n1 = Fraction.ZERO;
    Fraction d1 = Fraction.ZERO;
    for (Side s : before.values()) {
      n0 = n0.plus(s.num);
      d0 = d0.plus(s.den);
    }
    for (Side s : after.values()) {
      n1 = n1.plus(s.num);
      d1 = d1.plus(s.den);
    }
    if (d0.signum() == 0 || d1.signum() == 0) {
      return Optional.empty();
    }
    Fraction r0All = n0.dividedBy(d0);
    Fraction r1All = n1.dividedBy(d1);
    Fraction c = r0All.plus(r1All).times(Fraction.HALF);
    Fraction rateSum = Fraction.ZERO;
    Fraction mixSum = Fraction.ZERO;
    List<KpiChange.Contribution> contributions = new ArrayList<>();
    Side none = new Side();
    TreeSet<Group> groups = new TreeSet<>(before.keySet());
    groups.addAll(after.keySet());
    for (Group g : groups) {
      Side s0 = before.getOrDefault(g, none);
      Side s1 = after.getOrDefault(g, none);
      Fraction w0 = s0.den.dividedBy(d0);
      Fraction w1 = s1.den.dividedBy(d1);
      Optional<Fraction> r0 = s0.den.signum() == 0 ? Optional.empty() : Optional.of(s0.num.dividedBy(s0.den));
      Optional<Fraction> r1 = s1.den.signum() == 0 ? Optional.empty() : Optional.of(s1.num.dividedBy(s1.den));
      // the group's exact part of the change: N1_g/D1 - N0_g/D0 - c·Δw_g (the c terms sum to 0)
      Fraction total = s1.num.dividedBy(d1).minus(s0.num.dividedBy(d0)).minus(c.times(w1.minus(w0)));
      Fraction mix;
      if (r0.isPresent() && r1.isPresent()) {
        mix = w1.minus(w0).times(r0.get().plus(r1.get()).times(Fraction.HALF).minus(c));
      } else if (r0.isPresent() || r1.isPresent()) {
        mix = w1.minus(w0).times(r0.orElseGet(r1::get).minus(c));
      } else {
        mix = Fraction.ZERO;
      }
      Fraction rate = total.minus(mix); // with both values: Δr_g·w̄_g exactly
      rateSum = rateSum.plus(rate);
      mixSum = mixSum.plus(mix);
      boolean small = s0.small(smallSampleBelow) || s1.small(smallSampleBelow);
      contributions.add(new KpiChange.Contribution(g.value(), g.absent(), value(r0), value(r1), w0.toDouble(),
          w1.toDouble(), s0.n, s1.n, rate.toDouble(), mix.toDouble(), total.toDouble(), small));
    }
    contributions.sort(Comparator.comparingDouble((KpiChange.Contribution x) -> -Math.abs(x.total()))
        .thenComparing(KpiChange.Contribution::group)
        .thenComparing(KpiChange.Contribution::absent, Comparator.reverseOrder()));
    return Optional.of(new KpiChange(kpi, dimension, beforeLabel, afterLabel, r0All.toDouble(), r1All.toDouble(),
        r1All.minus(r0All).toDouble(), rateSum.toDouble(), mixSum.toDouble(), contributions, smallSampleBelow));
  }

  private static OptionalDouble value(Optional<Fraction> f) {
    return f.isPresent() ? OptionalDouble.of(f.get().toDouble()) : OptionalDouble.empty();
  }
}
