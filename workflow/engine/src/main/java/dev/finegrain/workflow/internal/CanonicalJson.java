package dev.finegrain.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finegrain.core.json.FinegrainJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A canonical JSON text of a value, for hashing: the value's {@link FinegrainJson} tree written
 * compactly with the keys of every object in sorted order, so that the text depends only on the
 * content and not on property order or indentation.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = FinegrainJson.mapper();

  private CanonicalJson() {}

  /** The canonical text of {@code value}. */
  public static String of(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(MAPPER.valueToTree(value), out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        quote(names.get(i), out);
        out.append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), out);
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else {
      // numbers (Long.toString, Double.toString, BigDecimal.toString) and booleans
      out.append(node.asText());
    }
  }

  /** {@code text} as a JSON string: quotes, backslashes and control characters escaped, the rest as is. */
  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
