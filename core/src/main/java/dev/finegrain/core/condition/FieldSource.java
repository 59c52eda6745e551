package dev.finegrain.core.condition;

import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Values;
import java.util.Map;
import java.util.Optional;

/**
 * Anything with named fields that a {@link Condition} can be evaluated against: an artifact, a
 * review case's subject, a KPI record. Values are text ({@code String}), whole numbers
 * ({@code Long}), decimals ({@code Double}), {@code Boolean}, {@code Instant}, lists and maps.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FieldSource {
  /**
   * The value at {@code path} (such as {@code images[2].width}), or empty if there is none.
   *
   * @param path the field path
   * @return the value at {@code path} (such as {@code images[2].width}), or empty if there is none
   */
  Optional<Object> field(String path);

  /**
   * A source over a plain map of fields, nested maps and lists allowed.
   *
   * @param fields the fields, by name
   * @return a source over a plain map of fields, nested maps and lists allowed
   * @throws IllegalArgumentException naming the field of a null or unsupported value
   */
  static FieldSource of(Map<String, ?> fields) {
    Object root = Values.normalize("", fields);
    return path -> FieldPath.parse(path).resolve(root);
  }
}
