package dev.finegrain.kpi;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Why a ratio or mean KPI moved between two windows: the change split into each group's
 * contribution, and each contribution into a rate effect and a mix effect. Made by
 * {@link KpiChanges}, whose javadoc states the decomposition.
 *
 * <pre>{@code
 * KpiChange change = KpiChanges.decompose(weeklyByChannel, "return-rate", "channel", "2026-W12", "2026-W13")
 *     .orElseThrow();
 * for (KpiChange.Contribution c : change.contributions()) {   // largest first
 *   System.out.println(c.group() + " rate " + c.rateEffect() + " mix " + c.mixEffect());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class KpiChange {
  private final Kpi kpi;
  private final String dimension;
  private final String before;
  private final String after;
  private final double valueBefore;
  private final double valueAfter;
  private final double change;
  private final double rateEffect;
  private final double mixEffect;
  private final List<Contribution> contributions;
  private final int smallSampleBelow;

  KpiChange(Kpi kpi, String dimension, String before, String after, double valueBefore, double valueAfter,
      double change, double rateEffect, double mixEffect, List<Contribution> contributions, int smallSampleBelow) {
    this.kpi = kpi;
    this.dimension = dimension;
    this.before = before;
    this.after = after;
    this.valueBefore = valueBefore;
    this.valueAfter = valueAfter;
    this.change = change;
    this.rateEffect = rateEffect;
    this.mixEffect = mixEffect;
    this.contributions = List.copyOf(contributions);
    this.smallSampleBelow = smallSampleBelow;
  }

  /** {@return the KPI whose change is decomposed} */
  public Kpi kpi() {
    return kpi;
  }

  /** {@return the dimension whose groups the change is split over, such as {@code channel}} */
  public String dimension() {
    return dimension;
  }

  /** {@return the label of the earlier window, such as {@code 2026-W12} ({@code before} for two sets of rows)} */
  public String before() {
    return before;
  }

  /** {@return the label of the later window, such as {@code 2026-W13} ({@code after} for two sets of rows)} */
  public String after() {
    return after;
  }

  /**
   * This decomposition with its windows labelled anew, such as {@code 2026-W12} and {@code 2026-W13} for
   * one made from two sets of rows (labelled {@code before} and {@code after}).
   *
   * @param before the label of the earlier window
   * @param after the label of the later window
   * @return a copy with those labels
   */
  public KpiChange withLabels(String before, String after) {
    return new KpiChange(kpi, dimension, java.util.Objects.requireNonNull(before, "before"),
        java.util.Objects.requireNonNull(after, "after"), valueBefore, valueAfter, change, rateEffect, mixEffect,
        contributions, smallSampleBelow);
  }

  /** {@return the KPI's value over all groups in the earlier window} */
  public double valueBefore() {
    return valueBefore;
  }

  /** {@return the KPI's value over all groups in the later window} */
  public double valueAfter() {
    return valueAfter;
  }

  /** {@return the change, {@code valueAfter - valueBefore}, computed exactly and rounded once} */
  public double change() {
    return change;
  }

  /** {@return the sum of the groups' rate effects, computed exactly and rounded once} */
  public double rateEffect() {
    return rateEffect;
  }

  /** {@return the sum of the groups' mix effects, computed exactly and rounded once} */
  public double mixEffect() {
    return mixEffect;
  }

  /**
   * {@return each group's contribution, the largest (by absolute total) first, ties by group name,
   * the absent group before the text {@code (none)} that reads alike}
   */
  public List<Contribution> contributions() {
    return contributions;
  }

  /**
   * The contribution of one group.
   *
   * <p>Where records without a value and records with the text {@code (none)} both occur, two groups
   * read {@code (none)}; this returns the absent one, and {@link #contributions()} has both.
   *
   * @param group the group's value of the dimension, such as {@code douyin}
   * @return its contribution, or empty if the group has no rows in either window
   */
  public Optional<Contribution> contribution(String group) {
    return contributions.stream().filter(c -> c.group().equals(group)).min(Comparator.comparing(c -> !c.absent()));
  }

  /** {@return the sample size below which a group is flagged as too small to judge} */
  public int smallSampleBelow() {
    return smallSampleBelow;
  }

  /**
   * The decomposition as aligned text: a line per group with its value and share in each window,
   * its rate and mix effects and their total, {@code *} marking a small group. Percent KPIs show
   * effects in percentage points ({@code pp}). The effects are rounded as {@link RoundedEffects} states,
   * so that each line's total is the sum of its effects and the {@code all} line the sum of each column,
   * the change rounded; every effect is within one unit of the last digit of its exact value. The
   * group without a value shows as {@code (none)}; groups whose value is the text {@code (none)} or
   * {@code all} show in quotes, apart from it and from the {@code all} line.
   *
   * @return the text, ending in a newline
   */
  public String toText() {
    RoundedEffects shown = RoundedEffects.of(this);
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {dimension, before, after, "share " + before, "share " + after, "rate effect",
        "mix effect", "total"});
    for (int i = 0; i < contributions.size(); i++) {
      Contribution c = contributions.get(i);
      RoundedEffects.Row row = shown.rows().get(i);
      String group = c.group().equals("all") ? "\"all\"" : KpiTable.shown(c.group(), c.absent());
      lines.add(new String[] {group + (c.smallSample() ? "*" : ""), KpiTable.format(kpi, c.valueBefore()),
          KpiTable.format(kpi, c.valueAfter()), percent(c.shareBefore()), percent(c.shareAfter()),
          shown.format(row.rateEffect()), shown.format(row.mixEffect()), shown.format(row.total())});
    }
    lines.add(new String[] {"all", KpiTable.format(kpi, OptionalDouble.of(valueBefore)),
        KpiTable.format(kpi, OptionalDouble.of(valueAfter)), "100.0%", "100.0%", shown.format(shown.all().rateEffect()),
        shown.format(shown.all().mixEffect()), shown.format(shown.all().total())});
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(kpi.name()).append(" by ").append(dimension).append(", ").append(before).append(" -> ")
        .append(after).append(": ").append(KpiTable.format(kpi, OptionalDouble.of(valueBefore))).append(" -> ")
        .append(KpiTable.format(kpi, OptionalDouble.of(valueAfter))).append(" (").append(effect(change))
        .append(")\n");
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder("  ");
      for (int i = 0; i < line.length; i++) {
        String pad = " ".repeat(widths[i] - line[i].length());
        text.append(i == 0 ? line[i] + pad : pad + line[i]).append("  ");
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    out.append("  each effect within ").append(kpi.isPercent() ? "0.01 pp" : "0.01")
        .append(" of its exact value, rounded so that the figures shown add up\n");
    if (contributions.stream().anyMatch(Contribution::smallSample)) {
      out.append("  * fewer than ").append(smallSampleBelow)
          .append(kpi.measure() instanceof MeanMeasure ? " values" : " records in the denominator")
          .append(" in a window: too small to judge\n");
    }
    return out.toString();
  }

  /**
   * An effect in the KPI's unit, with its sign, rounded on its own to two decimals (halves away from zero):
   * {@code +1.25 pp} for a percent KPI, {@code -3.40} otherwise. To show a decomposition's effects so that
   * they add up, round them together with {@link RoundedEffects}.
   *
   * @param value the effect
   * @return the effect as text
   */
  public String formatEffect(double value) {
    return effect(value);
  }

  private String effect(double value) {
    if (!Double.isFinite(value)) {   // no decomposition makes one; shown as given rather than refused
      return (value > 0 ? "+" : "") + value + (kpi.isPercent() ? " pp" : "");
    }
    return RoundedEffects.format(RoundedEffects.shown(RoundedEffects.nearest(value, kpi.isPercent())),
        kpi.isPercent());
  }

  private static String percent(double share) {
    return new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(share * 100) + "%";
  }

  @Override
  public String toString() {
    return toText();
  }

  /**
   * One group's part of a KPI's change: its rate effect (the group's own value moved, weighted by its
   * average share) and its mix effect (its share moved, weighted by how far its average value lies
   * from the KPI's average value).
   *
   * @since 0.1
   */
  public static final class Contribution {
    private final String group;
    private final boolean absent;
    private final OptionalDouble valueBefore;
    private final OptionalDouble valueAfter;
    private final double shareBefore;
    private final double shareAfter;
    private final long sampleBefore;
    private final long sampleAfter;
    private final double rateEffect;
    private final double mixEffect;
    private final double total;
    private final boolean smallSample;

    Contribution(String group, boolean absent, OptionalDouble valueBefore, OptionalDouble valueAfter,
        double shareBefore, double shareAfter, long sampleBefore, long sampleAfter, double rateEffect,
        double mixEffect, double total, boolean smallSample) {
      this.group = group;
      this.absent = absent;
      this.valueBefore = valueBefore;
      this.valueAfter = valueAfter;
      this.shareBefore = shareBefore;
      this.shareAfter = shareAfter;
      this.sampleBefore = sampleBefore;
      this.sampleAfter = sampleAfter;
      this.rateEffect = rateEffect;
      this.mixEffect = mixEffect;
      this.total = total;
      this.smallSample = smallSample;
    }

    /** {@return the group's value of the dimension; {@code (none)} for rows without one (see {@link #absent()})} */
    public String group() {
      return group;
    }

    /**
     * {@return whether the group is the records without a value of the dimension: its {@link #group()}
     * reads {@code (none)}, and records with the text {@code (none)} are another group}
     */
    public boolean absent() {
      return absent;
    }

    /** {@return the group's own KPI value in the earlier window; empty if it has none there} */
    public OptionalDouble valueBefore() {
      return valueBefore;
    }

    /** {@return the group's own KPI value in the later window; empty if it has none there} */
    public OptionalDouble valueAfter() {
      return valueAfter;
    }

    /** {@return the group's share of the volume in the earlier window (its denominator, or for a mean its values), 0 to 1} */
    public double shareBefore() {
      return shareBefore;
    }

    /** {@return the group's share of the volume in the later window, 0 to 1} */
    public double shareAfter() {
      return shareAfter;
    }

    /**
     * {@return the group's sample size in the earlier window: its cells' {@link KpiCell#sampleSize()}
     * summed over the other dimensions; for a ratio the records its denominator counts, for a mean the
     * values}
     */
    public long sampleBefore() {
      return sampleBefore;
    }

    /** {@return the group's sample size in the later window, as {@link #sampleBefore()} in the earlier} */
    public long sampleAfter() {
      return sampleAfter;
    }

    /**
     * {@return the part of the change due to the group's own value moving; 0 if it has a value in one
     * window only, unless its numerator is not 0 where its denominator is (that numerator over the
     * window's total then counts here, so that the effects still add up to the change; see
     * {@link KpiChanges})}
     */
    public double rateEffect() {
      return rateEffect;
    }

    /** {@return the part of the change due to the group's share of the volume moving} */
    public double mixEffect() {
      return mixEffect;
    }

    /** {@return rate effect plus mix effect, computed exactly and rounded once} */
    public double total() {
      return total;
    }

    /**
     * {@return whether in either window the group takes part on a sample below the threshold: its
     * effects are too noisy to read anything into. A group takes part where its sample is not 0, or
     * where its numerator is not 0 while its denominator is (see {@link KpiChanges})}
     */
    public boolean smallSample() {
      return smallSample;
    }

    @Override
    public String toString() {
      return group + ": rate " + rateEffect + ", mix " + mixEffect + (smallSample ? " (small sample)" : "");
    }
  }
}
