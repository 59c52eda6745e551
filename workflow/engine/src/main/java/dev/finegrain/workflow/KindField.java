package dev.finegrain.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finegrain.core.internal.Problems;
import java.util.List;

/**
 * The {@code "kind"} of a policy written as an object ({@code {"kind": "at-least", "count": 2}}),
 * read as strictly as a definition's {@code "type"}: a kind that is missing says so, and one that is
 * not a text says what it is.
 */
final class KindField {
  private KindField() {}

  /**
   * The text of {@code object}'s kind, one of {@code known} or not; throws, with the problems
   * gathered so far, if the kind is missing or not a text.
   */
  static String read(JsonNode object, List<String> known, Problems problems, String subject) {
    JsonNode kind = object.get("kind");
    if (kind == null) {
      problems.add("", "missing 'kind'; expected one of %s", known).throwIfAny(subject);
    } else if (!kind.isTextual()) {
      problems.add("kind", "expected one of %s, got %s", known, kind.isArray() ? "a list"
          : kind.isObject() ? "an object" : kind.toString()).throwIfAny(subject);
    }
    return kind.asText();
  }
}
