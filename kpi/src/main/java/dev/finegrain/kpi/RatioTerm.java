package dev.finegrain.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.condition.Condition;
import dev.finegrain.core.internal.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One side of a ratio: a count of records or a sum of a field, each over the records that pass an
 * optional filter of its own; in JSON {@code {"aggregate": "COUNT", "filter": {...}}} or
 * {@code {"aggregate": "SUM", "field": "refundCents"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRatioTerm.class)
@JsonDeserialize(as = ImmutableRatioTerm.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract class RatioTerm {
  RatioTerm() {}

  /**
   * How a side of a ratio aggregates.
   *
   * @since 0.1
   */
  public enum Aggregate {
    /** Counts records. */
    COUNT,
    /** Sums a field. */
    SUM;
  }

  /** {@return whether this side counts records or sums a field} */
  public abstract Aggregate aggregate();

  /** {@return the field summed; present exactly when {@link #aggregate()} is SUM} */
  public abstract Optional<String> field();

  /** {@return the records this side counts or sums, within those of the KPI} */
  public abstract Optional<Condition> filter();

  /** {@return a term that counts every record of the KPI} */
  public static RatioTerm count() {
    return ImmutableRatioTerm.builder().aggregate(Aggregate.COUNT).build();
  }

  /**
   * Counts the records that pass {@code filter}.
   *
   * @param filter the condition a record must pass to count
   * @return the term
   */
  public static RatioTerm count(Condition filter) {
    return ImmutableRatioTerm.builder().aggregate(Aggregate.COUNT).filter(filter).build();
  }

  /**
   * Sums {@code field}.
   *
   * @param field the field's name
   * @return the term
   */
  public static RatioTerm sum(String field) {
    return ImmutableRatioTerm.builder().aggregate(Aggregate.SUM).field(field).build();
  }

  /**
   * Sums {@code field} over the records that pass {@code filter}.
   *
   * @param field the field's name
   * @param filter the condition a record must pass to count
   * @return the term
   */
  public static RatioTerm sum(String field, Condition filter) {
    return ImmutableRatioTerm.builder().aggregate(Aggregate.SUM).field(field).filter(filter).build();
  }

  /** {@return the fields this side reads, its filter's included} */
  public List<String> fields() {
    List<String> out = new ArrayList<>();
    field().ifPresent(out::add);
    filter().ifPresent(f -> f.fields().stream().filter(x -> !out.contains(x)).forEach(out::add));
    return out;
  }

  @Value.Check
  void check() {
    Problems problems = new Problems();
    if (aggregate() == Aggregate.SUM) {
      problems.check(field().isPresent() && !field().get().isBlank(), "field", "a sum needs a field");
    } else {
      problems.check(field().isEmpty(), "field", "a count takes no field; use aggregate 'SUM' to sum one");
    }
    problems.throwIfAny("ratio term");
  }

  @Override
  public String toString() {
    String base = aggregate() == Aggregate.COUNT ? "count" : "sum(" + field().get() + ")";
    return filter().map(f -> base + " where " + f).orElse(base);
  }
}
