package dev.finegrain.kpi;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.internal.Problems;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A roll-up of one group-by dimension to a coarser level and then to all: member → team → all.
 * Rolled-up rows merge the accumulators of the rows below them; they never average results.
 *
 * <pre>{@code
 * Rollup.of("member", "team", Map.of("lin", "content", "zhou", "content", "wang", "design"))
 * }</pre>
 *
 * A member the map does not name rolls up into the team {@value #UNASSIGNED}.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRollup.class)
@JsonDeserialize(as = ImmutableRollup.class)
public abstract class Rollup {
  Rollup() {}

  /** The label of the parent of a value the map does not name. */
  public static final String UNASSIGNED = "(unassigned)";

  /** The label that stands for every value in an "all" row. */
  public static final String ALL = "(all)";

  /** {@return the group-by dimension rolled up, such as {@code member}} */
  public abstract String dimension();

  /** {@return the name of the parent level, such as {@code team}} */
  public abstract String parentLevel();

  /** {@return each value of the dimension to its parent: member to team} */
  public abstract Map<String, String> parents();

  /**
   * A roll-up of {@code dimension} to {@code parentLevel} and to all.
   *
   * @param dimension the group-by dimension rolled up, such as {@code member}
   * @param parentLevel the name of the parent level, such as {@code team}
   * @param parents each value of the dimension to its parent
   * @return the roll-up
   */
  public static Rollup of(String dimension, String parentLevel, Map<String, String> parents) {
    java.util.Objects.requireNonNull(parents, "parents");
    return ImmutableRollup.builder().dimension(dimension).parentLevel(parentLevel).parents(parents).build();
  }

  /**
   * The parent of {@code value}, or {@value #UNASSIGNED}.
   *
   * @param value a value of the rolled-up dimension
   * @return the parent of {@code value}, or {@value #UNASSIGNED}
   */
  public String parentOf(String value) {
    return parents().getOrDefault(value, UNASSIGNED);
  }

  @Value.Check
  void check() {
    new Problems()
        .check(!dimension().isBlank(), "dimension", "must not be blank")
        .check(!parentLevel().isBlank() && !parentLevel().equals(dimension()), "parentLevel",
            "must name a level other than the dimension '%s'", dimension())
        .check(!parentLevel().equals("all"), "parentLevel",
            "must not be 'all', the level of the total rows, or its rows and theirs could not be told apart")
        .throwIfAny("rollup");
  }
}
