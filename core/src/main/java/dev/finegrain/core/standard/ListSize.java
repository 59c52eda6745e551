package dev.finegrain.core.standard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.finegrain.core.Severity;
import dev.finegrain.core.internal.Problems;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A list must have {@code min..max} elements, inclusive, such as at least 5 images. In JSON
 * {@code {"type": "list-size", "field": "images", "min": 5}}; at least one bound, neither negative.
 *
 * @since 0.1
 */
@Value.Immutable
@JsonSerialize(as = ImmutableListSize.class)
@JsonDeserialize(as = ImmutableListSize.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public abstract non-sealed class ListSize extends FieldRule {
  ListSize() {}

  /**
   * The fewest elements allowed. Optional: no lower bound when absent.
   *
   * @return the fewest elements allowed
   */
  public abstract Optional<Integer> min();

  /**
   * The most elements allowed. Optional: no upper bound when absent.
   *
   * @return the most elements allowed
   */
  public abstract Optional<Integer> max();

  @Override
  public final String type() {
    return "list-size";
  }

  /**
   * A new builder. Each attribute's accessor says whether it is required or what its default is.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void checkPresent(Object value, String path, Evaluation out) {
    if (!(value instanceof List<?> list)) {
      out.wrongKind(path, "a list", value);
      return;
    }
    Bounds.reportCount(out, path, value, "list", list.size(), "element", min(), max());
  }

  @Override
  public ListSize withId(String id) {
    return builder().from(this).id(id).build();
  }

  @Override
  public ListSize withSeverity(Severity severity) {
    return builder().from(this).severity(severity).build();
  }

  @Value.Check
  void check() {
    Problems problems = commonProblems();
    Bounds.checkCounts(problems, min(), max());
    problems.throwIfAny(subject());
  }

  /**
   * Builds a {@link ListSize} rule.
   *
   * <p>Required: {@link ListSize#field() field}.
   * Every other attribute is optional or has a default, as its accessor says.
   * {@code build()} validates the value; anything missing or invalid fails with one
   * {@link dev.finegrain.core.DefinitionException} naming each problem.
   *
   * @since 0.1
   */
  public static final class Builder extends ImmutableListSize.Builder {
    Builder() {}
  }
}
