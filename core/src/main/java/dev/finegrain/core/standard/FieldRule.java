package dev.finegrain.core.standard;

import dev.finegrain.core.internal.FieldPath;
import dev.finegrain.core.internal.Problems;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A rule about one field, named by a path such as {@code title} or {@code images[0].width}. Inside
 * {@link EachElement} the path is relative to the element, and the empty path is the element
 * itself. An absent field is skipped by every kind but {@link Required}.
 *
 * @since 0.1
 */
public abstract sealed class FieldRule extends Rule
    permits Required, TextLength, TextPattern, ForbiddenTerms, NumberRange, AllowedValues, ListSize, EachElement {
  FieldRule() {}

  /**
   * The field this rule checks, as a path relative to the value checked; the empty path is that
   * value itself (useful inside {@link EachElement}). Required.
   *
   * @return the field path, such as {@code title}, or {@code ""} for the value itself
   */
  public abstract String field();

  /** The field path, parsed once per rule. */
  @Value.Lazy
  FieldPath fieldPath() {
    return FieldPath.parse(field());
  }

  @Override
  final void evaluate(Object root, String at, Evaluation out) {
    String path = FieldPath.join(at, field());
    Optional<Object> value = fieldPath().resolve(root);
    if (value.isPresent()) {
      checkPresent(value.get(), path, out);
    } else {
      checkAbsent(path, out);
    }
  }

  /** Checks a present value found at {@code path}. */
  abstract void checkPresent(Object value, String path, Evaluation out);

  /** Checks an absent field; nothing to report but for {@link Required}. */
  void checkAbsent(String path, Evaluation out) {}

  @Override
  String defaultId() {
    return field().isEmpty() ? type() : type() + ":" + field();
  }

  /** Adds the problems common to field rules: a non-blank id and a well-formed field path. */
  final Problems commonProblems() {
    Problems problems = new Problems();
    problems.checkNotBlank("id", id());
    if (!field().isEmpty()) {
      try {
        fieldPath();
      } catch (IllegalArgumentException e) {
        problems.add("field", e.getMessage());
      }
    }
    return problems;
  }

  final String subject() {
    return type() + " rule '" + id() + "'";
  }
}
