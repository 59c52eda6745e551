package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which KPIs to compute over which records, by calendar window and dimensions.
 *
 * <pre>{@code
 * KpiQuery weekly = KpiQuery.builder()
 *     .addKpis(orders, gmv, onTimeRate, p90ShipDelay)
 *     .timeField("createdAt").grain(Grain.ISO_WEEK).zone(ZoneId.of("Asia/Shanghai"))
 *     .putDerivedField("shipDelayHours", Formula.parse("(shippedAt - createdAt) // 1h"))
 *     .addGroupBy("channel")
 *     .build();
 * KpiTable table = Kpis.run(weekly, ordersSchema, orderList);   // or Kpis.run(weekly, columnBatch)
 * }</pre>
 *
 * <p>Records whose time field is absent or outside {@link #range()} are not aggregated; the result
 * table counts them ({@link KpiTable#skippedRecords()}), so nothing is dropped silently.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableKpiQuery.class)
@JsonDeserialize(as = ImmutableKpiQuery.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class KpiQuery {
  KpiQuery() {}

  /**
   * The longest chain of derived KPIs a query may have, {@value}: a derived KPI that reads only
   * measured KPIs is 1 deep, one that reads it 2 deep, and so on.
   */
  public static final int MAX_DERIVED_DEPTH = 64;

  /** The default size below which a value is flagged as a small sample. */
  public static final int SMALL_SAMPLE = 30;

  /** {@return the KPIs to compute, at least one, with unique ids} */
  public abstract List<Kpi> kpis();

  /**
   * The instant field that places each record in a window, such as {@code createdAt}. Required when
   * the {@link #grain()} is a calendar grain or a {@link #range()} is set; with grain {@link Grain#ALL}
   * and no range, a query without a time field reads every record into the one window.
   *
   * @return the time field, if the query has one
   */
  public abstract Optional<String> timeField();

  /** {@return the calendar grain of the windows; {@link Grain#ALL} (one window) unless set} */
  @Value.Default
  public Grain grain() {
    return Grain.ALL;
  }

  /** {@return the time zone of the calendar; UTC unless set} */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /** {@return the range of records read, optional: all records when empty; needs a {@link #timeField()}} */
  public abstract Optional<TimeRange> range();

  /** {@return the dimensions to group by, in order; none (the default) for one row per window} */
  public abstract List<String> groupBy();

  /**
   * {@return the fields computed from others per record, by name, such as {@code shipDelayHours = (shippedAt -
   * createdAt) // 1h}; none unless added}
   */
  public abstract Map<String, Formula> derivedFields();

  /** {@return the roll-up of one group-by dimension to a parent level and to all, optional} */
  public abstract Optional<Rollup> rollup();

  /** {@return the sample size below which a value is flagged as a small sample; {@link #SMALL_SAMPLE} unless set} */
  @Value.Default
  public int smallSampleBelow() {
    return SMALL_SAMPLE;
  }

  /**
   * The KPI with this id, if the query has it.
   *
   * @param id the id
   * @return the KPI with this id, if the query has it
   */
  public Optional<Kpi> kpi(String id) {
    return kpis().stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** {@return a builder of a query, with no attribute set} */
  public static Builder builder() {
    return new Builder();
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    problems.check(!kpis().isEmpty(), "kpis", "a query needs at least one KPI");
    timeField().ifPresent(t -> problems.check(!t.isBlank(), "timeField", "must not be blank"));
    problems.check(timeField().isPresent() || grain() == Grain.ALL, "timeField",
        "required for grain %s: records are placed in windows by a time field", grain());
    problems.check(timeField().isPresent() || range().isEmpty(), "timeField",
        "required when a range is set: records are kept by a time field");
    problems.check(smallSampleBelow() >= 0, "smallSampleBelow", "expected 0 or more, got %s", smallSampleBelow());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < kpis().size(); i++) {
      Integer earlier = index.putIfAbsent(kpis().get(i).id(), i);
      if (earlier != null) {
        problems.add("kpis[" + i + "].id", "duplicate KPI id '%s' (also kpis[%s])", kpis().get(i).id(), earlier);
      }
    }
    for (int i = 0; i < kpis().size(); i++) {
      Kpi kpi = kpis().get(i);
      if (kpi.measure() instanceof DerivedMeasure derivedMeasure) {
        for (String ref : derivedMeasure.kpis()) {
          if (!index.containsKey(ref)) { // the sorted list of ids only when reported: not once per reference
            problems.add("kpis[" + i + "].measure.formula", "unknown KPI '%s'; the query has %s", ref,
                index.keySet().stream().sorted().toList());
          }
        }
      }
    }
    Map<String, Integer> depths = new HashMap<>();
    List<String> cycle = derivedCycle(depths);
    problems.check(cycle.isEmpty(), "kpis", "derived KPIs form a cycle: %s", String.join(" -> ", cycle));
    for (int i = 0; i < kpis().size(); i++) {
      int depth = depths.getOrDefault(kpis().get(i).id(), 0);
      // where a chain first goes too deep (every chain deeper than the limit has a KPI exactly one too deep)
      if (depth == MAX_DERIVED_DEPTH + 1) {
        problems.add("kpis[" + i + "].measure.formula", "derived KPIs read one another %s deep here; at most %s "
            + "(KpiQuery.MAX_DERIVED_DEPTH)", depth, MAX_DERIVED_DEPTH);
        break;
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groupBy().size(); i++) {
      problems.check(seen.add(groupBy().get(i)), "groupBy[" + i + "]", "'%s' is listed twice", groupBy().get(i));
    }
    rollup().ifPresent(r -> problems.check(groupBy().contains(r.dimension()), "rollup.dimension",
        "'%s' must be one of the group-by dimensions %s", r.dimension(), groupBy()));
    derivedFields().forEach((name, formula) -> problems.check(!formula.names().contains(name),
        "derivedFields." + name, "a derived field cannot read itself"));
    derivedFields().keySet().forEach(name -> problems.check(!name.isBlank(), "derivedFields." + name,
        "a derived field's name must not be blank"));
    problems.throwIfAny("KPI query");
  }

  /**
   * A cycle among derived KPIs, as ids with the first repeated at the end; empty if none, and then
   * {@code depths} holds each derived KPI's depth: 1 when it reads only measured KPIs, else one more
   * than the deepest derived KPI it reads.
   */
  private List<String> derivedCycle(Map<String, Integer> depths) {
    Map<String, List<String>> reads = new HashMap<>();
    for (Kpi kpi : kpis()) {
      if (kpi.measure() instanceof DerivedMeasure derivedMeasure) {
        reads.put(kpi.id(), derivedMeasure.kpis());
      }
    }
    // a depth-first search with its own stack, so that a long chain of derived KPIs cannot overflow the thread's
    Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
    for (String start : reads.keySet().stream().sorted().toList()) {
      if (state.containsKey(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      List<Iterator<String>> next = new ArrayList<>();
      path.add(start);
      next.add(reads.get(start).iterator());
      state.put(start, 1);
      while (!path.isEmpty()) {
        Iterator<String> it = next.get(next.size() - 1);
        if (!it.hasNext()) {
          String done = path.remove(path.size() - 1);
          next.remove(next.size() - 1);
          state.put(done, 2);
          int deepest = 0;
          for (String input : reads.get(done)) {
            deepest = Math.max(deepest, depths.getOrDefault(input, 0));
          }
          depths.put(done, deepest + 1);
          continue;
        }
        String id = it.next();
        Integer s = state.get(id);
        if (s == null) {
          if (reads.containsKey(id)) {
            path.add(id);
            next.add(reads.get(id).iterator());
            state.put(id, 1);
          }
        } else if (s == 1) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
          cycle.add(id);
          return cycle;
        }
      }
    }
    return List.of();
  }

  /**
   * Builds a {@link KpiQuery}. Attributes:
   *
   * <ul>
   *   <li>{@code kpis}: at least one, with unique ids ({@code addKpi}, {@code addKpis});
   *   <li>{@code timeField}: optional with grain {@code ALL} and no {@code range}, required otherwise;
   *   <li>{@code grain}: {@link Grain#ALL} unless set; {@code zone}: UTC unless set;
   *   <li>{@code range}, {@code rollup}: optional; {@code groupBy}, {@code derivedFields}: none unless added;
   *   <li>{@code smallSampleBelow}: {@link KpiQuery#SMALL_SAMPLE} unless set.
   * </ul>
   *
   * <p>{@link #build()} checks them all and reports every problem at once.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableKpiQuery.Builder {
    Builder() {}

    /**
     * Builds the KPI query, checking every attribute.
     *
     * @return the KPI query
     * @throws dev.finegrain.core.DefinitionException if a required attribute is not set or the KPI query is
     *     not valid, listing each problem with its path
     */
    @Override
    public KpiQuery build() {
      return super.build();  // the style reports missing attributes as a DefinitionException
    }
  }
}
